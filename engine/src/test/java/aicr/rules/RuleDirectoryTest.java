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
        assertEquals(dir + "/regex.yaml", base.rule("site.regex").file());
        assertNotNull(base.rule("constraint.version-order.ge"), "other shipped rules stay");
        assertTrue(base.source(dir + "/regex.yaml").contains("site.regex"));

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
        assertTrue(e.render().startsWith("[INVALID_REQUEST] " + dir + "/regex.yaml: rules[0].then: "), e.render());
        assertTrue(Files.notExists(tmp.resolve("c2")) || isEmpty(tmp.resolve("c2")), "nothing cached");
    }

    private static boolean isEmpty(Path p) throws IOException {
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isEmpty();
        }
    }
}
