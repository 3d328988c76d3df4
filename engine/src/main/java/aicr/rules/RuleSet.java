package aicr.rules;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rule files that decided something, pinned by a digest, as reports carry it.
 *
 * <p>The digest is {@code sha256:} and the SHA-256 of the lines {@code <sha256 of file>  <name>\n}
 * of every file in effect, sorted by name, where a file's SHA-256 is taken over its canonical
 * content (UTF-8, a leading byte-order mark removed, CR LF and CR line ends written as LF) and
 * its name is the one reports use ({@code rules/constraints/exact.yaml} for shipped files, the
 * path relative to its {@code --rules} directory otherwise). For files with LF line ends this is
 * what {@code sha256sum FILES | LC_ALL=C sort -k2 | sha256sum} prints, run where the names resolve.
 *
 * @param kind          the rule kind (one rule set per kind)
 * @param digest        the digest of the files in effect
 * @param shippedDigest the digest of aicr's own files of this kind (equal to {@code digest} when no
 *                      {@code --rules} file is in effect)
 * @param files         names of the files in effect, sorted
 * @param added         ids of {@code --rules} files that add rules
 * @param replaced      ids of shipped files a {@code --rules} file replaced
 */
public record RuleSet(RuleKind kind, String digest, String shippedDigest, List<String> files, List<String> added,
                      List<String> replaced) {

    public RuleSet {
        files = List.copyOf(files);
        added = List.copyOf(added);
        replaced = List.copyOf(replaced);
    }

    /** True when only aicr's own rule files are in effect. */
    public boolean shippedOnly() {
        return added.isEmpty() && replaced.isEmpty();
    }

    /** Hex SHA-256 of a rule file's canonical content. */
    static String fileHash(String text) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        t = t.replace("\r\n", "\n").replace('\r', '\n');
        return HexFormat.of().formatHex(sha256().digest(t.getBytes(StandardCharsets.UTF_8)));
    }

    /** The digest of files given as name → {@link #fileHash}. */
    static String digest(Map<String, String> hashes) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(hashes).entrySet()) {
            sb.append(e.getValue()).append("  ").append(e.getKey()).append('\n');
        }
        return "sha256:" + HexFormat.of().formatHex(sha256().digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
