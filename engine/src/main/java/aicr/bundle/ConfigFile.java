package aicr.bundle;

import static aicr.bundle.GoStrings.quote;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.io.Fields;
import aicr.io.InputSource;
import aicr.io.Node;
import aicr.io.YamlSyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code spec.bundle} part of an AICRConfig file ({@code --config}, apiVersion
 * aicr.run/v1alpha2): defaults for the bundle flags. Unknown keys are rejected so that a typo
 * does not silently fall back to a default.
 */
public final class ConfigFile {
    private ConfigFile() {
    }

    static final String KIND = "AICRConfig";
    static final String API_VERSION = "aicr.run/v1alpha2";

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

    public static BundleSpec load(String source) {
        Node doc = InputSource.readDocument(source);
        try {
            return decode(Fields.map(doc, "config.AICRConfig"), source);
        } catch (YamlSyntaxException e) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "failed to parse config " + quote(source), e);
        }
    }

    static BundleSpec decode(Node.MapNode root, String source) {
        if (root == null) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "config " + quote(source) + " is empty");
        }
        Fields.strict(root, Set.of("kind", "apiVersion", "metadata", "spec"), "config.AICRConfig");
        if (!KIND.equals(Fields.str(root, "kind"))) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "config " + quote(source) + ": kind must be "
                    + quote(KIND) + ", got " + quote(Fields.str(root, "kind")));
        }
        if (!API_VERSION.equals(Fields.str(root, "apiVersion"))) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "config " + quote(source) + ": apiVersion must be "
                    + quote(API_VERSION) + ", got " + quote(Fields.str(root, "apiVersion")));
        }
        Node.MapNode spec = Fields.map(root, "spec");
        Node.MapNode recipeSpec = Fields.map(spec, "recipe");
        Node.MapNode b = Fields.map(spec, "bundle");
        if (b == null) {
            return BundleSpec.EMPTY;
        }
        Fields.strict(b, Set.of("input", "output", "deployment", "scheduling", "attestation", "registry"), "config.BundleSpec");
        Node.MapNode input = strict(Fields.map(b, "input"), "config.BundleInputSpec", "recipe");
        Node.MapNode output = strict(Fields.map(b, "output"), "config.BundleOutputSpec", "target", "imageRefs");
        Node.MapNode dep = strict(Fields.map(b, "deployment"), "config.DeploymentSpec",
                "deployer", "repo", "set", "dynamic", "vendorCharts", "appName");
        Node.MapNode sch = strict(Fields.map(b, "scheduling"), "config.SchedulingSpec", "systemNodeSelector",
                "systemNodeTolerations", "acceleratedNodeSelector", "acceleratedNodeTolerations", "workloadGate",
                "workloadSelector", "nodes", "storageClass");
        Node.MapNode att = strict(Fields.map(b, "attestation"), "config.AttestationSpec", "enabled",
                "certificateIdentityRegexp", "oidcDeviceFlow", "fulcioURL", "rekorURL");
        Node.MapNode reg = strict(Fields.map(b, "registry"), "config.RegistrySpec", "insecureTLS", "plainHTTP");
        String recipe = Fields.str(input, "recipe");
        String recipeOut = Fields.str(Fields.map(recipeSpec, "output"), "path");
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

    private static Node.MapNode strict(Node.MapNode m, String type, String... keys) {
        Fields.strict(m, Set.of(keys), type);
        return m;
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
