package aicr.verify;

import aicr.sigstore.Digests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Step 1 of {@code aicr verify}: every line of {@code checksums.txt} names a file inside the
 * bundle whose sha256 matches, and (beyond the reference) every file of the bundle is listed,
 * except {@code checksums.txt} itself and the attestations over it. Problems are collected,
 * not fatal, in the reference's wording.
 */
final class ChecksumCheck {
    static final String FILE = "checksums.txt";
    static final int MAX_BYTES = 1 << 20;
    /** Files the checksums cannot cover: the list itself and the signatures over it. */
    static final Set<String> EXEMPT = Set.of(FILE, Verification.BUNDLE_ATTESTATION, Verification.BINARY_ATTESTATION);
    /** Left out of checksums.txt by the reference's helm deployer (its issue #1549); a warning, not a failure. */
    static final String REFERENCE_UNLISTED = "recipe.yaml";

    /**
     * @param data    the bytes of checksums.txt as read (null when it could not be read)
     * @param reason  why the check failed when it did: the trust reason
     * @param entries number of non-blank lines
     */
    record Outcome(byte[] data, List<String> errors, List<String> warnings, String reason, int entries) {
        boolean passed() {
            return reason == null;
        }
    }

    static Outcome run(Path dir) {
        Path file = dir.resolve(FILE);
        byte[] data;
        try {
            if (Files.isDirectory(file)) {
                return failed("failed to read checksums.txt", "failed to read checksums.txt: is a directory");
            }
            if (Files.size(file) > MAX_BYTES) {
                return failed("failed to read checksums.txt", "failed to read checksums.txt: file exceeds "
                        + MAX_BYTES + " bytes");
            }
            data = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return failed("checksums.txt not found", "checksums.txt not found");
        } catch (IOException e) {
            return failed("failed to read checksums.txt", "failed to read checksums.txt: " + e.getMessage());
        }
        List<String> errors = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        int entries = 0;
        for (String raw : new String(data, StandardCharsets.UTF_8).split("\n", -1)) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            entries++;
            int sep = line.indexOf("  ");
            if (sep < 0) {
                errors.add("invalid checksum line: " + line);
                continue;
            }
            String expected = line.substring(0, sep);
            String rel = line.substring(sep + 2);
            if (!inside(rel)) {
                errors.add("path traversal detected in checksum entry: " + rel);
                continue;
            }
            listed.add(Path.of(rel).normalize().toString());
            Path target = dir.resolve(rel);
            String actual;
            try {
                actual = Digests.fileSha256Hex(target);
            } catch (NoSuchFileException e) {
                errors.add("failed to read " + rel + ": [INTERNAL] failed to open file for digest: " + target + ": open "
                        + target + ": no such file or directory");
                continue;
            } catch (IOException e) {
                errors.add("failed to read " + rel + ": [INTERNAL] failed to read file for digest: " + target + ": "
                        + e.getMessage());
                continue;
            }
            if (!actual.equals(expected)) {
                errors.add("checksum mismatch: " + rel + " (expected " + expected + ", got " + actual + ")");
            }
        }
        List<String> warnings = new ArrayList<>();
        unlisted(dir, listed, errors, warnings);
        return new Outcome(data, errors, warnings, errors.isEmpty() ? null : "checksum verification failed", entries);
    }

    private static Outcome failed(String reason, String error) {
        return new Outcome(null, List.of(error), List.of(), reason, 0);
    }

    /** A relative path that stays inside the bundle (the reference's traversal rule). */
    private static boolean inside(String rel) {
        if (rel.isEmpty() || rel.startsWith("/") || rel.startsWith("\\")) {
            return false;
        }
        Path p = Path.of(rel).normalize();
        return !p.isAbsolute() && !p.toString().equals("..") && !p.startsWith("..");
    }

    /** Files (and links) present but not listed: errors, except the reference's unlisted recipe.yaml. */
    private static void unlisted(Path dir, Set<String> listed, List<String> errors, List<String> warnings) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                if (rel.isEmpty() || Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                if (Files.isSymbolicLink(p)) {
                    errors.add("symbolic link in bundle (not allowed): " + rel);
                } else if (!listed.contains(rel) && !EXEMPT.contains(rel)) {
                    if (rel.equals(REFERENCE_UNLISTED)) {
                        warnings.add("recipe.yaml is not listed in checksums.txt (bundles made by the reference CLI leave "
                                + "it out), so its content is not verified");
                    } else {
                        errors.add("file not listed in checksums.txt: " + rel);
                    }
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            errors.add("failed to list bundle files: " + e.getMessage());
        }
    }
}
