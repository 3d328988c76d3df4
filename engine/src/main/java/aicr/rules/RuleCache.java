package aicr.rules;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Compiles --rules directories once and keeps the result on disk. The key is a SHA-256 over
 * the rule files (names and bytes), the rule kind, the aicr version and the Drools version,
 * so any change to rules or tools recompiles; a stale entry is never read. Entries are
 * written to a temp file and moved into place, so a crash leaves no half entry. If the cache
 * cannot be written (read-only home), rules are compiled every time and nothing fails.
 */
public final class RuleCache {
    private final Path root;
    private final String aicrVersion;

    /** @param root cache directory, or null to compile every time */
    public RuleCache(Path root, String aicrVersion) {
        this.root = root;
        this.aicrVersion = aicrVersion;
    }

    /**
     * {@code $AICR_CACHE_DIR/rules}, else {@code ${XDG_CACHE_HOME:-~/.cache}/aicr/rules}; the
     * system property {@code aicr.cache.dir} takes precedence (in-process tests).
     */
    public static Path defaultRoot() {
        String prop = System.getProperty("aicr.cache.dir");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop, "rules");
        }
        String aicr = System.getenv("AICR_CACHE_DIR");
        if (aicr != null && !aicr.isBlank()) {
            return Path.of(aicr, "rules");
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("aicr").resolve("rules");
    }

    /** Compiled rules of one kind from a directory, with their loader and the files' texts. */
    record Module(Index index, ClassLoader loader, Map<String, String> sources) {
    }

    Module load(RuleKind kind, Path dir) {
        List<Path> paths = RuleLoader.files(dir);
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (Path p : paths) {
            String name = display(dir, p);
            // the shared bounded reader: type, size, permission checked, the file named in errors
            files.put(name, aicr.io.InputSource.readFile(p, name, aicr.io.InputLimits.MAX_DOCUMENT_BYTES));
        }
        Map<String, String> sources = new LinkedHashMap<>();
        files.forEach((k, v) -> sources.put(k, aicr.io.InputSource.decode(v, k)));
        String key = key(kind, files);
        Path entry = root == null ? null : root.resolve(key + ".zip");
        if (entry != null && Files.isRegularFile(entry)) {
            try {
                return read(entry, sources);
            } catch (IOException | RuntimeException e) {
                // A damaged entry only costs a recompile.
            }
        }
        List<RuleFile> parsed = new ArrayList<>();
        sources.forEach((name, text) -> parsed.add(RuleLoader.parse(name, text)));
        RuleBase.checkUnique(parsed);
        List<RuleFile> mine = parsed.stream().filter(f -> f.kind() == kind).toList();
        Map<String, byte[]> classes = Map.of();
        List<String> models = List.of();
        if (!mine.isEmpty()) {
            RuleCompiler.Compiled c = RuleCompiler.compile(mine, kind.userDrlPackage());
            classes = c.classes();
            models = c.models();
        }
        Index index = Index.of(mine, models);
        if (entry != null) {
            write(entry, index, classes);
        }
        return new Module(index, new BytesClassLoader(classes, RuleBase.class.getClassLoader()), sources);
    }

    private static String display(Path dir, Path p) {
        String base = dir.toString().replace('\\', '/');
        return (base.endsWith("/") ? base : base + "/") + dir.relativize(p).toString().replace('\\', '/');
    }

    String key(RuleKind kind, Map<String, byte[]> files) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(("aicr-rules-cache/1\n" + aicrVersion + "\n" + droolsVersion() + "\n" + factsFingerprint() + "\n"
                    + kind.id() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                md.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(MessageDigest.getInstance("SHA-256").digest(e.getValue()));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Digest of the fact classes, written by {@link Precompile} (see there). */
    static String factsFingerprint() {
        try (InputStream in = RuleCache.class.getClassLoader().getResourceAsStream(Precompile.FACTS_FINGERPRINT)) {
            return in == null ? "unknown" : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The Drools version on the class path (part of the cache key: compiled models are version-bound). */
    static String droolsVersion() {
        try (InputStream in = RuleCache.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.drools/drools-core/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            }
        } catch (IOException e) {
            // fall through
        }
        return "unknown";
    }

    private static Module read(Path entry, Map<String, String> sources) throws IOException {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        Index index = null;
        try (ZipInputStream zin = new ZipInputStream(Files.newInputStream(entry))) {
            for (ZipEntry e; (e = zin.getNextEntry()) != null; ) {
                byte[] b = zin.readAllBytes();
                if (e.getName().equals("index")) {
                    index = Index.read(b);
                } else {
                    classes.put(e.getName(), b);
                }
            }
        }
        if (index == null) {
            throw new IOException("no index in " + entry);
        }
        return new Module(index, new BytesClassLoader(classes, RuleBase.class.getClassLoader()), sources);
    }

    private static void write(Path entry, Index index, Map<String, byte[]> classes) {
        Path tmp = null;
        try {
            Files.createDirectories(entry.getParent());
            tmp = Files.createTempFile(entry.getParent(), ".tmp-", ".zip");
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            try (ZipOutputStream zout = new ZipOutputStream(buf)) {
                put(zout, "index", index.write());
                for (Map.Entry<String, byte[]> e : classes.entrySet()) {
                    put(zout, e.getKey(), e.getValue());
                }
            }
            try (OutputStream out = Files.newOutputStream(tmp)) {
                buf.writeTo(out);
            }
            try {
                Files.move(tmp, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, entry, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            // Caching is an optimisation only.
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // nothing more to do
                }
            }
        }
    }

    private static void put(ZipOutputStream zout, String name, byte[] b) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(0); // deterministic entries
        zout.putNextEntry(e);
        zout.write(b);
        zout.closeEntry();
    }
}
