package aicr.recipe;

import aicr.io.Fields;
import aicr.io.Node;
import aicr.io.Struct;
import aicr.io.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * One component of a recipe. Immutable (lists and the overrides tree included), so catalog
 * instances are shared by every resolution and thread; resolution builds new refs with
 * {@link #merge} and {@link #toBuilder()}. Lists are tri-state: null (absent), empty, or non-empty.
 */
public record ComponentRef(String name, String namespace, String chart, String type, String source, String version,
                           String tag, String valuesFile, Map<String, Object> overrides, List<String> patches,
                           List<String> dependencyRefs, List<String> manifestFiles, List<String> preManifestFiles,
                           String path, boolean cleanup, List<ExpectedResource> expectedResources,
                           String healthCheckAsserts, boolean healthCheckSkip) {

    public ComponentRef {
        overrides = Values.frozenMap(overrides);
        patches = frozen(patches);
        dependencyRefs = frozen(dependencyRefs);
        manifestFiles = frozen(manifestFiles);
        preManifestFiles = frozen(preManifestFiles);
        expectedResources = frozen(expectedResources);
    }

    private static <T> List<T> frozen(List<T> l) {
        return l == null ? null : List.copyOf(l);
    }

    /** A ref with only a name; every other field unset. */
    public static Builder builder(String name) {
        return new Builder().name(name);
    }

    public Builder toBuilder() {
        return new Builder().name(name).namespace(namespace).chart(chart).type(type).source(source).version(version)
                .tag(tag).valuesFile(valuesFile).overrides(overrides).patches(patches).dependencyRefs(dependencyRefs)
                .manifestFiles(manifestFiles).preManifestFiles(preManifestFiles).path(path).cleanup(cleanup)
                .expectedResources(expectedResources).healthCheckAsserts(healthCheckAsserts)
                .healthCheckSkip(healthCheckSkip);
    }

    public static ComponentRef decode(Node.MapNode m) {
        List<Node.MapNode> er = Fields.mapList(m, "expectedResources");
        return builder(Fields.str(m, "name")).namespace(Fields.str(m, "namespace")).chart(Fields.str(m, "chart"))
                .type(Fields.str(m, "type")).source(Fields.str(m, "source")).version(Fields.str(m, "version"))
                .tag(Fields.str(m, "tag")).valuesFile(Fields.str(m, "valuesFile"))
                .overrides(Fields.values(m, "overrides")).patches(Fields.strList(m, "patches"))
                .dependencyRefs(Fields.strList(m, "dependencyRefs")).manifestFiles(Fields.strList(m, "manifestFiles"))
                .preManifestFiles(Fields.strList(m, "preManifestFiles")).path(Fields.str(m, "path"))
                .cleanup(Fields.bool(m, "cleanup"))
                .expectedResources(er == null ? null : er.stream().map(ExpectedResource::decode).toList())
                .healthCheckAsserts(Fields.str(m, "healthCheckAsserts"))
                .healthCheckSkip(Fields.bool(m, "healthCheckSkip")).build();
    }

    /** A component is disabled only by a boolean {@code overrides.enabled: false}. */
    public boolean enabled() {
        return overrides == null || !(overrides.get("enabled") instanceof Boolean b) || b;
    }

    /** True when {@code overrides.enabled} is present but not a boolean (the reference warns). */
    public boolean hasNonBooleanEnabled() {
        return overrides != null && overrides.containsKey("enabled") && !(overrides.get("enabled") instanceof Boolean);
    }

    /** Chain merge: {@code other} (the more specific overlay) wins field by field. */
    ComponentRef merge(ComponentRef other) {
        Map<String, Object> mergedOverrides = overrides;
        if (other.overrides != null && !other.overrides.isEmpty()) {
            mergedOverrides = overrides == null ? new LinkedHashMap<>() : Values.copyMap(overrides);
            Merge.deepMergeKeepingNulls(mergedOverrides, other.overrides);
        }
        return toBuilder().namespace(win(namespace, other.namespace)).chart(win(chart, other.chart))
                .type(win(type, other.type)).source(win(source, other.source)).version(win(version, other.version))
                .tag(win(tag, other.tag)).valuesFile(win(valuesFile, other.valuesFile)).overrides(mergedOverrides)
                .patches(other.patches != null && !other.patches.isEmpty() ? other.patches : patches)
                .dependencyRefs(union(dependencyRefs, other.dependencyRefs))
                .manifestFiles(union(manifestFiles, other.manifestFiles))
                .preManifestFiles(union(preManifestFiles, other.preManifestFiles)).path(win(path, other.path))
                .cleanup(cleanup || other.cleanup)
                .expectedResources(other.expectedResources != null && !other.expectedResources.isEmpty()
                        ? other.expectedResources : expectedResources)
                .healthCheckAsserts(win(healthCheckAsserts, other.healthCheckAsserts))
                .healthCheckSkip(healthCheckSkip || other.healthCheckSkip).build();
    }

    private static String win(String mine, String theirs) {
        return theirs.isEmpty() ? mine : theirs;
    }

    private static List<String> union(List<String> a, List<String> b) {
        if (b == null || b.isEmpty()) {
            return a;
        }
        if (a == null || a.isEmpty()) {
            return new ArrayList<>(new LinkedHashSet<>(b));
        }
        LinkedHashSet<String> s = new LinkedHashSet<>(a);
        s.addAll(b);
        return new ArrayList<>(s);
    }

    /**
     * The first identity/sourcing field set on a mixin's ref for an existing component, or null.
     * Mixins may only add namespace and manifest files to components the chain already has.
     */
    String firstIdentityField() {
        if (!chart.isEmpty()) {
            return "chart";
        }
        if (!type.isEmpty()) {
            return "type";
        }
        if (!source.isEmpty()) {
            return "source";
        }
        if (!version.isEmpty()) {
            return "version";
        }
        if (!tag.isEmpty()) {
            return "tag";
        }
        if (!path.isEmpty()) {
            return "path";
        }
        if (!valuesFile.isEmpty()) {
            return "valuesFile";
        }
        if (overrides != null && !overrides.isEmpty()) {
            return "overrides";
        }
        if (patches != null && !patches.isEmpty()) {
            return "patches";
        }
        if (dependencyRefs != null && !dependencyRefs.isEmpty()) {
            return "dependencyRefs";
        }
        if (cleanup) {
            return "cleanup";
        }
        if (expectedResources != null && !expectedResources.isEmpty()) {
            return "expectedResources";
        }
        if (!healthCheckAsserts.isEmpty()) {
            return "healthCheckAsserts";
        }
        if (healthCheckSkip) {
            return "healthCheckSkip";
        }
        return null;
    }

    /** Serialized form, in the reference's field order with its omission rules. */
    public Struct toStruct() {
        Struct s = new Struct().with("name", name);
        putIf(s, "namespace", namespace);
        putIf(s, "chart", chart);
        s.put("type", type);
        s.put("source", source);
        putIf(s, "version", version);
        putIf(s, "tag", tag);
        putIf(s, "valuesFile", valuesFile);
        if (overrides != null && !overrides.isEmpty()) {
            s.put("overrides", overrides);
        }
        putList(s, "patches", patches);
        putList(s, "dependencyRefs", dependencyRefs);
        putList(s, "manifestFiles", manifestFiles);
        putList(s, "preManifestFiles", preManifestFiles);
        putIf(s, "path", path);
        if (cleanup) {
            s.put("cleanup", true);
        }
        if (expectedResources != null && !expectedResources.isEmpty()) {
            List<Object> l = new ArrayList<>();
            for (ExpectedResource e : expectedResources) {
                l.add(e.toStruct());
            }
            s.put("expectedResources", l);
        }
        putIf(s, "healthCheckAsserts", healthCheckAsserts);
        if (healthCheckSkip) {
            s.put("healthCheckSkip", true);
        }
        return s;
    }

    private static void putIf(Struct s, String k, String v) {
        if (!v.isEmpty()) {
            s.put(k, v);
        }
    }

    private static void putList(Struct s, String k, List<String> v) {
        if (v != null && !v.isEmpty()) {
            s.put(k, v);
        }
    }

    /** Builds a {@link ComponentRef}; strings default to "", lists and overrides to absent (null). */
    public static final class Builder {
        private String name = "";
        private String namespace = "";
        private String chart = "";
        private String type = "";
        private String source = "";
        private String version = "";
        private String tag = "";
        private String valuesFile = "";
        private Map<String, Object> overrides;
        private List<String> patches;
        private List<String> dependencyRefs;
        private List<String> manifestFiles;
        private List<String> preManifestFiles;
        private String path = "";
        private boolean cleanup;
        private List<ExpectedResource> expectedResources;
        private String healthCheckAsserts = "";
        private boolean healthCheckSkip;

        private Builder() {
        }

        public Builder name(String v) {
            name = v;
            return this;
        }

        public Builder namespace(String v) {
            namespace = v;
            return this;
        }

        public Builder chart(String v) {
            chart = v;
            return this;
        }

        public Builder type(String v) {
            type = v;
            return this;
        }

        public Builder source(String v) {
            source = v;
            return this;
        }

        public Builder version(String v) {
            version = v;
            return this;
        }

        public Builder tag(String v) {
            tag = v;
            return this;
        }

        public Builder valuesFile(String v) {
            valuesFile = v;
            return this;
        }

        public Builder overrides(Map<String, Object> v) {
            overrides = v;
            return this;
        }

        public Builder patches(List<String> v) {
            patches = v;
            return this;
        }

        public Builder dependencyRefs(List<String> v) {
            dependencyRefs = v;
            return this;
        }

        public Builder manifestFiles(List<String> v) {
            manifestFiles = v;
            return this;
        }

        public Builder preManifestFiles(List<String> v) {
            preManifestFiles = v;
            return this;
        }

        public Builder path(String v) {
            path = v;
            return this;
        }

        public Builder cleanup(boolean v) {
            cleanup = v;
            return this;
        }

        public Builder expectedResources(List<ExpectedResource> v) {
            expectedResources = v;
            return this;
        }

        public Builder healthCheckAsserts(String v) {
            healthCheckAsserts = v;
            return this;
        }

        public Builder healthCheckSkip(boolean v) {
            healthCheckSkip = v;
            return this;
        }

        public ComponentRef build() {
            return new ComponentRef(name, namespace, chart, type, source, version, tag, valuesFile, overrides, patches,
                    dependencyRefs, manifestFiles, preManifestFiles, path, cleanup, expectedResources,
                    healthCheckAsserts, healthCheckSkip);
        }
    }
}
