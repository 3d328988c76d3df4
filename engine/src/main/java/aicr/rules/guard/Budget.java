package aicr.rules.guard;

/**
 * The limits of one rule session and what it has used: a deadline, and how much a single rule
 * firing may allocate. Checked by {@link Guard#tick} from rule code and by the session's
 * listeners; {@link #cancel} makes the next check stop the session (the caller gave up
 * waiting).
 *
 * <p>Allocation is measured per thread ({@code ThreadMXBean.getCurrentThreadAllocatedBytes}),
 * but only once a session has run longer than {@link #WARMUP_NANOS}: starting the management
 * beans costs tens of milliseconds, which a normal session never needs to pay.
 */
public final class Budget {
    static final long WARMUP_NANOS = 200_000_000L;

    private final long start = System.nanoTime();
    private final long deadline;
    private final String timeoutText;
    private final long maxFiringBytes;
    private volatile boolean cancelled;
    private long firingBaseline = -1;

    /**
     * @param timeoutNanos   the session's time limit
     * @param timeoutText    how the limit was given ({@code 60s}), for the message
     * @param maxFiringBytes how much one rule firing may allocate
     */
    public Budget(long timeoutNanos, String timeoutText, long maxFiringBytes) {
        this.deadline = start + timeoutNanos;
        this.timeoutText = timeoutText;
        this.maxFiringBytes = maxFiringBytes;
    }

    /** Throws {@link LimitExceeded} when the session is out of time, cancelled, or a firing allocated too much. */
    public void check() {
        if (cancelled) {
            throw new LimitExceeded(LimitExceeded.Kind.CANCELLED, "rule session cancelled");
        }
        long now = System.nanoTime();
        if (now - deadline > 0) {
            throw new LimitExceeded(LimitExceeded.Kind.TIME, "rule session exceeded its time limit of " + timeoutText);
        }
        if (now - start > WARMUP_NANOS && Allocation.SUPPORTED) {
            long used = Allocation.current();
            if (firingBaseline < 0) {
                firingBaseline = used;
            } else if (used - firingBaseline > maxFiringBytes) {
                throw new LimitExceeded(LimitExceeded.Kind.MEMORY, "a rule firing allocated more than "
                        + (maxFiringBytes >> 20) + " MiB");
            }
        }
    }

    /** A new rule firing starts: its allocation is measured from here. */
    public void firingStarts() {
        firingBaseline = System.nanoTime() - start > WARMUP_NANOS && Allocation.SUPPORTED ? Allocation.current() : -1;
    }

    public void cancel() {
        cancelled = true;
    }

    public String timeoutText() {
        return timeoutText;
    }

    /** Loaded on first use only (see the class comment). */
    private static final class Allocation {
        private static final com.sun.management.ThreadMXBean MX;
        static final boolean SUPPORTED;

        static {
            com.sun.management.ThreadMXBean mx = null;
            try {
                if (java.lang.management.ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                        && t.isThreadAllocatedMemorySupported() && t.isThreadAllocatedMemoryEnabled()) {
                    mx = t;
                }
            } catch (RuntimeException | LinkageError e) {
                mx = null;
            }
            MX = mx;
            SUPPORTED = mx != null;
        }

        static long current() {
            return MX.getCurrentThreadAllocatedBytes();
        }
    }
}
