package aicr.bundle.manifest;

import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.comments.CommentLine;
import org.yaml.snakeyaml.comments.CommentType;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Brings SnakeYAML's emitted layout to go-yaml v3's where the two differ for manifests:
 *
 * <ul>
 * <li>Comment lines that precede a block-sequence item go above its {@code -} (go-yaml's emitter
 *     writes an item's head comment before the indicator; SnakeYAML writes {@code - # comment}
 *     and the item below it).</li>
 * <li>A literal scalar that starts with a line break (the {@code |} + {@code nindent} idiom of
 *     Helm templates) is written by go-yaml with the {@code |2} hint and without that first
 *     break: its emitter ends the header line with the value's first break. SnakeYAML writes an
 *     empty line there.</li>
 * </ul>
 *
 * SnakeYAML's emitter is final and cannot be told either, so the nodes are tagged with a
 * private-use character before emission and only the lines that carry the tag are rewritten
 * afterwards; block scalars whose text merely looks like a comment are never touched. When the
 * input already holds the tag character, nothing is tagged and SnakeYAML's layout stays.
 */
final class GoYamlLayout {
    private GoYamlLayout() {
    }

    /** A private-use character that marks what {@link #restore} must rewrite. */
    private static final char TAG = '\uE000';

    /** Tags the nodes of {@code docs} whose layout differs, unless {@code source} holds the tag. */
    static void tag(List<Node> docs, String source) {
        if (source.indexOf(TAG) < 0) {
            docs.replaceAll(GoYamlLayout::walk);
        }
    }

    /** Tags below {@code n}; returns {@code n}, or its replacement when it is a tagged scalar (scalars are immutable). */
    private static Node walk(Node n) {
        if (n instanceof MappingNode m) {
            m.getValue().replaceAll(t -> new NodeTuple(walk(t.getKeyNode()), walk(t.getValueNode())));
        } else if (n instanceof SequenceNode s) {
            boolean block = s.getFlowStyle() != DumperOptions.FlowStyle.FLOW;
            for (Node item : s.getValue()) {
                if (block) {
                    tagLeadingComments(item);
                }
            }
            s.getValue().replaceAll(GoYamlLayout::walk);
        } else if (n instanceof ScalarNode s && s.getAnchor() == null && s.getScalarStyle() == DumperOptions.ScalarStyle.LITERAL
                && s.getValue().startsWith("\n") && s.getValue().chars().skip(1).anyMatch(c -> c != '\n')) {
            // the first break becomes the tag: no SnakeYAML hint, the tag line is where go-yaml's content
            // starts; the value's end, and so its chomping indicator, is unchanged (it has text after the break)
            ScalarNode tagged = new ScalarNode(s.getTag(), TAG + s.getValue().substring(1), s.getStartMark(),
                    s.getEndMark(), s.getScalarStyle());
            tagged.setAnchor(s.getAnchor());
            tagged.setBlockComments(s.getBlockComments());
            tagged.setInLineComments(s.getInLineComments());
            tagged.setEndComments(s.getEndComments());
            return tagged;
        }
        return n;
    }

    /**
     * The comments SnakeYAML writes right after an item's {@code -}: the item's own and, for a
     * mapping, those of its first key (where the composer attaches a comment above {@code - k: v}).
     */
    private static void tagLeadingComments(Node item) {
        tagComments(item);
        if (item instanceof MappingNode m && !m.getValue().isEmpty()) {
            tagComments(m.getValue().get(0).getKeyNode());
        }
    }

    private static void tagComments(Node n) {
        List<CommentLine> comments = n.getBlockComments();
        if (comments == null || comments.isEmpty()
                || comments.stream().anyMatch(c -> c.getCommentType() != CommentType.BLOCK)) {
            return; // blank lines in between: leave SnakeYAML's layout
        }
        List<CommentLine> tagged = new ArrayList<>();
        for (CommentLine c : comments) {
            tagged.add(new CommentLine(c.getStartMark(), c.getEndMark(), TAG + c.getValue(), c.getCommentType()));
        }
        n.setBlockComments(tagged);
    }

    /** Rewrites the tagged lines of SnakeYAML's output the way go-yaml lays them out; drops every tag. */
    static String restore(String emitted) {
        if (emitted.indexOf(TAG) < 0) {
            return emitted;
        }
        String[] lines = emitted.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int indent = indentOf(lines[i]);
            if (lines[i].startsWith("- #" + TAG, indent)) {
                i = liftComments(lines, i, indent);
            } else if (lines[i].startsWith(String.valueOf(TAG), indent) && i > 0) {
                restoreLeadingBreak(lines, i, indent);
            }
        }
        return String.join("\n", lines).replace(String.valueOf(TAG), "");
    }

    /**
     * {@code <i>- #c1 / <i+2>#c2 / <i+2>content} becomes {@code <i>#c1 / <i>#c2 / <i>- content}.
     *
     * @return the last line looked at
     */
    private static int liftComments(String[] lines, int first, int dash) {
        String pad = lines[first].substring(0, dash);
        String inner = pad + "  ";
        int end = first + 1;
        while (end < lines.length && lines[end].startsWith(inner + "#" + TAG)) {
            end++;
        }
        if (end == lines.length || indentOf(lines[end]) != inner.length()) {
            return first; // not the shape SnakeYAML writes for an item: leave it
        }
        lines[first] = pad + lines[first].substring(dash + 2);
        for (int j = first + 1; j < end; j++) {
            lines[j] = pad + lines[j].substring(inner.length());
        }
        lines[end] = pad + "- " + lines[end].substring(inner.length());
        return end;
    }

    /**
     * The first content line of a literal that started with a break: the header before it gets
     * go-yaml's {@code 2} indentation hint (before any chomping indicator); a line that held only
     * the tag is an empty line.
     */
    private static void restoreLeadingBreak(String[] lines, int at, int indent) {
        String header = lines[at - 1];
        int bar = header.lastIndexOf('|');
        String chomp = bar < 0 ? "" : header.substring(bar + 1);
        if (bar < 0 || !(chomp.isEmpty() || chomp.equals("-") || chomp.equals("+"))) {
            return;
        }
        lines[at - 1] = header.substring(0, bar + 1) + "2" + chomp;
        if (lines[at].length() == indent + 1) {
            lines[at] = "";
        }
    }

    private static int indentOf(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }
}
