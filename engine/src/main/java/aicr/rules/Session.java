package aicr.rules;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.ConsequenceException;

/**
 * One run of a rule base: insert facts, fire, collect what the rules inserted. The rule
 * behind each inserted fact comes from the insertion event, so rule bodies never have to
 * name themselves and every finding can cite its rule id and file.
 */
public final class Session implements AutoCloseable {
    private final RuleBase base;
    private final KieSession session;
    private final List<Finding> findings = new ArrayList<>();
    private int facts;

    Session(RuleBase base) {
        this.base = base;
        this.session = base.kieBase().newKieSession();
        session.addEventListener(new DefaultRuleRuntimeEventListener() {
            @Override
            public void objectInserted(ObjectInsertedEvent e) {
                if (e.getRule() != null) {
                    findings.add(new Finding(base.rule(e.getRule().getName()), e.getObject()));
                }
            }
        });
    }

    public Session insert(Object fact) {
        session.insert(fact);
        facts++;
        return this;
    }

    public Session insertAll(Collection<?> facts) {
        for (Object f : facts) {
            insert(f);
        }
        return this;
    }

    /** Fires every rule to quiescence; returns the facts rules inserted, in insertion order. */
    public List<Finding> fire() {
        long start = System.nanoTime();
        try {
            int fired = session.fireAllRules();
            aicr.log.Log.debug("rule session fired", "rules", base.kind(), "facts", facts, "fired", fired,
                    "findings", findings.size(), "ms", (System.nanoTime() - start) / 1_000_000);
        } catch (ConsequenceException e) {
            String rule = e.getMatch() == null ? "?" : e.getMatch().getRule().getName();
            RuleInfo info = base.rule(rule);
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new AicrException(ErrorCode.INTERNAL, "rule " + rule + (info == null ? "" : " (" + info.file() + ")")
                    + " failed: " + cause, null);
        }
        return List.copyOf(findings);
    }

    @Override
    public void close() {
        session.dispose();
    }
}
