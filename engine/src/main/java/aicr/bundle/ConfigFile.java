package aicr.bundle;

import static aicr.gocompat.GoStrings.quote;

import aicr.config.AicrConfig;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.io.Fields;
import aicr.io.Node;
import java.util.List;
import java.util.Map;

/**
 * The {@code spec.bundle} part of an AICRConfig file ({@code --config}): defaults for the
 * bundle flags, typed. Loading and schema checks are the shared {@link AicrConfig}'s.
 */
final class ConfigFile {
    private ConfigFile() {
    }

    /** Values from {@code spec.bundle}; "" / empty / false mean "not set". */
    public record BundleSpec(String recipe, String output, String imageRefs, String deployer, String repo,
                             List<String> set, List<String> dynamic, boolean vendorCharts, String appName,
                             Map<String, String> systemNodeSelector, List<String> systemNodeTolerations,
                             Map<String, String> acceleratedNodeSelector, List<String> acceleratedNodeTolerations,
                             String workloadGate, Map<String, String> workloadSelector, int nodes, String storageClass,
                             boolean attest, String certificateIdentityRegexp, boolean oidcDeviceFlow, String fulcioUrl,
                             String rekorUrl, boolean insecureTls, boolean plainHttp, String recipeOutputPath) {
        public static final BundleSpec EMPTY = new BundleSpec("", "", "", "", "", List.of(), List.of(), false, "",
                Map.of(), List.of(), Map.of(), List.of(), "", Map.of(), 0, "", false, "", false, "", "", false, false, "");
    }

    /** Loads the {@code --config} document (shared loader, schema-checked) and reads its bundle section. */
    public static BundleSpec load(String source) {
        return from(AicrConfig.load(source));
    }

    static BundleSpec from(AicrConfig cfg) {
        Node.MapNode b = cfg.section("bundle");
        if (b == null) {
            return BundleSpec.EMPTY;
        }
        Node.MapNode input = Fields.map(b, "input");
        Node.MapNode output = Fields.map(b, "output");
        Node.MapNode dep = Fields.map(b, "deployment");
        Node.MapNode sch = Fields.map(b, "scheduling");
        Node.MapNode att = Fields.map(b, "attestation");
        Node.MapNode reg = Fields.map(b, "registry");
        String recipe = Fields.str(input, "recipe");
        String recipeOut = cfg.string("recipe", "output", "path");
        if (!recipe.isEmpty() && !recipeOut.isEmpty() && !recipe.equals(recipeOut)) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "spec.bundle.input.recipe (" + quote(recipe)
                    + ") must equal spec.recipe.output.path (" + quote(recipeOut) + ") when both are set");
        }
        return new BundleSpec(recipe, Fields.str(output, "target"), Fields.str(output, "imageRefs"),
                Fields.str(dep, "deployer"), Fields.str(dep, "repo"), list(dep, "set"), list(dep, "dynamic"),
                Fields.bool(dep, "vendorCharts"), Fields.str(dep, "appName"), map(sch, "systemNodeSelector"),
                list(sch, "systemNodeTolerations"), map(sch, "acceleratedNodeSelector"),
                list(sch, "acceleratedNodeTolerations"), Fields.str(sch, "workloadGate"), map(sch, "workloadSelector"),
                Fields.integer(sch, "nodes"), Fields.str(sch, "storageClass").strip(), Fields.bool(att, "enabled"),
                Fields.str(att, "certificateIdentityRegexp"), Fields.bool(att, "oidcDeviceFlow"),
                Fields.str(att, "fulcioURL"), Fields.str(att, "rekorURL"), Fields.bool(reg, "insecureTLS"),
                Fields.bool(reg, "plainHTTP"), recipeOut);
    }

    private static List<String> list(Node.MapNode m, String key) {
        List<String> l = Fields.strList(m, key);
        return l == null ? List.of() : l;
    }

    private static Map<String, String> map(Node.MapNode m, String key) {
        Map<String, String> s = Fields.strMap(m, key);
        return s == null ? Map.of() : s;
    }
}
