package aicr.bundle.manifest;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.comments.CommentLine;
import org.yaml.snakeyaml.comments.CommentType;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.emitter.Emitter;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;
import org.yaml.snakeyaml.serializer.Serializer;

/**
 * Post-render normalisation of a manifest that becomes a template of a local chart: the
 * rendered text is parsed as a YAML stream, empty documents are dropped, Helm's install and
 * upgrade hooks are stripped (the chart is installed by a plain {@code helm upgrade --install},
 * and Argo CD would otherwise treat hooked objects differently), and the documents are written
 * back with a comment-preserving 2-space emitter (comments above a sequence item stay above its
 * {@code -}, and literals keep go-yaml's layout, see {@link GoYamlLayout}).
 *
 * <p>Hooks other than the install/upgrade/rollback/test phases ({@code pre-delete}, ...) are kept
 * with their weight and delete policy.
 */
public final class RenderedYaml {
    private RenderedYaml() {
    }

    /** Hook phases that make no sense for a pre-rendered chart (removed from {@code helm.sh/hook}). */
    static final Set<String> SYNC_PHASES = Set.of("pre-install", "post-install", "pre-upgrade", "post-upgrade",
            "pre-rollback", "post-rollback", "crd-install", "test", "test-success", "test-failure");

    private static final Pattern NAMESPACE_KIND = Pattern.compile("(?m)^kind:\\s+Namespace\\s*$");

    /**
     * Normalised text; "" when nothing but comments, blanks and separators remains.
     *
     * @throws AicrException INVALID_REQUEST when the rendered text is not YAML
     */
    public static String normalize(String rendered) {
        List<Node> docs = parse(rendered);
        List<Node> kept = new ArrayList<>();
        for (Node doc : docs) {
            if (doc == null || isNull(doc)) {
                continue;
            }
            stripHooks(doc);
            dropBlankLines(doc, true);
            kept.add(doc);
        }
        GoYamlLayout.tag(kept, rendered);
        String out = kept.isEmpty() ? rendered : GoYamlLayout.restore(emit(kept));
        return hasObjects(out) ? out : "";
    }

    /** True when a line declares {@code kind: Namespace}: the chart then creates its own namespace. */
    public static boolean declaresNamespace(String text) {
        return NAMESPACE_KIND.matcher(text).find();
    }

