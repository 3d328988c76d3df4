package aicr.rules;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.rules.guard.Budget;
import aicr.rules.guard.Guard;
import aicr.rules.guard.LimitExceeded;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.MatchCreatedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.ConsequenceExceptionHandler;
import org.kie.api.runtime.rule.Match;
import org.kie.api.runtime.rule.RuleRuntime;

/**
 * One run of a rule base: insert facts, fire, collect what the rules inserted. The rule
 * behind each inserted fact comes from the insertion event, so rule bodies never have to
 * name themselves and every finding can cite its rule id and file.
 *
 * <p>The facts are inserted and the rules fired on a worker thread, within {@link Limits}: a
 * time limit (checked by the guarded rule code, by the session's listeners, and, as the last
 * resort, by this thread giving up waiting), and caps on firings, inserted facts, matches and
 * the memory of one firing. A runaway session ends with one error line, never a hang.
 *
 * <p>A consequence that throws does not end the session: the failure is recorded (rule, the
 * facts of its match, the exception's message, see {@link #failures()}) and the other rules
 * fire. A condition that throws ends the session with {@link RuleFailure} as the cause of the
 * error; callers that can decide without the failing facts (validate) retry without them.
 */
public final class Session implements AutoCloseable {
    /** How long after the time limit the caller waits for a session that does not notice it. */
    private static final long GRACE_MILLIS = 2000;
    private static final long STACK_SIZE = 16L << 20;
    /** Listeners check the budget every this many events (a check reads the clock). */
    private static final int CHECK_EVERY = 1024;
    private static final Pattern RULE_IN_MESSAGE = Pattern.compile("\\[Rule \"([^\"]+)\"");

    /** A consequence that threw: its rule, the facts it matched and the exception's message. */
    public record Failure(RuleInfo rule, List<Object> facts, String message) {
    }

    private final RuleBase base;
    private final Limits limits;
    private final List<Object> facts = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();
    private final List<Failure> failures = new ArrayList<>();
    private volatile KieSession running;
    private long fired;

    Session(RuleBase base, Limits limits) {
        this.base = base;
        this.limits = limits;
    }

    public Session insert(Object fact) {
        facts.add(fact);
        return this;
    }

    public Session insertAll(Collection<?> facts) {
        this.facts.addAll(facts);
        return this;
    }

