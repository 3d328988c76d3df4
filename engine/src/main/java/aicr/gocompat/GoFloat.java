package aicr.gocompat;


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
        return GoNumbers.formatFloat(f, 'g', -1);
    }

    static String formatE(double f) {
        return GoNumbers.formatFloat(f, 'e', -1);
    }

    static String formatF(double f) {
        return GoNumbers.formatFloat(f, 'f', -1);
    }
}
