package aicr.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aicr.errors.AicrException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The load-time safety check on its own (the hostile corpus of the CLI tests covers the six
 * kinds end to end): what is refused besides names, that the refusal names file, rule, line and
 * name, what stays allowed, and the guard calls put into consequences.
 */
class SafetyCheckTest {

    static RuleFile file(String when, String then) {
        return RuleLoader.parse("site/x.yaml", """
                id: site.x
                kind: constraint
                severity: error
                summary: s
                reference: r
                rules:
                  - id: site.x
                    when:
                """ + when.indent(6) + "    then: |\n" + then.indent(6));
    }

    static final String WHEN = """
            - { given: Constraint, as: $c }
            - { given: Reading, as: $r, having: [ 'key == $c.key' ] }
            """;

    static String refusal(String when, String then) {
        return assertThrows(AicrException.class, () -> SafetyCheck.check(file(when, then))).render();
    }

    static void assertContains(String text, String part) {
        assertTrue(text.contains(part), text);
    }

    @Test
    void textThatClosesItsRuleIsRefused() {
        assertEquals("[INVALID_REQUEST] site/x.yaml: rules[0].then: rule site.x: the rule text declares another rule (evil):"
                + " text in a pattern or consequence must not close its rule (line 14)",
                refusal(WHEN, "insert($r);\nend\nrule \"evil\" when then\nint x = 1;"));
        assertTrue(refusal("""
                - { given: Constraint, as: $c, having: [ 'key == "x") then int x = 1; end function void f() { } rule "y" when Constraint(' ] }
                """, "int y = 0;").startsWith("[INVALID_REQUEST] site/x.yaml: rules"));
    }

    @Test
    void unicodeEscapesAreRefusedEvenInLiteralsAndComments() {
        assertEquals("[INVALID_REQUEST] site/x.yaml: rules[0].then: rule site.x: unicode escapes (\\uXXXX) are not allowed in"
                + " rule code; write the character itself (line 12)", refusal(WHEN, "// \\u000a System.exit(1);"));
        // an escaped backslash before u is no unicode escape
        SafetyCheck.check(file(WHEN, "String s = \"\\\\u0041\";"));
    }

    @Test
    void constructsThatCouldRunAwayAreRefused() {
        assertContains(refusal(WHEN, "Runnable r = () -> {};"), "uses \"Runnable\"");
        assertContains(refusal(WHEN, "java.util.function.Supplier<String> s = \"x\"::trim;"), "java.util.function.Supplier");
        assertContains(refusal(WHEN, "insert(List.of(1).stream().map(x -> x));"), "uses a lambda");
        assertContains(refusal(WHEN, "long n = List.of(1).stream().count();"), "uses \"stream()\"");
        assertContains(refusal(WHEN, "do { } while (true);"), "uses a do-while loop");
        assertContains(refusal(WHEN, "try { insert($r); } catch (RuntimeException e) { }"), "uses try/catch");
        assertContains(refusal(WHEN, "class Local { }"), "uses a local class");
        assertContains(refusal(WHEN, "String[] a = {\"x\"};"), "uses an array initializer");
        assertContains(refusal(WHEN, "Object o = String.class;"), "uses a class literal (T.class)");
        assertContains(refusal(WHEN, "String s = String.format(\"%0999999999d\", 1);"), "uses \"String.format()\"");
        assertContains(refusal(WHEN, "String s = \"%d\".formatted(1);"), "uses \"formatted()\"");
        assertContains(refusal(WHEN, "StringBuilder b = new StringBuilder(1 << 30);"), "new StringBuilder(...) with arguments");
        assertContains(refusal(WHEN, "$c = null;"), "assigns to something other than a local variable");
        assertContains(refusal(WHEN, "drools.halt();"), "uses \"drools\"");
        assertContains(refusal(WHEN, "update($c);"), "uses \"update()\"");
    }

