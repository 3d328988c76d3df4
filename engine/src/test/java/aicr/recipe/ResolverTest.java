package aicr.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aicr.criteria.Criteria;
import aicr.data.DataSource;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResolverTest {
    @TempDir
    Path tmp;

    static Criteria q(String service, String accel, String intent, String os) {
        return new Criteria(service, accel, intent, os, "any", 0);
    }

    static RecipeResult resolve(RecipeStore s, Criteria c) {
        return new Resolver(s).resolve(c, "");
    }

    RecipeStore withData(DataDir d) {
        return RecipeStore.load(DataSource.withExternal(d.root), false);
    }

    @Test
    void leafChainsMergeOverBaseInSpecificityThenNameOrder() {
        RecipeResult r = resolve(RecipeStore.embedded(), q("eks", "h100", "training", "ubuntu"));
        assertEquals(List.of("base", "monitoring-hpa", "h100-any", "eks", "eks-training", "h100-eks-training",
                "h100-eks-ubuntu-training"), r.metadata().appliedOverlays());
        assertEquals(List.of("K8s.server.version", "OS.release.ID", "OS.release.VERSION_ID",
                "OS.sysctl./proc/sys/kernel/osrelease"), r.constraints().stream().map(Constraint::name).toList());
        assertEquals("24.04", r.constraints().get(2).value(), "string fields keep the literal text");
        assertEquals("aws-ebs-csi-driver", r.deploymentOrder().get(0));
    }

    @Test
    void genericQueryStillGetsTheAllWildcardOverlay() {
        RecipeResult r = resolve(RecipeStore.embedded(), Criteria.fresh());
        assertEquals(List.of("base", "monitoring-hpa"), r.metadata().appliedOverlays());
    }

    @Test
    void disabledComponentsStayInRefsButLeaveTheDeploymentOrder() {
        RecipeResult r = resolve(RecipeStore.embedded(), q("ocp", "any", "training", "any"));
        assertEquals(17, r.componentRefs().size());
        assertEquals(6, r.deploymentOrder().size());
        for (ComponentRef ref : r.componentRefs()) {
            assertEquals(ref.enabled(), r.deploymentOrder().contains(ref.name()), ref.name());
            assertFalse(ref.healthCheckAsserts().isEmpty(), "health checks are hydrated for disabled refs too");
        }
    }

    @Test
    void osIsRequiredWhenOnlyOsSpecificOverlaysExist() {
        AicrException e = assertThrows(AicrException.class,
                () -> resolve(RecipeStore.embedded(), q("gke", "h100", "any", "any")));
        assertEquals("service 'gke' has no OS-agnostic recipe for accelerator 'h100'; specify an OS (valid: cos)",
                e.getMessage());
        assertEquals(ErrorCode.INVALID_REQUEST, e.code());
        // any OS bypasses the check and silently yields a generic result
        RecipeResult r = resolve(RecipeStore.embedded(), q("gke", "h100", "training", "ubuntu"));
        assertEquals(List.of("base", "monitoring-hpa", "h100-any"), r.metadata().appliedOverlays());
    }

    @Test
    void nullOverridesAreKeptInTheRecipeAndDeleteOnlyWhereTheyMeetAMap() {
        RecipeStore s = RecipeStore.embedded();
        RecipeResult r = resolve(s, q("eks", "h100", "training", "ubuntu"));
        Map<String, Object> doc = Query.hydrate(r, s.data(), false);
        Object affinity = Query.select(doc, "components.nvidia-dra-driver-gpu.values.controller.affinity");
        assertTrue(affinity instanceof Map<?, ?> m && m.containsKey("nodeAffinity") && m.get("nodeAffinity") == null,
                "a null inside a subtree new to the values survives: " + affinity);
    }

    @Test
    void mergeKeepsNullsWhileValuesMergeDeletes() {
        Map<String, Object> dst = new java.util.LinkedHashMap<>(Map.of("a", new java.util.LinkedHashMap<>(Map.of("x", 1L)), "l", List.of(1L)));
        Map<String, Object> src = new java.util.LinkedHashMap<>();
        src.put("a", new java.util.LinkedHashMap<>(Map.of("y", 2L)));
        src.put("l", List.of());
        src.put("gone", null);
        Map<String, Object> keep = (Map<String, Object>) aicr.io.Values.copy(dst);
        Merge.deepMergeKeepingNulls(keep, src);
        assertEquals(Map.of("x", 1L, "y", 2L), keep.get("a"));
        assertEquals(List.of(), keep.get("l"), "lists are replaced wholesale");
        assertTrue(keep.containsKey("gone") && keep.get("gone") == null);
        Map<String, Object> values = (Map<String, Object>) aicr.io.Values.copy(dst);
        values.put("gone", "here");
        Merge.mergeValues(values, src);
        assertFalse(values.containsKey("gone"));
    }

    @Test
    void dependencyCycleIsReportedWithThePathEvenThroughDisabledComponents() {
        DataDir d = new DataDir(tmp).overlay("cyc", """
                  criteria: {service: mycloud}
                  componentRefs:
                    - name: nfd
                      dependencyRefs: [gpu-operator]
                    - name: gpu-operator
                      overrides: {enabled: false}
                """);
        AicrException e = assertThrows(AicrException.class,
                () -> resolve(withData(d), q("mycloud", "any", "any", "any")));
        assertEquals("[INVALID_REQUEST] merged recipe validation failed: [INVALID_REQUEST] dependency validation failed: "
                + "[INVALID_REQUEST] circular dependency detected: [gpu-operator nfd gpu-operator]", e.render());
    }

    @Test
    void unknownDependencyIsWrappedOnce() {
        DataDir d = new DataDir(tmp).overlay("dep", """
                  criteria: {service: mycloud}
                  componentRefs:
                    - name: nfd
                      dependencyRefs: [zzz]
                """);
        AicrException e = assertThrows(AicrException.class, () -> resolve(withData(d), q("mycloud", "any", "any", "any")));
        assertEquals("[INVALID_REQUEST] merged recipe validation failed: [INVALID_REQUEST] component \"nfd\" references "
                + "unknown dependency \"zzz\"", e.render());
    }

    @Test
    void unknownMixinIsNotFoundAndConflictsAreRejected() {
        DataDir d = new DataDir(tmp).overlay("m1", """
                  criteria: {service: mycloud}
                  mixins: [nosuch]
                """);
        AicrException e = assertThrows(AicrException.class, () -> resolve(withData(d), q("mycloud", "any", "any", "any")));
        assertEquals(ErrorCode.NOT_FOUND, e.code());

        DataDir d2 = new DataDir(tmp.resolve("2")).overlay("m2", """
                  criteria: {service: mycloud}
                  mixins: [os-ubuntu]
                  constraints:
                    - {name: OS.release.ID, value: ubuntu}
                """);
        e = assertThrows(AicrException.class, () -> resolve(withData(d2), q("mycloud", "any", "any", "any")));
        assertEquals("mixin \"os-ubuntu\" constraint \"OS.release.ID\" conflicts with inheritance chain or another mixin",
                e.getMessage());

        DataDir d3 = new DataDir(tmp.resolve("3")).overlay("m3", """
                  criteria: {service: mycloud}
                  mixins: [bad]
                """).file("mixins/bad.yaml", """
                kind: RecipeMixin
                metadata: {name: bad}
                spec:
                  componentRefs:
                    - {name: nfd, version: "1.0"}
                """);
        e = assertThrows(AicrException.class, () -> resolve(withData(d3), q("mycloud", "any", "any", "any")));
        assertTrue(e.getMessage().contains("sets identity/sourcing field \"version\""), e.getMessage());
    }

    @Test
    void mixinsAreDecodedStrictly() {
        DataDir d = new DataDir(tmp).file("mixins/typo.yaml", """
                kind: RecipeMixin
                metadata: {name: typo}
                spec:
                  criteria: {service: eks}
                """);
        AicrException e = assertThrows(AicrException.class, () -> withData(d));
        assertEquals(ErrorCode.INTERNAL, e.code(), "errors in external files are wrapped as INTERNAL");
        assertTrue(e.render().contains("failed to parse mixin mixins/typo.yaml (unknown fields are not allowed)"), e.render());
    }

    @Test
    void externalFileAtTheSamePathReplacesTheEmbeddedOne() {
        DataDir d = new DataDir(tmp).overlay("eks", """
                  criteria: {service: eks}
                  constraints:
                    - {name: Custom.marker, value: "1"}
                """);
        RecipeResult r = resolve(withData(d), q("eks", "h100", "training", "ubuntu"));
        assertTrue(r.constraints().stream().anyMatch(c -> c.name().equals("Custom.marker")));
    }

    @Test
    void sameOverlayNameAtAnotherPathLosesToTheEmbeddedCopy() {
        DataDir d = new DataDir(tmp).file("overlays/zzz-eks.yaml", """
                kind: RecipeMetadata
                metadata: {name: eks}
                spec:
                  criteria: {service: eks}
                  constraints:
                    - {name: Custom.marker, value: "1"}
                """);
        RecipeResult r = resolve(withData(d), q("eks", "h100", "training", "ubuntu"));
        assertFalse(r.constraints().stream().anyMatch(c -> c.name().equals("Custom.marker")));
    }

    @Test
    void duplicateMixinNameFailsWithInvalidRequest() {
        DataDir d = new DataDir(tmp).file("mixins/other.yaml", """
                kind: RecipeMixin
                metadata: {name: os-ubuntu}
                spec: {}
                """);
        AicrException e = assertThrows(AicrException.class, () -> withData(d));
        assertEquals(ErrorCode.INVALID_REQUEST, e.code());
        assertEquals("duplicate mixin name \"os-ubuntu\" in mixins/os-ubuntu.yaml", e.getMessage());
    }

    @Test
    void registryEntriesAreReplacedWholesale() {
        DataDir d = new DataDir(tmp).file("registry.yaml", """
                apiVersion: aicr.run/v1alpha2
                kind: ComponentRegistry
                components:
                  - name: nfd
                    helm: {defaultRepository: https://example.invalid/charts, defaultVersion: "9.9.9"}
                """);
        RecipeStore s = withData(d);
        ComponentConfig nfd = s.componentRegistry().get("nfd");
        assertEquals("9.9.9", nfd.helm().defaultVersion());
        assertEquals("", nfd.helm().defaultNamespace(), "omitted fields are lost, not merged");
        assertTrue(s.componentRegistry().get("gpu-operator") != null);
    }

    @Test
    void dataValuesBecomeValidCriteria() {
        DataDir d = new DataDir(tmp).overlay("mine", """
                  criteria: {service: mycloud, accelerator: h100}
                  constraints:
                    - {name: Mine.x, value: "1"}
                """);
        RecipeStore s = withData(d);
        assertEquals("mycloud", s.criteriaRegistry().parse(aicr.criteria.Dimension.SERVICE, "MyCloud"));
        RecipeResult r = resolve(s, q("mycloud", "h100", "any", "any"));
        assertTrue(r.metadata().appliedOverlays().contains("mine"));
        assertThrows(AicrException.class,
                () -> s.criteriaRegistry().strict(true).parse(aicr.criteria.Dimension.SERVICE, "mycloud"));
    }

    @Test
    void inheritanceCycleIsRejectedAtLoad() {
        DataDir d = new DataDir(tmp).overlay("a", "  base: b\n  criteria: {service: mycloud}\n")
                .overlay("b", "  base: a\n  criteria: {service: mycloud}\n");
        AicrException e = assertThrows(AicrException.class, () -> withData(d));
        assertTrue(e.render().contains("overlay inheritance cycle: a -> b -> a"), e.render());
    }

    @Test
    void dataDirectoryProblemsAreInternal() throws Exception {
        AicrException e = assertThrows(AicrException.class, () -> DataSource.withExternal(tmp.resolve("none")));
        assertEquals(ErrorCode.INTERNAL, e.code());
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        e = assertThrows(AicrException.class, () -> DataSource.withExternal(empty));
        assertTrue(e.render().contains("registry.yaml is required in external data directory"), e.render());
        DataDir d = new DataDir(tmp.resolve("link"));
        Files.createSymbolicLink(d.root.resolve("overlays-link.yaml"), d.root.resolve("registry.yaml"));
        e = assertThrows(AicrException.class, () -> DataSource.withExternal(d.root));
        assertTrue(e.render().contains("symlinks not allowed"), e.render());
        DataDir bad = new DataDir(tmp.resolve("bad")).file("overlays/broken.yaml", "kind: [\n");
        e = assertThrows(AicrException.class, () -> withData(bad));
        assertEquals(ErrorCode.INTERNAL, e.code());
        assertTrue(e.render().contains("failed to parse overlays/broken.yaml"), e.render());
    }

    @Test
    void coherenceRejectsHelmRefsWithoutVersion() {
        DataDir d = new DataDir(tmp).overlay("inc", """
                  criteria: {service: mycloud}
                  componentRefs:
                    - {name: thing, type: helm, source: https://example.invalid/charts}
                """);
        AicrException e = assertThrows(AicrException.class, () -> resolve(withData(d), q("mycloud", "any", "any", "any")));
        assertTrue(e.getMessage().startsWith("recipe has incoherent component ref(s): Helm component \"thing\" has no chart version"),
                e.getMessage());
    }

    @Test
    @SuppressWarnings("unchecked")
    void storeAndResultsCannotBeChanged() {
        RecipeStore s = RecipeStore.embedded();
        RecipeResult a = resolve(s, q("eks", "h100", "training", "ubuntu"));
        assertThrows(UnsupportedOperationException.class, () -> a.componentRefs().remove(0));
        ComponentRef withOverrides = a.componentRefs().stream().filter(r -> r.overrides() != null).findFirst().orElseThrow();
        assertThrows(UnsupportedOperationException.class, () -> withOverrides.overrides().put("mutated", true));
        Object nested = withOverrides.overrides().values().stream().filter(v -> v instanceof Map).findFirst().orElseThrow();
        assertThrows(UnsupportedOperationException.class, () -> ((Map<String, Object>) nested).clear());
        assertThrows(UnsupportedOperationException.class, () -> a.metadata().appliedOverlays().add("x"));
        Overlay base = s.base();
        assertThrows(UnsupportedOperationException.class, () -> base.spec().componentRefs().clear());
        RecipeResult b = resolve(s, q("eks", "h100", "training", "ubuntu"));
        assertEquals(a, b, "resolution is a pure function of store and criteria");
    }
}
