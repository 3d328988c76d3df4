package aicr.validate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Paths of the golden data in the repository (tests run from the engine module directory). */
final class Golden {
    private Golden() {
    }

    static final Path ROOT = locate();
    static final Path REFERENCE = ROOT.resolve("golden/validate/reference");

    private static Path locate() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("golden/validate"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("golden/validate not found above " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    /** Rows of a TSV file without its header; each row split on tabs (empty fields kept). */
    static List<String[]> tsv(Path p) {
        try {
            List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
            List<String[]> rows = new ArrayList<>();
            for (String l : lines.subList(1, lines.size())) {
                if (!l.isEmpty()) {
                    rows.add(l.split("\t", -1));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
