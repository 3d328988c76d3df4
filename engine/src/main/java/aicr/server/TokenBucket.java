package aicr.server;

import java.util.function.LongSupplier;

/**
 * A token bucket like Go's {@code golang.org/x/time/rate.Limiter}: it starts full with
 * {@code burst} tokens, refills at {@code rate} tokens per second up to {@code burst}, and each
 * admitted request takes one token. One lock guards the two fields; the critical section is a
 * few arithmetic operations, far below the cost of a request.
 */
final class TokenBucket {
    private final double rate;
    private final double burst;
    private final LongSupplier nanoClock;
    private double tokens;
    private long last;

    TokenBucket(double rate, int burst, LongSupplier nanoClock) {
        this.rate = rate;
        this.burst = burst;
        this.nanoClock = nanoClock;
        this.tokens = burst;
        this.last = nanoClock.getAsLong();
    }

    TokenBucket(double rate, int burst) {
        this(rate, burst, System::nanoTime);
    }

    /** Tokens available now (refilled first), as the {@code X-RateLimit-Remaining} header reports them. */
    synchronized double tokens() {
        refill();
        return tokens;
    }

    /** Takes one token if there is one. */
    synchronized boolean tryTake() {
        refill();
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    private void refill() {
        long now = nanoClock.getAsLong();
        long elapsed = now - last;
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + elapsed * rate / 1e9);
            last = now;
        }
    }
}
