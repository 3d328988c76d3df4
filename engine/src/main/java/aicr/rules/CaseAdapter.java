package aicr.rules;

import java.util.EnumMap;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Runs the example cases of one rule kind: turns a case's {@code given} into facts, runs a
 * session of the rule base and compares the outcome with {@code expect}. Each kind's facts
 * live with the code that builds them (constraints: aicr.validate, bundle checks:
 * aicr.bundle.checks), so each kind registers its adapter as a service
 * ({@code META-INF/services/aicr.rules.CaseAdapter}) and this package names none of them.
 */
public interface CaseAdapter {
    /** The rule kind whose cases this adapter runs. */
    RuleKind kind();

    /** Returns null when the case holds, else what differed (one line). */
    String run(RuleBase base, RuleFile file, RuleFile.RuleCase c);

    /** The registered adapters by kind; a kind without one reports its cases as not runnable. */
    static Map<RuleKind, CaseAdapter> registered() {
        Map<RuleKind, CaseAdapter> out = new EnumMap<>(RuleKind.class);
        for (CaseAdapter a : ServiceLoader.load(CaseAdapter.class, CaseAdapter.class.getClassLoader())) {
            if (out.putIfAbsent(a.kind(), a) != null) {
                throw new IllegalStateException("two case adapters for rule kind " + a.kind().id());
            }
        }
        return out;
    }
}
