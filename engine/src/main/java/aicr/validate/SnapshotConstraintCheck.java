package aicr.validate;

import aicr.recipe.Constraint;
import aicr.recipe.ConstraintCheck;
import aicr.rules.RuleBase;
import aicr.rules.RuleKind;
import aicr.rules.facts.Outcome;
import aicr.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.List;

/** Answers snapshot-mode recipe resolution with the shipped constraint rules. */
public final class SnapshotConstraintCheck implements ConstraintCheck {
    private final Snapshot snapshot;
    private final ConstraintEvaluator evaluator = new ConstraintEvaluator(RuleBase.shipped(RuleKind.CONSTRAINT));

    public SnapshotConstraintCheck(Snapshot snapshot) {
        this.snapshot = snapshot;
    }

    @Override
    public List<Result> evaluate(List<Constraint> constraints) {
        List<ConstraintFacts.Input> inputs = new ArrayList<>();
        constraints.forEach(c -> inputs.add(new ConstraintFacts.Input(c.name(), c.value())));
        List<Result> out = new ArrayList<>();
        for (ConstraintResult r : evaluator.evaluate(inputs, snapshot, List.of())) {
            String actual = r.actual() == null ? "" : r.actual();
            out.add(r.outcome() == Outcome.ERROR ? new Result(false, actual, r.message())
                    : new Result(r.outcome() == Outcome.PASS, actual, null));
        }
        return out;
    }
}
