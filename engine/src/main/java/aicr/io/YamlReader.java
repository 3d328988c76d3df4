package aicr.io;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads YAML into {@link Node} trees. SnakeYAML only composes the node graph (syntax,
 * anchors, aliases); its YAML 1.1 type resolution is bypassed so that {@link Scalars}
 * can apply the reference's rules. Duplicate keys are rejected as the reference does.
 */
public final class YamlReader {
    private YamlReader() {
    }

    /** Marks scalars that were written plain and untagged: their type is resolved later. */
    private static final Tag PLAIN = new Tag("tag:aicr-j,2026:plain");
    private static final int MAX_CODE_POINTS = 64 * 1024 * 1024;

    /** Parses the first document; returns null for an empty stream. */
    public static Node parse(String text) {
        List<Node> docs = parse(text, true);
        return docs.isEmpty() ? null : docs.get(0);
    }

    /** Parses every document of a multi-document stream (empty documents give null entries). */
    public static List<Node> parseAll(String text) {
        return parse(text, false);
    }

    private static List<Node> parse(String text, boolean firstOnly) {
        LoaderOptions opts = new LoaderOptions();
        opts.setCodePointLimit(MAX_CODE_POINTS);
        opts.setMaxAliasesForCollections(1000);
        opts.setProcessComments(false);
        Composer composer = new Composer(new ParserImpl(new StreamReader(new StringReader(text)), opts),
                new PlainResolver(), opts);
        List<Node> out = new ArrayList<>();
        try {
            while (composer.checkNode()) {
                org.yaml.snakeyaml.nodes.Node n = composer.getNode();
                out.add(n == null ? null : convert(n, new IdentityHashMap<>()));
                if (firstOnly) {
                    break;
                }
            }
        } catch (MarkedYAMLException e) {
            throw new YamlSyntaxException(describe(e), e);
        } catch (YAMLException e) {
            throw new YamlSyntaxException(e.getMessage(), e);
        }
        return out;
    }

    private static String describe(MarkedYAMLException e) {
        Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
        return m == null ? String.valueOf(problem) : "line " + (m.getLine() + 1) + ": " + problem;
    }

    private static Node convert(org.yaml.snakeyaml.nodes.Node n,
                                IdentityHashMap<org.yaml.snakeyaml.nodes.Node, Boolean> active) {
        int line = n.getStartMark() == null ? 0 : n.getStartMark().getLine() + 1;
        if (n instanceof ScalarNode s) {
            return new Node.ScalarNode(s.getValue(), kindOf(s), line);
        }
        if (active.put(n, Boolean.TRUE) != null) {
            throw new YamlSyntaxException("line " + line + ": recursive alias");
        }
        try {
            if (n instanceof SequenceNode seq) {
                List<Node> items = new ArrayList<>(seq.getValue().size());
                for (org.yaml.snakeyaml.nodes.Node item : seq.getValue()) {
                    items.add(convert(item, active));
                }
                return new Node.SeqNode(List.copyOf(items), line);
            }
            MappingNode map = (MappingNode) n;
            Map<String, Node> entries = new LinkedHashMap<>();
            Map<String, Integer> lines = new LinkedHashMap<>();
            List<Node.MapNode> merges = new ArrayList<>();
            for (NodeTuple t : map.getValue()) {
                org.yaml.snakeyaml.nodes.Node k = t.getKeyNode();
                if (!(k instanceof ScalarNode ks)) {
                    throw new YamlSyntaxException("line " + line + ": mapping keys must be scalars");
                }
                Node value = convert(t.getValueNode(), active);
                int keyLine = ks.getStartMark().getLine() + 1;
                if ("<<".equals(ks.getValue()) && kindOf(ks) == Node.ScalarKind.PLAIN) {
                    collectMerge(value, merges, keyLine);
                    continue;
                }
                String key = ks.getValue();
                Integer prior = lines.put(key, keyLine);
                if (prior != null) {
                    throw new YamlSyntaxException("line " + keyLine + ": mapping key \"" + key
                            + "\" already defined at line " + prior);
                }
                entries.put(key, value);
            }
            for (Node.MapNode m : merges) {
                m.entries().forEach(entries::putIfAbsent);
            }
            return new Node.MapNode(java.util.Collections.unmodifiableMap(entries), line);
        } finally {
            active.remove(n);
        }
    }

    private static void collectMerge(Node value, List<Node.MapNode> merges, int line) {
        if (value instanceof Node.MapNode m) {
            merges.add(m);
        } else if (value instanceof Node.SeqNode s) {
            for (Node item : s.items()) {
                if (!(item instanceof Node.MapNode m)) {
                    throw new YamlSyntaxException("line " + line + ": map merge requires map or sequence of maps as the value");
                }
                merges.add(m);
            }
        } else {
            throw new YamlSyntaxException("line " + line + ": map merge requires map or sequence of maps as the value");
        }
    }

    private static Node.ScalarKind kindOf(ScalarNode s) {
        Tag tag = s.getTag();
        if (PLAIN.equals(tag)) {
            return Node.ScalarKind.PLAIN;
        }
        if (Tag.INT.equals(tag)) {
            return Node.ScalarKind.INT;
        }
        if (Tag.FLOAT.equals(tag)) {
            return Node.ScalarKind.FLOAT;
        }
        if (Tag.BOOL.equals(tag)) {
            return Node.ScalarKind.BOOL;
        }
        if (Tag.NULL.equals(tag)) {
            return Node.ScalarKind.NULL;
        }
        if (Tag.TIMESTAMP.equals(tag)) {
            return Node.ScalarKind.TIMESTAMP;
        }
        return Node.ScalarKind.STR;
    }

    /** Leaves plain scalars unresolved (tagged {@link #PLAIN}); everything else as SnakeYAML does. */
    private static final class PlainResolver extends Resolver {
        @Override
        public Tag resolve(NodeId kind, String value, boolean implicit) {
            if (kind == NodeId.scalar) {
                return implicit ? PLAIN : Tag.STR;
            }
            return super.resolve(kind, value, implicit);
        }

        @Override
        protected void addImplicitResolvers() {
            // none: Scalars decides the types of plain scalars
        }
    }
}
