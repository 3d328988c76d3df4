package aicr.bundle.tree;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A bundle held in memory: files (bytes and permission bits) and the permission bits of the
 * directories that hold them, keyed by bundle-relative path. Deployers only add to a tree;
 * nothing touches the disk until {@link TreeWriter#commit} moves a complete tree into place,
 * so a failure at any step leaves no output behind.
 */
public final class BundleTree {
    /** Default permissions of directories (the reference creates them with 0755). */
    public static final int DIR_MODE = 0755;

    private final Map<String, TreeFile> files = new LinkedHashMap<>();
    private final Map<String, Integer> dirModes = new TreeMap<>();

    /** One file of the tree. */
    public record TreeFile(byte[] bytes, int mode) {
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** Adds or replaces a file; the path is checked to stay inside the bundle. */
    public void put(String rel, byte[] bytes, int mode) {
        String p = SafePath.checked(rel);
        if (dirModes.containsKey(p)) {
            throw new IllegalStateException("a directory already exists at " + p);
        }
        files.put(p, new TreeFile(bytes.clone(), mode));
        registerParents(p);
    }

    public void put(String rel, String text, int mode) {
        put(rel, text.getBytes(StandardCharsets.UTF_8), mode);
    }

    /** Declares a directory (possibly empty) with explicit permissions; parents default to {@link #DIR_MODE}. */
    public void dir(String rel, int mode) {
        String p = SafePath.checked(rel);
        registerParents(p + "/x");
        dirModes.put(p, mode);
    }

    /** Parents of a new entry: created with the default mode unless declared before. */
    private void registerParents(String p) {
        int i = p.indexOf('/');
        while (i > 0) {
            dirModes.putIfAbsent(p.substring(0, i), DIR_MODE);
            i = p.indexOf('/', i + 1);
        }
    }

    public boolean remove(String rel) {
        return files.remove(rel) != null;
    }

    public boolean contains(String rel) {
        return files.containsKey(rel);
    }

    public TreeFile get(String rel) {
        return files.get(rel);
    }

    /** Files in insertion order. */
    public Map<String, TreeFile> files() {
        return Collections.unmodifiableMap(files);
    }

    /** Directories with their permissions, parents before children. */
    public Map<String, Integer> dirs() {
        return Collections.unmodifiableMap(dirModes);
    }

    /** Paths of the files, sorted by their bytes (the order of checksums.txt). */
    public List<String> sortedPaths() {
        List<String> l = new ArrayList<>(files.keySet());
        l.sort(null);
        return l;
    }

    public long totalSize() {
        long n = 0;
        for (TreeFile f : files.values()) {
            n += f.bytes().length;
        }
        return n;
    }

    /** Copies every entry of {@code other} under {@code prefix} (dir modes included). */
    public void putAll(String prefix, BundleTree other) {
        other.dirModes.forEach((d, m) -> dir(prefix.isEmpty() ? d : prefix + "/" + d, m));
        other.files.forEach((p, f) -> put(prefix.isEmpty() ? p : prefix + "/" + p, f.bytes(), f.mode()));
    }
}
