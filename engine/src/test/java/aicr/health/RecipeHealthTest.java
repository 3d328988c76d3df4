package aicr.health;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aicr.criteria.CriteriaFlags;
import aicr.recipe.ComponentRef;
import aicr.recipe.Constraint;
import aicr.recipe.RecipeCatalog;
import aicr.recipe.RecipeResult;
import aicr.recipe.RecipeStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The structural health of leaf recipes and how recipe list shows it. */
class RecipeHealthTest {
    static final RecipeStore STORE = RecipeStore.embedded();

    @Test
    void everyEmbeddedLeafIsHealthyAndOnlyLeavesAreGraded() {
        String table = RecipeCatalog.render(STORE, new CriteriaFlags(null, null, null, null, null, 0), "table",
                e -> RecipeHealth.of(STORE, e.criteria(), "test"));
        List<String> lines = table.lines().toList();
        assertTrue(lines.get(0).matches("NAME +SERVICE +ACCELERATOR +INTENT +OS +PLATFORM +IS_LEAF +STATUS +COVERAGE +SOURCE"),
                lines.get(0));
        long leaves = lines.stream().filter(l -> l.contains(" true ")).count();
        assertEquals(43, leaves);
        assertTrue(lines.stream().filter(l -> l.contains(" true ")).allMatch(l -> l.matches(".* true +pass +R:\\d+ D:\\d+ P:\\d+ C:\\d+ +embedded")),
                table);
        assertTrue(lines.stream().filter(l -> l.contains(" false ")).allMatch(l -> l.matches(".* false +- +- +embedded")), table);
        String plain = RecipeCatalog.render(STORE, new CriteriaFlags(null, null, null, null, null, 0), "table");
        assertFalse(plain.contains("STATUS"), "--no-health keeps the plain shape");
        String json = RecipeCatalog.render(STORE, new CriteriaFlags("eks", "h100", null, null, null, 0), "json",
                e -> RecipeHealth.of(STORE, e.criteria(), "test"));
        assertTrue(json.contains("\"health\": {\n      \"status\": \"pass\",\n      \"dimensions\": {\n        \"chart_pinned\": \"pass\""),
                json);
    }

    private static RecipeResult recipe(List<ComponentRef> refs, List<Constraint> constraints) {
        return new RecipeResult(RecipeResult.KIND, RecipeResult.API_VERSION, null, constraints, refs, List.of(), null,
                new RecipeResult.Metadata("", List.of(), List.of(), List.of()));
    }

    @Test
    void gradesAndRollup() {
        assertTrue(RecipeHealth.pinned("v1.2.3"));
        assertFalse(RecipeHealth.pinned(""));
        assertFalse(RecipeHealth.pinned("v"));
        assertFalse(RecipeHealth.pinned(" 1.0"));
        assertEquals("fail", RecipeHealth.rollup(Map.of("a", "pass", "b", "fail", "c", "warn")));
        assertEquals("warn", RecipeHealth.rollup(Map.of("a", "pass", "b", "unknown", "c", "warn")));
        assertEquals("unknown", RecipeHealth.rollup(Map.of("a", "pass", "b", "unknown")));
        assertEquals("pass", RecipeHealth.rollup(Map.of("a", "pass")));

        ComponentRef unpinned = ComponentRef.builder("x").type("Helm").source("https://charts.example").build();
        RecipeResult r = recipe(List.of(unpinned), List.of());
        assertArrayEquals(new String[]{"fail", "unpinned Helm chart version for: x"}, RecipeHealth.chartPinned(r));
        r = recipe(List.of(unpinned.toBuilder().version("1.0.0").build()), List.of());
        assertArrayEquals(new String[]{"pass", ""}, RecipeHealth.chartPinned(r));

        r = recipe(List.of(), List.of(new Constraint("K8s.server.version", ">= 1.30", "", "", "")));
        assertEquals("pass", RecipeHealth.constraintsWellformed(r)[0]);
        r = recipe(List.of(), List.of(new Constraint("K8s.server.version", ">=", "", "", "")));
        assertEquals("fail", RecipeHealth.constraintsWellformed(r)[0]);
        assertTrue(RecipeHealth.constraintsWellformed(r)[1].contains("malformed value"));
        r = recipe(List.of(), List.of(new Constraint("nodots", "1", "", "", "")));
        assertTrue(RecipeHealth.constraintsWellformed(r)[1].contains("malformed path"), RecipeHealth.constraintsWellformed(r)[1]);
    }
}
