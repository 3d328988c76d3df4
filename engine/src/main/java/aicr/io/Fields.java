package aicr.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed field access on mappings, with the reference's decoding rules: a string field takes
 * the literal scalar text ({@code version: 1.0} stays "1.0"), null or absent gives the zero
 * value, and a collection where a scalar belongs is an error naming the line.
 */
public final class Fields {
    private Fields() {
    }

    public static Node.MapNode map(Node n, String what) {
        if (n == null || (n instanceof Node.ScalarNode s && s.isNull())) {
            return null;
        }
        if (n instanceof Node.MapNode m) {
            return m;
        }
        throw mismatch(n, what.isEmpty() ? "map" : what);
    }

    public static Node.MapNode map(Node.MapNode parent, String key) {
        return parent == null ? null : map(parent.get(key), "map");
    }

    /** String field: literal text of a scalar, "" for absent or null. */
    public static String str(Node.MapNode m, String key) {
        Node n = m == null ? null : m.get(key);
        if (n == null) {
            return "";
        }
        if (n instanceof Node.ScalarNode s) {
            return s.isNull() ? "" : s.text();
        }
        throw mismatch(n, "string");
    }

    public static boolean bool(Node.MapNode m, String key) {
        Node n = m == null ? null : m.get(key);
        if (n == null || (n instanceof Node.ScalarNode s0 && s0.isNull())) {
            return false;
        }
        if (n instanceof Node.ScalarNode s && Scalars.value(s) instanceof Boolean b) {
            return b;
        }
        throw mismatch(n, "bool");
    }

    public static int integer(Node.MapNode m, String key) {
        Node n = m == null ? null : m.get(key);
        if (n == null || (n instanceof Node.ScalarNode s0 && s0.isNull())) {
            return 0;
        }
        if (n instanceof Node.ScalarNode s) {
            Object v = Scalars.value(s);
            if (v instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
                return l.intValue();
            }
            if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < Integer.MAX_VALUE) {
                return d.intValue();
            }
        }
        throw mismatch(n, "int");
    }

    /** Tri-state list: null when absent or null, else the literal texts. */
    public static List<String> strList(Node.MapNode m, String key) {
        Node n = m == null ? null : m.get(key);
        if (n == null || (n instanceof Node.ScalarNode s && s.isNull())) {
            return null;
        }
        if (!(n instanceof Node.SeqNode seq)) {
            throw mismatch(n, "[]string");
        }
        List<String> out = new ArrayList<>(seq.items().size());
        for (Node item : seq.items()) {
            if (item instanceof Node.ScalarNode s) {
                out.add(s.isNull() ? "" : s.text());
            } else {
                throw mismatch(item, "string");
            }
        }
        return out;
    }

    /** Tri-state list of mappings (null when absent or null). */
    public static List<Node.MapNode> mapList(Node.MapNode m, String key) {
        Node n = m == null ? null : m.get(key);
        if (n == null || (n instanceof Node.ScalarNode s && s.isNull())) {
            return null;
        }
        if (!(n instanceof Node.SeqNode seq)) {
            throw mismatch(n, "list");
        }
        List<Node.MapNode> out = new ArrayList<>(seq.items().size());
        for (Node item : seq.items()) {
            Node.MapNode mm = map(item, "map");
            out.add(mm == null ? new Node.MapNode(Map.of(), item.line()) : mm);
        }
        return out;
    }

    /** Free-form map field as plain values (null when absent or null). */
    public static Map<String, Object> values(Node.MapNode m, String key) {
        Node n = m == null ? null : m.get(key);
        if (n == null || (n instanceof Node.ScalarNode s && s.isNull())) {
            return null;
        }
        if (!(n instanceof Node.MapNode)) {
            throw mismatch(n, "map");
        }
        return Values.mapOf(n);
    }

    /** Map of string to string (selectors, contexts): literal texts. */
    public static Map<String, String> strMap(Node.MapNode m, String key) {
        Node.MapNode mm = map(m, key);
        if (mm == null) {
            return null;
        }
        Map<String, String> out = new java.util.LinkedHashMap<>();
        mm.entries().forEach((k, v) -> {
            if (v instanceof Node.ScalarNode s) {
                out.put(k, s.isNull() ? "" : s.text());
            } else {
                throw mismatch(v, "string");
            }
        });
        return out;
    }

    /** Rejects keys outside {@code allowed} (strict decoding). */
    public static void strict(Node.MapNode m, Set<String> allowed, String type) {
        if (m == null) {
            return;
        }
        for (Map.Entry<String, Node> e : m.entries().entrySet()) {
            if (!allowed.contains(e.getKey())) {
                throw new YamlSyntaxException("line " + e.getValue().line() + ": field " + e.getKey()
                        + " not found in type " + type);
            }
        }
    }

    public static YamlSyntaxException mismatch(Node n, String type) {
        return new YamlSyntaxException("line " + n.line() + ": cannot unmarshal " + n.yamlKind()
                + (n instanceof Node.ScalarNode s ? " `" + s.text() + "`" : "") + " into " + type);
    }
}
