package aicr.bundle.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Renders real manifests. Golden tests use the inputs of the reference bundles in
 * /work/shared/golden-ref/bundle (copied to test resources): the rendered text must equal a
 * fixed expected rendering byte for byte, and — after a small test-only stand-in for the
 * post-render normalisation of bundle-templates.md §5.3 — the reference's golden file byte for
 * byte. Every manifest under recipes/components/&#42;/manifests is also rendered with
 * representative values and compared with a reviewed snapshot (regenerate the snapshots with
 * {@code -Daicr.regenerateTemplateSnapshots=true}).
 */
class ManifestRenderingTest {

    private static final Path RECIPES = Path.of("..", "recipes");
    private static final Path SNAPSHOTS = Path.of("src", "test", "resources", "templates", "expected");
    private static final boolean REGENERATE = Boolean.getBoolean("aicr.regenerateTemplateSnapshots");

    // ---------------------------------------------------------------- helpers

    static String resource(String name) {
        try (InputStream in = ManifestRenderingTest.class.getResourceAsStream("/templates/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** YAML as the template sees it: string-keyed maps, lists, integers as Long. */
    static Object toTemplateValue(Object o) {
        if (o instanceof Integer i) {
            return (long) i;
        }
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> r = new LinkedHashMap<>();
            m.forEach((k, v) -> r.put(String.valueOf(k), toTemplateValue(v)));
            return r;
        }
        if (o instanceof List<?> l) {
            List<Object> r = new ArrayList<>();
            for (Object x : l) {
                r.add(toTemplateValue(x));
            }
            return r;
        }
        return o;
    }

    /** Loads a (possibly multi-document) values file into one map; later documents win. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> loadValues(String text) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Object doc : new Yaml().loadAll(text)) {
            if (doc != null) {
                deepMerge(values, (Map<String, Object>) toTemplateValue(doc));
            }
        }
        return values;
    }

    @SuppressWarnings("unchecked")
    static void deepMerge(Map<String, Object> into, Map<String, Object> from) {
        for (Map.Entry<String, Object> e : from.entrySet()) {
            Object old = into.get(e.getKey());
            if (old instanceof Map && e.getValue() instanceof Map) {
                Map<String, Object> merged = new LinkedHashMap<>((Map<String, Object>) old);
                deepMerge(merged, (Map<String, Object>) e.getValue());
                into.put(e.getKey(), merged);
            } else {
                into.put(e.getKey(), e.getValue());
            }
        }
    }

    private static final Set<String> DROPPED_HOOK_PHASES = Set.of("pre-install", "post-install", "pre-upgrade",
            "post-upgrade", "pre-rollback", "post-rollback", "crd-install", "test", "test-success", "test-failure");

    /**
     * A stand-in for §5.3 that is just enough for these single-document fixtures: blank lines and
     * "---" lines go, trailing spaces go, Helm install/upgrade hook phases are filtered out of
     * {@code helm.sh/hook} and, when none remain, the hook keys (and the comments right above
     * them) are removed, leaving {@code annotations: {}} if nothing else is left.
     */
    static String normaliseLikeTheBundler(String rendered) {
        List<String> lines = new ArrayList<>();
        boolean header = true; // only comments so far
        boolean pendingBlank = false;
        for (String line : rendered.split("\n", -1)) {
            String l = line.stripTrailing();
            if (l.isEmpty() || l.equals("---")) {
                // a blank run between two comment blocks at the top survives as one blank line
                pendingBlank = header && !lines.isEmpty() && l.isEmpty();
                continue;
            }
            boolean comment = l.startsWith("#");
            if (pendingBlank && comment) {
                lines.add("");
            }
            pendingBlank = false;
            header &= comment;
            lines.add(l);
        }
        boolean dropHookKeys = false;
        for (int i = 0; i < lines.size(); i++) {
            String key = hookKey(lines.get(i));
            if ("helm.sh/hook".equals(key)) {
                String line = lines.get(i);
                String phases = line.substring(line.indexOf(':', line.indexOf("helm.sh/hook")) + 1).trim();
                List<String> kept = new ArrayList<>();
                for (String p : phases.split(",")) {
                    if (!DROPPED_HOOK_PHASES.contains(p.trim())) {
                        kept.add(p.trim());
                    }
                }
                if (kept.isEmpty()) {
                    dropHookKeys = true;
                } else {
                    lines.set(i, line.substring(0, line.indexOf(phases)) + String.join(",", kept));
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String key = hookKey(lines.get(i));
            if (dropHookKeys && key != null) {
                while (!out.isEmpty() && out.get(out.size() - 1).trim().startsWith("#")) {
                    out.remove(out.size() - 1); // comments directly above a deleted key go with it
                }
                continue;
            }
            out.add(lines.get(i));
        }
        for (int i = 0; i < out.size(); i++) {
            String l = out.get(i);
            if (l.trim().equals("annotations:")) {
                int indent = l.indexOf('a');
                boolean hasChild = i + 1 < out.size() && out.get(i + 1).length() - out.get(i + 1).stripLeading().length() > indent;
                if (!hasChild) {
                    out.set(i, l + " {}");
                }
            }
        }
        return String.join("\n", out) + "\n";
    }

    private static String hookKey(String line) {
        String t = line.trim();
        for (String k : List.of("helm.sh/hook-delete-policy", "helm.sh/hook-weight", "helm.sh/hook")) {
            if (t.startsWith(k + ":") || t.startsWith("\"" + k + "\":")) {
                return k;
            }
        }
        return null;
    }

    private static String render(String template, String component, Map<String, Object> values, String namespace,
                                 String chart, String version) {
        return GoTemplate.parse("manifest", template)
                .execute(GoStruct.manifestData(component, values, namespace, chart, version));
    }

    private static String recipe(String relative) throws IOException {
        return Files.readString(RECIPES.resolve(relative), StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- golden bundles

    private static void assertGolden(String dir, String rendered, String goldenFile) {
        assertEquals(resource("golden/" + dir + "/" + goldenFile), normaliseLikeTheBundler(rendered),
                "normalised rendering vs golden " + dir + "/" + goldenFile);
    }

    @Test
    void helmNodewrightTuningMatchesGolden() throws IOException {
        String dir = "helm-006-nodewright-customizations";
        Map<String, Object> values = loadValues(resource("golden/" + dir + "/values.yaml"));
        deepMerge(values, loadValues(resource("golden/" + dir + "/cluster-values.yaml")));
        String out = render(recipe("components/nodewright-customizations/manifests/tuning.yaml"),
                "nodewright-customizations", values, "skyhook", "nodewright-customizations", "0.1.0");
        assertEquals(resource("golden/" + dir + "/tuning.rendered.yaml"), out);
        assertGolden(dir, out, "tuning.yaml");
    }

    @Test
    void helmOptionsNodewrightTuningWithSchedulingFlagsMatchesGolden() throws IOException {
        String dir = "helm-options-005-nodewright-customizations";
        Map<String, Object> values = loadValues(resource("golden/" + dir + "/values.yaml"));
        deepMerge(values, loadValues(resource("golden/" + dir + "/cluster-values.yaml")));
        String out = render(recipe("components/nodewright-customizations/manifests/tuning.yaml"),
                "nodewright-customizations", values, "skyhook", "nodewright-customizations", "0.1.0");
        assertEquals(resource("golden/" + dir + "/tuning.rendered.yaml"), out);
        assertGolden(dir, out, "tuning.yaml");
    }

    @Test
    void manifestOnlyComponentMatchesGolden() {
        String dir = "manifest-only-helm-002-my-app";
        Map<String, Object> values = loadValues(resource("golden/" + dir + "/values.yaml"));
        String out = render(resource("golden/inputs/my-app-cm.yaml"), "my-app", values, "apps", "my-app", "0.1.0");
        assertEquals(resource("golden/" + dir + "/cm.rendered.yaml"), out);
        assertTrue(out.contains("missing: \"<no value>\""), out);
        assertGolden(dir, out, "cm.yaml");
    }

    @Test
    void postManifestOfParentComponentMatchesGolden() {
        // a -post folder renders with the parent's name, namespace, chart and values:
        // index .Values "my-app" is then missing, so $v is nil and its fields are <no value>
        String dir = "mixed-prepost-helm-003-cert-manager-post";
        Map<String, Object> values = loadValues(resource("golden/" + dir + "/values.yaml"));
        String out = render(resource("golden/inputs/my-app-cm.yaml"), "cert-manager", values, "cert-manager",
                "cert-manager", "1.20.2");
        assertEquals(resource("golden/" + dir + "/cm.rendered.yaml"), out);
        assertGolden(dir, out, "cm.yaml");
    }

    // ---------------------------------------------------------------- every real manifest

    static Stream<String> realManifests() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> comps = Files.list(RECIPES.resolve("components"))) {
            for (Path c : comps.sorted().toList()) {
                Path dir = c.resolve("manifests");
                if (Files.isDirectory(dir)) {
                    try (Stream<Path> files = Files.list(dir)) {
                        files.filter(p -> p.toString().endsWith(".yaml")).sorted()
                                .forEach(p -> found.add(c.getFileName() + "/" + p.getFileName()));
                    }
                }
            }
        }
        return found.stream();
    }

    @Test
    void recipesHaveManifests() throws IOException {
        assertTrue(realManifests().count() >= 30, "expected the recipe catalog's manifests under " + RECIPES);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("realManifests")
    void realManifestRendersAsSnapshot(String manifest) throws IOException {
        String component = manifest.substring(0, manifest.indexOf('/'));
        String file = manifest.substring(manifest.indexOf('/') + 1);
        Map<String, Object> values = new LinkedHashMap<>();
        Path valuesFile = RECIPES.resolve("components").resolve(component).resolve("values.yaml");
        if (Files.exists(valuesFile)) {
            values = loadValues(Files.readString(valuesFile, StandardCharsets.UTF_8));
        }
        deepMerge(values, loadValues(resource("representative-overlay.yaml")));
        String out = render(recipe("components/" + component + "/manifests/" + file), component, values,
                component + "-ns", component, "1.2.3");
        assertFalse(out.contains("<no value>"), "a value the manifest reads is missing:\n" + out);
        Path snapshot = SNAPSHOTS.resolve(component).resolve(file);
        if (REGENERATE) {
            Files.createDirectories(snapshot.getParent());
            Files.writeString(snapshot, out, StandardCharsets.UTF_8);
            return;
        }
        assertEquals(resource("expected/" + component + "/" + file), out);
    }
}