    @Test
    void conditionsAreCheckedAsStrictlyAsConsequences() {
        assertContains(refusal("- { given: Constraint, as: $c, having: [ 'this.class.classLoader != null' ] }", "int x = 0;"),
                "rules[0].when: rule site.x: ");
        assertEquals("[INVALID_REQUEST] site/x.yaml: rules[0].when: rule site.x: Reading has no field \"trimed\" (fields: key,"
                + " value, trimmed, kind) (line 9)", refusal("- { given: Reading, having: [ 'trimed == \"x\"' ] }", "int x = 0;"));
        assertEquals("[INVALID_REQUEST] site/x.yaml: rules[0].when: rule site.x: Constraint has no field \"opernd\" (fields:"
                + " seq, name, expression, operator, operand, key, failedStep, error) (line 10)",
                refusal(WHEN.replace("'key == $c.key'", "'key == $c.opernd'"), "int x = 0;"));
        assertContains(refusal("- { given: Constraint, as: $c }\n- { given: java.util.List, from: 'accumulate( Reading(),"
                + " init(int n = 0;), action(n++;), result(n) )' }", "int x = 0;"), "accumulate with inline code is not allowed");
        assertContains(refusal("- { given: Constraint, as: $c, having: [ 'key soundslike \"x\"', 'key after $c' ] }", "int x = 0;"),
                "uses the operator \"after\"");
    }

    @Test
    void importsAreAllowListed() {
        AicrException e = assertThrows(AicrException.class, () -> RuleLoader.parse("site/x.yaml", """
                id: site.x
                kind: constraint
                severity: error
                summary: s
                reference: r
                imports: [java.io.File]
                rules:
                  - { id: site.x, when: [ { given: Constraint } ], then: "int x = 0;" }
                """));
        assertTrue(e.render().startsWith("[INVALID_REQUEST] site/x.yaml: imports[0]: import \"java.io.File\" is not allowed"),
                e.render());
    }

    @Test
    void whatRuleAuthorsNeedStaysAllowed() {
        SafetyCheck.check(file("""
                - { given: Constraint, as: $c, having: [ 'failedStep == null', 'operator in ("=~", "!~")', 'key != null' ] }
                - { given: Reading, as: $r, having: [ 'key == $c.key', 'trimmed matches "v.*"', '!Versions.parses(trimmed)' ] }
                - { given: java.util.List, as: $all, from: 'collect( Reading( kind == "string" ) )' }
                - { given: Number, as: $n, having: [ 'intValue > 0' ], from: 'accumulate( Reading(), count(1) )' }
                """, """
                java.util.Map<String, Integer> seen = new java.util.HashMap<>();
                StringBuilder sb = new StringBuilder();
                for (Object o : $all) {
                  Reading r = (Reading) o;
                  if (r.value() instanceof String s && !s.isBlank()) {
                    seen.merge(s, 1, Integer::sum);
                  }
                }
                switch (Verdict.of($c, $r, true).outcome()) {
                  case PASS -> sb.append(Math.max(1, 2)).append(Pattern.compile("a+").matcher($r.value()).find());
                  default -> sb.append(String.join(",", List.of("a", "b")));
                }
                insert(sb.length() > 0 ? Verdict.fail($c, sb.toString()) : Verdict.pass($c));
                """.replace("seen.merge(s, 1, Integer::sum);", "seen.put(s, seen.getOrDefault(s, 0) + 1);")));
    }

    @Test
    void consequencesGetGuardCallsOnTheirOwnLines() {
        Map<String, String> guarded = SafetyCheck.check(file(WHEN, """
                int n = 0;
                for (String p : $r.trimmed().split("[.]")) n++;
                for (String p : List.of("a")) {
                  n++;
                }
                insert(Verdict.of($c, $r, n > 0));
                """));
        String t = SafetyCheck.TICK;
        assertEquals(t + "int n = 0;\n"
                + t + "for (String p : $r.trimmed().split(\"[.]\")) { " + t + "n++; }\n"
                + t + "for (String p : List.of(\"a\")) {\n"
                + "  " + t + "n++;\n"
                + "}\n"
                + t + "insert(Verdict.of($c, $r, n > 0));\n", guarded.get("site.x"));
    }
}
