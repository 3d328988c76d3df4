package aicr.bundle.template;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;

/**
 * Values the shell templates (deploy.sh, install.sh) interpolate. Component names and
 * namespaces are checked as DNS labels where they enter a bundle, so in practice they are
 * always plain words; these functions make the scripts safe even if a value got past that
 * check. A safe word stays bare, so the scripts of valid inputs are byte-for-byte what they
 * were (and what the reference writes).
 */
public final class ShellWords {
    private ShellWords() {
    }

    /**
     * {@code s} as one shell word: unchanged when it only has characters that are never special
     * to a POSIX shell ({@code A-Za-z0-9@%+=:,./_-}), otherwise in single quotes (like Python's
     * {@code shlex.quote}). The empty string stays empty (the reference writes nothing for a
     * missing namespace).
     */
    public static String word(String s) {
        if (isSafe(s)) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /**
     * {@code s} for a place where quoting cannot help (inside a double-quoted string of the
     * template): a safe word, or an error, since the value must never reach the script.
     */
    public static String token(String what, String s) {
        if (!isSafe(s)) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, what + " " + aicr.gocompat.GoStrings.quote(s)
                    + " cannot be written into a shell script: only letters, digits and @%+=:,./_- are allowed");
        }
        return s;
    }

    static boolean isSafe(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "@%+=:,./_-".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
