package aicr.data;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.io.InputSource;
import aicr.io.JsonReader;
import aicr.io.Node;
import aicr.io.YamlReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Where recipe data comes from: the embedded catalog, optionally layered under one external
 * {@code --data} directory whose files replace embedded files at the same relative path.
 * Immutable after construction and safe to share between threads.
 */
public final class DataSource {
    /** Largest file accepted from an external data directory. */
    public static final long MAX_FILE_SIZE = 10L * 1024 * 1024;
    /** Most files, and most bytes in all, of an external data directory (a bundle holds them in memory). */
    public static final int MAX_FILES = 10_000;
    public static final long MAX_TOTAL_SIZE = 64L * 1024 * 1024;

    private static volatile DataSource embedded;

    private final Map<String, CatalogBlob.Entry> embeddedFiles;
    private final Path externalRoot;
    private final List<String> externalFiles;
    private final Map<String, Node> parsed = new ConcurrentHashMap<>();

    private DataSource(Map<String, CatalogBlob.Entry> embeddedFiles, Path externalRoot, List<String> externalFiles) {
        this.embeddedFiles = embeddedFiles;
        this.externalRoot = externalRoot;
        this.externalFiles = externalFiles;
    }

    /** The built-in data, loaded once per process from the pre-parsed blob. */
    public static DataSource embedded() {
        DataSource d = embedded;
        if (d == null) {
            synchronized (DataSource.class) {
                d = embedded;
                if (d == null) {
                    d = new DataSource(loadBlob(), null, List.of());
                    embedded = d;
                }
            }
        }
        return d;
    }

    /**
     * Embedded data layered under {@code dir}. Every problem with the directory is reported as
     * INTERNAL "failed to initialize data provider", as the reference does.
     */
    public static DataSource withExternal(Path dir) {
        aicr.log.Log.info("initializing external data provider", "directory", dir);
        try {
            List<String> files = scanExternal(dir);
            aicr.log.Log.info("layered data provider initialized", "external_dir", dir, "external_files", files.size());
            return new DataSource(embedded().embeddedFiles, dir, files);
        } catch (AicrException e) {
            throw AicrException.wrap(ErrorCode.INTERNAL, "failed to initialize data provider", e);
        }
    }

    /** Embedded data, or layered under {@code dir} when it is non-null. */
    public static DataSource of(Path dir) {
        return dir == null ? embedded() : withExternal(dir);
    }

    public boolean hasExternal() {
        return externalRoot != null;
    }

    public Path externalRoot() {
        return externalRoot;
    }

    /** External files in walk order, then embedded files not shadowed by them. */
    public List<String> walkOrder() {
        List<String> out = new ArrayList<>(externalFiles);
        java.util.Set<String> seen = new java.util.HashSet<>(externalFiles);
        for (String p : embeddedFiles.keySet()) {
            if (!seen.contains(p)) {
                out.add(p);
            }
        }
        return out;
    }

    /** The external directory's files (relative paths, walk order); empty without {@code --data}. */
    public List<String> externalFiles() {
        return externalFiles;
    }

    public boolean isExternal(String path) {
        return externalRoot != null && externalFiles.contains(path);
    }

    public boolean exists(String path) {
        return isExternal(path) || embeddedFiles.containsKey(path);
    }

    public boolean existsEmbedded(String path) {
        return embeddedFiles.containsKey(path);
    }

    /** Raw bytes of a file (external wins); NOT_FOUND when neither layer has it. */
    public byte[] readBytes(String path) {
        if (isExternal(path)) {
            return readExternal(path);
        }
        return readEmbeddedBytes(path);
    }

    public byte[] readEmbeddedBytes(String path) {
        CatalogBlob.Entry e = embeddedFiles.get(path);
        if (e == null) {
            throw new AicrException(ErrorCode.NOT_FOUND, "file not found: " + path);
        }
        if (e.raw() != null) {
            return e.raw();
        }
        try (InputStream in = DataSource.class.getClassLoader().getResourceAsStream(CatalogBlob.RAW_PREFIX + path)) {
            if (in == null) {
                throw new AicrException(ErrorCode.INTERNAL, "embedded file missing from the jar: " + path);
            }
            return in.readAllBytes();
        } catch (IOException ex) {
            throw new AicrException(ErrorCode.INTERNAL, "failed to read embedded file " + path, ex);
        }
    }