    static boolean hasObjects(String text) {
        for (String line : text.split("\n", -1)) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#") && !t.equals("---")) {
                return true;
            }
        }
        return false;
    }

    private static List<Node> parse(String text) {
        LoaderOptions lo = new LoaderOptions();
        lo.setProcessComments(true);
        lo.setAllowDuplicateKeys(true);
        lo.setCodePointLimit(16 * 1024 * 1024);
        // the nesting bound of every document (a template may embed values that deep); aliases keep
        // SnakeYAML's default bound (50), far above what a rendered manifest uses
        lo.setNestingDepthLimit(aicr.io.InputLimits.MAX_DEPTH);
        Composer composer = new Composer(new ParserImpl(new StreamReader(new StringReader(text)), lo), new Resolver(), lo);
        List<Node> out = new ArrayList<>();
        try {
            while (composer.checkNode()) {
                out.add(composer.getNode());
            }
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
            throw new AicrException(ErrorCode.INVALID_REQUEST, "failed to parse rendered manifest as YAML",
                    new IllegalArgumentException("yaml: " + (m == null ? "" : "line " + (m.getLine() + 1) + ": ") + problem));
        } catch (YAMLException e) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "failed to parse rendered manifest as YAML",
                    new IllegalArgumentException("yaml: " + e.getMessage()));
        }
        return out;
    }

    private static boolean isNull(Node n) {
        return n instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
    }

    private static void stripHooks(Node doc) {
        MappingNode annotations = mapping(valueOf(doc, "metadata"), "annotations");
        if (annotations == null) {
            return;
        }
        String kept = null;
        for (NodeTuple t : annotations.getValue()) {
            if (keyIs(t, "helm.sh/hook") && t.getValueNode() instanceof ScalarNode v) {
                Set<String> phases = new LinkedHashSet<>();
                for (String p : v.getValue().split(",", -1)) {
                    String ph = p.strip();
                    if (!ph.isEmpty() && !SYNC_PHASES.contains(ph)) {
                        phases.add(ph);
                    }
                }
                kept = phases.isEmpty() ? null : String.join(",", phases);
                break;
            }
        }
        List<NodeTuple> out = new ArrayList<>();
        for (Iterator<NodeTuple> it = annotations.getValue().iterator(); it.hasNext(); ) {
            NodeTuple t = it.next();
            if (keyIs(t, "helm.sh/hook")) {
                if (kept == null) {
                    continue;
                }
                ScalarNode v = (ScalarNode) t.getValueNode();
                t = new NodeTuple(t.getKeyNode(), new ScalarNode(v.getTag(), kept, v.getStartMark(), v.getEndMark(),
                        v.getScalarStyle()));
            } else if ((keyIs(t, "helm.sh/hook-weight") || keyIs(t, "helm.sh/hook-delete-policy")) && kept == null) {
                continue;
            }
            out.add(t);
        }
        if (out.isEmpty()) {
            annotations.setFlowStyle(DumperOptions.FlowStyle.FLOW);
        }
        annotations.setValue(out);
    }

    /**
     * Blank lines between nodes are layout, not content; like the reference's emitter only the
     * head of a document keeps them (one blank line between comment blocks).
     */
    private static void dropBlankLines(Node n, boolean head) {
        n.setBlockComments(blankFiltered(n.getBlockComments(), head));
        if (n instanceof MappingNode m) {
            boolean first = head;
            for (NodeTuple t : m.getValue()) {
                dropBlankLines(t.getKeyNode(), first);
                dropBlankLines(t.getValueNode(), false);
                first = false;
            }
        } else if (n instanceof org.yaml.snakeyaml.nodes.SequenceNode s) {
            boolean first = head;
            for (Node item : s.getValue()) {
                dropBlankLines(item, first);
                first = false;
            }
        }
    }

    private static List<CommentLine> blankFiltered(List<CommentLine> comments, boolean head) {
        if (comments == null || comments.isEmpty()) {
            return comments;
        }
        List<CommentLine> out = new ArrayList<>();
        for (CommentLine c : comments) {
            boolean blank = c.getCommentType() == CommentType.BLANK_LINE;
            if (!blank) {
                out.add(c);
            } else if (head && !out.isEmpty() && out.get(out.size() - 1).getCommentType() != CommentType.BLANK_LINE) {
                out.add(c);
            }
        }
        while (!out.isEmpty() && out.get(out.size() - 1).getCommentType() == CommentType.BLANK_LINE) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    private static boolean keyIs(NodeTuple t, String key) {
        return t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key);
    }

    private static Node valueOf(Node map, String key) {
        if (map instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (keyIs(t, key)) {
                    return t.getValueNode();
                }
            }
        }
        return null;
    }

    private static MappingNode mapping(Node map, String key) {
        return valueOf(map, key) instanceof MappingNode m ? m : null;
    }

    private static String emit(List<Node> docs) {
        DumperOptions opts = new DumperOptions();
        opts.setIndent(2);
        opts.setIndicatorIndent(2);
        opts.setIndentWithIndicator(true);
        opts.setWidth(Integer.MAX_VALUE);
        opts.setSplitLines(false);
        opts.setProcessComments(true);
        opts.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        StringWriter w = new StringWriter();
        Serializer s = new Serializer(new Emitter(w, opts), new Resolver(), opts, null);
        try {
            s.open();
            for (Node d : docs) {
                s.serialize(d);
            }
            s.close();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("writing to a string cannot fail", e);
        }
        return w.toString();
    }
}
