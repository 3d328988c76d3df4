package aicr.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aicr.errors.AicrException;
import aicr.rules.facts.Constraint;
import aicr.rules.facts.Outcome;
import aicr.rules.facts.Reading;
import aicr.rules.facts.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --rules directories: adding an operator, replacing a shipped family, the compile cache. */
class RuleDirectoryTest {
    @TempDir
    Path tmp;

    static final String REGEX = """
            id: site.regex
            kind: constraint
            severity: warning
            summary: =~ matches the reading against a regular expression
            reference: site policy
            operators: ["=~"]
            rules:
              - id: site.regex
                when:
                  - { given: Constraint, as: $c, having: [ 'failedStep == null', 'operator == "=~"' ] }
                  - { given: Reading, as: $r, having: [ 'key == $c.key' ] }
                then: insert(Verdict.of($c, $r, $r.trimmed().matches($c.operand())));
            """;

    /** Also shows that the documented helper {@code GoStrings.trimSpace} is in scope of every rule file. */
    static final String CASELESS_EXACT = """
            id: constraint.exact
            kind: constraint
            severity: error
            summary: exact match, ignoring case
            reference: site policy
            rules:
              - id: constraint.exact.caseless
                when:
                  - { given: Constraint, as: $c, having: [ 'failedStep == null', 'operator == ""' ] }
                  - { given: Reading, as: $r, having: [ 'key == $c.key' ] }
                then: insert(Verdict.of($c, $r, GoStrings.trimSpace($r.value()).equalsIgnoreCase($c.operand())));
            """;

    private static Verdict decide(RuleBase base, String operator, String operand, String value) {
        Constraint c = new Constraint(0, "K8s.server.version", operator + operand, operator, operand,
                "K8s.server.version", null, null);
        try (Session s = base.newSession()) {
            List<Finding> f = s.insert(Reading.of("K8s.server.version", value, "string")).insert(c).fire();
            assertEquals(1, f.size(), f.toString());
            return (Verdict) f.get(0).fact();
        }
    }

