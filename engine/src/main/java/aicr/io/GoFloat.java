package aicr.io;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Float64 formatting as the reference (Go) prints it in each output context.
 *
 * <p>All forms start from the <em>shortest</em> decimal digit string that reads back as the same
 * double (Go's {@code strconv.FormatFloat(f, fmt, -1, 64)}). JDK 17's {@link Double#toString} is
 * not always shortest (JDK-4511638, fixed in 19) and uses other thresholds and an upper-case
 * {@code E}, so it is not used for the digits.
 */
public final class GoFloat {

    private GoFloat() {
    }

    /**
     * YAML output (gopkg.in/yaml.v3 encodes float64 with {@code FormatFloat(f, 'g', -1, 64)}):
     * shortest digits, exponent form {@code d.ddde±XX} when the decimal exponent of the first digit
     * is &lt; -4 or &ge; 6, plain decimal otherwise ({@code 1234567.0 → 1.234567e+06},
     * {@code 0.00001 → 1e-05}, {@code 123456.5 → 123456.5}). Infinities and NaN are written
     * {@code .inf}, {@code -.inf}, {@code .nan}; negative zero is {@code -0}.
     */
    public static String yaml(double f) {
        if (Double.isNaN(f)) {
            return ".nan";
        }
        if (Double.isInfinite(f)) {
            return f > 0 ? ".inf" : "-.inf";
        }
        return formatG(f);
    }

    /**
     * JSON output (encoding/json): shortest digits in plain decimal, switching to exponent form
     * only when |f| &lt; 1e-6 or |f| &ge; 1e21 (zero is always plain); a negative exponent loses its
     * leading zero ({@code 1e-7}, {@code 1e+21}). NaN and infinities cannot be encoded: they throw
     * {@link IllegalArgumentException} with Go's message ({@code json: unsupported value: +Inf}),
     * which callers turn into their serialization error.
     */
    public static String json(double f) {
        if (Double.isNaN(f) || Double.isInfinite(f)) {
            throw new IllegalArgumentException("json: unsupported value: " + reading(f));
        }
        double abs = Math.abs(f);
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21)) {
            String s = formatE(f);
            int n = s.length();
            // Go trims "e-07" to "e-7" (only for negative exponents with a leading zero).
            if (n >= 4 && s.charAt(n - 4) == 'e' && s.charAt(n - 3) == '-' && s.charAt(n - 2) == '0') {
                s = s.substring(0, n - 2) + s.charAt(n - 1);
            }
            return s;
        }
        return formatF(f);
    }

    /**
     * Snapshot reading string form (Go {@code %v} of a float64, i.e. {@code 'g'} with shortest
     * precision): same digits and thresholds as {@link #yaml(double)} (exponent when the exponent
     * is &lt; -4 or &ge; 6), but non-finite values print {@code NaN}, {@code +Inf}, {@code -Inf}.
     */
    public static String reading(double f) {
        if (Double.isNaN(f)) {
            return "NaN";
        }
        if (Double.isInfinite(f)) {
            return f > 0 ? "+Inf" : "-Inf";
        }
        return formatG(f);
    }

    /** {@code 'g'} with shortest precision: exponent form iff exp &lt; -4 || exp &ge; 6 (finite f). */
    static String formatG(double f) {
        Digits d = Digits.of(f);
        int exp = d.pointPos - 1;
        if (exp < -4 || exp >= 6) {
            return d.toE();
        }
        return d.toF();
    }

    /** {@code 'e'} with shortest precision (finite f). */
    static String formatE(double f) {
        return Digits.of(f).toE();
    }

    /** {@code 'f'} with shortest precision (finite f). */
    static String formatF(double f) {
        return Digits.of(f).toF();
    }

    /**
     * Shortest round-trip decimal digits of a finite double: {@code 0.digits × 10^pointPos}.
     * Zero has the single digit "0" and pointPos 1 (Go's representation).
     */
    record Digits(boolean negative, String digits, int pointPos) {

        static Digits of(double f) {
            boolean neg = (Double.doubleToRawLongBits(f) & Long.MIN_VALUE) != 0;
            if (f == 0) {
                return new Digits(neg, "0", 1);
            }
            BigDecimal exact = new BigDecimal(Math.abs(f));
            double abs = Math.abs(f);
            for (int p = 1; p <= 17; p++) {
                BigDecimal best = null;
                // The shortest string must lie inside the rounding interval of f, which is
                // asymmetric at powers of two; the nearest p-digit value (HALF_EVEN) may fall
                // outside while the other neighbour is inside, so try all three and keep the
                // round-tripping candidate closest to the exact value (ties: HALF_EVEN first).
                for (RoundingMode mode : MODES) {
                    BigDecimal c = exact.round(new MathContext(p, mode));
                    if (c.doubleValue() != abs) {
                        continue;
                    }
                    if (best == null
                            || c.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0) {
                        best = c;
                    }
                }
                if (best != null) {
                    return fromBigDecimal(neg, best);
                }
            }
            throw new AssertionError("17 digits always round-trip: " + f);
        }

        private static final RoundingMode[] MODES = {
            RoundingMode.HALF_EVEN, RoundingMode.FLOOR, RoundingMode.CEILING
        };

        private static Digits fromBigDecimal(boolean neg, BigDecimal v) {
            BigDecimal s = v.stripTrailingZeros();
            String unscaled = s.unscaledValue().toString();
            // value = unscaled × 10^-scale = 0.unscaled × 10^(len - scale)
            return new Digits(neg, unscaled, unscaled.length() - s.scale());
        }

        /** Scientific form {@code d[.ddd]e±XX}, at least two exponent digits. */
        String toE() {
            StringBuilder b = new StringBuilder();
            if (negative) {
                b.append('-');
            }
            b.append(digits.charAt(0));
            if (digits.length() > 1) {
                b.append('.').append(digits, 1, digits.length());
            }
            int exp = digits.equals("0") ? 0 : pointPos - 1;
            b.append('e').append(exp < 0 ? '-' : '+');
            int a = Math.abs(exp);
            if (a < 10) {
                b.append('0');
            }
            b.append(a);
            return b.toString();
        }

        /** Plain decimal form with exactly the significant digits (no trailing zeros or point). */
        String toF() {
            StringBuilder b = new StringBuilder();
            if (negative) {
                b.append('-');
            }
            int nd = digits.length();
            if (pointPos <= 0) {
                b.append("0.");
                b.append("0".repeat(-pointPos));
                b.append(digits);
            } else if (pointPos >= nd) {
                b.append(digits);
                b.append("0".repeat(pointPos - nd));
            } else {
                b.append(digits, 0, pointPos).append('.').append(digits, pointPos, nd);
            }
            return b.toString();
        }
    }
}
