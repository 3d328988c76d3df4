package aicr.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Paths of the bundle golden data and expansion of the flag strings the tests use. */
final class BundleFixtures {
    private BundleFixtures() {
    }

    static final Path ROOT = projectRoot();
    static final Path GOLDEN = ROOT.resolve("golden/bundle");
    static final Path INPUTS = GOLDEN.resolve("inputs");

    private static Path projectRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("golden/bundle"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("golden/bundle not found above " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    /**
     * Splits {@code flags} at spaces and fills the placeholders: {recipe}, {inputs},
     * {kustomize-recipe} (the Kustomize recipe with its path made absolute: the reference
     * resolves Kustomize paths against the working directory).
     */
    static List<String> args(String flags, Path tmp) {
        List<String> out = new ArrayList<>();
        for (String a : flags.split(" ")) {
            if (a.isEmpty()) {
                continue;
            }
            out.add(a.replace("{recipe}", GOLDEN.resolve("recipe.yaml").toString())
                    .replace("{inputs}", INPUTS.toString())
                    .replace("{kustomize-recipe}", kustomizeRecipe(tmp).toString()));
        }
        return out;
    }

    static Path kustomizeRecipe(Path tmp) {
        try {
            Path r = tmp.resolve("mini-kustomize.yaml");
            if (!Files.exists(r)) {
                String text = Files.readString(INPUTS.resolve("mini-kustomize.yaml"));
                Files.writeString(r, text.replace("path: inputs/kdir", "path: " + INPUTS.resolve("kdir")));
            }
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
