package aicr.bundle.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Templates are input too ({@code aicr snapshot --template}): nesting that would overflow the
 * parser's or executor's stack, and templates or functions whose output grows without bound, end
 * with one template error instead of a StackOverflowError or OutOfMemoryError.
 */
class TemplateBoundsTest {

    private static TemplateException parseError(String text) {
        return assertThrows(TemplateException.class, () -> GoTemplate.parse("t", text));
    }

    private static TemplateException execError(String text) {
        GoTemplate t = GoTemplate.parse("t", text);
        return assertThrows(TemplateException.class, () -> t.execute(Map.of()));
    }

    @Test
    void nestedControlStructuresAreBounded() {
        int n = Parser.MAX_NESTING;
        assertEquals("x", GoTemplate.parse("t", "{{if 1}}".repeat(n) + "x" + "{{end}}".repeat(n)).execute(Map.of()));
        assertEquals("template: t:1: nesting exceeds 256 levels",
                parseError("{{if 1}}".repeat(20_000) + "x" + "{{end}}".repeat(20_000)).getMessage());
        assertEquals("template: t:1: nesting exceeds 256 levels",
                parseError("{{range .}}{{with 1}}".repeat(200) + "{{end}}{{end}}".repeat(200)).getMessage());
    }

    @Test
    void nestedParenthesesAreBounded() {
        assertEquals("1", GoTemplate.parse("t", "{{" + "(".repeat(200) + "1" + ")".repeat(200) + "}}").execute(Map.of()));
        assertEquals("template: t:1: nesting exceeds 256 levels",
                parseError("{{" + "(".repeat(5000) + "1" + ")".repeat(5000) + "}}").getMessage());
    }

    @Test
    void outputIsBounded() {
        // ten levels, each calling the next ten times: 10^10 copies of the leaf
        StringBuilder t = new StringBuilder("{{define \"l0\"}}0123456789{{end}}");
        for (int i = 1; i <= 10; i++) {
            t.append("{{define \"l").append(i).append("\"}}")
                    .append(("{{template \"l" + (i - 1) + "\" .}}").repeat(10)).append("{{end}}");
        }
        t.append("{{template \"l10\" .}}");
        assertTrue(execError(t.toString()).getMessage().endsWith("output exceeds 67108864 characters"));
    }

    @Test
    void functionResultsAreBounded() {
        assertTrue(execError("{{nindent 2000000000 \"x\"}}").getMessage()
                .endsWith("error calling nindent: result exceeds 67108864 characters"));
        String grow = "\"abc\"";
        for (int i = 0; i < 8; i++) {
            grow = "(replace \"\" \"xxxxxxxxxxxxxxxx\" " + grow + ")";
        }
        assertTrue(execError("{{" + grow + "}}").getMessage().endsWith("error calling replace: result exceeds 67108864 characters"));
        String grow2 = "\"ab\"";
        for (int i = 0; i < 30; i++) {
            grow2 = "(replace \"a\" \"aa\" (replace \"b\" \"bb\" " + grow2 + "))";
        }
        assertTrue(execError("{{" + grow2 + "}}").getMessage().endsWith("result exceeds 67108864 characters"));
        assertEquals("\n  a\n  b", GoTemplate.parse("t", "{{nindent 2 \"a\\nb\"}}").execute(Map.of()));
        assertEquals("xaxbx", GoTemplate.parse("t", "{{replace \"\" \"x\" \"ab\"}}").execute(Map.of()));
    }
}
