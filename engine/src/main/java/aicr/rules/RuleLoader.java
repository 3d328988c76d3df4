package aicr.rules;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.gocompat.GoStrings;
import aicr.io.Node;
import aicr.io.Scalars;
import aicr.io.YamlReader;
import aicr.io.YamlSyntaxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
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
    private static final Pattern IMPORT = Pattern.compile("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*(\\.\\*)?");
    /** A Go-style exported function name, as registry.yaml writes check functions. */
    private static final Pattern FUNCTION = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Set<String> TOP = Set.of("id", "kind", "severity", "summary", "reference", "operators",
            "implements", "imports", "rules", "cases");
    private static final Set<String> RULE = Set.of("id", "summary", "severity", "salience", "when", "then");
    private static final Set<String> CASE = Set.of("name", "given", "expect", "message", "rule");
    static final Set<String> SEVERITIES = Set.of("error", "warning", "info");

    /** The largest rule file read (rule files are text written by people). */
    static final long MAX_FILE_SIZE = 1 << 20;
    /** The most rule files one directory may hold. */
    static final int MAX_FILES = 1000;
    /** File names go into generated code and reports: plain characters only. */
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._/-]+");

    /**
     * Rule files of a directory: {@code *.yaml} and {@code *.yml}, recursively, by relative path.
     * Like {@code --data}, a rules directory must not contain symbolic links (nor be one): a link
     * would let a reviewed directory run rules from elsewhere.
     */
    public static List<Path> files(Path dir) {
        if (Files.isSymbolicLink(dir)) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "symlinks not allowed in --rules: " + dir);
        }
        if (!Files.isDirectory(dir)) {
            throw new AicrException(ErrorCode.NOT_FOUND, "rules directory not found: " + dir);
        }
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                String rel = dir.relativize(p).toString().replace('\\', '/');
                if (a.isSymbolicLink()) {
                    throw new AicrException(ErrorCode.INVALID_REQUEST, "symlinks not allowed in --rules: " + rel
                            + " (in " + dir + ")");
                }
                String name = p.getFileName().toString();
                if (!a.isRegularFile() || !(name.endsWith(".yaml") || name.endsWith(".yml"))) {
                    continue;
                }
                if (!SAFE_NAME.matcher(rel).matches()) {
                    throw new AicrException(ErrorCode.INVALID_REQUEST, "rule file name " + GoStrings.quote(rel)
                            + " (in " + dir + ") may only use letters, digits, '.', '_', '-' and '/'");
                }
                if (a.size() > MAX_FILE_SIZE) {
                    throw new AicrException(ErrorCode.INVALID_REQUEST, "rule file too large (" + a.size()
                            + " bytes, max " + MAX_FILE_SIZE + "): " + rel + " (in " + dir + ")");
                }
                out.add(p);
                if (out.size() > MAX_FILES) {
                    throw new AicrException(ErrorCode.INVALID_REQUEST, "more than " + MAX_FILES
                            + " rule files in " + dir);
                }
            }
        } catch (IOException e) {
            throw new AicrException(ErrorCode.INTERNAL, "failed to list rules directory " + dir, e);
        } catch (java.io.UncheckedIOException e) {
            throw new AicrException(ErrorCode.INTERNAL, "failed to list rules directory " + dir, e.getCause());
        }
        out.sort(java.util.Comparator.comparing(p -> dir.relativize(p).toString().replace('\\', '/')));
        return out;
    }

    /** How a file of {@code dir} is named: {@code prefix/relative} (shipped), or relative to the directory. */
    static String name(Path dir, Path file, String prefix) {
        String rel = dir.relativize(file).toString().replace('\\', '/');
        return prefix.isEmpty() ? rel : prefix + "/" + rel;
    }

    /** Loads every rule file of {@code dir}; {@code prefix} ("" for none) goes before the relative names. */
    public static List<RuleFile> loadDir(Path dir, String prefix) {
        List<RuleFile> out = new ArrayList<>();
        for (Path p : files(dir)) {
            String name = name(dir, p, prefix);
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
        if (summary.indexOf('\\') >= 0) {
            // summaries are written into generated code as annotation values; plain prose needs no escapes
            throw r.at(top.get("summary"), "summary", "must not contain a backslash");
        }
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
        List<String> implemented = r.strings(top, "implements");
        if (!implemented.isEmpty() && kind != RuleKind.BUNDLE_CHECK) {
            throw r.at(top.get("implements"), "implements", "only bundle-check rule files implement registry functions");
        }
        for (int i = 0; i < implemented.size(); i++) {
            if (!FUNCTION.matcher(implemented.get(i)).matches()) {
                throw r.at(top.get("implements"), "implements[" + i + "]", "not a check function name: "
                        + GoStrings.quote(implemented.get(i)));
            }
        }
        List<String> imports = r.strings(top, "imports");
        AllowList allow = AllowList.of(kind);
        for (int i = 0; i < imports.size(); i++) {
            if (!IMPORT.matcher(imports.get(i)).matches()) {
                throw r.at(top.get("imports"), "imports[" + i + "]", "not a Java import: \"" + imports.get(i) + "\"");
            }
            if (!allow.importAllowed(imports.get(i))) {
                throw r.at(top.get("imports"), "imports[" + i + "]", "import " + GoStrings.quote(imports.get(i))
                        + " is not allowed: rule files may import the fact types and helpers of their kind, their"
                        + " packages, java.util, java.util.regex and java.math (see docs/rules.md#what-rule-code-may-use)");
            }
        }
        String[] lines = text.split("\n", -1);
        List<RuleFile.RuleDef> rules = rules(r, top, id, lines);
        List<RuleFile.RuleCase> cases = cases(r, top, rules);
        return new RuleFile(path, id, kind, severity, summary, reference, operators, implemented, imports, rules, cases,
                text);
    }

    private static final Pattern BLOCK_INDICATOR = Pattern.compile(".*[|>][0-9+-]*\\s*(#.*)?");

    /**
     * The line of the first text line of a scalar: the node's own line, or the next one for a
     * block scalar ({@code then: |}), whose text starts below its indicator.
     */
    static int textLine(Node.ScalarNode n, String[] lines) {
        int line = n.line();
        if (line > 0 && line <= lines.length && n.text().contains("\n")
                && BLOCK_INDICATOR.matcher(lines[line - 1].strip()).matches()) {
            return line + 1;
        }
        return line;
    }

    private static List<RuleFile.RuleDef> rules(Reader r, Node.MapNode top, String fileId, String[] lines) {
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
            if (summary != null && summary.indexOf('\\') >= 0) {
                throw r.at(m.get("summary"), f + ".summary", "must not contain a backslash");
            }
            int whenLine = when instanceof Node.ScalarNode ws ? textLine(ws, lines) : when.line();
            out.add(new RuleFile.RuleDef(id, severity, summary, salience, when, ts.text(), f, m.line(), whenLine,
                    textLine(ts, lines)));
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
            out.add(new RuleFile.RuleCase(name == null ? f : name, given, expect, r.optional(m, "message", f + ".message"),
                    rule, f, m.line()));
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
