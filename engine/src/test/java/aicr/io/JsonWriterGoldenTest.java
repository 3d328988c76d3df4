package aicr.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Re-emits JSON written by the reference (json.Encoder, indent two spaces) byte for byte. */
class JsonWriterGoldenTest {

    @ParameterizedTest
    @ValueSource(strings = {"report-html-escape.ctrf.json", "report-satisfies.ctrf.json"})
    void indentedReportsRoundTrip(String name) {
        String text = YamlWriterGoldenTest.resource("golden-json/" + name);
        assertEquals(text, JsonWriter.write(GoldenJson.load(text), true));
    }

    /** The recipe.json files of golden/recipes (a subset chosen to cover every field and value kind). */
    @TestFactory
    Stream<DynamicTest> goldenRecipesRoundTrip() {
        return YamlWriterGoldenTest.roundTrips(YamlWriterGoldenTest.goldenFiles("recipes", "recipe.json"),
                text -> JsonWriter.write(GoldenJson.load(text), true));
    }
}
