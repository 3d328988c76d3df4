package aicr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aicr.io.Values;
import aicr.io.YamlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every reference case under golden/recipes and golden/query (copied from the
 * reference CLI's outputs) through the CLI and compares the documents semantically,
 * ignoring metadata.version, exactly as tools/parity.py does.
 */
class ReferenceParityTest {
    static final Path GOLDEN = Path.of("..", "golden");

    @TestFactory
    Stream<DynamicTest> recipes() throws IOException {
        return cases("recipes", "recipe.yaml", true);
    }

    @TestFactory
    Stream<DynamicTest> queries() throws IOException {
        return cases("query", "stdout.txt", false);
    }

    private Stream<DynamicTest> cases(String kind, String expectedFile, boolean recipe) throws IOException {
        List<Path> dirs = new ArrayList<>();
        try (Stream<Path> s = Files.list(GOLDEN.resolve(kind))) {
            s.filter(d -> Files.isRegularFile(d.resolve("args.txt"))).sorted().forEach(dirs::add);
        }
        assertTrue(dirs.size() > 5, "golden cases missing under " + GOLDEN.resolve(kind));
        return dirs.stream().map(d -> DynamicTest.dynamicTest(d.getFileName().toString(), () -> {
            List<String> args = new ArrayList<>();
            args.add(recipe ? "recipe" : "query");
            for (String a : Files.readString(d.resolve("args.txt")).trim().split("\\s+")) {
                if (!a.isEmpty()) {
                    args.add(a);
                }
            }
            if (recipe) {
                args.add("--format");
                args.add("yaml");
            }
            int want = Integer.parseInt(Files.readString(d.resolve("exit_code")).trim());
            CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
            assertEquals(want, r.exitCode(), () -> "exit code; stderr:\n" + r.stderr());
            if (want != 0) {
                return;
            }
            Object expected = strip(Values.of(YamlReader.parse(Files.readString(d.resolve(expectedFile)))));
            Object actual = strip(Values.of(YamlReader.parse(r.stdout())));
            assertEquals(expected, actual);
        }));
    }

    @SuppressWarnings("unchecked")
    private static Object strip(Object doc) {
        if (doc instanceof Map<?, ?> m && m.get("metadata") instanceof Map<?, ?> meta) {
            ((Map<String, Object>) meta).remove("version");
        }
        return doc;
    }
}
