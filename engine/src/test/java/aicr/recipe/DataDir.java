package aicr.recipe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds a throw-away --data directory for tests. */
final class DataDir {
    final Path root;

    DataDir(Path root) {
        this.root = root;
        file("registry.yaml", "apiVersion: aicr.run/v1alpha2\nkind: ComponentRegistry\ncomponents: []\n");
    }

    DataDir file(String rel, String text) {
        try {
            Path p = root.resolve(rel);
            Files.createDirectories(p.getParent());
            Files.writeString(p, text);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An overlay file named after the overlay. */
    DataDir overlay(String name, String body) {
        return file("overlays/" + name + ".yaml", "kind: RecipeMetadata\napiVersion: aicr.run/v1alpha2\nmetadata:\n  name: "
                + name + "\nspec:\n" + body);
    }
}
