package aicr.bundle.manifest;

import aicr.bundle.template.GoStruct;
import aicr.bundle.template.GoTemplate;
import aicr.bundle.template.TemplateException;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import java.util.LinkedHashMap;

/**
 * Turns a manifest into the text of a local chart template: Go text/template rendering at
 * bundle time (Helm's template functions are not available, only the small set the reference
 * provides), then {@link RenderedYaml} normalisation.
 */
public final class ManifestRenderer {
    private ManifestRenderer() {
    }

    /** Largest manifest accepted for rendering. */
    public static final int MAX_BYTES = 1024 * 1024;

    /** The normalised template text, or "" when nothing but comments remains. */
    public static String render(ManifestFile f, RenderInput in) {
        String rendered;
        try {
            rendered = f.template() ? execute(f, in) : f.text();
        } catch (AicrException e) {
            throw AicrException.wrap(ErrorCode.INTERNAL, "render manifest " + f.path() + " for " + in.component(), e);
        }
        return RenderedYaml.normalize(rendered);
    }

    private static String execute(ManifestFile f, RenderInput in) {
        if (f.content().length > MAX_BYTES) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "manifest content exceeds limit of " + MAX_BYTES + " bytes");
        }
        GoTemplate t;
        try {
            t = GoTemplate.parse("manifest", f.text());
        } catch (TemplateException e) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "failed to parse manifest template", e);
        }
        try {
            return t.execute(GoStruct.manifestData(in.component(),
                    in.values() == null ? new LinkedHashMap<>() : in.values(), in.namespace(), in.chartName(),
                    in.chartVersion()));
        } catch (TemplateException e) {
            throw new AicrException(ErrorCode.INTERNAL, "failed to execute manifest template", e);
        }
    }
}