    @Test
    void addsOperatorAndReplacesFamilyAndCaches() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("site"));
        Files.writeString(dir.resolve("regex.yaml"), REGEX);
        Files.writeString(dir.resolve("exact.yaml"), CASELESS_EXACT);
        RuleCache cache = new RuleCache(tmp.resolve("cache"), "test");
        int before = RuleCompiler.COMPILATIONS.get();
        RuleBase base = RuleBase.withDirectory(RuleKind.CONSTRAINT, dir, cache);
        assertEquals(before + 1, RuleCompiler.COMPILATIONS.get());

        assertTrue(base.operatorTokens().contains("=~"));
        assertEquals(Outcome.PASS, decide(base, "=~", "v1\\.33\\..*", "v1.33.5").outcome());
        assertEquals(Outcome.PASS, decide(base, "", "UBUNTU", "ubuntu").outcome());
        assertNull(base.rule("constraint.exact"), "the replaced shipped rule is gone");
        assertNotNull(base.rule("constraint.exact.caseless"));
        assertEquals("regex.yaml", base.rule("site.regex").file(), "named relative to its --rules directory");
        assertNotNull(base.rule("constraint.version-order.ge"), "other shipped rules stay");
        assertTrue(base.source("regex.yaml").contains("site.regex"));
        assertEquals(List.of("site.regex"), base.ruleSet().added());
        assertEquals(List.of("constraint.exact"), base.ruleSet().replaced());

        try (Stream<Path> s = Files.list(tmp.resolve("cache"))) {
            assertEquals(1, s.filter(p -> p.toString().endsWith(".zip")).count());
        }
        RuleBase again = RuleBase.withDirectory(RuleKind.CONSTRAINT, dir, cache);
        assertEquals(before + 1, RuleCompiler.COMPILATIONS.get(), "second load comes from the cache");
        assertEquals(Outcome.FAIL, decide(again, "=~", "v2.*", "v1.33.5").outcome());

        Files.writeString(dir.resolve("regex.yaml"), REGEX.replace("matches(", "contains("));
        RuleBase changed = RuleBase.withDirectory(RuleKind.CONSTRAINT, dir, cache);
        assertEquals(before + 2, RuleCompiler.COMPILATIONS.get(), "a changed file recompiles");
        assertEquals(Outcome.PASS, decide(changed, "=~", "33", "v1.33.5").outcome());
    }

    @Test
    void plainDrlConditionsWhereYamlCannotSayIt() {
        RuleFile f = RuleLoader.parse("x/either.yaml", """
                id: site.either
                kind: constraint
                severity: info
                summary: ?= passes when the reading is either of two words (DRL 'or' has no YAML form)
                reference: test
                operators: ["?="]
                rules:
                  - id: site.either
                    when: |
                      $c : Constraint(failedStep == null, operator == "?=")
                      (  $r : Reading(key == $c.key, trimmed == "a" || trimmed == "b")
                      or $r : Reading(key == $c.key, trimmed == $c.operand) )
                    then: insert(Verdict.of($c, $r, true));
                """);
        RuleBase base = RuleBase.compile(RuleKind.CONSTRAINT, List.of(f));
        assertEquals(Outcome.PASS, decide(base, "?=", "z", "b").outcome());
        assertEquals(Outcome.PASS, decide(base, "?=", "z", "z").outcome());
    }

    @Test
    void ruleIdClashWithShippedRuleIsAnError() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("clash"));
        Files.writeString(dir.resolve("x.yaml"), CASELESS_EXACT.replace("id: constraint.exact\n", "id: constraint\n")
                .replace("constraint.exact.caseless", "constraint.exact"));
        AicrException e = assertThrows(AicrException.class,
                () -> RuleBase.withDirectory(RuleKind.CONSTRAINT, dir, new RuleCache(null, "test")));
        assertTrue(e.render().contains("rule id \"constraint.exact\" already exists in rules/constraints/exact.yaml"),
                e.render());
    }

    @Test
    void brokenFileFailsWithFileAndField() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("broken"));
        Files.writeString(dir.resolve("regex.yaml"), REGEX.replace("matches(", "matchez("));
        AicrException e = assertThrows(AicrException.class,
                () -> RuleBase.withDirectory(RuleKind.CONSTRAINT, dir, new RuleCache(tmp.resolve("c2"), "test")));
        assertEquals("[INVALID_REQUEST] regex.yaml: rules[0].then: rule site.regex: uses \"matchez()\", which rule code"
                + " may not use (allowed: fact types, documented helpers, plain values, bindings and local variables; see"
                + " docs/rules.md#what-rule-code-may-use) (line 12)", e.render());
        assertTrue(Files.notExists(tmp.resolve("c2")) || isEmpty(tmp.resolve("c2")), "nothing cached");

        // allowed names, wrong types: the compiler's complaint, traced to the rule's then and its line
        Files.writeString(dir.resolve("regex.yaml"), REGEX.replace("$r.trimmed().matches($c.operand())", "$r.trimmed()"));
        AicrException typed = assertThrows(AicrException.class,
                () -> RuleBase.withDirectory(RuleKind.CONSTRAINT, dir, new RuleCache(null, "test")));
        assertTrue(typed.render().startsWith("[INVALID_REQUEST] regex.yaml: rules[0].then: rule site.regex: "), typed.render());
        assertTrue(typed.render().endsWith("(line 12)"), typed.render());
    }

    @Test
    void directoriesLayerAndNamesDoNotDependOnSpelling() throws IOException {
        Path org = Files.createDirectories(tmp.resolve("org"));
        Path team = Files.createDirectories(tmp.resolve("team"));
        Files.writeString(org.resolve("regex.yaml"), REGEX);
        Files.writeString(team.resolve("regex.yaml"), REGEX.replace("matches(", "contains("));
        RuleCache cache = new RuleCache(null, "test");
        RuleBase base = RuleBase.withDirectories(RuleKind.CONSTRAINT, List.of(org, team), cache);
        assertEquals(Outcome.PASS, decide(base, "=~", "33", "v1.33.5").outcome(), "the team's file replaced the org's");
        Files.createDirectories(tmp.resolve("x"));
        RuleBase spelled = RuleBase.withDirectories(RuleKind.CONSTRAINT,
                List.of(Path.of(org + "/./"), tmp.resolve("x/../team")), cache);
        assertEquals(base.ruleSet(), spelled.ruleSet());
        assertTrue(base.ruleSet().digest().startsWith("sha256:"));
        assertTrue(!base.ruleSet().digest().equals(base.ruleSet().shippedDigest()));

        Files.writeString(team.resolve("regex.yaml"), REGEX.replace("id: site.regex\nkind", "id: site.other\nkind")
                .replace("- id: site.regex", "- id: site.other"));
        AicrException e = assertThrows(AicrException.class,
                () -> RuleBase.withDirectories(RuleKind.CONSTRAINT, List.of(org, team), cache));
        assertTrue(e.render().contains("two --rules directories have a file named regex.yaml"), e.render());
    }

    @Test
    void symlinksAreRefused() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("links"));
        Path outside = Files.writeString(tmp.resolve("outside.yaml"), REGEX);
        Files.createSymbolicLink(dir.resolve("regex.yaml"), outside);
        AicrException e = assertThrows(AicrException.class,
                () -> RuleBase.withDirectory(RuleKind.CONSTRAINT, dir, new RuleCache(null, "test")));
        assertEquals("[INVALID_REQUEST] symlinks not allowed in --rules: regex.yaml (in " + dir + ")", e.render());
        Path linkedDir = Files.createSymbolicLink(tmp.resolve("linked"), Files.createDirectories(tmp.resolve("real")));
        AicrException d = assertThrows(AicrException.class,
                () -> RuleBase.withDirectory(RuleKind.CONSTRAINT, linkedDir, new RuleCache(null, "test")));
        assertTrue(d.render().startsWith("[INVALID_REQUEST] symlinks not allowed in --rules: "), d.render());
    }

    private static boolean isEmpty(Path p) throws IOException {
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isEmpty();
        }
    }
}
