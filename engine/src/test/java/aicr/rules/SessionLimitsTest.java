package aicr.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.rules.facts.Constraint;
import aicr.rules.facts.Outcome;
import aicr.rules.facts.Reading;
import aicr.rules.facts.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Session bounds: rule code that passes the safety check can still run long or build large
 * values (nested loops over many facts, rules that trigger each other); the session stops it
 * with one error instead of hanging or running out of memory. Also: a throwing consequence is
 * recorded and the other rules still fire; a throwing condition ends the session with the rule.
 */
class SessionLimitsTest {

    static RuleBase compile(String when, String then) {
        String text = """
                id: t.limits
                kind: constraint
                severity: error
                summary: s
                reference: r
                operators: ["=~"]
                rules:
                  - id: t.limits
                    when:
                """ + when.indent(6) + "    then: |\n" + then.indent(6);
        return RuleBase.compile(RuleKind.CONSTRAINT, List.of(RuleLoader.parse("t/limits.yaml", text)));
    }

    static List<Reading> readings(int n) {
        List<Reading> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Reading.of("K8s.r.k" + i, "v" + i, "string"));
        }
        return out;
    }

    static Constraint constraint(int seq, String operand) {
        return new Constraint(seq, "K8s.r.k0", "=~ " + operand, "=~", operand, "K8s.r.k0", null, null);
    }

    @Test
    void nestedLoopsStopAtTheTimeLimit() {
        RuleBase base = compile("""
                - { given: Constraint, as: $c }
                - { given: java.util.List, as: $all, from: 'collect( Reading() )' }
                """, """
                int n = 0;
                for (Object a : $all) { for (Object b : $all) { for (Object c : $all) { for (Object d : $all) {
                  for (Object e : $all) { n++; } } } } }
                insert(Verdict.error($c, null, "n=" + n));
                """);
        Limits quick = Limits.DEFAULT.withTimeout(Duration.ofMillis(300));
        AicrException e = assertThrows(AicrException.class,
                () -> base.newSession(quick).insertAll(readings(200)).insert(constraint(0, "x")).fire());
        assertEquals(ErrorCode.TIMEOUT, e.code());
        assertEquals("[TIMEOUT] rule session exceeded its time limit of 300ms (raise it with --rule-timeout)", e.render());
    }

    @Test
    void rulesThatFeedEachOtherStopAtTheInsertCap() {
        RuleBase base = compile("""
                - { given: Reading, as: $r }
                """, """
                insert(Reading.of($r.key() + "x", $r.value(), $r.kind()));
                """);
        Limits small = new Limits(Duration.ofSeconds(30), 1_000_000, 500, 5_000_000, 64L << 20);
        AicrException e = assertThrows(AicrException.class,
                () -> base.newSession(small).insertAll(readings(1)).fire());
        assertEquals("[INVALID_REQUEST] rule session stopped: rules inserted more than 500 facts", e.render());
    }

    @Test
    void aJoinThatMultipliesFactsStopsAtTheMatchCap() {
        RuleBase base = compile("""
                - { given: Reading, as: $a }
                - { given: Reading, as: $b }
                """, """
                int unused = 0;
                """);
        Limits small = new Limits(Duration.ofSeconds(30), 1_000_000, 1_000_000, 10_000, 64L << 20);
        AicrException e = assertThrows(AicrException.class,
                () -> base.newSession(small).insertAll(readings(1000)).fire());
        assertTrue(e.render().startsWith("[INVALID_REQUEST] rule session stopped: rule conditions matched more than 10000"),
                e.render());
    }

    @Test
    void aValueThatDoublesWithoutEndIsStopped() {
        RuleBase base = compile("""
                - { given: Constraint, as: $c }
                - { given: java.util.List, as: $all, from: 'collect( Reading() )' }
                """, """
                String s = "x";
                for (Object a : $all) { s = s + s; }
                insert(Verdict.error($c, null, "length " + s.length()));
                """);
        AicrException e = assertThrows(AicrException.class,
                () -> base.newSession().insertAll(readings(64)).insert(constraint(0, "x")).fire());
        assertEquals(ErrorCode.INVALID_REQUEST, e.code());
        assertTrue(e.render().startsWith("[INVALID_REQUEST] rule session stopped: "), e.render());
    }

    @Test
    void aThrowingConsequenceIsRecordedAndTheOthersFire() {
        RuleBase base = compile("""
                - { given: Constraint, as: $c, having: [ 'operator == "=~"' ] }
                - { given: Reading, as: $r, having: [ 'key == $c.key' ] }
                """, """
                insert(Verdict.of($c, $r, $r.trimmed().matches($c.operand())));
                """);
        Session s = base.newSession();
        List<Finding> found = s.insertAll(readings(1)).insert(constraint(0, "[")).insert(constraint(1, "v.*")).fire();
        assertEquals(1, found.size(), found.toString());
        assertEquals(Outcome.PASS, ((Verdict) found.get(0).fact()).outcome());
        assertEquals(1, s.failures().size());
        Session.Failure f = s.failures().get(0);
        assertEquals("t.limits", f.rule().id());
        assertEquals("PatternSyntaxException: Unclosed character class near index 0 in \"[\"", f.message());
        assertTrue(f.facts().contains(constraint(0, "[")), f.facts().toString());
    }

    @Test
    void aThrowingConditionEndsTheSessionNamingTheRule() {
        RuleBase base = compile("""
                - { given: Constraint, as: $c, having: [ 'operator == "=~"' ] }
                - { given: Reading, as: $r, having: [ 'key == $c.key', 'trimmed.matches($c.operand)' ] }
                """, """
                insert(Verdict.of($c, $r, true));
                """);
        AicrException e = assertThrows(AicrException.class,
                () -> base.newSession().insertAll(readings(1)).insert(constraint(0, "[")).fire());
        RuleFailure f = assertInstanceOf(RuleFailure.class, e.getCause(), e.render());
        assertEquals("t.limits", f.rule().id());
        assertTrue(f.getMessage().startsWith("PatternSyntaxException: Unclosed character class"), f.getMessage());
    }

    @Test
    void timeoutsParseLikeGoDurations() {
        assertEquals(Duration.ofSeconds(90), Limits.parseTimeout("1m30s", "--rule-timeout"));
        assertEquals(Duration.ofMillis(1500), Limits.parseTimeout("1.5s", "--rule-timeout"));
        assertEquals(Duration.ofMillis(250), Limits.parseTimeout("250ms", "--rule-timeout"));
        assertEquals("[INVALID_REQUEST] invalid --rule-timeout \"10\": want a duration such as 30s, 2m or 1m30s",
                assertThrows(AicrException.class, () -> Limits.parseTimeout("10", "--rule-timeout")).render());
        assertEquals("[INVALID_REQUEST] invalid --rule-timeout \"0s\": must be between 1ms and 24h",
                assertThrows(AicrException.class, () -> Limits.parseTimeout("0s", "--rule-timeout")).render());
    }
}