    /** The text of a file; an external file must be valid UTF-8 (embedded ones are checked at build time). */
    public String readText(String path) {
        return isExternal(path) ? InputSource.decode(readExternal(path), path) : new String(readBytes(path), StandardCharsets.UTF_8);
    }

    /**
     * The parsed document at {@code path} (YAML, or JSON for {@code .json}); embedded documents
     * come pre-parsed. Syntax errors propagate as {@link aicr.io.YamlSyntaxException}.
     */
    public Node readNode(String path) {
        if (!isExternal(path)) {
            CatalogBlob.Entry e = embeddedFiles.get(path);
            if (e != null && e.tree() != null) {
                return e.tree();
            }
        }
        return parsed.computeIfAbsent(path, p -> {
            String text = readText(p);
            return p.endsWith(".json") ? JsonReader.parse(text) : YamlReader.parse(text);
        });
    }

    private byte[] readExternal(String path) {
        Path p = externalRoot.resolve(path);
        if (Files.isSymbolicLink(p)) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "symlinks not allowed: " + path);
        }
        return InputSource.readFile(p, path, MAX_FILE_SIZE);
    }

    private static List<String> scanExternal(Path dir) {
        if (!Files.exists(dir)) {
            throw new AicrException(ErrorCode.NOT_FOUND, "external data directory not found: " + dir);
        }
        if (!Files.isDirectory(dir)) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "external data path is not a directory: " + dir);
        }
        if (!Files.isRegularFile(dir.resolve("registry.yaml"))) {
            throw new AicrException(ErrorCode.INVALID_REQUEST,
                    "registry.yaml is required in external data directory: " + dir);
        }
        List<String> out = new ArrayList<>();
        long total = 0;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                String rel = dir.relativize(p).toString().replace('\\', '/');
                if (a.isSymbolicLink()) {
                    throw new AicrException(ErrorCode.INVALID_REQUEST, "symlinks not allowed: " + rel);
                }
                if (!a.isRegularFile()) {
                    continue;
                }
                if (rel.startsWith("../") || rel.startsWith("/") || rel.equals("..")) {
                    throw new AicrException(ErrorCode.INVALID_REQUEST, "path escapes the data directory: " + rel);
                }
                if (a.size() > MAX_FILE_SIZE) {
                    throw new AicrException(ErrorCode.INVALID_REQUEST,
                            "file too large (" + a.size() + " bytes, max " + MAX_FILE_SIZE + "): " + rel);
                }
                total += a.size();
                if (out.size() >= MAX_FILES || total > MAX_TOTAL_SIZE) {
                    throw new AicrException(ErrorCode.INVALID_REQUEST, "external data directory holds more than "
                            + MAX_FILES + " files or " + MAX_TOTAL_SIZE + " bytes: " + dir);
                }
                out.add(rel);
            }
        } catch (IOException e) {
            throw new AicrException(ErrorCode.INTERNAL, "failed to scan external data directory " + dir, e);
        } catch (UncheckedIOException e) {
            throw new AicrException(ErrorCode.INTERNAL, "failed to scan external data directory " + dir, e.getCause());
        }
        out.sort(WalkOrder.COMPARATOR);
        return Collections.unmodifiableList(out);
    }

    private static Map<String, CatalogBlob.Entry> loadBlob() {
        try (InputStream in = DataSource.class.getClassLoader().getResourceAsStream(CatalogBlob.RESOURCE)) {
            if (in == null) {
                throw new AicrException(ErrorCode.INTERNAL, "embedded catalog " + CatalogBlob.RESOURCE + " is missing");
            }
            Map<String, CatalogBlob.Entry> m = new LinkedHashMap<>();
            for (CatalogBlob.Entry e : CatalogBlob.decode(in)) {
                m.put(e.path(), e);
            }
            return Collections.unmodifiableMap(m);
        } catch (IOException e) {
            throw new AicrException(ErrorCode.INTERNAL, "failed to load the embedded catalog", e);
        }
    }
}
