package aicr.rules;

import aicr.io.Node;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * Imported by every rule file: the fact types and the pure helpers, and Go's string rules
     * ({@code GoStrings.trimSpace}, {@code GoStrings.quote}) from the one place that has them.
     */
    static final List<String> DEFAULT_IMPORTS = List.of("aicr.rules.facts.*", "aicr.gocompat.GoStrings");

    private static final TypeReference<List<Base>> PATTERNS = new TypeReference<>() {
    };

    /** DRL text of all rules of {@code file}, in package {@code pkg}. */
    static String render(RuleFile file, String pkg) {
        StringBuilder sb = new StringBuilder();
        sb.append("// generated from ").append(file.path()).append(" — edit that file, not this text\n");
        sb.append("package ").append(pkg).append(";\n\n");
        List<String> imports = new ArrayList<>(DEFAULT_IMPORTS);
        imports.addAll(file.imports());
        for (String i : imports) {
            sb.append("import ").append(i).append(";\n");
        }
        for (RuleFile.RuleDef r : file.rules()) {
            sb.append('\n');
            renderRule(sb, file, r, r.then());
        }
        return sb.toString();
    }

    /** Same file with one rule only, optionally with an empty consequence (to locate compile errors). */
    static String renderOne(RuleFile file, RuleFile.RuleDef rule, String pkg, boolean emptyThen) {
        StringBuilder sb = new StringBuilder("package ").append(pkg).append(";\n");
        List<String> imports = new ArrayList<>(DEFAULT_IMPORTS);
        imports.addAll(file.imports());
        for (String i : imports) {
            sb.append("import ").append(i).append(";\n");
        }
        renderRule(sb, file, rule, emptyThen ? "" : rule.then());
        return sb.toString();
    }

    private static void renderRule(StringBuilder sb, RuleFile file, RuleFile.RuleDef r, String then) {
        sb.append("rule \"").append(r.id()).append("\"\n");
        sb.append("    @id(").append(str(r.id())).append(")")
                .append(" @file(").append(str(file.path())).append(")")
                .append(" @severity(").append(str(r.severity() != null ? r.severity() : file.severity())).append(")")
                .append(" @summary(").append(str(r.summary() != null ? r.summary() : file.summary())).append(")\n");
        if (r.salience() != null) {
            sb.append("    salience ").append(r.salience()).append('\n');
        }
        sb.append("when\n");
        if (r.when() instanceof Node.ScalarNode s) {
            for (String line : s.text().strip().split("\n")) {
                sb.append("    ").append(line).append('\n');
            }
        } else {
            for (Base b : patterns(file, r)) {
                visit(sb, b, "    ");
            }
        }
        sb.append("then\n").append(then).append(then.endsWith("\n") ? "" : "\n").append("end\n");
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

    // The visitors mirror drl.ftl of drools-drlonyaml-todrl.
    private static void visit(StringBuilder sb, Base b, String indent) {
        if (b instanceof Pattern p) {
            sb.append(indent);
            if (p.getAs() != null && !p.getAs().isEmpty()) {
                sb.append(p.getAs()).append(" : ");
            }
            String having = p.getHaving() == null ? "" : String.join(", ", p.getHaving());
            if (p.getGiven() != null && !p.getGiven().isEmpty()) {
                sb.append(p.getGiven()).append('(').append(having).append(')');
            }
            if (p.getDatasource() != null && !p.getDatasource().isEmpty()) {
                sb.append('/').append(p.getDatasource()).append('[').append(having).append(']');
            }
            if (p.getFrom() != null && !p.getFrom().isEmpty()) {
                sb.append(" from ").append(p.getFrom());
            }
            sb.append('\n');
        } else if (b instanceof Not n) {
            group(sb, "not", n.getNot(), indent);
        } else if (b instanceof Exists e) {
            group(sb, "exists", e.getExists(), indent);
        } else if (b instanceof All a) {
            List<Base> all = a.getAll();
            for (int i = 0; i < all.size(); i++) {
                if (i > 0) {
                    sb.append(indent).append("and\n");
                }
                visit(sb, all.get(i), indent);
            }
        } else {
            throw new IllegalStateException("unknown DRL-on-YAML element " + b.getClass());
        }
    }

    private static void group(StringBuilder sb, String word, List<Base> items, String indent) {
        sb.append(indent).append(word).append("(\n");
        for (Base b : items) {
            visit(sb, b, indent + "    ");
        }
        sb.append(indent).append(")\n");
    }

    /** A DRL string literal. */
    static String str(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

}
