package aicr.bundle.template;

import aicr.bundle.template.Node.ListNode;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed Go {@code text/template}, rendered the way the reference CLI renders component
 * manifests: Go's full action set and built-in functions plus the renderer's Helm-like functions
 * ({@code toYaml nindent toString default replace trimSuffix trunc quote}), with Go's default
 * {@code missingkey} behaviour (a missing map key prints {@code <no value>}).
 *
 * <p>Data is plain Java: null, Boolean, Long/Integer, BigInteger (an unsigned 64-bit value),
 * Double, String, {@code List<?>}, {@code Map<String, ?>}, and {@link GoStruct} for Go structs.
 * A parsed template is immutable and may be executed concurrently.
 *
 * <pre>{@code
 * GoTemplate t = GoTemplate.parse("manifest", text);
 * String out = t.execute(GoStruct.manifestData(component, values, namespace, chart, version));
 * }</pre>
 */
public final class GoTemplate {
    private final String name;
    private final String text;
    private final Map<String, ListNode> templates;

    private GoTemplate(String name, String text, Map<String, ListNode> templates) {
        this.name = name;
        this.text = text;
        this.templates = templates;
    }

    /**
     * Parses a template. {@code name} is the name errors mention ({@code template: <name>:<line>: ...}).
     *
     * @throws TemplateException of kind {@link TemplateException.Kind#PARSE}
     */
    public static GoTemplate parse(String name, String text) {
        Objects.requireNonNull(name);
        Objects.requireNonNull(text);
        Map<String, ListNode> templates = new HashMap<>();
        Parser.parse(name, text, Funcs.names(), templates);
        return new GoTemplate(name, text, Map.copyOf(templates));
    }

    /**
     * Renders the template with {@code data} as dot.
     *
     * @throws TemplateException of kind {@link TemplateException.Kind#EXECUTE}
     */
    public String execute(Object data) {
        StringBuilder out = new StringBuilder(text.length() + 256);
        Exec.execute(templates, text, name, data, out);
        return out.toString();
    }

    public String name() {
        return name;
    }
}
