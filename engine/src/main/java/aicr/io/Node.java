package aicr.io;

import java.util.List;
import java.util.Map;

/**
 * A parsed YAML or JSON document before it is given meaning. Scalars keep their literal
 * text next to how they were written, because the reference reads the same scalar two
 * ways: typed fields of its documents ({@code version: 1.0}) keep the literal text, while
 * free-form maps (Helm values, overrides) resolve it to a native type.
 */
public sealed interface Node permits Node.MapNode, Node.SeqNode, Node.ScalarNode {

    /** 1-based line of the node in its source, 0 when unknown (pre-parsed catalog). */
    int line();

    /** Kind names as the reference's error messages spell them. */
    String yamlKind();

    /** A mapping; keys are the literal text of the key scalars, in document order. */
    record MapNode(Map<String, Node> entries, int line) implements Node {
        public Node get(String key) {
            return entries.get(key);
        }

        @Override
        public String yamlKind() {
            return "!!map";
        }
    }

    /** A sequence. */
    record SeqNode(List<Node> items, int line) implements Node {
        @Override
        public String yamlKind() {
            return "!!seq";
        }
    }

    /**
     * A scalar: its literal text and how its type is decided. {@link ScalarKind#PLAIN} means an
     * unquoted, untagged YAML scalar whose type the resolver decides; the other kinds are fixed
     * by quoting, an explicit tag, or JSON syntax.
     */
    record ScalarNode(String text, ScalarKind kind, int line) implements Node {
        @Override
        public String yamlKind() {
            return switch (kind) {
                case STR -> "!!str";
                case INT -> "!!int";
                case FLOAT -> "!!float";
                case BOOL -> "!!bool";
                case NULL -> "!!null";
                case TIMESTAMP -> "!!timestamp";
                case PLAIN -> Scalars.resolvedTag(text);
            };
        }

        /** True for a scalar that means null (plain {@code ~}/{@code null}/empty, JSON null, !!null). */
        public boolean isNull() {
            return kind == ScalarKind.NULL || (kind == ScalarKind.PLAIN && Scalars.isNullText(text));
        }
    }

    /** How a scalar's type is decided. */
    enum ScalarKind { PLAIN, STR, INT, FLOAT, BOOL, NULL, TIMESTAMP }
}
