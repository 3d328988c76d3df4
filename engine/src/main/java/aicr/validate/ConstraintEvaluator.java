package aicr.validate;

import aicr.errors.AicrException;
import aicr.rules.Finding;
import aicr.rules.Limits;
import aicr.rules.RuleBase;
import aicr.rules.RuleFailure;
import aicr.rules.RuleInfo;
import aicr.rules.Session;
import aicr.rules.facts.Constraint;
import aicr.rules.facts.Outcome;
import aicr.rules.facts.Reading;
import aicr.rules.facts.Verdict;
import aicr.log.Log;
import aicr.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates recipe constraints against a snapshot in one rule session and returns one
 * result per constraint, in recipe order, each naming the rule that decided it.
 *
 * <p>A rule that throws decides only what it touched: a consequence that throws while
 * deciding a constraint gives that constraint an error verdict with the exception's message
 * (the session goes on with the others); a condition that throws ends the session, so the
 * constraints are split in halves and evaluated again until the ones whose facts make the
 * rule throw are found, each of which gets the error. The other constraints are decided as
 * usual.
 */
public final class ConstraintEvaluator {
    private final RuleBase rules;
    private final Limits limits;

    public ConstraintEvaluator(RuleBase rules) {
        this(rules, Limits.DEFAULT);
    }

    public ConstraintEvaluator(RuleBase rules, Limits limits) {
        this.rules = rules;
        this.limits = limits;
    }

    public List<ConstraintResult> evaluate(List<ConstraintFacts.Input> inputs, Snapshot snap, List<?> extraFacts) {
        List<Constraint> constraints = ConstraintFacts.constraints(inputs, snap, rules.operatorTokens());
        List<Reading> readings = ConstraintFacts.readings(snap);
        Map<Integer, ConstraintResult> decided = new HashMap<>();
        decide(constraints, readings, extraFacts, decided, true);
        List<ConstraintResult> out = new ArrayList<>();
        for (Constraint c : constraints) {
            out.add(decided.get(c.seq()));
        }
        return out;
    }

    private void decide(List<Constraint> constraints, List<Reading> readings, List<?> extra,
                        Map<Integer, ConstraintResult> decided, boolean first) {
        if (constraints.isEmpty()) {
            return;
        }
        try {
            Session s = rules.newSession(limits);
            List<Finding> findings = s.insertAll(readings).insertAll(constraints).insertAll(extra).fire();
            collect(constraints, findings, s.failures(), decided);
        } catch (AicrException e) {
            if (!(e.getCause() instanceof RuleFailure failure)) {
                throw e;
            }
            if (constraints.size() == 1) {
                decided.put(constraints.get(0).seq(), failed(constraints.get(0), failure.rule(), failure.getMessage(), null));
                return;
            }
            if (first && failsWithout(readings, extra)) {
                // The rule fails on the snapshot or recipe facts alone: no constraint can be decided.
                for (Constraint c : constraints) {
                    decided.put(c.seq(), failed(c, failure.rule(), failure.getMessage(), null));
                }
                return;
            }
            int half = constraints.size() / 2;
            decide(constraints.subList(0, half), readings, extra, decided, false);
            decide(constraints.subList(half, constraints.size()), readings, extra, decided, false);
        }
    }

    /** Whether the session fails in a condition with no constraint at all. */
    private boolean failsWithout(List<Reading> readings, List<?> extra) {
        try {
            rules.newSession(limits).insertAll(readings).insertAll(extra).fire();
            return false;
        } catch (AicrException e) {
            if (e.getCause() instanceof RuleFailure) {
                return true;
            }
            throw e;
        }
    }

    private static ConstraintResult failed(Constraint c, RuleInfo rule, String message, String actual) {
        String who = rule == null ? "a rule" : "rule " + rule.id();
        return new ConstraintResult(c.seq(), c.name(), c.expression(), Outcome.ERROR, actual,
                "[INTERNAL] evaluation failed: " + who + ": " + message, rule);
    }

    /**
     * One result per constraint; more than one verdict is a rule conflict, reported as an error;
     * a rule that threw while matching the constraint decides it as an error.
     */
    static void collect(List<Constraint> constraints, List<Finding> findings, List<Session.Failure> failures,
                        Map<Integer, ConstraintResult> decided) {
        Map<Integer, Constraint> bySeq = new HashMap<>();
        Map<Integer, List<Finding>> by = new HashMap<>();
        for (Constraint c : constraints) {
            bySeq.put(c.seq(), c);
            by.put(c.seq(), new ArrayList<>());
        }
        for (Finding f : findings) {
            if (f.fact() instanceof Verdict v && v.constraint().equals(bySeq.get(v.constraint().seq()))) {
                by.get(v.constraint().seq()).add(f);
            }
        }
        Map<Integer, Session.Failure> failedBy = new HashMap<>();
        for (Session.Failure f : failures) {
            boolean any = false;
            for (Object o : f.facts()) {
                if (o instanceof Constraint c && c.equals(bySeq.get(c.seq()))) {
                    failedBy.putIfAbsent(c.seq(), f);
                    any = true;
                }
            }
            if (!any) {
                Log.warn("rule failed", "rule", f.rule() == null ? "?" : f.rule().id(),
                        "file", f.rule() == null ? "?" : f.rule().file(), "error", f.message());
            }
        }
        for (Constraint c : constraints) {
            Session.Failure failure = failedBy.get(c.seq());
            if (failure != null) {
                String actual = null;
                for (Object o : failure.facts()) {
                    if (o instanceof Reading r) {
                        actual = r.value();
                    }
                }
                decided.put(c.seq(), failed(c, failure.rule(), failure.message(), actual));
                continue;
            }
            List<Finding> fs = by.get(c.seq());
            if (fs.size() == 1) {
                Verdict v = (Verdict) fs.get(0).fact();
                decided.put(c.seq(), new ConstraintResult(c.seq(), c.name(), c.expression(), v.outcome(), v.actual(),
                        v.message(), fs.get(0).rule()));
            } else if (fs.isEmpty()) {
                // Only possible when the undecided rule itself was replaced away.
                decided.put(c.seq(), new ConstraintResult(c.seq(), c.name(), c.expression(), Outcome.ERROR, null,
                        "[INTERNAL] no rule decided this constraint", null));
            } else {
                // Sorted, so that the message does not depend on firing order.
                String ids = String.join(", ", fs.stream().map(f -> f.rule().id()).sorted().toList());
                Verdict v = (Verdict) fs.get(0).fact();
                decided.put(c.seq(), new ConstraintResult(c.seq(), c.name(), c.expression(), Outcome.ERROR, v.actual(),
                        "[INTERNAL] conflicting verdicts from rules " + ids, fs.get(0).rule()));
            }
        }
    }
}
