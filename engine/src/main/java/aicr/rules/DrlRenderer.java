package aicr.rules;

import aicr.io.Node;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.drools.drlonyaml.model.All;
import org.drools.drlonyaml.model.Base;
import org.drools.drlonyaml.model.Exists;
import org.drools.drlonyaml.model.Not;
import org.drools.drlonyaml.model.Pattern;
import org.drools.drlonyaml.model.Utils;

/**
 * Renders rule files as DRL. The {@code when} list is read with the DRL-on-YAML model
 * (drools-drlonyaml-model), so its schema is Drools's own; the rendering follows that
 * project's template ({@code drl.ftl}) and adds what DRL-on-YAML has no place for: the
 * metadata annotations ({@code @id @file @severity @summary}) and the salience attribute.
 */
final class DrlRenderer {
    private DrlRenderer() {
    }

    private static final TypeReference<List<Base>> PATTERNS = new TypeReference<>() {
    };

    /**
     * DRL text and, for each of its lines, the line of the rule file it came from (0 when it
     * came from no line, e.g. the generated header), so that what the DRL parser and the safety
     * check find can be reported against the file the author wrote.
     */
    record Rendered(String text, int[] sourceLines) {
        /** The rule-file line of DRL line {@code drlLine} (1-based), 0 if unknown. */
        int sourceLine(int drlLine) {
            return drlLine >= 1 && drlLine <= sourceLines.length ? sourceLines[drlLine - 1] : 0;
        }
    }

    /** Appends whole lines, remembering the source line of each. */
    private static final class Out {
        private final StringBuilder sb = new StringBuilder();
        private final List<Integer> lines = new ArrayList<>();

        void line(String text, int source) {
            for (String l : text.split("\n", -1)) {
                sb.append(l).append('\n');
                lines.add(source);
            }
        }

        /** A multi-line text whose first line is at {@code firstSource}, following lines below it. */
        void block(String text, String indent, int firstSource) {
            String[] ls = text.split("\n", -1);
            for (int i = 0; i < ls.length; i++) {
                sb.append(indent).append(ls[i]).append('\n');
                lines.add(firstSource <= 0 ? 0 : firstSource + i);
            }
        }

        Rendered done() {
            int[] l = new int[lines.size()];
            for (int i = 0; i < l.length; i++) {
                l[i] = lines.get(i);
            }
            return new Rendered(sb.toString(), l);
        }
    }

    /** DRL text of all rules of {@code file}, in package {@code pkg}, with their consequences as given. */
    static String render(RuleFile file, String pkg) {
        return render(file, pkg, Map.of()).text();
    }

    /**
     * DRL of {@code file}; {@code thens} replaces the consequences of the rules it names (the
     * guarded consequences of {@link SafetyCheck}).
     */
    static Rendered render(RuleFile file, String pkg, Map<String, String> thens) {
        Out out = new Out();
        out.line("// generated from " + file.path() + " — edit that file, not this text", 0);
        header(out, file, pkg);
        for (RuleFile.RuleDef r : file.rules()) {
            out.line("", 0);
            renderRule(out, file, r, thens.getOrDefault(r.id(), r.then()));
        }
        return out.done();
    }

    /** Same file with one rule only, optionally with an empty consequence (to locate compile errors). */
    static String renderOne(RuleFile file, RuleFile.RuleDef rule, String pkg, boolean emptyThen) {
        Out out = new Out();
        header(out, file, pkg);
        renderRule(out, file, rule, emptyThen ? "" : rule.then());
        return out.done().text();
    }

    private static void header(Out out, RuleFile file, String pkg) {
        out.line("package " + pkg + ";", 0);
        out.line("", 0);
        Set<String> imports = new LinkedHashSet<>(AllowList.of(file.kind()).defaultImports());
        imports.addAll(file.imports());
        for (String i : imports) {
            out.line("import " + i + ";", 0);
        }
    }

    private static void renderRule(Out out, RuleFile file, RuleFile.RuleDef r, String then) {
        out.line("rule \"" + r.id() + "\"", r.line());
        out.line("    @id(" + str(r.id()) + ")"
                + " @file(" + str(file.path()) + ")"
                + " @severity(" + str(r.severity() != null ? r.severity() : file.severity()) + ")"
                + " @summary(" + str(r.summary() != null ? r.summary() : file.summary()) + ")", r.line());
        if (r.salience() != null) {
            out.line("    salience " + r.salience(), r.line());
        }
        out.line("when", r.line());
        if (r.when() instanceof Node.ScalarNode s) {
            // leading blank lines are dropped, so the first kept line is that many lines below
            String text = s.text();
            int skipped = 0;
            while (text.startsWith("\n")) {
                text = text.substring(1);
                skipped++;
            }
            out.block(text.stripTrailing(), "    ", r.whenLine() + skipped);
        } else {
            List<Base> patterns = patterns(file, r);
            List<Node> nodes = ((Node.SeqNode) r.when()).items();
            for (int i = 0; i < patterns.size(); i++) {
                visit(out, patterns.get(i), nodes.get(i), "    ");
            }
        }
        out.line("then", r.thenLine());
        // the consequence starts on the line after "then", as its first line does in the rule file
        out.block(then.endsWith("\n") ? then.substring(0, then.length() - 1) : then, "", r.thenLine());
        out.line("end", 0);
    }

