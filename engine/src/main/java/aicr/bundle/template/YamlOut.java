package aicr.bundle.template;

import aicr.bundle.template.Exec.Iface;
import aicr.io.Struct;
import aicr.io.YamlWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code toYaml}: go-yaml v3 at indent 2 through the project's {@link YamlWriter} (map keys in
 * go-yaml's natural order, structs as mappings of their lower-cased field names in declaration
 * order), with the one trailing newline removed as the reference does.
 */
final class YamlOut {
    private YamlOut() {
    }

    static String toYaml(Object v) {
        String out;
        try {
            out = YamlWriter.write(plain(v), false);
        } catch (StackOverflowError e) {
            return ""; // a cyclic structure: the reference returns "" when marshalling fails
        }
        return out.endsWith("\n") ? out.substring(0, out.length() - 1) : out;
    }

    /** Template values as writer values: interfaces unwrapped, Go structs as ordered mappings. */
    private static Object plain(Object v) {
        if (v instanceof Iface i) {
            return plain(i.value());
        }
        if (v instanceof GoStruct s) {
            Struct m = new Struct();
            s.fields().forEach((k, x) -> m.put(k.toLowerCase(Locale.ROOT), plain(x)));
            return m;
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), plain(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(x -> out.add(plain(x)));
            return out;
        }
        return v;
    }
}
