package aicr.sigstore;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A certificate identity or issuer expectation: a literal, or a regular expression matched
 * anywhere in the value (Go's {@code regexp.MatchString}; anchor with {@code ^...$} to pin).
 */
public record StringMatch(String text, Pattern pattern) {
    public static StringMatch literal(String s) {
        return new StringMatch(s, null);
    }

    public static StringMatch regex(String re) {
        try {
            return new StringMatch(re, Pattern.compile(re));
        } catch (PatternSyntaxException e) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "invalid regular expression " + aicr.gocompat.GoStrings.quote(re)
                    + ": " + e.getDescription());
        }
    }

    /** Any non-empty value. */
    public static StringMatch any() {
        return regex(".+");
    }

    public boolean matches(String value) {
        return pattern == null ? text.equals(value) : pattern.matcher(value).find();
    }

    @Override
    public String toString() {
        return (pattern == null ? "" : "~") + aicr.gocompat.GoStrings.quote(text);
    }
}