    /** The when-list read with the DRL-on-YAML model; schema errors name the file and field. */
    static List<Base> patterns(RuleFile file, RuleFile.RuleDef r) {
        ObjectMapper mapper = Utils.getYamlMapper();
        try {
            return mapper.convertValue(plain(r.when()), PATTERNS);
        } catch (IllegalArgumentException e) {
            String where = r.field() + ".when";
            if (e.getCause() instanceof JsonMappingException jm) {
                where += path(jm);
                String msg = jm.getOriginalMessage();
                int cut = msg.indexOf(" (class ");
                msg = cut > 0 ? msg.substring(0, cut) : msg;
                int nl = msg.indexOf('\n');
                msg = nl > 0 ? msg.substring(0, nl) : msg;
                throw RuleLoader.error(file.path(), where, "not a DRL-on-YAML pattern: " + msg
                        + " (line " + r.when().line() + ")");
            }
            throw RuleLoader.error(file.path(), where, "not a DRL-on-YAML pattern: " + e.getMessage());
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFieldName() != null) {
                sb.append('.').append(ref.getFieldName());
            }
        }
        return sb.toString();
    }

    /** The node as plain maps, lists and literal scalar texts (the model's fields are all strings). */
    private static Object plain(Node n) {
        if (n instanceof Node.MapNode m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.entries().forEach((k, v) -> out.put(k, plain(v)));
            return out;
        }
        if (n instanceof Node.SeqNode s) {
            List<Object> out = new ArrayList<>();
            s.items().forEach(i -> out.add(plain(i)));
            return out;
        }
        Node.ScalarNode s = (Node.ScalarNode) n;
        return s.isNull() ? null : s.text();
    }

    // The visitors mirror drl.ftl of drools-drlonyaml-todrl; each constraint gets a line of its own,
    // so that it maps back to its line in the rule file.
    private static void visit(Out out, Base b, Node n, String indent) {
        if (b instanceof Pattern p) {
            StringBuilder head = new StringBuilder(indent);
            if (p.getAs() != null && !p.getAs().isEmpty()) {
                head.append(p.getAs()).append(" : ");
            }
            List<String> having = p.getHaving() == null ? List.of() : p.getHaving();
            List<Node> havingNodes = n instanceof Node.MapNode m && m.get("having") instanceof Node.SeqNode hs
                    ? hs.items() : List.of();
            boolean oopath = p.getDatasource() != null && !p.getDatasource().isEmpty();
            boolean typed = p.getGiven() != null && !p.getGiven().isEmpty();
            String open = typed ? p.getGiven() + "(" : oopath ? "/" + p.getDatasource() + "[" : "";
            String close = typed ? ")" : oopath ? "]" : "";
            String from = p.getFrom() != null && !p.getFrom().isEmpty() ? " from " + p.getFrom() : "";
            if (having.isEmpty() || !(typed || oopath)) {
                out.line(head + open + String.join(", ", having) + close + from, lineOf(n));
                return;
            }
            out.line(head + open, lineOf(n));
            for (int i = 0; i < having.size(); i++) {
                int line = i < havingNodes.size() ? lineOf(havingNodes.get(i)) : lineOf(n);
                out.line(indent + "    " + having.get(i) + (i < having.size() - 1 ? "," : ""), line);
            }
            out.line(indent + close + from, lineOf(n));
        } else if (b instanceof Not not) {
            group(out, "not", not.getNot(), child(n, "not"), indent, lineOf(n));
        } else if (b instanceof Exists e) {
            group(out, "exists", e.getExists(), child(n, "exists"), indent, lineOf(n));
        } else if (b instanceof All a) {
            List<Base> all = a.getAll();
            List<Node> nodes = child(n, "all");
            for (int i = 0; i < all.size(); i++) {
                if (i > 0) {
                    out.line(indent + "and", lineOf(n));
                }
                visit(out, all.get(i), i < nodes.size() ? nodes.get(i) : n, indent);
            }
        } else {
            throw new IllegalStateException("unknown DRL-on-YAML element " + b.getClass());
        }
    }

    private static int lineOf(Node n) {
        return n == null ? 0 : n.line();
    }

    /** The items of {@code key}'s list in a when-item mapping (empty if absent). */
    private static List<Node> child(Node n, String key) {
        return n instanceof Node.MapNode m && m.get(key) instanceof Node.SeqNode s ? s.items() : List.of();
    }

    private static void group(Out out, String word, List<Base> items, List<Node> nodes, String indent, int line) {
        out.line(indent + word + "(", line);
        for (int i = 0; i < items.size(); i++) {
            visit(out, items.get(i), i < nodes.size() ? nodes.get(i) : null, indent + "    ");
        }
        out.line(indent + ")", line);
    }

    /** A DRL string literal. */
    static String str(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

}
