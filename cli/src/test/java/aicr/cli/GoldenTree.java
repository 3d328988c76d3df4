package aicr.cli;

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
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Compares a generated bundle with a reference tree, byte for byte and in both directions:
 * every path of the reference listing exists with the same permissions and, for files, the
 * listed sha256 (so the files a trimmed partial copy only lists are checked too); every path we
 * write is in the listing. Only {@link DocumentedDifferences} may differ; our checksums.txt must
 * name our files with their digests.
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
            String rel = f[4].equals(".") ? "" : f[4].substring(2);
            out.put(rel, f[0].equals("d") ? new Entry(true, f[1], "") : new Entry(false, f[1], f[3]));
        }
        return out;
    }

    /**
     * @param tree the golden tree's name, which {@link DocumentedDifferences} is keyed by
     * @return problems, empty when the trees agree
     */
    static List<String> compare(String tree, Path manifest, Path ours) throws IOException {
        Path reference = BundleFixtures.GOLDEN.resolve("trees").resolve(tree);
        Map<String, Entry> listed = listing(manifest);
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Entry> e : listed.entrySet()) {
            String rel = e.getKey();
            Entry want = e.getValue();
            Path p = rel.isEmpty() ? ours : ours.resolve(rel);
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                problems.add("missing " + rel);
                continue;
            }
            String mode = mode(p);
            if (!mode.equals(want.mode())) {
                problems.add("mode of " + (rel.isEmpty() ? "." : rel) + ": " + mode + ", reference " + want.mode());
            }
            if (want.dir() || DocumentedDifferences.allowed(tree, rel, DocumentedDifferences.Kind.CONTENT)) {
                continue;
            }
            Path ref = reference.resolve(rel);
            if (Files.isRegularFile(ref) && !sha256(Files.readAllBytes(ref)).equals(want.sha256())) {
                problems.add("golden copy disagrees with its listing: " + rel);
            }
            byte[] bytes = Files.readAllBytes(p);
            if (!sha256(bytes).equals(want.sha256())) {
                problems.add("bytes differ: " + rel + (Files.isRegularFile(ref) ? firstDifference(Files.readAllBytes(ref), bytes) : ""));
            }
        }
        try (Stream<Path> s = Files.walk(ours)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String rel = ours.relativize(p).toString();
                if (!listed.containsKey(rel) && !DocumentedDifferences.allowed(tree, rel, DocumentedDifferences.Kind.EXTRA)) {
                    problems.add("not in the reference: " + rel);
                }
            }
        }
        problems.addAll(checkChecksums(ours));
        return problems;
    }

    /** Where two texts first part, as {@code " (line N: reference «...», ours «...»)"}. */
    static String firstDifference(byte[] reference, byte[] ours) {
        String[] a = new String(reference, StandardCharsets.UTF_8).split("\n", -1);
        String[] b = new String(ours, StandardCharsets.UTF_8).split("\n", -1);
        int i = 0;
        while (i < a.length && i < b.length && a[i].equals(b[i])) {
            i++;
        }
        return " (line " + (i + 1) + ": reference \u00ab" + (i < a.length ? a[i] : "<end>") + "\u00bb, ours \u00ab"
                + (i < b.length ? b[i] : "<end>") + "\u00bb)";
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
