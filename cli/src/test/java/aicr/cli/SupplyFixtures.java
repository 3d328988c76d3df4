package aicr.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** Supply-chain golden data: the reference's transcripts and a copy of its helm bundle to tamper with. */
final class SupplyFixtures {
    private SupplyFixtures() {
    }

    static final Path GOLDEN = BundleFixtures.ROOT.resolve("golden/supply");
    static final Path TRANSCRIPTS = GOLDEN.resolve("transcripts");
    static final Path REFERENCE_HELM_BUNDLE = BundleFixtures.GOLDEN.resolve("trees/helm");
    static final String RECIPE_WARNING = "\nWarnings:\n  ! recipe.yaml is not listed in checksums.txt (bundles made by the "
            + "reference CLI leave it out), so its content is not verified\n";

    static String transcript(String id, String stream) {
        try {
            return Files.readString(TRANSCRIPTS.resolve(id + "." + stream), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The reference's stdout with aicr-j's warning block inserted before the verdict. */
    static String withRecipeWarning(String referenceStdout) {
        int at = referenceStdout.indexOf("\nBundle verification:");
        return referenceStdout.substring(0, at) + RECIPE_WARNING + referenceStdout.substring(at);
    }

    /** A fresh copy of a bundle tree. */
    static Path copy(Path from, Path to) {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
