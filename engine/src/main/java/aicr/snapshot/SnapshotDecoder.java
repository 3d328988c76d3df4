package aicr.snapshot;

import aicr.io.Node;
import aicr.io.Scalars;
import aicr.io.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives a parsed YAML/JSON tree the meaning of a snapshot, leniently as the reference does:
 * unknown fields are ignored, missing lists and maps are empty, unknown measurement types
 * load and are simply never matched.
 */
final class SnapshotDecoder {
    private final boolean json;

    private SnapshotDecoder(boolean json) {
        this.json = json;
    }

    /** Throws {@link DecodeException} describing the first decode problem. */
    static Snapshot decode(Node root, boolean json) {
        return new SnapshotDecoder(json).snapshot(root);
    }

    private Snapshot snapshot(Node root) {
        Node.MapNode m = mapping(root, "Snapshot");
        if (m == null) {
            return new Snapshot("", "", Map.of(), null, List.of());
        }
        List<Measurement> ms = new ArrayList<>();
        for (Node n : sequence(m.get("measurements"))) {
            Node.MapNode mm = mapping(n, "Measurement");
            if (mm == null) {
                continue; // a null entry: the reference keeps a nil pointer that no lookup matches
            }
            List<Subtype> subs = new ArrayList<>();
            for (Node s : sequence(mm.get("subtypes"))) {
                subs.add(subtype(s));
            }
            ms.add(new Measurement(string(mm.get("type")), subs));
        }
        return new Snapshot(string(m.get("kind")), string(m.get("apiVersion")),
                stringMap(m.get("metadata"), null), m.get("fingerprint"), ms);
    }

    private Subtype subtype(Node n) {
        try {
            Node.MapNode m = mapping(n, "Subtype");
            if (m == null) {
                return new Subtype("", Map.of(), Map.of(), List.of());
            }
            List<Item> items = new ArrayList<>();
            for (Node i : sequence(m.get("items"))) {
                items.add(item(i));
            }
            return new Subtype(string(m.get("subtype")), data(m.get("data")), stringMap(m.get("context"), null), items);
        } catch (DecodeException e) {
            // The reference decodes subtypes with their own unmarshaler, which adds a layer.
            throw new DecodeException("[INVALID_REQUEST] "
                    + (json ? "failed to unmarshal subtype JSON" : "failed to decode subtype YAML") + ": " + e.getMessage());
        }
    }

    private Item item(Node n) {
        Node.MapNode m = mapping(n, "ItemEntry");
        if (m == null) {
            return new Item(Map.of(), Map.of());
        }
        return new Item(stringMap(m.get("context"), null), data(m.get("data")));
    }

    private Map<String, Reading> data(Node n) {
        Node.MapNode m = mapping(n, "map[string]interface {}");
        Map<String, Reading> out = new LinkedHashMap<>();
        if (m != null) {
            m.entries().forEach((k, v) -> out.put(k, Reading.ofDecoded(Values.of(v))));
        }
        return out;
    }

    private Map<String, String> stringMap(Node n, String unused) {
        Node.MapNode m = mapping(n, "map[string]string");
        Map<String, String> out = new LinkedHashMap<>();
        if (m != null) {
            m.entries().forEach((k, v) -> out.put(k, string(v)));
        }
        return out;
    }

    /**
     * A string field. YAML keeps the literal text of any scalar ({@code n: 0o17} stays
     * {@code 0o17}); JSON accepts only strings (and null, which leaves the zero value).
     */
    private String string(Node n) {
        if (n == null) {
            return "";
        }
        if (n instanceof Node.ScalarNode s) {
            if (s.isNull()) {
                return "";
            }
            if (json && s.kind() != Node.ScalarKind.STR) {
                throw mismatch(n, "string", jsonKind(s));
            }
            return s.text();
        }
        throw mismatch(n, "string", json ? (n instanceof Node.MapNode ? "object" : "array") : n.yamlKind());
    }

    private Node.MapNode mapping(Node n, String type) {
        if (n == null || (n instanceof Node.ScalarNode s && s.isNull())) {
            return null;
        }
        if (n instanceof Node.MapNode m) {
            return m;
        }
        throw mismatch(n, type, json ? kindOf(n) : n.yamlKind());
    }

    private List<Node> sequence(Node n) {
        if (n == null || (n instanceof Node.ScalarNode s && s.isNull())) {
            return List.of();
        }
        if (n instanceof Node.SeqNode seq) {
            return seq.items();
        }
        throw mismatch(n, "slice", json ? kindOf(n) : n.yamlKind());
    }

    private String kindOf(Node n) {
        if (n instanceof Node.MapNode) {
            return "object";
        }
        if (n instanceof Node.SeqNode) {
            return "array";
        }
        return jsonKind((Node.ScalarNode) n);
    }

    private static String jsonKind(Node.ScalarNode s) {
        return switch (s.kind()) {
            case BOOL -> "bool";
            case FLOAT, INT -> "number";
            default -> Scalars.value(s) instanceof Boolean ? "bool" : "string";
        };
    }

    /** Go-decoder-like wording ({@code cannot unmarshal !!seq into string}), naming the line. */
    private DecodeException mismatch(Node n, String target, String found) {
        return new DecodeException(json
                ? "json: cannot unmarshal " + found + " into Go value of type " + target + " (line " + n.line() + ")"
                : "yaml: line " + n.line() + ": cannot unmarshal " + found + " into " + target);
    }

    /** A decode problem; the message is the full detail text, already rendered. */
    static final class DecodeException extends RuntimeException {
        DecodeException(String message) {
            super(message, null, false, false);
        }
    }
}
