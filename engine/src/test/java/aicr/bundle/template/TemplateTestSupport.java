package aicr.bundle.template;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The data of bundle-templates.md §5.3.1 and a renderer that declares {@code $v} first. */
final class TemplateTestSupport {
    private TemplateTestSupport() {
    }

    /**
     * Declares $v like the spec's examples, on a line of its own whose newline is trimmed: the
     * template under test starts at line 2, column 0, so error positions read naturally.
     */
    static final String PRELUDE = "{{- $v := index .Values \"my-app\" -}}\n";

    @SafeVarargs
    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /**
     * {@code zero: 0, f: false, empty: "", str: hello, emptymap: {},
     * list: [b, a, {k: v, j: [1, 2]}], nested: {z: 1, s: "123", a: {y: "x: y", e: [], em: {}}}}.
     */
    static Map<String, Object> specValues() {
        return map(
                "zero", 0L,
                "f", false,
                "empty", "",
                "str", "hello",
                "emptymap", map(),
                "list", List.of("b", "a", map("k", "v", "j", List.of(1L, 2L))),
                "nested", map("z", 1L, "s", "123", "a", map("y", "x: y", "e", List.of(), "em", map())));
    }

    static GoStruct specData() {
        return GoStruct.manifestData("my-app", specValues(), "apps", "my-app", "0.1.0");
    }

    /** Renders PRELUDE + template with the spec data. */
    static String render(String template) {
        return GoTemplate.parse("manifest", PRELUDE + template).execute(specData());
    }

    /** Renders a template as is (no prelude) with the given data. */
    static String renderRaw(String template, Object data) {
        return GoTemplate.parse("manifest", template).execute(data);
    }
}
