package aicr.rules.guard;

/**
 * The checkpoint that rule consequences call. {@code aicr.rules.SafetyCheck} puts
 * {@code aicr.rules.guard.Guard.tick();} before every statement of a {@code then:} block and at
 * the top of every loop body, on the same line, so that a consequence that loops or allocates
 * too long stops at its next statement with a clear error instead of hanging the run. Rule
 * files cannot name this class themselves (it is not on the allow-list).
 */
public final class Guard {
    private static final ThreadLocal<Budget> CURRENT = new ThreadLocal<>();

    private Guard() {
    }

    /** Checks the running session's budget; a no-op outside a session. */
    public static void tick() {
        Budget b = CURRENT.get();
        if (b != null) {
            b.check();
        }
    }

    /** Makes {@code b} the budget of the calling thread (the session's worker) until {@link #clear}. */
    public static void install(Budget b) {
        CURRENT.set(b);
    }

    public static void clear() {
        CURRENT.remove();
    }
}
