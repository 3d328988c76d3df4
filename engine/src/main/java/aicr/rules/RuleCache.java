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
import java.util.HashMap;
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
 * the rule files (names relative to their directory, and bytes), the rule kind, the aicr and
 * Drools versions, the fact classes and the safety check's version, so any change to rules or
 * tools recompiles; a stale entry is never read. An entry exists only for files that passed the
 * safety check, so a cached load skips the check as well as the compile. Entries are
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

    /** Compiled rules of one kind from --rules directories, with their loader and the files' texts. */
    record Module(Index index, ClassLoader loader, Map<String, String> sources) {
    }

    /**
     * Bumped when what a cache entry vouches for changes: an entry exists only for files that
     * passed the safety check of this version of it (and compiled).
     */
    static final String FORMAT = "aicr-rules-cache/2 safety/1";

    /**
     * The files of {@code dirs} in effect for {@code kind}, compiled. Files are named relative to
     * their directory; a file of a later directory with the id of a file of an earlier one
     * replaces it (organisation rules, then team rules). Every file of every kind must parse and
     * pass the safety check; only those of {@code kind} are compiled.
     */
    Module load(RuleKind kind, List<Path> dirs) {
        List<Map<String, byte[]>> perDir = new ArrayList<>();
        for (Path dir : dirs) {
            Map<String, byte[]> files = new LinkedHashMap<>();
            for (Path p : RuleLoader.files(dir)) {
                String name = RuleLoader.name(dir, p, "");
                // the shared bounded reader: type, size, permission checked, the file named in errors
                files.put(name, aicr.io.InputSource.readFile(p, name, aicr.io.InputLimits.MAX_DOCUMENT_BYTES));
            }
            perDir.add(files);
        }
        String key = key(kind, perDir);
        Map<String, String> sources = new LinkedHashMap<>();
        perDir.forEach(m -> m.forEach((k, v) -> sources.put(k, aicr.io.InputSource.decode(v, k))));
        Path entry = root == null ? null : root.resolve(key + ".zip");
        if (entry != null && Files.isRegularFile(entry)) {
            try {
                return read(entry, sources);
            } catch (IOException | RuntimeException e) {
                // A damaged entry only costs a recompile.
            }
        }
        List<RuleFile> effective = effective(perDir);
        for (RuleFile f : effective) {
            if (f.kind() != kind) {
                SafetyCheck.check(f);
            }
        }
        List<RuleFile> mine = effective.stream().filter(f -> f.kind() == kind).toList();
        Map<String, byte[]> classes = Map.of();
        List<String> models = List.of();
        if (!mine.isEmpty()) {
            RuleCompiler.Compiled c = RuleCompiler.compile(mine, kind.userDrlPackage());
            classes = c.classes();
            models = c.models();
        }
        Index index = Index.of(mine, models, false);
        if (entry != null) {
            write(entry, index, classes);
        }
        return new Module(index, new BytesClassLoader(classes, RuleBase.class.getClassLoader()), sources);
    }

    /** Parses every file and applies the layering of directories (later replaces earlier by id). */
    static List<RuleFile> effective(List<Map<String, byte[]>> perDir) {
        Map<String, RuleFile> byId = new LinkedHashMap<>();
        for (Map<String, byte[]> files : perDir) {
            List<RuleFile> parsed = new ArrayList<>();
            files.forEach((name, bytes) -> parsed.add(RuleLoader.parse(name, new String(bytes, StandardCharsets.UTF_8))));
            RuleBase.checkUnique(parsed);
            for (RuleFile f : parsed) {
                byId.remove(f.id());
                byId.put(f.id(), f);
            }
        }
        Map<String, RuleFile> byName = new HashMap<>();
        for (RuleFile f : byId.values()) {
            RuleFile prior = byName.putIfAbsent(f.path(), f);
            if (prior != null) {
                throw RuleLoader.error(f.path(), "id", "two --rules directories have a file named " + f.path()
                        + " with different ids (" + prior.id() + ", " + f.id() + "); rename one, or give both the"
                        + " same id to let the later directory replace the earlier file");
            }
        }
        List<RuleFile> out = new ArrayList<>(byId.values());
        RuleBase.checkUnique(out);
        return out;
    }

    String key(RuleKind kind, List<Map<String, byte[]>> perDir) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update((FORMAT + "\n" + aicrVersion + "\n" + droolsVersion() + "\n" + factsFingerprint() + "\n"
                    + kind.id() + "\n").getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < perDir.size(); i++) {
                md.update(("dir " + i + "\n").getBytes(StandardCharsets.UTF_8));
                for (Map.Entry<String, byte[]> e : perDir.get(i).entrySet()) {
                    md.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                    md.update((byte) 0);
                    md.update(MessageDigest.getInstance("SHA-256").digest(e.getValue()));
                }
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
