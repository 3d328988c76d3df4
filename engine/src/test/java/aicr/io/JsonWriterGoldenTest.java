package aicr.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Re-emits JSON written by the reference (json.Encoder, indent two spaces) byte for byte. */
class JsonWriterGoldenTest {

    @ParameterizedTest
    @ValueSource(strings = {"recipe-lke.json", "report-html-escape.ctrf.json", "report-satisfies.ctrf.json"})
    void indentedDocumentsRoundTrip(String name) {
        String text = YamlWriterGoldenTest.resource("golden-json/" + name);
        assertEquals(text, JsonWriter.write(GoldenJson.load(text), true));
    }

    @Test
    void allSharedRecipeJsonWhenPresent() throws IOException {
        Path root = YamlWriterGoldenTest.sharedGolden();
        assumeTrue(root != null, "shared golden set not present");
        List<Path> files;
        try (Stream<Path> s = Files.list(root.resolve("recipes"))) {
            files = s.map(d -> d.resolve("recipe.json")).filter(Files::isRegularFile).sorted().toList();
        }
        assumeTrue(!files.isEmpty());
        for (Path p : files) {
            String text = Files.readString(p);
            assertEquals(text, JsonWriter.write(GoldenJson.load(text), true), p.toString());
        }
    }
}
