package aicr.cli;

import aicr.io.Values;
import aicr.io.YamlReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Compares a generated bundle with a reference tree: every path of the reference listing
 * exists with the same permissions; YAML files equal as parsed documents (text when the
 * reference is a Helm template that is not YAML); other files byte for byte (by sha256 from
 * the listing, so trimmed partial copies are still checked); our checksums.txt names our files
 * with their digests.
 */
final class GoldenTree {
    private GoldenTree() {
    }

    /** One line of a {@code _manifests} listing. */
    record Entry(boolean dir, String mode, String sha256) {
    }

    static Map<String, Entry> listing(Path manifest) throws IOException {
        Map<String, Entry> out = new TreeMap<>();
        for (String line : Files.readAllLines(manifest)) {
            String[] f = line.split(" ");
            if (f[0].equals("d")) {
                out.put(f[4], new Entry(true, f[1], ""));
            } else {
                out.put(f[4], new Entry(false, f[1], f[3]));
            }
        }
        return out;
    }

    /**
     * @param allowed reference paths whose content may differ (deliberate differences)
     * @return problems, empty when the trees agree
     */
    static List<String> compare(Path reference, Path manifest, Path ours, Set<String> allowed) throws IOException {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Entry> e : listing(manifest).entrySet()) {
            String rel = e.getKey().equals(".") ? "" : e.getKey().substring(2);
            Path p = rel.isEmpty() ? ours : ours.resolve(rel);
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                problems.add("missing " + rel);
                continue;
            }
            String mode = mode(p);
            if (!mode.equals(e.getValue().mode())) {
                problems.add("mode of " + (rel.isEmpty() ? "." : rel) + ": " + mode + ", reference " + e.getValue().mode());
            }
            if (e.getValue().dir() || allowed.contains(rel) || rel.endsWith("checksums.txt")) {
                continue;
            }
            Path ref = reference.resolve(rel);
            if (rel.endsWith(".yaml") && Files.exists(ref)) {
                if (!sameYaml(ref, p)) {
                    problems.add("YAML documents differ: " + rel);
                }
            } else if (!rel.endsWith(".yaml") && !sha256(Files.readAllBytes(p)).equals(e.getValue().sha256())) {
                problems.add("bytes differ: " + rel);
            }
        }
        problems.addAll(checkChecksums(ours));
        return problems;
    }

    static boolean sameYaml(Path reference, Path ours) throws IOException {
        String refText = Files.readString(reference);
        String ourText = Files.readString(ours);
        List<Object> refDocs;
        try {
            refDocs = docs(refText);
        } catch (RuntimeException notYaml) {
            return refText.equals(ourText); // a Helm template: only its text can be compared
        }
        try {
            return refDocs.equals(docs(ourText));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static List<Object> docs(String text) {
        List<Object> out = new ArrayList<>();
        for (aicr.io.Node n : YamlReader.parseAll(text)) {
            out.add(Values.of(n));
        }
        return out;
    }

    /** Every line of our checksums.txt names an existing file with the right digest. */
    static List<String> checkChecksums(Path root) throws IOException {
        List<String> problems = new ArrayList<>();
        Path sums = root.resolve("checksums.txt");
        if (!Files.exists(sums)) {
            return List.of("missing checksums.txt");
        }
        for (String line : Files.readAllLines(sums, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            int sep = line.indexOf("  ");
            String digest = line.substring(0, sep);
            Path f = root.resolve(line.substring(sep + 2));
            if (!Files.isRegularFile(f)) {
                problems.add("checksums.txt lists a missing file: " + line.substring(sep + 2));
            } else if (!sha256(Files.readAllBytes(f)).equals(digest)) {
                problems.add("checksums.txt has a wrong digest for " + line.substring(sep + 2));
            }
        }
        return problems;
    }

    /** All files under {@code root} with their bytes and modes, for determinism checks. */
    static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String rel = root.relativize(p).toString();
                out.put(rel, mode(p) + (Files.isRegularFile(p) ? " " + sha256(Files.readAllBytes(p)) : ""));
            }
        }
        return out;
    }

    static String mode(Path p) throws IOException {
        int m = 0;
        for (PosixFilePermission perm : Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS)) {
            m |= 0400 >> perm.ordinal();
        }
        return Integer.toOctalString(m);
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
