package aicr.criteria;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.io.Fields;
import aicr.io.JsonReader;
import aicr.io.Node;
import aicr.io.YamlReader;
import aicr.io.YamlSyntaxException;
import aicr.io.InputSource;
import java.nio.file.Path;

/**
 * A {@code RecipeCriteria} document (the {@code --criteria} file and the HTTP POST body):
 * optional kind/apiVersion that must be right when present, criteria under {@code spec},
 * unknown fields ignored.
 */
public final class CriteriaFile {
    private CriteriaFile() {
    }

    public static final long MAX_SIZE = 1024 * 1024;

    public static Criteria load(Path path, CriteriaRegistry registry) {
        String text;
        try {
            text = InputSource.readText(path, path.toString(), MAX_SIZE);
        } catch (AicrException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                throw new AicrException(ErrorCode.NOT_FOUND, "criteria file not found: " + path);
            }
            throw e;
        }
        try {
            Node doc = path.toString().endsWith(".json") ? JsonReader.parse(text) : YamlReader.parse(text);
            return parse(doc, registry);
        } catch (YamlSyntaxException e) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "failed to parse criteria file " + path, e);
        }
    }

    public static Criteria parse(Node doc, CriteriaRegistry registry) {
        Node.MapNode m = Fields.map(doc, "RecipeCriteria");
        String kind = Fields.str(m, "kind");
        if (!kind.isEmpty() && !kind.equals("RecipeCriteria")) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "invalid kind \"" + kind + "\", expected \"RecipeCriteria\"");
        }
        String api = Fields.str(m, "apiVersion");
        if (!api.isEmpty() && !api.equals("aicr.run/v1alpha2")) {
            throw new AicrException(ErrorCode.INVALID_REQUEST,
                    "invalid apiVersion \"" + api + "\", expected \"aicr.run/v1alpha2\"");
        }
        Node.MapNode spec = Fields.map(m, "spec");
        Criteria c = Criteria.fresh();
        for (Dimension d : Dimension.values()) {
            String raw = Fields.str(spec, d.key());
            if (raw.isEmpty()) {
                continue;
            }
            try {
                c = c.with(d, registry.parse(d, raw));
            } catch (AicrException e) {
                throw AicrException.wrap(ErrorCode.INVALID_REQUEST, "invalid " + d.key() + " in criteria spec", e);
            }
        }
        int nodes = Fields.integer(spec, "nodes");
        if (nodes < 0) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "invalid nodes count: " + nodes + " (must be >= 0)");
        }
        return c.withNodes(nodes);
    }
}
