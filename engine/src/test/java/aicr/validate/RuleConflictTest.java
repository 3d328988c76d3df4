package aicr.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import aicr.rules.RuleBase;
import aicr.rules.RuleCache;
import aicr.rules.RuleKind;
import aicr.rules.facts.Outcome;
import aicr.snapshot.Snapshot;
import aicr.snapshot.SnapshotReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two rules deciding one constraint is an error naming both; a constraint is never dropped. */
class RuleConflictTest {
    @TempDir
    Path tmp;

    @Test
    void secondOpinionOnEqualityIsAConflict() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("site"));
        Files.writeString(dir.resolve("eq.yaml"), """
                id: site.eq
                kind: constraint
                severity: info
                summary: everything is equal
                reference: test
                operators: ["=="]
                rules:
                  - id: site.eq
                    when:
                      - { given: Constraint, as: $c, having: [ 'failedStep == null', 'operator == "=="' ] }
                      - { given: Reading, as: $r, having: [ 'key == $c.key' ] }
                    then: insert(Verdict.of($c, $r, true));
                """);
        RuleBase base = RuleBase.withDirectory(RuleKind.CONSTRAINT, dir, new RuleCache(null, "test"));
        Snapshot snap = SnapshotReader.read(Golden.REFERENCE.resolve("snapshot-satisfies.yaml").toString());
        List<ConstraintResult> r = new ConstraintEvaluator(base).evaluate(List.of(
                new ConstraintFacts.Input("OS.release.ID", "== ubuntu"),
                new ConstraintFacts.Input("OS.release.ID", "ubuntu")), snap, List.of());
        assertEquals(Outcome.ERROR, r.get(0).outcome());
        assertEquals("[INTERNAL] conflicting verdicts from rules constraint.equality.eq, site.eq", r.get(0).message());
        assertEquals(Outcome.PASS, r.get(1).outcome(), "other constraints are unaffected");
    }
}
