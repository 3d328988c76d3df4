package aicr.validate;

import aicr.rules.Finding;
import aicr.rules.RuleBase;
import aicr.rules.Session;
import aicr.rules.facts.Constraint;
import aicr.rules.facts.Outcome;
import aicr.rules.facts.Reading;
import aicr.rules.facts.Verdict;
import aicr.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates recipe constraints against a snapshot in one rule session and returns one
 * result per constraint, in recipe order, each naming the rule that decided it.
 */
public final class ConstraintEvaluator {
    private final RuleBase rules;

    public ConstraintEvaluator(RuleBase rules) {
        this.rules = rules;
    }

    public List<ConstraintResult> evaluate(List<ConstraintFacts.Input> inputs, Snapshot snap, List<?> extraFacts) {
        List<Constraint> constraints = ConstraintFacts.constraints(inputs, snap, rules.operatorTokens());
        List<Reading> readings = ConstraintFacts.readings(snap);
        List<Finding> findings;
        try (Session s = rules.newSession()) {
            s.insertAll(readings).insertAll(constraints).insertAll(extraFacts);
            findings = s.fire();
        }
        return collect(constraints, findings);
    }

    /** One result per constraint; more than one verdict is a rule conflict, reported as an error. */
    static List<ConstraintResult> collect(List<Constraint> constraints, List<Finding> findings) {
        List<List<Finding>> by = new ArrayList<>();
        constraints.forEach(c -> by.add(new ArrayList<>()));
        for (Finding f : findings) {
            if (f.fact() instanceof Verdict v && v.constraint().seq() < by.size()
                    && constraints.get(v.constraint().seq()).equals(v.constraint())) {
                by.get(v.constraint().seq()).add(f);
            }
        }
        List<ConstraintResult> out = new ArrayList<>();
        for (Constraint c : constraints) {
            List<Finding> fs = by.get(c.seq());
            if (fs.size() == 1) {
                Verdict v = (Verdict) fs.get(0).fact();
                out.add(new ConstraintResult(c.seq(), c.name(), c.expression(), v.outcome(), v.actual(), v.message(),
                        fs.get(0).rule()));
            } else if (fs.isEmpty()) {
                // Only possible when the undecided rule itself was replaced away.
                out.add(new ConstraintResult(c.seq(), c.name(), c.expression(), Outcome.ERROR, null,
                        "[INTERNAL] no rule decided this constraint", null));
            } else {
                // Sorted, so that the message does not depend on firing order.
                String ids = String.join(", ", fs.stream().map(f -> f.rule().id()).sorted().toList());
                Verdict v = (Verdict) fs.get(0).fact();
                out.add(new ConstraintResult(c.seq(), c.name(), c.expression(), Outcome.ERROR, v.actual(),
                        "[INTERNAL] conflicting verdicts from rules " + ids, fs.get(0).rule()));
            }
        }
        return out;
    }
}
