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
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads YAML into {@link Node} trees. SnakeYAML only composes the node graph (syntax,
 * anchors, aliases); its YAML 1.1 type resolution is bypassed so that {@link Scalars}
 * can apply the reference's rules. Duplicate keys are rejected as the reference does.
 *
 * <p>Hostile documents are refused early, with the line, by the {@link InputLimits}: nesting is
 * counted on the parser's events (before SnakeYAML's recursive composer descends), as are
 * aliases to collections; an aliased node is converted once and shared, and what the aliases
 * add when expanded is counted, so a "billion laughs" document costs a few milliseconds.
 */
public final class YamlReader {
    private YamlReader() {
    }

    /** Marks scalars that were written plain and untagged: their type is resolved later. */
    private static final Tag PLAIN = new Tag("tag:aicr-j,2026:plain");

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
        opts.setCodePointLimit(InputLimits.MAX_CODE_POINTS);
        // SnakeYAML's own limits stay as a backstop above ours, which fire first with a line number
        opts.setMaxAliasesForCollections(InputLimits.MAX_ALIASES + 1);
        opts.setNestingDepthLimit(InputLimits.MAX_DEPTH + 8);
        opts.setProcessComments(false);
        Composer composer = new Composer(new BoundedParser(new ParserImpl(new StreamReader(new StringReader(text)), opts)),
                new PlainResolver(), opts);
        List<Node> out = new ArrayList<>();
        try {
            while (composer.checkNode()) {
                org.yaml.snakeyaml.nodes.Node n = composer.getNode();
                out.add(n == null ? null : new Converter().convert(n));
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

    /**
     * Converts one document's node graph. A node reached again through an alias is not converted
     * again: its {@link Node} (immutable) is shared, and its expanded size is added to the
     * expansion count, which is bounded.
     */
    private static final class Converter {
        private final IdentityHashMap<org.yaml.snakeyaml.nodes.Node, Converted> done = new IdentityHashMap<>();
        private final IdentityHashMap<org.yaml.snakeyaml.nodes.Node, Boolean> active = new IdentityHashMap<>();
        private long expansion;

        /** A converted node and how many nodes it stands for when expanded (itself included). */
        private record Converted(Node node, long size) {
        }

        Node convert(org.yaml.snakeyaml.nodes.Node n) {
            return visit(n, lineOf(n)).node();
        }

        /** @param at the line that refers to {@code n} (an alias is not a node of its own: the parent's or key's line) */
        private Converted visit(org.yaml.snakeyaml.nodes.Node n, int at) {
            Converted prior = done.get(n);
            if (prior != null) {
                expansion += prior.size();
                if (expansion > InputLimits.MAX_ALIAS_EXPANSION) {
                    throw YamlSyntaxException.limit("line " + at + ": aliases expand to more than "
                            + InputLimits.MAX_ALIAS_EXPANSION + " nodes");
                }
                return prior;
            }
            Converted c = build(n);
            if (!(n instanceof ScalarNode)) {
                done.put(n, c);
            }
            return c;
        }

        private Converted build(org.yaml.snakeyaml.nodes.Node n) {
            int line = lineOf(n);
            if (n instanceof ScalarNode s) {
                return new Converted(new Node.ScalarNode(s.getValue(), kindOf(s), line), 1);
            }
            if (active.put(n, Boolean.TRUE) != null) {
                throw new YamlSyntaxException("line " + line + ": recursive alias");
            }
            try {
                long size = 1;
                if (n instanceof SequenceNode seq) {
                    List<Node> items = new ArrayList<>(seq.getValue().size());
                    for (org.yaml.snakeyaml.nodes.Node item : seq.getValue()) {
                        Converted c = visit(item, line);
                        items.add(c.node());
                        size += c.size();
                    }
                    return new Converted(new Node.SeqNode(List.copyOf(items), line), size);
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
                    int keyLine = ks.getStartMark().getLine() + 1;
                    Converted c = visit(t.getValueNode(), keyLine);
                    size += 1 + c.size();
                    Node value = c.node();
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
                return new Converted(new Node.MapNode(java.util.Collections.unmodifiableMap(entries), line), size);
            } finally {
                active.remove(n);
            }
        }

        private static int lineOf(org.yaml.snakeyaml.nodes.Node n) {
            return n.getStartMark() == null ? 0 : n.getStartMark().getLine() + 1;
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

    /**
     * Counts nesting and aliases to collections on the event stream, so that a too-deep or
     * alias-heavy document is refused before SnakeYAML's recursive composer descends into it.
     */
    private static final class BoundedParser implements Parser {
        private final Parser in;
        private final java.util.Set<String> collectionAnchors = new java.util.HashSet<>();
        private int depth;
        private int aliases;

        BoundedParser(Parser in) {
            this.in = in;
        }

        @Override
        public boolean checkEvent(Event.ID choice) {
            return in.checkEvent(choice);
        }

        @Override
        public Event peekEvent() {
            return in.peekEvent();
        }

        @Override
        public Event getEvent() {
            Event e = in.getEvent();
            if (e instanceof CollectionStartEvent c) {
                if (++depth > InputLimits.MAX_DEPTH) {
                    throw YamlSyntaxException.limit("line " + line(e) + ": nesting exceeds " + InputLimits.MAX_DEPTH + " levels");
                }
                if (c.getAnchor() != null) {
                    collectionAnchors.add(c.getAnchor());
                }
            } else if (e.is(Event.ID.SequenceEnd) || e.is(Event.ID.MappingEnd)) {
                depth--;
            } else if (e instanceof AliasEvent a && collectionAnchors.contains(a.getAnchor())
                    && ++aliases > InputLimits.MAX_ALIASES) {
                throw YamlSyntaxException.limit("line " + line(e) + ": more than " + InputLimits.MAX_ALIASES
                        + " aliases to mappings or sequences");
            }
            return e;
        }

        private static int line(Event e) {
            return e.getStartMark() == null ? 0 : e.getStartMark().getLine() + 1;
        }
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
