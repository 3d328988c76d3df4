package aicr.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aicr.data.DataSource;
import aicr.errors.AicrException;
import aicr.io.YamlReader;
import aicr.recipe.RecipeLoader;
import aicr.recipe.RecipeResult;
import aicr.recipe.RecipeStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Phases, catalog merge, GPU allocation policy and the CTRF document. */
class ValidateUnitsTest {
    @TempDir
    Path tmp;

    @Test
    void phases() {
        assertEquals(List.of(), Phases.parse(List.of()));
        assertEquals(List.of(), Phases.parse(List.of("all")));
        assertEquals(List.of("performance", "deployment"), Phases.parse(List.of("performance", "deployment", "performance")));
        assertEquals("[INVALID_REQUEST] phase \"all\" cannot be combined with other phases",
                assertThrows(AicrException.class, () -> Phases.parse(List.of("all", "deployment"))).render());
        assertEquals("[INVALID_REQUEST] invalid phase \"readiness\": must be one of: deployment, performance, conformance, all",
                assertThrows(AicrException.class, () -> Phases.parse(List.of("readiness"))).render());
    }

    @Test
    void embeddedCatalogAndMerge() throws IOException {
        ValidatorCatalog embedded = ValidatorCatalog.load(DataSource.embedded());
        assertEquals(4, embedded.forPhase("deployment").size());
        assertEquals(13, embedded.forPhase("conformance").size());
        assertEquals(4, embedded.forPhase("performance").size());
        Path data = tmp.resolve("data");
        Files.createDirectories(data.resolve("validators"));
        Files.copy(Golden.REFERENCE.resolve("catalog-overlay-html-escape/registry.yaml"), data.resolve("registry.yaml"));
        Files.writeString(data.resolve("validators/catalog.yaml"), """
                validators:
                  - {name: new-one, phase: deployment, image: x:1}
                  - {name: expected-resources, phase: performance, image: y:2}
                """);
        ValidatorCatalog merged = ValidatorCatalog.load(DataSource.withExternal(data));
        assertEquals(List.of("operator-health", "gpu-operator-version", "check-nvidia-smi", "new-one"),
                merged.forPhase("deployment").stream().map(ValidatorCatalog.Entry::name).toList());
        assertEquals("expected-resources", merged.forPhase("performance").get(0).name(), "replaced in place (catalog position 1)");
        Files.writeString(data.resolve("validators/catalog.yaml"), "validators:\n  - {name: bad, phase: readiness, image: x}\n");
        assertEquals("[INVALID_REQUEST] validator \"bad\": invalid phase \"readiness\", must be one of: deployment, "
                + "performance, conformance", assertThrows(AicrException.class,
                () -> ValidatorCatalog.load(DataSource.withExternal(data))).render());
    }

    private RecipeResult recipe(String refs) throws IOException {
        Path p = Files.writeString(tmp.resolve("r.yaml"), "kind: RecipeResult\napiVersion: aicr.run/v1alpha2\ncomponentRefs:\n" + refs);
        return RecipeLoader.load(p.toString(), RecipeStore.embedded());
    }

    @Test
    void gpuAllocationPolicy() throws IOException {
        DataSource d = DataSource.embedded();
        String op = "  - {name: gpu-operator, type: Helm, chart: gpu-operator, source: s, version: v1, namespace: n%s}\n";
        assertEquals(GpuAllocationPolicy.DEVICE_PLUGIN, GpuAllocationPolicy.resolve(recipe(op.formatted("")), d));
        String none = assertThrows(AicrException.class, () -> GpuAllocationPolicy.resolve(
                recipe("  - {name: cert-manager, type: Helm, chart: c, source: s, version: v1, namespace: n}\n"), d)).render();
        assertTrue(none.startsWith("[INVALID_REQUEST] invalid GPU allocation configuration: no whole-GPU advertiser"), none);
        String off = assertThrows(AicrException.class, () -> GpuAllocationPolicy.resolve(
                recipe(op.formatted(", overrides: {devicePlugin: {enabled: false}}")), d)).render();
        assertTrue(off.contains("no whole-GPU advertiser"), off);
        String bad = assertThrows(AicrException.class, () -> GpuAllocationPolicy.resolve(
                recipe(op.formatted(", overrides: {devicePlugin: {enabled: \"no\"}}")), d)).render();
        assertEquals("[INVALID_REQUEST] component \"gpu-operator\" value \"devicePlugin.enabled\" must be a boolean, got "
                + "string — cannot resolve the GPU allocation policy from a malformed value", bad);
        String seg = assertThrows(AicrException.class, () -> GpuAllocationPolicy.resolve(
                recipe(op.formatted(", overrides: {devicePlugin: 5}")), d)).render();
        assertTrue(seg.contains("segment \"devicePlugin\" is not a map"), seg);
    }

    @Test
    void eksRecipeUsesTheDevicePlugin() {
        RecipeResult r = RecipeLoader.load(Golden.REFERENCE.resolve("recipe-eks-h100-ubuntu-training.yaml").toString(),
                RecipeStore.embedded());
        assertEquals(GpuAllocationPolicy.DEVICE_PLUGIN, GpuAllocationPolicy.resolve(r, DataSource.embedded()));
    }

    @Test
    void ctrfDocument() {
        CtrfReport a = CtrfReport.skipped("1.0", "deployment",
                List.of(new ValidatorCatalog.Entry("x<y", "deployment", "", "i", "")), "why", 1000);
        assertEquals(a, CtrfReport.merge("1.0", List.of(a)), "a single report is output unchanged");
        CtrfReport b = CtrfReport.skipped("1.0", "performance", List.of(), "why", 2000);
        CtrfReport m = CtrfReport.merge("1.0", List.of(a, b));
        String json = aicr.io.JsonWriter.write(m.toStruct(true), true);
        assertTrue(json.contains("\"start\": 1000,\n      \"stop\": 2000"), json);
        assertTrue(json.contains("\"timestamp\": \"1970-01-01T00:00:02Z\""), json);
        assertTrue(json.contains("\"name\": \"x\\u003cy\""), json);
        assertEquals(CtrfReport.SKIPPED, b.phaseStatus(), "no tests: skipped");
        assertEquals(CtrfReport.PASSED, a.phaseStatus(), "all tests skipped: passed, as in the reference");
        assertTrue(YamlReader.parse(json) != null);
    }
}
