package aicr.bundle.template;

import aicr.gocompat.GoStrings;
import java.util.List;

/**
 * Parse-tree nodes. Each node keeps the char offset Go would keep (used for the
 * {@code <name>:<line>:<col>} part of execution errors), and {@link #toString()} reproduces Go's
 * {@code Node.String()}, which execution errors quote as {@code at <...>}.
 */
sealed interface Node {

    int pos();

    record ListNode(int pos, List<Node> nodes) implements Node {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            for (Node n : nodes) {
                sb.append(n);
            }
            return sb.toString();
        }
    }

    record TextNode(int pos, String text) implements Node {
        @Override
        public String toString() {
            return text;
        }
    }

    record ActionNode(int pos, int line, PipeNode pipe) implements Node {
        @Override
        public String toString() {
            return "{{" + pipe + "}}";
        }
    }

    /** A pipeline, with optional variable declarations ({@code $x :=}) or assignments ({@code $x =}). */
    record PipeNode(int pos, int line, boolean isAssign, List<VariableNode> decl, List<CommandNode> cmds)
            implements Node {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            if (!decl.isEmpty()) {
                for (int i = 0; i < decl.size(); i++) {
                    if (i > 0) {
                        sb.append(", ");
                    }
                    sb.append(decl.get(i));
                }
                sb.append(" := "); // Go prints ":=" for assignments too
            }
            for (int i = 0; i < cmds.size(); i++) {
                if (i > 0) {
                    sb.append(" | ");
                }
                sb.append(cmds.get(i));
            }
            return sb.toString();
        }
    }

    record CommandNode(int pos, List<Node> args) implements Node {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < args.size(); i++) {
                if (i > 0) {
                    sb.append(' ');
                }
                Node a = args.get(i);
                if (a instanceof PipeNode) {
                    sb.append('(').append(a).append(')');
                } else {
                    sb.append(a);
                }
            }
            return sb.toString();
        }
    }

    /** A function name. */
    record IdentifierNode(int pos, String ident) implements Node {
        @Override
        public String toString() {
            return ident;
        }
    }

    /** {@code $x} or {@code $x.a.b}: ident[0] is the variable name including the dollar sign. */
    record VariableNode(int pos, List<String> ident) implements Node {
        @Override
        public String toString() {
            return String.join(".", ident);
        }
    }

    record DotNode(int pos) implements Node {
        @Override
        public String toString() {
            return ".";
        }
    }

    record NilNode(int pos) implements Node {
        @Override
        public String toString() {
            return "nil";
        }
    }

    /** {@code .a.b}: ident holds a and b. */
    record FieldNode(int pos, List<String> ident) implements Node {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            for (String id : ident) {
                sb.append('.').append(id);
            }
            return sb.toString();
        }
    }

    /** Field access on a term that is neither a field nor a variable, e.g. {@code (pipeline).a}. */
    record ChainNode(int pos, Node node, List<String> field) implements Node {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            if (node instanceof PipeNode) {
                sb.append('(').append(node).append(')');
            } else {
                sb.append(node);
            }
            for (String f : field) {
                sb.append('.').append(f);
            }
            return sb.toString();
        }
    }

    record BoolNode(int pos, boolean value) implements Node {
        @Override
        public String toString() {
            return value ? "true" : "false";
        }
    }

    /**
     * A number literal with every interpretation Go derives from it: a literal such as
     * {@code 1.0} is both a float and an int, which decides how it is typed per context.
     */
    record NumberNode(int pos, String text, boolean isInt, long int64, boolean isUint, boolean isFloat,
                      double float64) implements Node {
        @Override
        public String toString() {
            return text;
        }
    }

    record StringNode(int pos, String quoted, String text) implements Node {
        @Override
        public String toString() {
            return quoted;
        }
    }

    /** Only produced while parsing; never part of a finished tree. */
    record EndNode(int pos) implements Node {
        @Override
        public String toString() {
            return "{{end}}";
        }
    }

    /** Only produced while parsing; never part of a finished tree. */
    record ElseNode(int pos, int line) implements Node {
        @Override
        public String toString() {
            return "{{else}}";
        }
    }

    enum BranchKind {
        IF("if"), RANGE("range"), WITH("with");

        final String word;

        BranchKind(String word) {
            this.word = word;
        }
    }

    /** if, range and with share one shape. elseList is null when there is no else branch. */
    record BranchNode(BranchKind kind, int pos, int line, PipeNode pipe, ListNode list, ListNode elseList)
            implements Node {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            sb.append("{{").append(kind.word).append(' ').append(pipe).append("}}").append(list);
            if (elseList != null) {
                sb.append("{{else}}").append(elseList);
            }
            return sb.append("{{end}}").toString();
        }
    }

    /** {@code {{template "name" pipeline}}}; pipe is null when absent. */
    record TemplateNode(int pos, int line, String name, PipeNode pipe) implements Node {
        @Override
        public String toString() {
            if (pipe == null) {
                return "{{template " + GoStrings.quote(name) + "}}";
            }
            return "{{template " + GoStrings.quote(name) + " " + pipe + "}}";
        }
    }

    record BreakNode(int pos, int line) implements Node {
        @Override
        public String toString() {
            return "{{break}}";
        }
    }

    record ContinueNode(int pos, int line) implements Node {
        @Override
        public String toString() {
            return "{{continue}}";
        }
    }
}
