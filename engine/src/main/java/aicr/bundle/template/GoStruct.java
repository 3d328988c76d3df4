package aicr.bundle.template;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A Go struct value in template data. Unlike a map, asking a struct for a field it does not have
 * is an execution error ({@code can't evaluate field Name in type manifest.releaseData}) rather
 * than {@code <no value>}, and it prints as {@code {v1 v2}}. The type name appears verbatim in
 * error messages and {@code %T}.
 */
public final class GoStruct {
    private final String typeName;
    private final Map<String, Object> fields;

    /**
     * @param typeName the Go type as reflect prints it, e.g. {@code manifest.releaseData}
     * @param fields   field name to value, in declaration order
     */
    public GoStruct(String typeName, Map<String, ?> fields) {
        this.typeName = Objects.requireNonNull(typeName);
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /**
     * The data the reference bundler renders component manifests with: {@code .Values} is
     * {@code {componentName: values}} (a map, so missing keys print {@code <no value>}), while
     * {@code .Release} and {@code .Chart} are structs with exactly the fields
     * {@code Namespace, Service} and {@code Name, Version}.
     *
     * @param values the component's final values (null is treated as an empty map)
     */
    public static GoStruct manifestData(String componentName, Map<String, ?> values, String namespace,
                                        String chartName, String chartVersion) {
        // Go string fields are never nil, and a nil values map still behaves as an empty map
        Map<String, Object> valuesMap = new LinkedHashMap<>();
        valuesMap.put(componentName, values == null ? Map.of() : values);
        Map<String, Object> release = new LinkedHashMap<>();
        release.put("Namespace", Objects.requireNonNullElse(namespace, ""));
        release.put("Service", "Helm");
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("Name", Objects.requireNonNullElse(chartName, ""));
        chart.put("Version", Objects.requireNonNullElse(chartVersion, ""));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("Values", valuesMap);
        data.put("Release", new GoStruct("manifest.releaseData", release));
        data.put("Chart", new GoStruct("manifest.chartData", chart));
        return new GoStruct("manifest.templateData", data);
    }

    public String typeName() {
        return typeName;
    }

    public Map<String, Object> fields() {
        return fields;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GoStruct s && s.typeName.equals(typeName) && s.fields.equals(fields);
    }

    @Override
    public int hashCode() {
        return typeName.hashCode() * 31 + fields.hashCode();
    }

    @Override
    public String toString() {
        return GoFmt.sprintValue(this);
    }
}
