package aicr.rules;

import aicr.errors.AicrException;
import com.github.javaparser.ParseProblemException;
import com.github.javaparser.Position;
import com.github.javaparser.Problem;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.comments.Comment;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.InstanceOfExpr;
import com.github.javaparser.ast.expr.LiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.Name;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.PatternExpr;
import com.github.javaparser.ast.expr.SimpleName;
import com.github.javaparser.ast.expr.SwitchExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.BreakStmt;
import com.github.javaparser.ast.stmt.ContinueStmt;
import com.github.javaparser.ast.stmt.EmptyStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SwitchEntry;
import com.github.javaparser.ast.stmt.SwitchStmt;
import com.github.javaparser.ast.stmt.YieldStmt;
import com.github.javaparser.ast.type.ArrayType;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.PrimitiveType;
import com.github.javaparser.ast.type.Type;
import com.github.javaparser.ast.type.VarType;
import com.github.javaparser.ast.type.WildcardType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.EvalDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.ForallDescr;
import org.drools.drl.ast.descr.FromDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.PatternSourceDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsError;
import org.drools.drl.parser.ParserError;
import org.drools.model.codegen.execmodel.generator.DrlxParseUtil;
import org.drools.mvel.parser.DrlxParser;
import org.drools.mvel.parser.MvelParser;
import org.drools.mvel.parser.Providers;
import org.drools.mvel.parser.ast.expr.BigDecimalLiteralExpr;
import org.drools.mvel.parser.ast.expr.BigIntegerLiteralExpr;
import org.drools.mvel.parser.ast.expr.DrlNameExpr;
import org.drools.mvel.parser.ast.expr.DrlxExpression;
import org.drools.mvel.parser.ast.expr.HalfBinaryExpr;
import org.drools.mvel.parser.ast.expr.HalfPointFreeExpr;
import org.drools.mvel.parser.ast.expr.InlineCastExpr;
import org.drools.mvel.parser.ast.expr.ListCreationLiteralExpression;
import org.drools.mvel.parser.ast.expr.ListCreationLiteralExpressionElement;
import org.drools.mvel.parser.ast.expr.MapCreationLiteralExpression;
import org.drools.mvel.parser.ast.expr.MapCreationLiteralExpressionKeyValuePair;
import org.drools.mvel.parser.ast.expr.NullSafeFieldAccessExpr;
import org.drools.mvel.parser.ast.expr.NullSafeMethodCallExpr;
import org.drools.mvel.parser.ast.expr.PointFreeExpr;

/**
 * The load-time safety check of rule files: before anything is compiled or evaluated, every
 * piece of rule code — {@code having:} constraints, {@code from:} sources, plain DRL conditions,
 * {@code eval}, accumulate arguments and {@code then:} consequences — is parsed with the parsers
 * Drools itself uses (the DRL parser for the rule structure, the DRLX parser for conditions,
 * JavaParser for consequences) and its syntax tree walked against {@link AllowList}. Anything
 * not allowed is refused with one line naming the file, the rule, the line and the name.
 *
 * <p>What the check enforces beyond names (docs/rules.md, "What rule code may use"):
 * <ul>
 *   <li>the rendered DRL holds exactly the file's rules, with the file's imports, and nothing
 *       else: no functions, globals, declared types, queries, entry points or windows, so text
 *       pasted into a pattern cannot open a second rule;</li>
 *   <li>loops are for-each over a collection only (no {@code while}, {@code do}, C-style
 *       {@code for}); there is no recursion (no functions, lambdas or local classes), so every
 *       consequence terminates; no {@code try}/{@code throw}, so rule code cannot swallow the
 *       session's limits;</li>
 *   <li>no array creation, sized collections or other one-call allocation;</li>
 *   <li>no Java unicode escapes ({@code \u0022}), which the Java compiler would turn into
 *       quotes and line breaks after this check has read the text.</li>
 * </ul>
 * The consequences come back with a guard call ({@code aicr.rules.guard.Guard.tick()}) before
 * every statement and in every loop body, inserted on the same lines, so that the session's
 * time and memory limits are checked while rule code runs.
 */
final class SafetyCheck {
    static final String TICK = "aicr.rules.guard.Guard.tick(); ";

    private final RuleFile file;
    private final AllowList allow;
    private final DrlRenderer.Rendered rendered;

    private SafetyCheck(RuleFile file) {
        this.file = file;
        this.allow = AllowList.of(file.kind());
        this.rendered = DrlRenderer.render(file, file.kind().userDrlPackage(), Map.of());
    }

    /** Checks {@code file}; returns its consequences with guard calls, by rule id. */
    static Map<String, String> check(RuleFile file) {
        return new SafetyCheck(file).run();
    }

