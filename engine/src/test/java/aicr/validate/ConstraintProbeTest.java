package aicr.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import aicr.rules.RuleBase;
import aicr.rules.RuleKind;
import aicr.rules.facts.Outcome;
import aicr.snapshot.Snapshot;
import aicr.snapshot.SnapshotReader;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays every row of the reference's constraint-probes.tsv against the shipped rules at
 * engine level: outcome (PASS/FAIL/ERROR) and the exact detail (the readiness error, or
 * {@code actual=...}). The CLI-level replay (exit codes) is in the cli module.
 */
class ConstraintProbeTest {
    private static final RuleBase RULES = RuleBase.shipped(RuleKind.CONSTRAINT);

    static Stream<Arguments> rows() {
        return Golden.tsv(Golden.REFERENCE.resolve("constraint-probes.tsv")).stream()
                .map(r -> Arguments.of(r[0], r[1], r[2], r[4], r[5]));
    }

    @ParameterizedTest(name = "{0} {1} [{2}] -> {3}")
    @MethodSource("rows")
    void probe(String snapshot, String name, String expression, String outcome, String detail) {
        Snapshot snap = SnapshotReader.read(Golden.REFERENCE.resolve(snapshot).toString());
        ConstraintResult r = new ConstraintEvaluator(RULES)
                .evaluate(List.of(new ConstraintFacts.Input(name, expression)), snap, List.of()).get(0);
        assertEquals(Outcome.valueOf(outcome), r.outcome(), () -> "decided by " + r.rule() + ": " + r.message());
        String got = r.outcome() == Outcome.PASS ? "actual=" + r.actual() : Readiness.failure(r).render();
        assertEquals(detail, got);
    }

    @Test
    void everyRowIsReplayed() {
        assertEquals(46, rows().count());
    }
}
