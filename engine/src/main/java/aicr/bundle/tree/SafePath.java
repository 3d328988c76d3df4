package aicr.bundle.tree;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Bundle-relative paths. Every file a deployer produces is named by a path relative to the
 * bundle root with {@code /} separators; anything that would land outside the root (an
 * absolute path, a {@code ..} that climbs above it) is refused here, before a byte is written.
 */
public final class SafePath {
    private SafePath() {
    }

    /**
     * {@code base + "/" + name} cleaned like Go's filepath.Clean, or INVALID_REQUEST when the
     * result leaves {@code base}. {@code base} is itself a clean bundle-relative path ("" = root).
     */
    public static String join(String base, String name) {
        if (name.startsWith("/") || name.startsWith("\\")) {
            throw new AicrException(ErrorCode.INVALID_REQUEST,
                    "path component \"" + name + "\" is absolute and escapes base directory");
        }
        String joined = clean(base.isEmpty() ? name : base + "/" + name);
        boolean inside = base.isEmpty()
                ? !joined.equals("..") && !joined.startsWith("../")
                : joined.equals(base) || joined.startsWith(base + "/");
        if (!inside || joined.indexOf('\0') >= 0) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "path component \"" + name + "\" escapes base directory");
        }
        return joined;
    }

    /** A bundle-relative file path that must already be clean and inside the root. */
    public static String checked(String rel) {
        String j = join("", rel);
        if (!j.equals(rel) || j.equals(".")) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "path component \"" + rel + "\" escapes base directory");
        }
        return j;
    }

    /** True for a single, local path element (no separators, not {@code .}/{@code ..}, not empty). */
    public static boolean isSingleElement(String name) {
        return !name.isEmpty() && name.indexOf('/') < 0 && name.indexOf('\\') < 0
                && !name.equals(".") && !name.equals("..") && name.indexOf('\0') < 0;
    }

    /** Lexical cleaning: collapses separators, drops {@code .}, resolves {@code ..} where possible. */
    static String clean(String p) {
        Deque<String> out = new ArrayDeque<>();
        for (String seg : p.split("/+")) {
            if (seg.isEmpty() || seg.equals(".")) {
                continue;
            }
            if (seg.equals("..") && !out.isEmpty() && !out.peekLast().equals("..")) {
                out.removeLast();
            } else {
                out.addLast(seg);
            }
        }
        return out.isEmpty() ? "." : String.join("/", out);
    }

    /** The last element of a {@code /}-separated path (Go's path.Base for clean input). */
    public static String baseName(String p) {
        String c = clean(p.replace('\\', '/'));
        int i = c.lastIndexOf('/');
        return i < 0 ? c : c.substring(i + 1);
    }
}