    private Map<String, String> run() {
        unicodeEscapes();
        DrlParser parser = new DrlParser();
        PackageDescr pkg;
        try {
            pkg = parser.parse(false, rendered.text());
        } catch (Exception e) {
            throw refuse(null, "when", 0, "not valid DRL: " + e.getMessage());
        }
        if (parser.hasErrors() || pkg == null) {
            DroolsError err = parser.getErrors().get(0);
            int row = err instanceof ParserError pe ? pe.getRow() : 0;
            int line = rendered.sourceLine(row);
            throw refuse(ruleAt(line), "when", line, "not valid DRL: " + firstLine(err.getMessage()));
        }
        structure(pkg);
        Map<String, String> thens = new LinkedHashMap<>();
        for (int i = 0; i < file.rules().size(); i++) {
            RuleFile.RuleDef def = file.rules().get(i);
            thens.put(def.id(), new RuleWalk(def, pkg.getRules().get(i)).run());
        }
        return thens;
    }

    /** The package holds the file's rules with its imports and nothing a file could smuggle in. */
    private void structure(PackageDescr pkg) {
        String extra = !pkg.getFunctions().isEmpty() ? "a function"
                : !pkg.getGlobals().isEmpty() ? "a global"
                : !pkg.getTypeDeclarations().isEmpty() || !pkg.getEnumDeclarations().isEmpty() ? "a declared type"
                : !pkg.getEntryPointDeclarations().isEmpty() ? "an entry point"
                : !pkg.getWindowDeclarations().isEmpty() ? "a window"
                : !pkg.getFunctionImports().isEmpty() ? "a function import"
                : !pkg.getAccumulateImports().isEmpty() ? "an accumulate import"
                : !pkg.getAttributes().isEmpty() ? "a package attribute"
                : pkg.getUnit() != null ? "a rule unit" : null;
        if (extra != null) {
            throw refuse(null, "when", 0, "the rules must not declare " + extra
                    + " (text in a pattern or consequence closed its rule?)");
        }
        Set<String> imports = new HashSet<>(allow.defaultImports());
        imports.addAll(file.imports());
        for (var i : pkg.getImports()) {
            if (!imports.contains(i.getTarget())) {
                throw refuse(null, "imports", rendered.sourceLine(i.getLine()), "import " + i.getTarget() + " is not allowed");
            }
        }
        List<String> want = file.rules().stream().map(RuleFile.RuleDef::id).toList();
        List<String> got = pkg.getRules().stream().map(RuleDescr::getName).toList();
        if (!want.equals(got)) {
            String stray = got.stream().filter(n -> !want.contains(n)).findFirst().orElse(String.valueOf(got));
            RuleDescr rd = pkg.getRules().stream().filter(r -> r.getName().equals(stray)).findFirst().orElse(null);
            int line = rd == null ? 0 : rendered.sourceLine(rd.getLine());
            RuleFile.RuleDef at = ruleAt(line);
            throw refuse(at, at != null && line >= at.thenLine() ? "then" : "when", line, "the rule text declares another rule (" + stray
                    + "): text in a pattern or consequence must not close its rule");
        }
    }

