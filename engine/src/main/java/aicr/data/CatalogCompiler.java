package aicr.data;

import aicr.io.Node;
import aicr.io.YamlReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Build step (run by Maven in process-classes): converts the recipes/ tree into the
 * pre-parsed blob the runtime loads. A malformed overlay, mixin or registry fails the build
 * here instead of at a user's first call.
 */
public final class CatalogCompiler {
    private CatalogCompiler() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: CatalogCompiler RECIPES_DIR OUTPUT_FILE");
            System.exit(2);
        }
        Path root = Path.of(args[0]).toAbsolutePath().normalize();
        Path out = Path.of(args[1]);
        List<CatalogBlob.Entry> entries = new ArrayList<>();
        for (String rel : embeddedFiles(root)) {
            byte[] raw = Files.readAllBytes(root.resolve(rel));
            if (parsedAtBuild(rel)) {
                Node tree;
                try {
                    tree = YamlReader.parse(new String(raw, StandardCharsets.UTF_8));
                } catch (RuntimeException e) {
                    if (rel.startsWith("components/")) {
                        entries.add(new CatalogBlob.Entry(rel, null, raw));
                        continue;
                    }
                    throw new IOException("recipes/" + rel + ": " + e.getMessage(), e);
                }
                entries.add(new CatalogBlob.Entry(rel, tree, null));
            } else {
                entries.add(new CatalogBlob.Entry(rel, null, raw));
            }
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        Files.write(tmp, CatalogBlob.encode(entries));
        Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    }

    /** The reference's embedded set, in its walk order. */
    static List<String> embeddedFiles(Path root) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(Files::isRegularFile).forEach(p -> {
                String rel = root.relativize(p).toString().replace('\\', '/');
                if (isEmbedded(rel)) {
                    out.add(rel);
                }
            });
        }
        out.sort(WalkOrder.COMPARATOR);
        return out;
    }

    static boolean isEmbedded(String rel) {
        String[] p = rel.split("/");
        if (!rel.endsWith(".yaml")) {
            return false;
        }
        return switch (p.length) {
            case 1 -> p[0].equals("registry.yaml");
            case 2 -> p[0].equals("overlays") || p[0].equals("mixins") || rel.equals("validators/catalog.yaml");
            case 3 -> p[0].equals("components") || p[0].equals("checks");
            case 4 -> p[0].equals("components") && p[2].equals("manifests");
            default -> false;
        };
    }

    private static boolean parsedAtBuild(String rel) {
        String[] p = rel.split("/");
        return !rel.startsWith("checks/") && !(p.length == 4 && p[2].equals("manifests"));
    }
}
