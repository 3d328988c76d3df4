package aicr.rules;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.io.Node;
import aicr.io.Scalars;
import aicr.io.YamlReader;
import aicr.io.YamlSyntaxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads rule files and checks them against the schema. Every problem is one line naming the
 * file, the field and (when known) the line: {@code rules/constraints/x.yaml: rules[1].id: ...}.
 */
public final class RuleLoader {
    private RuleLoader() {
    }

    static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z0-9][a-z0-9-]*)*");
    private static final Pattern IMPORT = Pattern.compile("(function |static )?[A-Za-z_$][\\w$]*(\\.[A-Za-z_$*][\\w$]*)*(\\.\\*)?");
    private static final Set<String> TOP = Set.of("id", "kind", "severity", "summary", "reference", "operators",
            "imports", "rules", "cases");
    private static final Set<String> RULE = Set.of("id", "summary", "severity", "salience", "when", "then");
    private static final Set<String> CASE = Set.of("name", "given", "expect", "message", "rule");
    static final Set<String> SEVERITIES = Set.of("error", "warning", "info");

    /** Rule files of a directory: {@code *.yaml} and {@code *.yml}, recursively, in path order. */
    public static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new AicrException(ErrorCode.NOT_FOUND, "rules directory not found: " + dir);
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".yaml") || p.getFileName().toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new AicrException(ErrorCode.INTERNAL, "failed to list rules directory " + dir, e);
        }
    }

    /** Loads every rule file of {@code dir}; {@code display} prefixes the file names in messages. */
    public static List<RuleFile> loadDir(Path dir, String display) {
        List<RuleFile> out = new ArrayList<>();
        for (Path p : files(dir)) {
            String name = display + "/" + dir.relativize(p).toString().replace('\\', '/');
            // the shared bounded reader: file type, size, permission and strict UTF-8 checked, with the file named
            out.add(parse(name, aicr.io.InputSource.readText(p, name, aicr.io.InputLimits.MAX_DOCUMENT_BYTES)));
        }
        return out;
    }

    /** Parses and checks one rule file. */
    public static RuleFile parse(String path, String text) {
        Node root;
        try {
            root = YamlReader.parse(text);
        } catch (YamlSyntaxException e) {
            throw error(path, "(document)", "not valid YAML: " + e.getMessage());
        }
        if (!(root instanceof Node.MapNode top)) {
            throw error(path, "(document)", "must be a mapping with id, kind, severity, summary, reference and rules");
        }
        Reader r = new Reader(path);
        r.strict(top, TOP, "");
        String id = r.id(top, "id");
        String kindText = r.required(top, "kind");
        RuleKind kind = RuleKind.of(kindText);
        if (kind == null) {
            throw r.at(top.get("kind"), "kind", "unknown kind \"" + kindText + "\" (one of " + RuleKind.ids() + ")");
        }
        String severity = r.severity(top, "severity", "severity", true);
        String summary = r.line(top, "summary", "summary", true);
        String reference = r.required(top, "reference");
        List<String> operators = r.strings(top, "operators");
        if (!operators.isEmpty() && kind != RuleKind.CONSTRAINT) {
            throw r.at(top.get("operators"), "operators", "only constraint rule files declare operators");
        }
        for (int i = 0; i < operators.size(); i++) {
            String t = operators.get(i);
            if (t.isEmpty() || t.codePoints().anyMatch(Character::isWhitespace)
                    || Character.isLetterOrDigit(t.codePointAt(0)) || t.charAt(0) == '"' || t.charAt(0) == '\'') {
                throw r.at(top.get("operators"), "operators[" + i + "]",
                        "an operator token must be non-empty, without spaces, and must not start with a letter, digit or quote");
            }
        }
        List<String> imports = r.strings(top, "imports");
        for (int i = 0; i < imports.size(); i++) {
            if (!IMPORT.matcher(imports.get(i)).matches()) {
                throw r.at(top.get("imports"), "imports[" + i + "]", "not a Java import: \"" + imports.get(i) + "\"");
            }
        }
        List<RuleFile.RuleDef> rules = rules(r, top, id);
        List<RuleFile.RuleCase> cases = cases(r, top, rules);
        return new RuleFile(path, id, kind, severity, summary, reference, operators, imports, rules, cases, text);
    }

    private static List<RuleFile.RuleDef> rules(Reader r, Node.MapNode top, String fileId) {
        Node n = top.get("rules");
        if (!(n instanceof Node.SeqNode seq) || seq.items().isEmpty()) {
            throw r.at(n == null ? top : n, "rules", "required: a non-empty list of rules");
        }
        List<RuleFile.RuleDef> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < seq.items().size(); i++) {
            String f = "rules[" + i + "]";
            if (!(seq.items().get(i) instanceof Node.MapNode m)) {
                throw r.at(seq.items().get(i), f, "must be a mapping with id, when and then");
            }
            r.strict(m, RULE, f + ".");
            String id = r.id(m, f + ".id", "id");
            if (!id.equals(fileId) && !id.startsWith(fileId + ".")) {
                throw r.at(m.get("id"), f + ".id", "must be the file id \"" + fileId + "\" or start with \"" + fileId + ".\"");
            }
            if (!ids.add(id)) {
                throw r.at(m.get("id"), f + ".id", "duplicate rule id \"" + id + "\"");
            }
            String severity = r.severity(m, "severity", f + ".severity", false);
            String summary = r.line(m, "summary", f + ".summary", false);
            Integer salience = null;
            Node sal = m.get("salience");
            if (sal != null) {
                Object v = sal instanceof Node.ScalarNode s ? Scalars.value(s) : null;
                if (!(v instanceof Long l) || l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
                    throw r.at(sal, f + ".salience", "must be an integer");
                }
                salience = l.intValue();
            }
            Node when = m.get("when");
            boolean okWhen = (when instanceof Node.SeqNode ws && !ws.items().isEmpty())
                    || (when instanceof Node.ScalarNode s && !s.isNull() && !s.text().isBlank());
            if (!okWhen) {
                throw r.at(when == null ? m : when, f + ".when",
                        "required: a list of DRL-on-YAML patterns, or DRL conditions as text");
            }
            Node then = m.get("then");
            if (!(then instanceof Node.ScalarNode ts) || ts.isNull() || ts.text().isBlank()) {
                throw r.at(then == null ? m : then, f + ".then", "required: the consequence (Java statements)");
            }
            out.add(new RuleFile.RuleDef(id, severity, summary, salience, when, ts.text(), f));
        }
        return out;
    }

    private static List<RuleFile.RuleCase> cases(Reader r, Node.MapNode top, List<RuleFile.RuleDef> rules) {
        Node n = top.get("cases");
        if (n == null || (n instanceof Node.ScalarNode s && s.isNull())) {
            return List.of();
        }
        if (!(n instanceof Node.SeqNode seq)) {
            throw r.at(n, "cases", "must be a list");
        }
        Set<String> ruleIds = new HashSet<>();
        rules.forEach(d -> ruleIds.add(d.id()));
        List<RuleFile.RuleCase> out = new ArrayList<>();
        for (int i = 0; i < seq.items().size(); i++) {
            String f = "cases[" + i + "]";
            if (!(seq.items().get(i) instanceof Node.MapNode m)) {
                throw r.at(seq.items().get(i), f, "must be a mapping with given and expect");
            }
            r.strict(m, CASE, f + ".");
            if (!(m.get("given") instanceof Node.MapNode given)) {
                throw r.at(m.get("given") == null ? m : m.get("given"), f + ".given", "required: a mapping of facts");
            }
            String expect = r.required(m, "expect", f + ".expect");
            String name = r.optional(m, "name", f + ".name");
            String rule = r.optional(m, "rule", f + ".rule");
            // A case may name a rule of another file (e.g. the exact-match rule deciding an
            // item-path case of the resolution family); whether it exists is checked when it runs.
            if (rule != null && !ruleIds.contains(rule) && !ID.matcher(rule).matches()) {
                throw r.at(m.get("rule"), f + ".rule", "\"" + rule + "\" is not a rule id");
            }
            out.add(new RuleFile.RuleCase(name == null ? f : name, given, expect, r.optional(m, "message", f + ".message"), rule, f));
        }
        return out;
    }

    static AicrException error(String file, String field, String message) {
        return new AicrException(ErrorCode.INVALID_REQUEST, file + ": " + field + ": " + message);
    }

    /** Field access that names file, field and line in its errors. */
    private record Reader(String file) {
        AicrException at(Node n, String field, String message) {
            String where = n != null && n.line() > 0 ? " (line " + n.line() + ")" : "";
            return error(file, field, message + where);
        }

        void strict(Node.MapNode m, Set<String> allowed, String prefix) {
            for (Map.Entry<String, Node> e : m.entries().entrySet()) {
                if (!allowed.contains(e.getKey())) {
                    throw at(e.getValue(), prefix + e.getKey(), "unknown field (allowed: "
                            + String.join(", ", allowed.stream().sorted().toList()) + ")");
                }
            }
        }

        String optional(Node.MapNode m, String key, String field) {
            Node n = m.get(key);
            if (n == null || (n instanceof Node.ScalarNode s && s.isNull())) {
                return null;
            }
            if (n instanceof Node.ScalarNode s) {
                return s.text();
            }
            throw at(n, field, "must be a string");
        }

        String required(Node.MapNode m, String key) {
            return required(m, key, key);
        }

        String required(Node.MapNode m, String key, String field) {
            Node n = m.get(key);
            if (n == null || (n instanceof Node.ScalarNode s && (s.isNull() || s.text().isBlank()))) {
                throw at(n == null ? m : n, field, "required");
            }
            if (!(n instanceof Node.ScalarNode s)) {
                throw at(n, field, "must be a string");
            }
            return s.text();
        }

        String id(Node.MapNode m, String field) {
            return id(m, field, "id");
        }

        String id(Node.MapNode m, String field, String key) {
            String id = required(m, key, field);
            if (!ID.matcher(id).matches()) {
                throw at(m.get(key), field, "\"" + id + "\" is not an id (lower-case words joined by '.' or '-')");
            }
            return id;
        }

        String severity(Node.MapNode m, String key, String field, boolean mandatory) {
            String v = mandatory ? required(m, key, field) : optional(m, key, field);
            if (v != null && !SEVERITIES.contains(v)) {
                throw at(m.get(key), field, "must be error, warning or info, not \"" + v + "\"");
            }
            return v;
        }

        String line(Node.MapNode m, String key, String field, boolean mandatory) {
            String v = mandatory ? required(m, key, field) : optional(m, key, field);
            if (v != null && (v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0)) {
                throw at(m.get(key), field, "must be a single line");
            }
            return v;
        }

        List<String> strings(Node.MapNode m, String key) {
            Node n = m.get(key);
            if (n == null || (n instanceof Node.ScalarNode s && s.isNull())) {
                return List.of();
            }
            if (!(n instanceof Node.SeqNode seq)) {
                throw at(n, key, "must be a list of strings");
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < seq.items().size(); i++) {
                if (!(seq.items().get(i) instanceof Node.ScalarNode s) || s.isNull()) {
                    throw at(seq.items().get(i), key + "[" + i + "]", "must be a string");
                }
                out.add(s.text());
            }
            return out;
        }
    }
}
