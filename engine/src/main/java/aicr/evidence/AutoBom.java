package aicr.evidence;

import aicr.io.JsonWriter;
import aicr.io.Struct;
import aicr.recipe.ComponentRef;
import aicr.recipe.RecipeResult;
import aicr.snapshot.Measurement;
import aicr.snapshot.Snapshot;
import aicr.snapshot.Subtype;
import aicr.validate.ValidatorCatalog;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * The CycloneDX 1.6 BOM an evidence bundle carries when no {@code --bom} is given: one
 * component per enabled recipe component, the validator images, and the container images the
 * snapshot observed. Deterministic, unlike the reference's: the serial number is a UUIDv5 of
 * the recipe name and version and there is no timestamp (CycloneDX makes both optional).
 */
public final class AutoBom {
    private AutoBom() {
    }

    public static final String SPEC_VERSION = "1.6";

    private record Component(String name, String description, String type, String repository, String chart, String version,
                             String namespace, boolean pinned, List<String> images) {
    }

    public static byte[] build(RecipeResult recipe, Snapshot snapshot, ValidatorCatalog catalog, String version) {
        String root = CanonicalRecipe.name(recipe.criteria());
        List<Component> comps = new ArrayList<>();
        for (ComponentRef c : recipe.componentRefs()) {
            if (!c.enabled()) {
                continue;
            }
            String pin = "Kustomize".equals(c.type()) ? c.tag() : c.version();
            comps.add(new Component(c.name(), c.name(), c.type(), c.source(), c.chart(), pin, c.namespace(), !pin.isEmpty(), List.of()));
        }
        Set<String> validatorImages = new LinkedHashSet<>();
        if (catalog != null) {
            catalog.entries().forEach(e -> {
                if (!e.image().isEmpty()) {
                    validatorImages.add(e.image());
                }
            });
        }
        if (!validatorImages.isEmpty()) {
            comps.add(new Component("validators", "AICR validators", "validators", "", "", "", "", false,
                    List.copyOf(validatorImages)));
        }
        List<String> observed = observedImages(snapshot);
        if (!observed.isEmpty()) {
            comps.add(new Component("observed-images", "Cluster-observed container images", "snapshot", "", "", "", "", false,
                    observed));
        }
        comps.sort(Comparator.comparing(Component::name));

        List<Object> components = new ArrayList<>();
        List<Object> dependencies = new ArrayList<>();
        List<String> rootChildren = new ArrayList<>();
        Set<String> seenImages = new LinkedHashSet<>();
        for (Component c : comps) {
            String ref = root + "/" + c.name();
            rootChildren.add(ref);
            boolean kustomize = "kustomize".equalsIgnoreCase(c.type());
            List<Object> props = new ArrayList<>();
            props.add(prop("aicr:component:type", c.type()));
            if (!c.repository().isEmpty()) {
                props.add(prop(kustomize ? "aicr:kustomize:source" : "aicr:helm:repository", c.repository()));
            }
            if (!c.chart().isEmpty() && !kustomize) {
                props.add(prop("aicr:helm:chart", c.chart()));
            }
            if (!c.version().isEmpty()) {
                props.add(prop(kustomize ? "aicr:kustomize:tag" : "aicr:helm:version", c.version()));
            }
            if (!c.namespace().isEmpty()) {
                props.add(prop(kustomize ? "aicr:kustomize:namespace" : "aicr:helm:namespace", c.namespace()));
            }
            props.add(prop("aicr:version:pinned", Boolean.toString(c.pinned())));
            Struct comp = new Struct().with("bom-ref", ref).with("type", "application").with("name", c.name());
            if (!c.version().isEmpty()) {
                comp.with("version", c.version());
            }
            comp.with("description", c.description()).with("properties", props);
            components.add(comp);
            List<String> imageRefs = new ArrayList<>();
            for (String img : c.images()) {
                String imgRef = "img:" + img;
                if (seenImages.add(imgRef)) {
                    components.add(image(img, imgRef));
                }
                imageRefs.add(imgRef);
            }
            if (!imageRefs.isEmpty()) {
                dependencies.add(new Struct().with("ref", ref).with("dependsOn", imageRefs.stream().sorted().toList()));
            }
        }
        if (!rootChildren.isEmpty()) {
            dependencies.add(0, new Struct().with("ref", root).with("dependsOn", rootChildren.stream().sorted().toList()));
        }
        Struct metadata = new Struct()
                .with("tools", new Struct().with("components", List.of(new Struct().with("type", "application")
                        .with("name", "aicr").with("version", version))))
                .with("component", new Struct().with("bom-ref", root).with("type", "application")
                        .with("supplier", new Struct().with("name", "NVIDIA Corporation")).with("name", root)
                        .with("version", version)
                        .with("description", "Recipe-bound CycloneDX BOM auto-generated by aicr validate"));
        Struct doc = new Struct().with("$schema", "http://cyclonedx.org/schema/bom-1.6.schema.json")
                .with("bomFormat", "CycloneDX").with("specVersion", SPEC_VERSION)
                .with("serialNumber", "urn:uuid:" + aicr.sigstore.Digests.uuid5(aicr.sigstore.Digests.URL_NAMESPACE,
                        root + "@" + version))
                .with("version", 1L).with("metadata", metadata).with("components", components)
                .with("dependencies", dependencies);
        return JsonWriter.write(doc, true).getBytes(StandardCharsets.UTF_8);
    }

