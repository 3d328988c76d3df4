package aicr.recipe;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.gocompat.GoStrings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Rejects component refs whose fields contradict each other (the deployers would treat them
 * differently). At most one problem per ref; problems are sorted and joined.
 */
final class Coherence {
    private Coherence() {
    }

    static void check(List<ComponentRef> refs) {
        List<String> problems = new ArrayList<>();
        for (ComponentRef r : refs) {
            if (!r.enabled()) {
                continue;
            }
            String p = problem(r);
            if (p != null) {
                problems.add(p);
            }
        }
        if (!problems.isEmpty()) {
            problems.sort(null);
            throw new AicrException(ErrorCode.INVALID_REQUEST,
                    "recipe has incoherent component ref(s): " + String.join("; ", problems));
        }
    }

    static String problem(ComponentRef r) {
        String c = r.name();
        if (r.patches() != null && !r.patches().isEmpty()) {
            return "component \"" + c + "\" declares patches, but no deployer applies patch files; remove `patches` "
                    + "(removing it does not change the generated bundle). See #1588.";
        }
        String type = r.type().toLowerCase(Locale.ROOT);
        if (type.equals("helm")) {
            if (!r.tag().isEmpty() || !r.path().isEmpty()) {
                return "component \"" + c + "\" is Helm but carries Kustomize field(s) (tag=" + GoStrings.quote(r.tag())
                        + ", path=" + GoStrings.quote(r.path()) + "); the field-classifying deployers would treat it as "
                        + "Kustomize while the Type-switching Flux deployer would treat it as Helm, so the same ref "
                        + "deploys differently — remove the tag/path, or convert it into a coherent Kustomize ref "
                        + "(which needs a path, and a source if it sets a tag)";
            }
            if (!r.chart().equals(r.chart().strip())) {
                return "Helm component \"" + c + "\" has a chart name with surrounding whitespace (" + GoStrings.quote(r.chart())
                        + "); set the exact chart name or omit the field (see #1615)";
            }
            if (!r.source().equals(r.source().strip())) {
                return "Helm component \"" + c + "\" has a source with surrounding whitespace (" + GoStrings.quote(r.source())
                        + "); set the exact repository or omit the field (see #1615)";
            }
            if (!r.version().equals(r.version().strip())) {
                return "Helm component \"" + c + "\" has a chart version with surrounding whitespace ("
                        + GoStrings.quote(r.version()) + "); set the exact chart version (see #1615)";
            }
            if (!r.version().isEmpty() && (r.version().startsWith("v") ? r.version().substring(1) : r.version()).isEmpty()) {
                return "Helm component \"" + c + "\" has chart version " + GoStrings.quote(r.version()) + ", which Flux/Argo CD "
                        + "normalize to empty for non-OCI outputs and vendored wrappers replace with a fabricated "
                        + "default; set a full chart version (see #1615)";
            }
            if (!r.source().isEmpty() && r.version().isEmpty()) {
                return "Helm component \"" + c + "\" has no chart version; set version: on the componentRef — "
                        + "criteria-resolved recipes may inherit it from helm.defaultVersion in the component registry "
                        + "(see #1615)";
            }
            if (r.source().isEmpty() && !r.chart().isEmpty()) {
                return "Helm component \"" + c + "\" has a chart name (" + GoStrings.quote(r.chart()) + ") but no source "
                        + "repository; the deployers have no repository to pull from — set source:, or remove the "
                        + "chart for a manifest-only component (see #1615)";
            }
            if (r.source().isEmpty() && r.chart().isEmpty() && (r.manifestFiles() == null || r.manifestFiles().isEmpty())) {
                return "Helm component \"" + c + "\" has no deployable primary (no source, no chart, and no primary "
                        + "manifestFiles; preManifestFiles alone are auxiliary to a primary release) — add a chart "
                        + "source or primary manifest files (see #1615)";
            }
            return null;
        }
        if (type.equals("kustomize")) {
            if (r.path().isEmpty()) {
                return "component \"" + c + "\" is Kustomize but has no path; a path is required to build from";
            }
            if (!r.tag().isEmpty() && r.source().isEmpty()) {
                return "component \"" + c + "\" is Kustomize with tag " + GoStrings.quote(r.tag())
                        + " but no source; a tag is only meaningful with a git source";
            }
            if (r.manifestFiles() != null && !r.manifestFiles().isEmpty()) {
                return "component \"" + c + "\" is Kustomize but also declares manifestFiles; a component may declare "
                        + "either Kustomize (tag/path) or raw manifest files, not both";
            }
            return null;
        }
        return "component \"" + c + "\" has unsupported type " + GoStrings.quote(r.type()) + "; expected \"Helm\" or \"Kustomize\"";
    }
}
