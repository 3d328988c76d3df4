package aicr.bundle.template;

import aicr.bundle.template.GoTemplate;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fixed text files of a bundle (READMEs, deploy.sh, install.sh, Argo CD Applications, ...)
 * are Go text/template resources under {@code aicr/bundle/}, rendered with the same engine as
 * component manifests. Parsed templates are cached per process.
 */
public final class BundleTemplates {
    private BundleTemplates() {
    }

    private static final Map<String, GoTemplate> CACHE = new ConcurrentHashMap<>();

    /** Renders {@code aicr/bundle/<name>} with {@code data} as dot. */
    public static String render(String name, Object data) {
        GoTemplate t = CACHE.computeIfAbsent(name, BundleTemplates::load);
        try {
            return t.execute(data);
        } catch (RuntimeException e) {
            throw new AicrException(ErrorCode.INTERNAL, "failed to execute template " + name, e);
        }
    }

    /** A resource copied verbatim into bundles (it may contain Helm template syntax, which is not ours to run). */
    public static String text(String name) {
        return TEXT.computeIfAbsent(name, BundleTemplates::read);
    }

    private static final Map<String, String> TEXT = new ConcurrentHashMap<>();

    private static GoTemplate load(String name) {
        return GoTemplate.parse(name, read(name));
    }

    private static String read(String name) {
        String resource = "aicr/bundle/" + name;
        try (InputStream in = BundleTemplates.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new AicrException(ErrorCode.INTERNAL, "bundle template missing from the jar: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AicrException(ErrorCode.INTERNAL, "failed to read bundle template " + resource, e);
        }
    }
}