    private static Struct prop(String name, String value) {
        return new Struct().with("name", name).with("value", value);
    }

    /** A container image component: registry, repository, tag and digest, with its package URL. */
    private static Struct image(String img, String ref) {
        String rest = img;
        String digest = "";
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        String registry = "docker.io";
        int slash = rest.indexOf('/');
        if (slash > 0) {
            String first = rest.substring(0, slash);
            if (first.equals("localhost") || first.contains(".") || first.contains(":")) {
                registry = first;
                rest = rest.substring(slash + 1);
            }
        }
        String tag = "";
        int colon = rest.lastIndexOf(':');
        if (colon >= 0 && !rest.substring(colon + 1).contains("/")) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        if (registry.equals("docker.io") && !rest.contains("/")) {
            rest = "library/" + rest;
        }
        int last = rest.lastIndexOf('/');
        String name = last >= 0 ? rest.substring(last + 1) : rest;
        String version = !digest.isEmpty() ? digest : tag;
        String purl = "pkg:oci/" + name + (version.isEmpty() ? "" : "@" + version) + "?repository_url=" + registry + "/" + rest
                + (!digest.isEmpty() && !tag.isEmpty() ? "&tag=" + tag : "");
        Struct s = new Struct().with("bom-ref", ref).with("type", "container").with("name", registry + "/" + rest);
        if (!version.isEmpty()) {
            s.with("version", version);
        }
        return s.with("purl", purl).with("properties", List.of(prop("aicr:image:registry", registry),
                prop("aicr:image:repository", rest), prop("aicr:image:tag", tag), prop("aicr:image:digest", digest)));
    }

    /** {@code K8s/image} readings are image name to tag: {@code name:tag}, sorted by name, deduplicated. */
    static List<String> observedImages(Snapshot snap) {
        Set<String> out = new LinkedHashSet<>();
        for (Measurement m : snap.measurements()) {
            if (!m.type().equals("K8s")) {
                continue;
            }
            for (Subtype st : m.subtypes()) {
                if (!st.name().equals("image")) {
                    continue;
                }
                new TreeMap<>(st.data()).forEach((name, reading) -> {
                    if (!name.isEmpty() && reading != null) {
                        out.add(name + ":" + reading.text());
                    }
                });
            }
        }
        return List.copyOf(out);
    }

    /** Number of top-level components of a BOM document (what the predicate calls imageCount). */
    static int componentCount(byte[] bom) {
        Object v = aicr.io.Values.of(aicr.io.JsonReader.parse(new String(bom, StandardCharsets.UTF_8)));
        if (v instanceof java.util.Map<?, ?> m && m.get("components") instanceof List<?> l) {
            return l.size();
        }
        return 0;
    }
}
