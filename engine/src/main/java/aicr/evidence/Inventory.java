package aicr.evidence;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.sigstore.Digests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Step 4 of evidence verification: {@code manifest.json} is the one the predicate names, every
 * listed file is present with its size and sha256, no unlisted file is present, and each
 * phase report matches the predicate's {@code ctrfDigest}.
 */
final class Inventory {
    private Inventory() {
    }

    /** The failure (null when the check passed) and its per-file rows. */
    record Outcome(AicrException error, List<String[]> rows) {
    }

    static Outcome check(Path dir, Predicate p) {
        String want = p.manifestDigest();
        if (want.isEmpty()) {
            return new Outcome(invalid("expected manifest digest is required (from predicate.manifest.digest)"), List.of());
        }
        byte[] body;
        try {
            body = EvidenceVerification.readBounded(dir.resolve(EvidenceFiles.MANIFEST), 1 << 20, "manifest.json");
        } catch (AicrException e) {
            return new Outcome(e, List.of());
        }
        String got = Digests.PREFIX + Digests.sha256Hex(body);
        if (!got.equals(want)) {
            return new Outcome(invalid("manifest.json digest does not match predicate.manifest.digest — the manifest has "
                    + "been tampered or the predicate is wrong for this bundle"),
                    List.<String[]>of(new String[]{EvidenceFiles.MANIFEST, "sha256 mismatch (got " + got + ", want " + want + ")"}));
        }
        Map<String, Object> m = Evidence.json(body);
        if (m == null) {
            return new Outcome(invalid("manifest.json is not valid JSON"), List.of());
        }
        String schema = Predicate.str(m, "schemaVersion");
        if (!schema.equals("1.0") && !schema.startsWith("1.0.")) {
            return new Outcome(invalid("unsupported manifest schemaVersion " + schema + " (verifier supports 1.0.x)"), List.of());
        }
        List<?> files = m.get("files") instanceof List<?> l ? l : List.of();
        if (files.isEmpty()) {
            return new Outcome(invalid("manifest.json has no files"), List.of());
        }
        List<String[]> rows = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        for (Object o : files) {
            Map<String, Object> f = o instanceof Map<?, ?> x ? Predicate.cast(x) : Map.of();
            String rel = Predicate.str(f, "path");
            listed.add(rel);
            String problem = fileProblem(dir, rel, Predicate.num(f.get("size")), Predicate.str(f, "sha256"));
            if (problem != null) {
                rows.add(new String[]{rel, problem});
            }
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path x : (Iterable<Path>) walk.sorted()::iterator) {
                if (Files.isDirectory(x, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                String rel = dir.relativize(x).toString().replace('\\', '/');
                if (!listed.contains(rel) && !Manifest.EXEMPT.contains(rel)) {
                    rows.add(new String[]{rel, "file not in manifest.json (unsigned)"});
                }
            }
        } catch (IOException e) {
            rows.add(new String[]{"walk", "[INTERNAL] failed to walk bundle dir: " + e.getMessage()});
        }
        if (!rows.isEmpty()) {
            return new Outcome(invalid("manifest inventory check failed for " + rows.size() + " file(s)"), rows);
        }
        return phases(dir, p);
    }

    private static String fileProblem(Path dir, String rel, long size, String sha) {
        Path local = Path.of(rel).normalize();
        if (rel.isEmpty() || local.isAbsolute() || local.startsWith("..")) {
            return "[INVALID_REQUEST] manifest entry " + rel + " is not a local path (rejecting potential traversal)";
        }
        Path full = dir.resolve(local);
        try {
            if (!Files.exists(full, LinkOption.NOFOLLOW_LINKS)) {
                return "[NOT_FOUND] file missing from bundle: " + rel;
            }
            if (Files.isDirectory(full)) {
                return "[INVALID_REQUEST] manifest entry " + rel + " is a directory";
            }
            long actual = Files.size(full);
            if (size > 0 && actual != size) {
                return "[INVALID_REQUEST] size mismatch for " + rel + " (got " + actual + ", want " + size + ")";
            }
            String got = Digests.fileSha256Hex(full);
            String want = sha.startsWith(Digests.PREFIX) ? sha.substring(Digests.PREFIX.length()) : sha;
            return got.equals(want) ? null : "sha256 mismatch (got " + got + ", want " + want + ")";
        } catch (IOException e) {
            return "[INTERNAL] failed to hash bundle file: " + rel + ": " + e.getMessage();
        }
    }

    private static Outcome phases(Path dir, Predicate p) {
        List<String[]> rows = new ArrayList<>();
        p.phases().forEach((name, ph) -> {
            if (!EvidenceFiles.PHASES.contains(name)) {
                rows.add(new String[]{name, "predicate contains unknown phase"});
                return;
            }
            if (ph.ctrfDigest().isEmpty()) {
                rows.add(new String[]{name, "predicate phase summary has no ctrfDigest"});
                return;
            }
            String rel = EvidenceFiles.ctrf(name);
            try {
                byte[] b = EvidenceVerification.readBounded(dir.resolve(rel), 10 << 20, rel);
                String got = Digests.PREFIX + Digests.sha256Hex(b);
                if (!got.equals(ph.ctrfDigest())) {
                    rows.add(new String[]{rel, "ctrfDigest mismatch (got " + got + ", want " + ph.ctrfDigest() + ")"});
                }
            } catch (AicrException e) {
                rows.add(new String[]{rel, e.render()});
            }
        });
        if (!rows.isEmpty()) {
            return new Outcome(invalid("phase report digest check failed for " + rows.size() + " phase(s)"), rows);
        }
        return new Outcome(null, List.of());
    }

    private static AicrException invalid(String msg) {
        return new AicrException(ErrorCode.INVALID_REQUEST, msg);
    }
}
