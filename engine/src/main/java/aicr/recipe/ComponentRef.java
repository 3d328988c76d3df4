package aicr.recipe;

import aicr.io.Fields;
import aicr.io.Node;
import aicr.io.Struct;
import aicr.io.Values;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * One component of a recipe. Mutable because resolution merges overlays into it field by
 * field; catalog instances are never mutated (resolution works on {@link #copy()}s). Lists
 * are tri-state: null (absent), empty, or non-empty.
 */
public final class ComponentRef {
    public String name = "";
    public String namespace = "";
    public String chart = "";
    public String type = "";
    public String source = "";
    public String version = "";
    public String tag = "";
    public String valuesFile = "";
    public Map<String, Object> overrides;
    public List<String> patches;
    public List<String> dependencyRefs;
    public List<String> manifestFiles;
    public List<String> preManifestFiles;
    public String path = "";
    public boolean cleanup;
    public List<ExpectedResource> expectedResources;
    public String healthCheckAsserts = "";
    public boolean healthCheckSkip;

    public static ComponentRef decode(Node.MapNode m) {
        ComponentRef r = new ComponentRef();
        r.name = Fields.str(m, "name");
        r.namespace = Fields.str(m, "namespace");
        r.chart = Fields.str(m, "chart");
        r.type = Fields.str(m, "type");
        r.source = Fields.str(m, "source");
        r.version = Fields.str(m, "version");
        r.tag = Fields.str(m, "tag");
        r.valuesFile = Fields.str(m, "valuesFile");
        r.overrides = Fields.values(m, "overrides");
        r.patches = Fields.strList(m, "patches");
        r.dependencyRefs = Fields.strList(m, "dependencyRefs");
        r.manifestFiles = Fields.strList(m, "manifestFiles");
        r.preManifestFiles = Fields.strList(m, "preManifestFiles");
        r.path = Fields.str(m, "path");
        r.cleanup = Fields.bool(m, "cleanup");
        List<Node.MapNode> er = Fields.mapList(m, "expectedResources");
        if (er != null) {
            r.expectedResources = new ArrayList<>();
            for (Node.MapNode e : er) {
                r.expectedResources.add(ExpectedResource.decode(e));
            }
        }
        r.healthCheckAsserts = Fields.str(m, "healthCheckAsserts");
        r.healthCheckSkip = Fields.bool(m, "healthCheckSkip");
        return r;
    }

    public ComponentRef copy() {
        ComponentRef r = new ComponentRef();
        r.name = name;
        r.namespace = namespace;
        r.chart = chart;
        r.type = type;
        r.source = source;
        r.version = version;
        r.tag = tag;
        r.valuesFile = valuesFile;
        r.overrides = Values.copyMap(overrides);
        r.patches = copy(patches);
        r.dependencyRefs = copy(dependencyRefs);
        r.manifestFiles = copy(manifestFiles);
        r.preManifestFiles = copy(preManifestFiles);
        r.path = path;
        r.cleanup = cleanup;
        r.expectedResources = expectedResources == null ? null : new ArrayList<>(expectedResources);
        r.healthCheckAsserts = healthCheckAsserts;
        r.healthCheckSkip = healthCheckSkip;
        return r;
    }

    private static List<String> copy(List<String> l) {
        return l == null ? null : new ArrayList<>(l);
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
    void merge(ComponentRef other) {
        namespace = win(namespace, other.namespace);
        chart = win(chart, other.chart);
        type = win(type, other.type);
        source = win(source, other.source);
        version = win(version, other.version);
        tag = win(tag, other.tag);
        valuesFile = win(valuesFile, other.valuesFile);
        if (other.overrides != null && !other.overrides.isEmpty()) {
            if (overrides == null) {
                overrides = new java.util.LinkedHashMap<>();
            }
            Merge.deepMergeKeepingNulls(overrides, other.overrides);
        }
        if (other.patches != null && !other.patches.isEmpty()) {
            patches = new ArrayList<>(other.patches);
        }
        dependencyRefs = union(dependencyRefs, other.dependencyRefs);
        manifestFiles = union(manifestFiles, other.manifestFiles);
        preManifestFiles = union(preManifestFiles, other.preManifestFiles);
        path = win(path, other.path);
        cleanup = cleanup || other.cleanup;
        if (other.expectedResources != null && !other.expectedResources.isEmpty()) {
            expectedResources = new ArrayList<>(other.expectedResources);
        }
        healthCheckAsserts = win(healthCheckAsserts, other.healthCheckAsserts);
        healthCheckSkip = healthCheckSkip || other.healthCheckSkip;
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
}
