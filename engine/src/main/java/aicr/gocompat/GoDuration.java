package aicr.gocompat;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import java.math.BigDecimal;
import java.time.Duration;

/** Go's {@code time.ParseDuration} and {@code Duration.String()} ({@code 1h30m}, {@code 300ms}; {@code 5m0s}). */
public final class GoDuration {
    private GoDuration() {
    }

    /** Parses a Go duration; malformed text is INVALID_REQUEST with Go's message. */
    public static Duration parse(String s) {
        String orig = s;
        if (s.isEmpty()) {
            throw invalid("time: invalid duration \"" + orig + "\"");
        }
        boolean neg = false;
        if (s.charAt(0) == '-' || s.charAt(0) == '+') {
            neg = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw invalid("time: invalid duration \"" + orig + "\"");
        }
        BigDecimal nanos = BigDecimal.ZERO;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            String num = s.substring(start, i);
            if (num.isEmpty() || num.equals(".") || num.indexOf('.') != num.lastIndexOf('.')) {
                throw invalid("time: invalid duration \"" + orig + "\"");
            }
            int us = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            String unit = s.substring(us, i);
            if (unit.isEmpty()) {
                throw invalid("time: missing unit in duration \"" + orig + "\"");
            }
            long scale = switch (unit) {
                case "ns" -> 1L;
                case "us", "µs", "μs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                default -> throw invalid("time: unknown unit \"" + unit + "\" in duration \"" + orig + "\"");
            };
            nanos = nanos.add(new BigDecimal(num.startsWith(".") ? "0" + num : num).multiply(BigDecimal.valueOf(scale)));
        }
        if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw invalid("time: invalid duration \"" + orig + "\"");
        }
        long n = nanos.longValue();
        return Duration.ofNanos(neg ? -n : n);
    }

    /** Go's Duration.String(): {@code 5m0s}, {@code 1h0m0s}, {@code 1.5s}, {@code 300ms}, {@code 0s}. */
    public static String format(Duration d) {
        long n = d.toNanos();
        if (n == 0) {
            return "0s";
        }
        String sign = n < 0 ? "-" : "";
        long u = Math.abs(n);
        if (u < 1_000_000_000L) {
            String unit;
            long div;
            if (u < 1_000L) {
                return sign + u + "ns";
            } else if (u < 1_000_000L) {
                unit = "µs";
                div = 1_000L;
            } else {
                unit = "ms";
                div = 1_000_000L;
            }
            return sign + fraction(u, div) + unit;
        }
        StringBuilder sb = new StringBuilder(sign);
        long h = u / 3_600_000_000_000L;
        long rest = u % 3_600_000_000_000L;
        long m = rest / 60_000_000_000L;
        long sNanos = rest % 60_000_000_000L;
        if (h > 0) {
            sb.append(h).append('h');
        }
        if (h > 0 || m > 0) {
            sb.append(m).append('m');
        }
        sb.append(fraction(sNanos, 1_000_000_000L)).append('s');
        return sb.toString();
    }

    private static String fraction(long v, long div) {
        BigDecimal x = BigDecimal.valueOf(v).divide(BigDecimal.valueOf(div)).stripTrailingZeros();
        return x.scale() <= 0 ? x.toBigInteger().toString() : x.toPlainString();
    }

    private static AicrException invalid(String msg) {
        return new AicrException(ErrorCode.INVALID_REQUEST, msg);
    }
}
