package aicr.mirror;

import aicr.bundle.options.ComponentPath;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.log.Log;
import aicr.recipe.ComponentConfig;
import aicr.recipe.ComponentRef;
import aicr.recipe.Constraint;
import aicr.recipe.RecipeResult;
import aicr.recipe.RecipeStore;
import aicr.recipe.ValuesHydrator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code aicr mirror list}: the images and charts a recipe deploys. Each enabled Helm component
 * with an upstream chart is rendered with its hydrated values (and {@code --set} overrides) by
 * the helm CLI, and the images of the result are collected; every component's manifest files
 * are scanned too. Without helm the charts are still listed, with a warning that the images
 * inside them are not.
 */
public final class Discovery {
    private Discovery() {
    }

    public static final String DEFAULT_KUBE_VERSION = "1.33.0";
    private static final int PARALLEL = 4;

    public static MirrorList discover(RecipeResult recipe, RecipeStore store, List<ComponentPath> set, HelmTemplate helm,
                                      String version) {
        if (helm == null) {
            Log.warn("helm not found on PATH: charts are listed, but not the images inside them (install helm to list those)");
        }
        String kube = kubeVersion(recipe.constraints());
        List<ComponentRef> enabled = recipe.componentRefs().stream().filter(ComponentRef::enabled).toList();
        List<MirrorList.ComponentImages> components = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(PARALLEL, enabled.size())));
        try {
            List<Future<MirrorList.ComponentImages>> futures = new ArrayList<>();
            for (ComponentRef ref : enabled) {
                futures.add(pool.submit(() -> component(ref, store, set, helm, kube)));
            }
            for (Future<MirrorList.ComponentImages> f : futures) {
                components.add(f.get());
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof AicrException a ? a
                    : new AicrException(ErrorCode.INTERNAL, "component discovery failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AicrException(ErrorCode.TIMEOUT, "component discovery interrupted", e);
        } finally {
            pool.shutdownNow();
        }
        List<MirrorList.Chart> charts = new ArrayList<>();
        TreeSet<String> all = new TreeSet<>();
        for (int i = 0; i < enabled.size(); i++) {
            ComponentRef ref = enabled.get(i);
            all.addAll(components.get(i).images());
            if (hasChart(ref)) {
                charts.add(new MirrorList.Chart(ref.name(), ref.source(), effectiveChart(ref), ref.version(), ref.namespace()));
            }
        }
        return new MirrorList(List.copyOf(all), charts, components, version,
                recipe.criteria() == null ? "" : criteria(recipe));
    }

    private static MirrorList.ComponentImages component(ComponentRef ref, RecipeStore store, List<ComponentPath> set,
                                                        HelmTemplate helm, String kube) {
        List<String> warnings = new ArrayList<>();
        TreeSet<String> images = new TreeSet<>();
        if (hasChart(ref)) {
            if (helm == null) {
                warnings.add("helm template failed: [NOT_FOUND] helm binary not found on PATH; "
                        + "install helm to discover images from chart templates");
            } else {
                try {
                    Map<String, Object> values = ValuesHydrator.hydrate(store.data(), ref);
                    applyOverrides(values, ref, set, store);
                    String rendered = helm.render(new HelmTemplate.Chart(ref.name(), effectiveChart(ref), ref.source(),
                            ref.version(), ref.namespace(), values, kube));
                    images.addAll(ImageScan.images(rendered));
                } catch (AicrException | aicr.io.YamlSyntaxException e) {
                    Log.warn("helm template failed for component", "component", ref.name(), "error", e.toString());
                    warnings.add("helm template failed: " + e);
                }
            }
        }
        List<String> manifests = new ArrayList<>();
        if (ref.manifestFiles() != null) {
            manifests.addAll(ref.manifestFiles());
        }
        if (ref.preManifestFiles() != null) {
            manifests.addAll(ref.preManifestFiles());
        }
        for (String path : manifests) {
            try {
                images.addAll(ImageScan.images(store.data().readText(path)));
            } catch (AicrException | aicr.io.YamlSyntaxException e) {
                warnings.add("manifest scan failed " + path + ": " + e);
            }
        }
        return new MirrorList.ComponentImages(ref.name(), ref.type().toLowerCase(java.util.Locale.ROOT),
                List.copyOf(images), warnings);
    }

    static boolean hasChart(ComponentRef ref) {
        return ref.type().equals("Helm") && !ref.source().isEmpty();
    }

    static String effectiveChart(ComponentRef ref) {
        return ref.chart().isEmpty() ? ref.name() : ref.chart();
    }

    /** {@code --set} entries naming the component or one of its registry override keys. */
    @SuppressWarnings("unchecked")
    static void applyOverrides(Map<String, Object> values, ComponentRef ref, List<ComponentPath> set, RecipeStore store) {
        ComponentConfig cfg = store.componentRegistry().get(ref.name());
        for (ComponentPath cp : set) {
            boolean mine = cp.component().equals(ref.name()) || (cfg != null && cfg.valueOverrideKeys().contains(cp.component()));
            if (!mine || cp.value() == null) {
                continue;
            }
            String[] parts = cp.path().split("\\.");
            Map<String, Object> cur = values;
            for (int i = 0; i < parts.length - 1; i++) {
                Object next = cur.get(parts[i]);
                if (!(next instanceof Map<?, ?>)) {
                    next = new java.util.LinkedHashMap<String, Object>();
                    cur.put(parts[i], next);
                }
                cur = (Map<String, Object>) next;
            }
            cur.put(parts[parts.length - 1], scalar(cp.value()));
        }
    }

    /** A {@code --set} value as Helm would read it: booleans and integers typed, the rest strings. */
    static Object scalar(String v) {
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        if (v.matches("-?\\d{1,18}")) {
            return Long.parseLong(v);
        }
        return v;
    }

    /** The version in the recipe's {@code K8s.server.version} constraint ({@code >= 1.32.4} → 1.32.4), for --kube-version. */
    static String kubeVersion(List<Constraint> constraints) {
        for (Constraint c : constraints) {
            if (c.name().equals("K8s.server.version")) {
                String s = c.value().replaceAll("^[><=!~ ]+", "");
                int sp = s.indexOf(' ');
                if (sp >= 0) {
                    s = s.substring(0, sp);
                }
                s = s.startsWith("v") ? s.substring(1) : s;
                return s.isEmpty() ? DEFAULT_KUBE_VERSION : s;
            }
        }
        return DEFAULT_KUBE_VERSION;
    }

    private static String criteria(RecipeResult r) {
        var c = r.criteria();
        return "service=" + c.service() + ", accelerator=" + c.accelerator() + ", intent=" + c.intent() + ", os=" + c.os()
                + ", platform=" + c.platform() + (c.nodes() > 0 ? ", nodes=" + c.nodes() : "");
    }
}
