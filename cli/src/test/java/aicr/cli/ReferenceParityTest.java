package aicr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every reference case under golden/recipes and golden/query (copied from the
 * reference CLI's outputs) through the CLI and compares stdout byte for byte: recipe.yaml with
 * {@code --format yaml}, recipe.json (where the case has one) with {@code --format json}, query
 * stdout as printed. The one allowed difference, {@code metadata.version}, is in
 * {@link DocumentedDifferences}. A failing case must print nothing on stdout.
 */
class ReferenceParityTest {
    static final Path GOLDEN = Path.of("..", "golden");

    @TestFactory
    Stream<DynamicTest> recipes() throws IOException {
        return Stream.concat(cases("recipes", "recipe.yaml", "yaml"), cases("recipes", "recipe.json", "json"));
    }

    @TestFactory
    Stream<DynamicTest> queries() throws IOException {
        return cases("query", "stdout.txt", null);
    }

    /** @param format the recipe output format, null for a query */
    private Stream<DynamicTest> cases(String kind, String expectedFile, String format) throws IOException {
        List<Path> dirs = new ArrayList<>();
        try (Stream<Path> s = Files.list(GOLDEN.resolve(kind))) {
            s.filter(d -> Files.isRegularFile(d.resolve("args.txt"))).sorted().forEach(dirs::add);
        }
        assertTrue(dirs.size() > 5, "golden cases missing under " + GOLDEN.resolve(kind));
        return dirs.stream()
                .filter(d -> format == null || !format.equals("json") || Files.isRegularFile(d.resolve(expectedFile)))
                .map(d -> DynamicTest.dynamicTest(d.getFileName() + (format == null ? "" : " " + format),
                        () -> replay(d, expectedFile, format)));
    }

    private static void replay(Path d, String expectedFile, String format) throws IOException {
        List<String> args = new ArrayList<>();
        args.add(format != null ? "recipe" : "query");
        for (String a : Files.readString(d.resolve("args.txt")).trim().split("\\s+")) {
            if (!a.isEmpty()) {
                args.add(a);
            }
        }
        if (format != null) {
            args.add("--format");
            args.add(format);
        }
        int want = Integer.parseInt(Files.readString(d.resolve("exit_code")).trim());
        CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
        assertEquals(want, r.exitCode(), () -> "exit code; stderr:\n" + r.stderr());
        if (want != 0) {
            assertEquals("", r.stdout());
            return;
        }
        String expected = Files.readString(d.resolve(expectedFile));
        assertEquals(format != null ? DocumentedDifferences.recipeWithOurVersion(expected) : expected, r.stdout());
    }
}
