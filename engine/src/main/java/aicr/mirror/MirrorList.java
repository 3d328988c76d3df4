package aicr.mirror;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.io.JsonWriter;
import aicr.io.Struct;
import aicr.io.YamlWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a recipe needs mirrored: every container image (sorted, unique), the Helm charts, the
 * images per component (with warnings where discovery was partial) and where the list came
 * from. Renders as yaml or json (field order as the reference's), a Hauler manifest
 * ({@code content.hauler.cattle.io/v1} Images and Charts documents) or a Zarf package config.
 */
public record MirrorList(List<String> images, List<Chart> charts, List<ComponentImages> components, String recipeVersion,
                         String criteria) {
    public static final List<String> FORMATS = List.of("yaml", "json", "hauler", "zarf");

    public record Chart(String name, String repository, String chart, String version, String namespace) {
        Struct toStruct() {
            Struct s = new Struct().with("name", name).with("repository", repository).with("chart", chart)
                    .with("version", version);
            if (!namespace.isEmpty()) {
                s.with("namespace", namespace);
            }
            return s;
        }

        /** The chart name without a repository path prefix ({@code nvidia/gpu-operator} → {@code gpu-operator}). */
        String bareName() {
            return chart.substring(chart.lastIndexOf('/') + 1);
        }
    }

    public record ComponentImages(String component, String type, List<String> images, List<String> warnings) {
        Struct toStruct() {
            Struct s = new Struct().with("component", component).with("type", type).with("images", images);
            if (!warnings.isEmpty()) {
                s.with("warnings", warnings);
            }
            return s;
        }
    }

    public static String checkFormat(String format) {
        if (!FORMATS.contains(format)) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "unknown output format: \"" + format
                    + "\", valid formats are: " + String.join(", ", FORMATS));
        }
        return format;
    }

    public String render(String format) {
        return switch (checkFormat(format)) {
            case "json" -> JsonWriter.write(toStruct(), true);
            case "hauler" -> hauler();
            case "zarf" -> zarf();
            default -> YamlWriter.write(toStruct(), false);
        };
    }

    Struct toStruct() {
        Struct meta = new Struct();
        if (!recipeVersion.isEmpty()) {
            meta.with("recipeVersion", recipeVersion);
        }
        if (!criteria.isEmpty()) {
            meta.with("criteria", criteria);
        }
        List<Object> cs = new ArrayList<>();
        charts.forEach(c -> cs.add(c.toStruct()));
        List<Object> comps = new ArrayList<>();
        components.forEach(c -> comps.add(c.toStruct()));
        return new Struct().with("images", images).with("charts", cs).with("components", comps).with("metadata", meta);
    }

    private String hauler() {
        List<Object> imgs = new ArrayList<>();
        images.forEach(i -> imgs.add(Map.of("name", i)));
        String out = YamlWriter.write(Map.of("apiVersion", "content.hauler.cattle.io/v1", "kind", "Images",
                "metadata", Map.of("name", "aicr-images"), "spec", Map.of("images", imgs)), true);
        if (!charts.isEmpty()) {
            List<Object> cs = new ArrayList<>();
            charts.forEach(c -> cs.add(Map.of("name", c.bareName(), "repoURL", c.repository(), "version", c.version())));
            out += "---\n" + YamlWriter.write(Map.of("apiVersion", "content.hauler.cattle.io/v1", "kind", "Charts",
                    "metadata", Map.of("name", "aicr-charts"), "spec", Map.of("charts", cs)), true);
        }
        return out;
    }

    private String zarf() {
        List<Object> cs = new ArrayList<>();
        for (Chart c : charts) {
            Map<String, Object> z = new java.util.TreeMap<>();
            z.put("name", c.bareName());
            z.put("version", c.version());
            if (!c.namespace().isEmpty()) {
                z.put("namespace", c.namespace());
            }
            if (c.repository().startsWith("oci://")) {
                z.put("url", c.repository().replaceAll("/+$", "") + "/" + c.bareName());
            } else {
                z.put("url", c.repository());
                z.put("repoName", c.bareName());
            }
            cs.add(z);
        }
        Map<String, Object> component = new java.util.TreeMap<>();
        component.put("name", "aicr-images");
        component.put("required", true);
        if (!images.isEmpty()) {
            component.put("images", images);
        }
        if (!cs.isEmpty()) {
            component.put("charts", cs);
        }
        return YamlWriter.write(Map.of("apiVersion", "zarf.dev/v1alpha1", "kind", "ZarfPackageConfig",
                "metadata", Map.of("name", "aicr", "description",
                        "Container images and Helm charts of an aicr recipe, for installing it without Internet access"),
                "components", List.of(component)), true);
    }
}