    /** Fires every rule to quiescence; returns the facts rules inserted, in insertion order. */
    public List<Finding> fire() {
        long start = System.nanoTime();
        Budget budget = new Budget(limits.timeout().toNanos(), Limits.format(limits.timeout()), limits.maxFiringBytes());
        FutureTask<Void> task = new FutureTask<>(() -> {
            run(budget);
            return null;
        });
        Thread worker = new Thread(null, task, "aicr-rule-session", STACK_SIZE);
        worker.setDaemon(true);
        worker.start();
        try {
            task.get(limits.timeout().toMillis() + GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // The session does not reach a checkpoint (a condition or a regular expression that
            // runs on): give up on it. The daemon worker is told to stop and left behind.
            budget.cancel();
            KieSession ks = running;
            if (ks != null) {
                ks.halt();
            }
            worker.setPriority(Thread.MIN_PRIORITY);
            throw timeout(budget);
        } catch (InterruptedException e) {
            budget.cancel();
            Thread.currentThread().interrupt();
            throw new AicrException(ErrorCode.TIMEOUT, "rule session interrupted");
        } catch (ExecutionException e) {
            throw translate(e.getCause(), budget);
        }
        aicr.log.Log.debug("rule session fired", "rules", base.kind(), "facts", facts.size(), "fired", fired,
                "findings", findings.size(), "failures", failures.size(), "ms", (System.nanoTime() - start) / 1_000_000);
        return List.copyOf(findings);
    }

    /** Consequences that threw, in firing order (empty unless a rule is broken). */
    public List<Failure> failures() {
        return List.copyOf(failures);
    }

    private void run(Budget budget) {
        Guard.install(budget);
        KieSession ks = base.kieBase().newKieSession();
        running = ks;
        RecordingHandler.CURRENT.set(this);
        try {
            long[] counts = new long[2];
            ks.addEventListener(new DefaultRuleRuntimeEventListener() {
                @Override
                public void objectInserted(ObjectInsertedEvent e) {
                    if (e.getRule() == null) {
                        return;
                    }
                    if (++counts[0] > limits.maxInserts()) {
                        throw new LimitExceeded(LimitExceeded.Kind.INSERTS, "rules inserted more than "
                                + limits.maxInserts() + " facts");
                    }
                    findings.add(new Finding(base.rule(e.getRule().getName()), e.getObject()));
                }
            });
            ks.addEventListener(new DefaultAgendaEventListener() {
                @Override
                public void matchCreated(MatchCreatedEvent e) {
                    if (++counts[1] > limits.maxMatches()) {
                        throw new LimitExceeded(LimitExceeded.Kind.MATCHES, "rule conditions matched more than "
                                + limits.maxMatches() + " times (a join that multiplies facts?)");
                    }
                    if (counts[1] % CHECK_EVERY == 0) {
                        budget.check();
                    }
                }

                @Override
                public void beforeMatchFired(BeforeMatchFiredEvent e) {
                    budget.firingStarts();
                    budget.check();
                }
            });
            int n = 0;
            for (Object f : facts) {
                ks.insert(f);
                if (++n % CHECK_EVERY == 0) {
                    budget.check();
                }
            }
            fired = ks.fireAllRules((int) Math.min(Integer.MAX_VALUE, limits.maxFirings() + 1));
            if (fired > limits.maxFirings()) {
                throw new LimitExceeded(LimitExceeded.Kind.FIRINGS, "rules fired more than " + limits.maxFirings()
                        + " times (rules that trigger each other without end?)");
            }
        } finally {
            RecordingHandler.CURRENT.remove();
            Guard.clear();
            running = null;
            ks.dispose();
        }
    }

    private AicrException timeout(Budget budget) {
        return new AicrException(ErrorCode.TIMEOUT, "rule session exceeded its time limit of " + budget.timeoutText()
                + " (raise it with --rule-timeout)");
    }

    /** The one-line error for what ended the worker. */
    private AicrException translate(Throwable t, Budget budget) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof LimitExceeded le) {
                return switch (le.kind()) {
                    case TIME, CANCELLED -> timeout(budget);
                    default -> new AicrException(ErrorCode.INVALID_REQUEST, "rule session stopped: " + le.getMessage());
                };
            }
            if (c instanceof OutOfMemoryError) {
                return new AicrException(ErrorCode.INVALID_REQUEST,
                        "rule session stopped: the rules ran out of memory (a rule that builds ever larger values?)");
            }
            if (c instanceof StackOverflowError) {
                return new AicrException(ErrorCode.INVALID_REQUEST, "rule session stopped: stack overflow in the rules");
            }
            if (c instanceof AicrException a) {
                return a;
            }
            if (c.getClass().getName().equals("org.drools.modelcompiler.constraints.ConstraintEvaluationException")) {
                RuleInfo rule = ruleIn(c.getMessage());
                Throwable cause = unwrap(c);
                RuleFailure f = new RuleFailure(rule, describe(cause));
                return new AicrException(ErrorCode.INTERNAL, "rule " + (rule == null ? "?" : rule.id() + " (" + rule.file()
                        + ")") + " failed in a condition", f);
            }
        }
        return new AicrException(ErrorCode.INTERNAL, "rule session failed", t);
    }

    /** The exception rule code threw, without the wrappers Drools and generated code put around it. */
    static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c
                && (c.getClass() == RuntimeException.class || c.getClass().getName().startsWith("org.drools")
                || c.getClass().getName().startsWith("org.kie"))) {
            c = c.getCause();
        }
        return c;
    }

    /** The first rule of this base a Drools constraint message names. */
    private RuleInfo ruleIn(String message) {
        if (message == null) {
            return null;
        }
        Matcher m = RULE_IN_MESSAGE.matcher(message);
        while (m.find()) {
            RuleInfo r = base.rule(m.group(1));
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    /** {@code PatternSyntaxException: Unclosed character class near index 2}: type and first line of the message. */
    static String describe(Throwable t) {
        String msg = t.getMessage();
        if (t instanceof java.util.regex.PatternSyntaxException p) {
            msg = p.getDescription() + (p.getIndex() >= 0 ? " near index " + p.getIndex() : "") + " in "
                    + aicr.gocompat.GoStrings.quote(p.getPattern());
        }
        if (t instanceof AicrException a) {
            return a.render();
        }
        if (msg == null || msg.isBlank()) {
            return t.getClass().getSimpleName();
        }
        int nl = msg.indexOf('\n');
        return t.getClass().getSimpleName() + ": " + (nl >= 0 ? msg.substring(0, nl) : msg).strip();
    }

    /**
     * Records a consequence's exception and lets the other rules fire; the session's own limits
     * are rethrown so that they end it. Drools creates this handler by its class name, so it finds
     * its session through the worker thread.
     */
    public static final class RecordingHandler implements ConsequenceExceptionHandler {
        static final ThreadLocal<Session> CURRENT = new ThreadLocal<>();

        @Override
        public void handleException(Match match, RuleRuntime runtime, Exception e) {
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof LimitExceeded le) {
                    throw le;
                }
            }
            Session s = CURRENT.get();
            if (s == null) {
                throw new IllegalStateException("rule failed outside a session", e);
            }
            Throwable cause = unwrap(e);
            s.failures.add(new Failure(s.base.rule(match.getRule().getName()), List.copyOf(match.getObjects()),
                    describe(cause)));
        }
    }

    @Override
    public void close() {
        // the KieSession is disposed by the worker when it ends
    }
}