    /** Java turns {@code \}{@code uXXXX} into characters before it reads code: refuse them all. */
    private void unicodeEscapes() {
        String[] lines = rendered.text().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            for (int at = l.indexOf("\\u"); at >= 0; at = l.indexOf("\\u", at + 1)) {
                int slashes = 0;
                for (int j = at - 1; j >= 0 && l.charAt(j) == '\\'; j--) {
                    slashes++;
                }
                if (slashes % 2 == 0) {
                    int line = rendered.sourceLine(i + 1);
                    RuleFile.RuleDef rule = ruleAt(line);
                    throw refuse(rule, rule != null && line >= rule.thenLine() ? "then" : "when", line, "unicode escapes (\\uXXXX) are not allowed in rule code;"
                            + " write the character itself");
                }
            }
        }
    }

    /** The rule whose text holds {@code line} of the file (null when none does). */
    private RuleFile.RuleDef ruleAt(int line) {
        RuleFile.RuleDef at = null;
        for (RuleFile.RuleDef r : file.rules()) {
            if (line > 0 && r.line() <= line) {
                at = r;
            }
        }
        return at;
    }

    private AicrException refuse(RuleFile.RuleDef rule, String part, int line, String message) {
        String field = rule == null ? part.equals("imports") ? "imports" : "rules" : rule.field() + "." + part;
        String who = rule == null ? "" : "rule " + rule.id() + ": ";
        return RuleLoader.error(file.path(), field, who + message + (line > 0 ? " (line " + line + ")" : ""));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl >= 0 ? s.substring(0, nl) : s).strip();
    }

    /** One rule: its conditions, then its consequence. */
    private final class RuleWalk {
        private final RuleFile.RuleDef def;
        private final RuleDescr descr;
        /** Bindings of the rule ({@code $c}) and their fact types (null when unknown). */
        private final Map<String, Class<?>> bindings = new HashMap<>();
        private final Map<ExprConstraintDescr, DrlxExpression> parsed = new IdentityHashMap<>();

        RuleWalk(RuleFile.RuleDef def, RuleDescr descr) {
            this.def = def;
            this.descr = descr;
        }

        String run() {
            for (String a : descr.getAttributes().keySet()) {
                if (!a.equals("salience")) {
                    throw refuse(def, "when", def.line(), "the attribute " + a + " is not allowed");
                }
            }
            if (descr.hasParent() || !descr.getNamedConsequences().isEmpty()) {
                throw refuse(def, "when", def.line(), "rule inheritance and named consequences are not allowed");
            }
            collectBindings(descr.getLhs(), null);
            conditions(descr.getLhs());
            return consequence();
        }

        private int line(BaseDescr d, int fallback) {
            int l = d == null || d.getLine() <= 0 ? 0 : rendered.sourceLine(d.getLine());
            return l > 0 ? l : fallback;
        }

        // ---- conditions -------------------------------------------------------------------

        private void collectBindings(BaseDescr d, Class<?> unused) {
            if (d instanceof PatternDescr p) {
                Class<?> type = p.getObjectType() == null ? null : allow.type(p.getObjectType());
                if (p.getIdentifier() != null) {
                    bindings.put(p.getIdentifier(), type);
                }
                for (BaseDescr c : p.getDescrs()) {
                    if (c instanceof ExprConstraintDescr e) {
                        DrlxExpression x = parseCondition(e.getExpression(), line(e, line(p, def.whenLine())));
                        parsed.put(e, x);
                        if (x.getBind() != null) {
                            Class<?> t = x.getExpr() instanceof NameExpr n ? allow.propertyType(type, n.getNameAsString()) : null;
                            bindings.put(x.getBind().asString(), t);
                        }
                    }
                }
                PatternSourceDescr src = p.getSource();
                if (src instanceof AccumulateDescr ad) {
                    collectBindings(ad.getInput(), null);
                    for (var f : ad.getFunctions()) {
                        if (f.getBind() != null) {
                            bindings.put(f.getBind(), null);
                        }
                    }
                } else if (src instanceof CollectDescr cd) {
                    collectBindings(cd.getInputPattern(), null);
                }
            } else if (d instanceof org.drools.drl.ast.descr.ConditionalElementDescr ce) {
                for (Object o : ce.getDescrs()) {
                    collectBindings((BaseDescr) o, null);
                }
            }
        }

        private void conditions(BaseDescr d) {
            if (d instanceof AndDescr || d instanceof OrDescr || d instanceof NotDescr || d instanceof ExistsDescr
                    || d instanceof ForallDescr) {
                for (Object o : ((org.drools.drl.ast.descr.ConditionalElementDescr) d).getDescrs()) {
                    conditions((BaseDescr) o);
                }
            } else if (d instanceof PatternDescr p) {
                pattern(p);
            } else if (d instanceof EvalDescr e) {
                int line = line(e, def.whenLine());
                String text = String.valueOf(e.getContent());
                new Walk(null, false, line).expr(parseCondition(text, line).getExpr());
            } else {
                throw refuse(def, "when", line(d, def.whenLine()), "the condition element "
                        + d.getClass().getSimpleName().replace("Descr", "") + " is not allowed");
            }
        }

        private void pattern(PatternDescr p) {
            int line = line(p, def.whenLine());
            if (p.isQuery()) {
                throw refuse(def, "when", line, "queries are not allowed");
            }
            if (!p.getBehaviors().isEmpty() || !p.getAnnotations().isEmpty()) {
                throw refuse(def, "when", line, "pattern annotations and windows are not allowed");
            }
            String typeName = p.getObjectType();
            Class<?> type = typeName == null ? null : allow.type(typeName);
            if (type == null) {
                throw refuse(def, "when", line, "uses \"" + typeName + "\", which is not a fact type rule code may match"
                        + " (see docs/rules.md#facts-and-helpers)");
            }
            for (BaseDescr c : p.getDescrs()) {
                if (!(c instanceof ExprConstraintDescr e)) {
                    throw refuse(def, "when", line, "the constraint " + c.getText() + " is not allowed");
                }
                int l = line(e, line);
                DrlxExpression x = parsed.computeIfAbsent(e, k -> parseCondition(e.getExpression(), l));
                new Walk(type, true, l).expr(x.getExpr());
            }
            PatternSourceDescr src = p.getSource();
            if (src == null) {
                return;
            }
            if (src instanceof FromDescr fd) {
                new Walk(null, false, line).expr(parseCondition(fd.getDataSource().getText(), line).getExpr());
            } else if (src instanceof AccumulateDescr ad) {
                if (!ad.isExternalFunction() && ad.getFunctions().isEmpty()
                        || ad.getInitCode() != null || ad.getActionCode() != null || ad.getResultCode() != null) {
                    throw refuse(def, "when", line, "accumulate with inline code is not allowed; use one of "
                            + String.join(", ", new java.util.TreeSet<>(AllowList.ACCUMULATE_FUNCTIONS)));
                }
                for (var f : ad.getFunctions()) {
                    if (!AllowList.ACCUMULATE_FUNCTIONS.contains(f.getFunction())) {
                        throw refuse(def, "when", line, "uses the accumulate function \"" + f.getFunction()
                                + "\", which rule code may not use");
                    }
                    for (String param : f.getParams()) {
                        new Walk(null, false, line).expr(parseCondition(param, line).getExpr());
                    }
                }
                conditions(ad.getInput());
            } else if (src instanceof CollectDescr cd) {
                conditions(cd.getInputPattern());
            } else {
                throw refuse(def, "when", line, "the pattern source " + src.getClass().getSimpleName().replace("Descr", "")
                        + " is not allowed");
            }
        }

        /** A DRLX expression that must use all of its text (a prefix that parses must not hide the rest). */
        private DrlxExpression parseCondition(String text, int line) {
            if (text == null || text.isBlank()) {
                throw refuse(def, "when", line, "empty condition");
            }
            com.github.javaparser.ParserConfiguration cfg = new com.github.javaparser.ParserConfiguration();
            cfg.setStoreTokens(true);
            DrlxExpression x;
            try {
                var result = new MvelParser(cfg).parse(DrlxParser.buildDrlxParserWithArguments(List.of()),
                        Providers.provider(text));
                if (!result.isSuccessful() || result.getResult().isEmpty()) {
                    String why = result.getProblems().isEmpty() ? "cannot parse"
                            : firstLine(result.getProblems().get(0).getMessage());
                    throw refuse(def, "when", line, "not a valid condition: " + text.strip() + ": " + why);
                }
                x = result.getResult().get();
            } catch (AicrException e) {
                throw e;
            } catch (RuntimeException e) {
                throw refuse(def, "when", line, "not a valid condition: " + text.strip() + ": " + firstLine(e.getMessage()));
            }
            // The DRLX parser stops at the end of the first expression and ignores what follows.
            // The DRL parser has already refused text after a complete condition; as a second
            // line of defence the expression must end with the text's last token.
            String end = x.getTokenRange().map(r -> r.getEnd().getText()).orElse(null);
            var lexer = new org.drools.mvel.parser.GeneratedMvelParserTokenManager(
                    new org.drools.mvel.parser.SimpleCharStream(Providers.provider(text)));
            String last = null;
            try {
                for (var t = lexer.getNextToken(); t.kind != 0; t = lexer.getNextToken()) {
                    last = t.image;
                }
            } catch (RuntimeException | Error e) {
                throw refuse(def, "when", line, "not a valid condition: " + text.strip() + ": " + firstLine(e.getMessage()));
            }
            if (end == null || !end.equals(last)) {
                throw refuse(def, "when", line, "not a valid condition: " + text.strip()
                        + ": unexpected text after the end of the expression");
            }
            return x;
        }

        // ---- consequence ------------------------------------------------------------------

        private String consequence() {
            Object c = descr.getConsequence();
            String got = c == null ? "" : c.toString().strip();
            if (!got.equals(def.then().strip())) {
                throw refuse(def, "then", def.thenLine(), "the consequence must not contain text that ends its rule"
                        + " (a stray \"end\"?)");
            }
            BlockStmt block;
            try {
                block = DrlxParseUtil.parseBlock(def.then());
            } catch (ParseProblemException e) {
                Problem p = e.getProblems().get(0);
                int l = p.getLocation().flatMap(t -> t.getBegin().getRange()).map(r -> thenLine(r.begin)).orElse(def.thenLine());
                throw refuse(def, "then", l, "not valid Java: " + firstLine(p.getMessage()));
            } catch (RuntimeException e) {
                throw refuse(def, "then", def.thenLine(), "not valid Java: " + firstLine(e.getMessage()));
            }
            Set<String> locals = new HashSet<>();
            block.findAll(VariableDeclarator.class).forEach(v -> locals.add(v.getNameAsString()));
            block.findAll(Parameter.class).forEach(v -> locals.add(v.getNameAsString()));
            block.findAll(com.github.javaparser.ast.expr.TypePatternExpr.class).forEach(v -> locals.add(v.getNameAsString()));
            Walk w = new Walk(null, false, def.thenLine());
            w.locals.addAll(locals);
            w.consequence = true;
            w.stmt(block);
            return guard(block);
        }

        /** The rule-file line of a position in the parsed block ({@code {\n} + then + {@code \n}}). */
        private int thenLine(Position p) {
            return def.thenLine() + Math.max(0, p.line - 2);
        }

        /** The consequence with a guard call before each statement and inside each loop body. */
        private String guard(BlockStmt block) {
            String text = def.then();
            int[] lineStart = lineStarts(text);
            TreeMap<Integer, String> inserts = new TreeMap<>();
            for (BlockStmt b : block.findAll(BlockStmt.class)) {
                for (Statement s : b.getStatements()) {
                    s.getBegin().ifPresent(p -> inserts.merge(offset(p, lineStart, text), TICK, (a, c) -> a + c));
                }
            }
            for (ForEachStmt f : block.findAll(ForEachStmt.class)) {
                Statement body = f.getBody();
                if (!(body instanceof BlockStmt)) {
                    int from = offset(body.getBegin().orElseThrow(), lineStart, text);
                    int to = offset(body.getEnd().orElseThrow(), lineStart, text) + 1;
                    inserts.merge(from, "{ " + TICK, (a, c) -> c + a);
                    inserts.merge(to, " }", (a, c) -> a + c);
                }
            }
            StringBuilder sb = new StringBuilder(text);
            for (var e : inserts.descendingMap().entrySet()) {
                sb.insert(Math.min(e.getKey(), sb.length()), e.getValue());
            }
            return sb.toString();
        }

        private static int[] lineStarts(String text) {
            List<Integer> starts = new ArrayList<>();
            starts.add(0);
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    starts.add(i + 1);
                }
            }
            return starts.stream().mapToInt(Integer::intValue).toArray();
        }

        /** Text offset of a block position: block line 1 is the added brace, columns count characters. */
        private static int offset(Position p, int[] lineStart, String text) {
            int l = Math.min(Math.max(p.line - 2, 0), lineStart.length - 1);
            return Math.min(lineStart[l] + p.column - 1, text.length());
        }

        // ---- the walk over expressions and statements ----------------------------------

        /** Checks one piece of rule code; {@code patternType} is the fact a condition is on. */
        private final class Walk {
            private final Class<?> patternType;
            private final boolean constraint;
            private final int line;
            final Set<String> locals = new HashSet<>();
            boolean consequence;

            Walk(Class<?> patternType, boolean constraint, int line) {
                this.patternType = patternType;
                this.constraint = constraint;
                this.line = line;
            }

            private AicrException no(Node n, String message) {
                int l = line;
                if (consequence && n != null) {
                    l = n.getBegin().map(SafetyCheck.RuleWalk.this::thenLine).orElse(line);
                }
                return refuse(def, consequence ? "then" : "when", l, message);
            }

            private AicrException forbidden(Node n, String name) {
                return no(n, "uses \"" + name + "\", which rule code may not use (allowed: fact types, documented"
                        + " helpers, plain values, bindings and local variables; see docs/rules.md#what-rule-code-may-use)");
            }

            void stmt(Statement s) {
                if (s instanceof BlockStmt b) {
                    b.getStatements().forEach(this::stmt);
                } else if (s instanceof ExpressionStmt e) {
                    expr(e.getExpression());
                } else if (s instanceof IfStmt i) {
                    expr(i.getCondition());
                    stmt(i.getThenStmt());
                    i.getElseStmt().ifPresent(this::stmt);
                } else if (s instanceof ForEachStmt f) {
                    expr(f.getVariable());
                    expr(f.getIterable());
                    stmt(f.getBody());
                } else if (s instanceof BreakStmt || s instanceof ContinueStmt || s instanceof EmptyStmt) {
                    return;
                } else if (s instanceof ReturnStmt r) {
                    r.getExpression().ifPresent(this::expr);
                } else if (s instanceof SwitchStmt sw) {
                    expr(sw.getSelector());
                    sw.getEntries().forEach(this::entry);
                } else if (s instanceof YieldStmt y) {
                    expr(y.getExpression());
                } else {
                    String kind = statementKind(s);
                    throw no(s, "uses " + kind + ", which rule code may not use" + (kind.contains("loop")
                            ? " (loops are for-each over a collection: for (Reading r : list) { ... })" : ""));
                }
            }

            private void entry(SwitchEntry e) {
                for (Expression label : e.getLabels()) {
                    // a bare name in a case label is a constant of the selector's enum (case PASS:)
                    if (!(label instanceof NameExpr)) {
                        expr(label);
                    }
                }
                e.getGuard().ifPresent(this::expr);
                e.getStatements().forEach(this::stmt);
            }

            void expr(Expression e) {
                if (e instanceof LiteralExpr || e instanceof BigDecimalLiteralExpr || e instanceof BigIntegerLiteralExpr) {
                    return;
                }
                if (e instanceof DrlNameExpr n) {
                    name(n, n.getNameAsString());
                } else if (e instanceof NameExpr n) {
                    name(n, n.getNameAsString());
                } else if (e instanceof ThisExpr t) {
                    if (!constraint || t.getTypeName().isPresent()) {
                        throw forbidden(t, "this");
                    }
                } else if (e instanceof FieldAccessExpr f) {
                    field(f, f.getScope(), f.getNameAsString());
                } else if (e instanceof NullSafeFieldAccessExpr f) {
                    field(f, f.getScope(), f.getNameAsString());
                } else if (e instanceof MethodCallExpr m) {
                    call(m, m.getScope().orElse(null), m.getNameAsString(), m.getArguments());
                    m.getTypeArguments().ifPresent(ts -> ts.forEach(this::type));
                } else if (e instanceof NullSafeMethodCallExpr m) {
                    call(m, m.getScope().orElse(null), m.getNameAsString(), m.getArguments());
                } else if (e instanceof ObjectCreationExpr o) {
                    create(o);
                } else if (e instanceof BinaryExpr b) {
                    expr(b.getLeft());
                    expr(b.getRight());
                } else if (e instanceof UnaryExpr u) {
                    expr(u.getExpression());
                } else if (e instanceof ConditionalExpr c) {
                    expr(c.getCondition());
                    expr(c.getThenExpr());
                    expr(c.getElseExpr());
                } else if (e instanceof EnclosedExpr en) {
                    expr(en.getInner());
                } else if (e instanceof AssignExpr a) {
                    if (!(a.getTarget() instanceof NameExpr t) || !locals.contains(t.getNameAsString())) {
                        throw no(a, "assigns to something other than a local variable");
                    }
                    expr(a.getValue());
                } else if (e instanceof CastExpr c) {
                    type(c.getType());
                    expr(c.getExpression());
                } else if (e instanceof InstanceOfExpr i) {
                    expr(i.getExpression());
                    type(i.getType());
                } else if (e instanceof PatternExpr p) {
                    type(p.getType());
                } else if (e instanceof VariableDeclarationExpr v) {
                    if (!v.getAnnotations().isEmpty()) {
                        throw no(v, "annotations are not allowed in rule code");
                    }
                    for (VariableDeclarator d : v.getVariables()) {
                        type(d.getType());
                        d.getInitializer().ifPresent(this::expr);
                    }
                } else if (e instanceof ArrayAccessExpr a) {
                    expr(a.getName());
                    expr(a.getIndex());
                } else if (e instanceof SwitchExpr sw) {
                    expr(sw.getSelector());
                    sw.getEntries().forEach(this::entry);
                } else if (e instanceof PointFreeExpr pf) {
                    operator(pf, pf.getOperator().asString());
                    expr(pf.getLeft());
                    pf.getRight().forEach(this::expr);
                } else if (e instanceof HalfPointFreeExpr hp) {
                    operator(hp, hp.getOperator().asString());
                    hp.getRight().forEach(this::expr);
                } else if (e instanceof HalfBinaryExpr hb) {
                    expr(hb.getRight());
                } else if (e instanceof InlineCastExpr ic) {
                    type(ic.getType());
                    expr(ic.getExpression());
                } else if (e instanceof ListCreationLiteralExpression l) {
                    for (Expression x : l.getExpressions()) {
                        expr(x instanceof ListCreationLiteralExpressionElement el ? el.getValue() : x);
                    }
                } else if (e instanceof MapCreationLiteralExpression m) {
                    for (Expression x : m.getExpressions()) {
                        if (x instanceof MapCreationLiteralExpressionKeyValuePair kv) {
                            expr(kv.getKey());
                            expr(kv.getValue());
                        } else {
                            expr(x);
                        }
                    }
                } else {
                    throw no(e, "uses " + expressionKind(e) + ", which rule code may not use");
                }
            }

            private void operator(Node n, String op) {
                if (!AllowList.WORD_OPERATORS.contains(op)) {
                    throw no(n, "uses the operator \"" + op + "\", which rule code may not use");
                }
            }

            /** A bare name: local, binding, property of the pattern's fact, or an allowed type. */
            private void name(Node n, String name) {
                if (locals.contains(name) || bindings.containsKey(name)) {
                    return;
                }
                if (constraint && allow.properties(patternType).contains(name)) {
                    return;
                }
                if (allow.type(name) != null) {
                    return;
                }
                if (constraint && allow.isFact(patternType) && !name.isEmpty() && Character.isLowerCase(name.charAt(0))) {
                    throw no(n, noField(patternType, name));
                }
                throw forbidden(n, name);
            }

            private String noField(Class<?> type, String name) {
                return type.getSimpleName() + " has no field \"" + name + "\" (fields: "
                        + String.join(", ", allow.properties(type)) + ")";
            }

            /** {@code a.b.c} as a dotted name when it is one (names all the way down), else null. */
            private String dotted(Expression e) {
                if (e instanceof NameExpr n) {
                    return n.getNameAsString();
                }
                if (e instanceof FieldAccessExpr f) {
                    String s = dotted(f.getScope());
                    return s == null ? null : s + "." + f.getNameAsString();
                }
                return null;
            }

            /** Whether a dotted name starts with a value (local, binding, property) rather than a type or package. */
            private boolean startsWithValue(String dotted) {
                String root = dotted.contains(".") ? dotted.substring(0, dotted.indexOf('.')) : dotted;
                return locals.contains(root) || bindings.containsKey(root) || root.equals("this")
                        || constraint && allow.properties(patternType).contains(root);
            }

            /**
             * The allowed type a qualified name starts with, and the parts after it; refuses a
             * qualified name that starts with no value and no allowed type ({@code java.io.File}).
             */
            private Object[] qualified(Node n, String dotted) {
                String[] parts = dotted.split("\\.");
                for (int k = parts.length; k >= 1; k--) {
                    String prefix = String.join(".", java.util.Arrays.copyOfRange(parts, 0, k));
                    Class<?> t = allow.type(prefix);
                    if (t != null) {
                        return new Object[]{t, java.util.Arrays.copyOfRange(parts, k, parts.length)};
                    }
                }
                // name what the author wrote, up to the first part that looks like a class
                int k = 0;
                while (k < parts.length - 1 && !Character.isUpperCase(parts[k].charAt(0))) {
                    k++;
                }
                throw forbidden(n, String.join(".", java.util.Arrays.copyOfRange(parts, 0, k + 1)));
            }

            private void field(Node n, Expression scope, String name) {
                String d = dotted(scope);
                if (name.equals("class")) {
                    throw forbidden(n, (d == null ? "" : d + ".") + "class");
                }
                if (d != null && !startsWithValue(d)) {
                    Object[] q = qualified(n, d + "." + name);
                    Class<?> t = (Class<?>) q[0];
                    String[] rest = (String[]) q[1];
                    if (rest.length == 0) {
                        return;
                    }
                    if (!allow.staticField(t, rest[0])) {
                        throw forbidden(n, t.getSimpleName() + "." + rest[0]);
                    }
                    for (int i = 1; i < rest.length; i++) {
                        if (!allow.anyProperty(rest[i])) {
                            throw forbidden(n, rest[i]);
                        }
                    }
                    return;
                }
                expr(scope);
                Class<?> t = typeOf(scope);
                if (t != null && allow.isFact(t)) {
                    if (!allow.properties(t).contains(name)) {
                        throw no(n, noField(t, name));
                    }
                } else if (!allow.anyProperty(name) && !name.equals("length")) {
                    throw forbidden(n, name);
                }
            }

            private void call(Node n, Expression scope, String name, NodeList<Expression> args) {
                args.forEach(this::expr);
                if (!allow.instanceMethod(name) && scope != null && !(dotted(scope) != null && !startsWithValue(dotted(scope)))) {
                    expr(scope);
                    throw forbidden(n, name + "()");
                }
                if (scope == null) {
                    if (consequence && name.equals("insert")) {
                        return;
                    }
                    if (constraint && allow.isFact(patternType) && hasMethod(patternType, name)) {
                        return;
                    }
                    throw forbidden(n, name + "()");
                }
                String d = dotted(scope);
                if (d != null && !startsWithValue(d)) {
                    Object[] q = qualified(n, d);
                    Class<?> t = (Class<?>) q[0];
                    String[] rest = (String[]) q[1];
                    if (rest.length == 0) {
                        if (!allow.staticMethod(t, name)) {
                            throw forbidden(n, t.getSimpleName() + "." + name + "()");
                        }
                        return;
                    }
                    field(scope, ((FieldAccessExpr) scope).getScope(), ((FieldAccessExpr) scope).getNameAsString());
                } else {
                    expr(scope);
                }
                Class<?> t = typeOf(scope);
                if (t != null && allow.isFact(t) && !hasMethod(t, name) && !allow.instanceMethod(name)) {
                    throw no(n, t.getSimpleName() + " has no method " + name + "() (fields: "
                            + String.join(", ", allow.properties(t)) + ")");
                }
                if (!allow.instanceMethod(name)) {
                    throw forbidden(n, name + "()");
                }
            }

            private boolean hasMethod(Class<?> t, String name) {
                for (var m : t.getMethods()) {
                    if (m.getName().equals(name) && m.getDeclaringClass() != Object.class && allow.instanceMethod(name)) {
                        return true;
                    }
                }
                return false;
            }

            private void create(ObjectCreationExpr o) {
                if (o.getAnonymousClassBody().isPresent() || o.getScope().isPresent()) {
                    throw no(o, "uses an anonymous or inner class, which rule code may not use");
                }
                Class<?> t = type(o.getType());
                o.getArguments().forEach(this::expr);
                if (t == null || !allow.constructible(t, o.getArguments().size())) {
                    String what = t != null && !allow.isFact(t) && !o.getArguments().isEmpty()
                            ? "new " + o.getType().getNameAsString() + "(...) with arguments (create it empty: a size"
                            + " could allocate without bound)"
                            : "new " + o.getType().getNameWithScope() + "(...)";
                    throw no(o, "uses " + what + ", which rule code may not use");
                }
            }

            /** Checks a type and returns its class (null for primitives, var and arrays of them). */
            private Class<?> type(Type t) {
                if (t instanceof PrimitiveType || t instanceof VarType) {
                    return null;
                }
                if (t instanceof ArrayType a) {
                    type(a.getComponentType());
                    return null;
                }
                if (t instanceof WildcardType w) {
                    w.getExtendedType().ifPresent(this::type);
                    w.getSuperType().ifPresent(this::type);
                    return null;
                }
                if (t instanceof ClassOrInterfaceType c) {
                    c.getTypeArguments().ifPresent(ts -> ts.forEach(this::type));
                    String name = c.getNameWithScope();
                    Class<?> k = allow.type(name);
                    if (k == null) {
                        throw forbidden(t, name);
                    }
                    return k;
                }
                throw no(t, "uses the type " + t.getClass().getSimpleName() + ", which rule code may not use");
            }

            /** The fact type of an expression when it is evident (a binding, a property of a fact). */
            private Class<?> typeOf(Expression e) {
                if (e instanceof NameExpr n) {
                    String name = n.getNameAsString();
                    if (bindings.containsKey(name) && !locals.contains(name)) {
                        return bindings.get(name);
                    }
                    if (constraint && !locals.contains(name)) {
                        return allow.propertyType(patternType, name);
                    }
                    return null;
                }
                if (e instanceof ThisExpr) {
                    return constraint ? patternType : null;
                }
                if (e instanceof FieldAccessExpr f) {
                    return allow.propertyType(typeOf(f.getScope()), f.getNameAsString());
                }
                if (e instanceof MethodCallExpr m && m.getArguments().isEmpty() && m.getScope().isPresent()) {
                    return allow.propertyType(typeOf(m.getScope().get()), m.getNameAsString());
                }
                if (e instanceof EnclosedExpr en) {
                    return typeOf(en.getInner());
                }
                return null;
            }
        }
    }

    private static String statementKind(Statement s) {
        String k = s.getClass().getSimpleName().replace("Stmt", "");
        return switch (k) {
            case "While" -> "a while loop";
            case "Do" -> "a do-while loop";
            case "For" -> "a for(;;) loop";
            case "Try" -> "try/catch";
            case "Throw" -> "throw";
            case "Synchronized" -> "synchronized";
            case "LocalClassDeclaration", "LocalRecordDeclaration" -> "a local class";
            case "Labeled" -> "a labeled statement";
            case "Assert" -> "assert";
            default -> "the statement " + k;
        };
    }

    private static String expressionKind(Expression e) {
        String k = e.getClass().getSimpleName().replace("Expr", "").replace("ession", "");
        return switch (k) {
            case "Lambda" -> "a lambda";
            case "MethodReference" -> "a method reference";
            case "ArrayCreation" -> "array creation (new T[n])";
            case "ArrayInitializer" -> "an array initializer";
            case "Class" -> "a class literal (T.class)";
            case "Super" -> "super";
            case "OOPath" -> "an OOPath";
            case "FullyQualifiedInlineCast" -> "a qualified inline cast";
            default -> "the expression " + k;
        };
    }

    @SuppressWarnings("unused")
    private static boolean ignorable(Node n) {
        return n instanceof Comment || n instanceof SimpleName || n instanceof Name;
    }
}
