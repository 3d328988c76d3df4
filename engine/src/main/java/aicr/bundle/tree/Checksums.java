package aicr.bundle.tree;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * {@code checksums.txt}: one {@code <sha256>  <path>} line per file of the bundle, sorted by
 * path. Unlike the reference (generation order, recipe.yaml left out) every file is covered,
 * so {@code sha256sum -c checksums.txt} verifies the whole bundle and the listing does not
 * change when a deployer reorders its work.
 */
public final class Checksums {
    public static final String FILE = "checksums.txt";

    private Checksums() {
    }

    /** Adds checksums.txt (mode 0600) covering every file already in the tree. */
    public static void addTo(BundleTree tree) {
        tree.remove(FILE);
        StringBuilder sb = new StringBuilder();
        for (String p : tree.sortedPaths()) {
            sb.append(sha256(tree.get(p).bytes())).append("  ").append(p).append('\n');
        }
        tree.put(FILE, sb.toString().getBytes(StandardCharsets.UTF_8), 0600);
    }

    public static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
