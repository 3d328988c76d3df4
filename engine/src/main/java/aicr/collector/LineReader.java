package aicr.collector;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The collectors' bounded file parser (spec §2.4): at most 1 MiB, valid UTF-8 only, split on a
 * delimiter, every part trimmed, empty parts and (by default) {@code #} comments dropped.
 * Errors read like the reference's ({@code failed to open file "/proc/modules": open
 * /proc/modules: no such file or directory}).
 */
final class LineReader {
    private LineReader() {
    }

    static final int MAX_BYTES = 1024 * 1024;

    /** The non-empty, trimmed parts of {@code file} split on {@code delimiter}. */
    static List<String> lines(Path file, String delimiter, boolean skipComments) {
        String text = read(file);
        List<String> out = new ArrayList<>();
        int from = 0;
        while (true) {
            int at = text.indexOf(delimiter, from);
            String part = trimSpace(at < 0 ? text.substring(from) : text.substring(from, at));
            if (!part.isEmpty() && !(skipComments && part.startsWith("#"))) {
                out.add(part);
            }
            if (at < 0) {
                return out;
            }
            from = at + delimiter.length();
        }
    }

    /**
     * {@code KEY<kv>VALUE} parts as a map: key and value trimmed, {@code trimChars} stripped from
     * both ends of the value, later keys overwrite earlier ones. A part without the delimiter maps
     * to "" unless {@code skipEmpty}, which also drops entries whose value is empty.
     */
    static Map<String, String> map(List<String> parts, String kv, String trimChars, boolean skipEmpty) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : parts) {
            int at = part.indexOf(kv);
            if (at < 0) {
                if (!skipEmpty) {
                    out.put(trimSpace(part), "");
                }
                continue;
            }
            String value = trim(trimSpace(part.substring(at + kv.length())), trimChars);
            if (skipEmpty && value.isEmpty()) {
                continue;
            }
            out.put(trimSpace(part.substring(0, at)), value);
        }
        return out;
    }

    /** The whole file as UTF-8 text, within the size bound. */
    static String read(Path file) {
        byte[] b;
        try {
            b = readBytes(file, MAX_BYTES + 1);
        } catch (IOException e) {
            throw new AicrException(ErrorCode.INTERNAL, "failed to open file \"" + file + "\"",
                    new IOException("open " + file + ": " + reason(e)));
        }
        if (b.length > MAX_BYTES) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "file \"" + file + "\" exceeds maximum size of " + MAX_BYTES + " bytes");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "content of file \"" + file + "\" is not valid UTF-8");
        }
    }

    /**
     * At most {@code max} bytes of {@code file}, which must be a regular file: a FIFO or device
     * planted in a host tree would block a read or never end. {@code file} comes from
     * {@link HostRoot#path}, links already resolved inside the root, so a link found here (put
     * there meanwhile) is not followed.
     */
    static byte[] readBytes(Path file, int max) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!a.isRegularFile()) {
            throw new IOException(a.isDirectory() ? "is a directory" : "not a regular file");
        }
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            return in.readNBytes(max);
        }
    }

    /** Go's wording of an open error. */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Go's unicode.IsSpace. */
    static boolean isSpace(int c) {
        if (c <= 0xFF) {
            return c == ' ' || (c >= '\t' && c <= '\r') || c == 0x85 || c == 0xA0;
        }
        return Character.isSpaceChar(c);
    }

    /** Go's strings.TrimSpace. */
    static String trimSpace(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && isSpace(s.codePointAt(a))) {
            a += Character.charCount(s.codePointAt(a));
        }
        while (b > a && isSpace(s.codePointBefore(b))) {
            b -= Character.charCount(s.codePointBefore(b));
        }
        return s.substring(a, b);
    }

    /** Go's strings.Fields. */
    static List<String> fields(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            while (i < s.length() && isSpace(s.codePointAt(i))) {
                i += Character.charCount(s.codePointAt(i));
            }
            int start = i;
            while (i < s.length() && !isSpace(s.codePointAt(i))) {
                i += Character.charCount(s.codePointAt(i));
            }
            if (i > start) {
                out.add(s.substring(start, i));
            }
        }
        return out;
    }

    /** Go's strings.Trim with a cut set. */
    static String trim(String s, String cut) {
        if (cut.isEmpty()) {
            return s;
        }
        int a = 0;
        int b = s.length();
        while (a < b && cut.indexOf(s.charAt(a)) >= 0) {
            a++;
        }
        while (b > a && cut.indexOf(s.charAt(b - 1)) >= 0) {
            b--;
        }
        return s.substring(a, b);
    }
}
