package aicr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --config}: strict decoding, flags over config, config criteria checked statically. */
class ConfigTest {
    @TempDir
    Path tmp;

    private Path config(String spec) throws Exception {
        return Files.writeString(tmp.resolve("cfg.yaml"), "kind: AICRConfig\napiVersion: aicr.run/v1alpha2\nspec:\n" + spec);
    }

    @Test
    void configCriteriaAndOutputSettingsApplyAndFlagsWin() throws Exception {
        Path out = tmp.resolve("r.json");
        Path cfg = config("  recipe:\n    criteria: {service: eks, accelerator: h100, os: ubuntu, intent: training}\n"
                + "    output: {format: json, path: " + out + "}\n");
        CliRunner.Result r = CliRunner.run("recipe", "--config", cfg.toString(), "--intent", "inference");
        assertEquals(0, r.exitCode(), r.stderr());
        String json = Files.readString(out);
        assertTrue(json.startsWith("{\n  \"kind\": \"RecipeResult\""), json.substring(0, 40));
        assertTrue(json.contains("\"intent\": \"inference\""));
    }

    @Test
    void unknownFieldsAreRejectedWithTheirPath() throws Exception {
        Path cfg = config("  recipe:\n    criteria: {gpu: h100}\n");
        CliRunner.Result r = CliRunner.run("recipe", "--config", cfg.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.stderr().contains("spec.recipe.criteria.gpu is not a known setting"), r.stderr());
    }

    @Test
    void wrongKindAndEmptySpecAreRejected() throws Exception {
        Path bad = Files.writeString(tmp.resolve("k.yaml"), "kind: Nope\napiVersion: aicr.run/v1alpha2\nspec: {recipe: {}}\n");
        assertTrue(CliRunner.run("recipe", "--config", bad.toString()).stderr().contains("invalid kind \"Nope\": expected \"AICRConfig\""));
        Path empty = Files.writeString(tmp.resolve("e.yaml"), "kind: AICRConfig\napiVersion: aicr.run/v1alpha2\nspec: {}\n");
        CliRunner.Result r = CliRunner.run("recipe", "--config", empty.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.stderr().contains("at least one is required"), r.stderr());
    }

    @Test
    void configCriteriaAcceptOnlyBuiltInValues() throws Exception {
        Path cfg = config("  recipe:\n    criteria: {service: mycloud}\n");
        CliRunner.Result r = CliRunner.run("recipe", "--config", cfg.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.stderr().contains("invalid spec.recipe.criteria.service: [INVALID_REQUEST] invalid service type: mycloud"),
                r.stderr());
    }

    @Test
    void missingConfigIsNotFoundAndConfigMapsAreRefused() {
        assertEquals(3, CliRunner.run("recipe", "--config", tmp.resolve("none.yaml").toString()).exitCode());
        CliRunner.Result r = CliRunner.run("recipe", "--config", "cm://ns/name");
        assertEquals(2, r.exitCode());
        assertTrue(r.stderr().contains("ConfigMap (cm://) sources are not supported by --config"), r.stderr());
    }

    @Test
    void multipleDocumentsAreRejected() throws Exception {
        Path cfg = Files.writeString(tmp.resolve("m.yaml"),
                "kind: AICRConfig\napiVersion: aicr.run/v1alpha2\nspec: {recipe: {}}\n---\nkind: AICRConfig\n");
        CliRunner.Result r = CliRunner.run("recipe", "--config", cfg.toString(), "--service", "eks");
        assertEquals(2, r.exitCode());
        assertTrue(r.stderr().contains("accepts a single document"), r.stderr());
    }
}
