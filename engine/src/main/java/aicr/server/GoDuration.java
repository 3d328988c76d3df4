package aicr.server;

import java.math.BigDecimal;

/** Go's {@code time.Duration.String()} for the {@code X-Bundle-Duration} header: {@code 17.016912ms}, {@code 1.5s}, {@code 850µs}. */
final class GoDuration {
    private GoDuration() {
    }

    static String format(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        if (nanos < 0) {
            return "-" + format(-nanos);
        }
        if (nanos < 1_000) {
            return nanos + "ns";
        }
        if (nanos < 1_000_000) {
            return trim(nanos, 3) + "µs";
        }
        if (nanos < 1_000_000_000) {
            return trim(nanos, 6) + "ms";
        }
        long secs = nanos / 1_000_000_000L;
        String frac = trim(nanos % 1_000_000_000L + 1_000_000_000L, 9).substring(1); // ".xxx" or ""
        long h = secs / 3600;
        long m = secs / 60 % 60;
        long s = secs % 60;
        StringBuilder b = new StringBuilder();
        if (h > 0) {
            b.append(h).append('h');
        }
        if (h > 0 || m > 0) {
            b.append(m).append('m');
        }
        return b.append(s).append(frac).append('s').toString();
    }

    /** {@code value / 10^scale} in plain decimal without trailing zeros. */
    private static String trim(long value, int scale) {
        BigDecimal d = BigDecimal.valueOf(value, scale).stripTrailingZeros();
        return d.toPlainString();
    }
}
