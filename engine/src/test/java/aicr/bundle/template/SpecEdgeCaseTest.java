package aicr.bundle.template;

import static aicr.bundle.template.TemplateTestSupport.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * One test per row of bundle-templates.md §5.3.1 ("Observed edge cases") that concerns template
 * rendering. Rows about post-render normalisation (hook annotations, comment spacing,
 * re-indentation, dropping empty output, YAML parse failures) are checked here only for their
 * template half: what the renderer hands to the normaliser.
 */
class SpecEdgeCaseTest {

    private static void assertExecError(String expected, String template) {
        TemplateException e = assertThrows(TemplateException.class, () -> render(template));
        assertEquals(TemplateException.Kind.EXECUTE, e.kind());
        assertEquals(expected, e.getMessage());
    }

    @Test
    @DisplayName("default: false/0/{} are kept, empty string and missing take the default")
    void defaultFunction() {
        assertEquals("false", render("{{ default \"D\" $v.f }}"));
        assertEquals("0", render("{{ default \"D\" $v.zero }}"));
        assertEquals("D", render("{{ default \"D\" $v.empty }}"));
        assertEquals("D", render("{{ default \"D\" $v.nokey }}"));
        assertEquals("map[]", render("{{ default \"D\" $v.emptymap }}"));
    }

    @Test
    @DisplayName("quote: %q of %v per argument, missing arguments dropped")
    void quoteFunction() {
        assertEquals("\"0\" \"false\"", render("{{ quote $v.zero $v.f }}"));
        assertEquals("", render("{{ $v.nokey | quote }}"));
        assertEquals("\"a\\\"b\"", render("{{ quote \"a\\\"b\" }}"));
    }

    @Test
    @DisplayName("missing values: <no value> when printed, <nil> through toString")
    void missingValues() {
        assertEquals("<no value>", render("{{ $v.nokey }}"));
        assertEquals("<nil>", render("{{ $v.nokey | toString }}"));
        assertEquals("<no value>", render("{{ index .Values \"nope\" }}"));
    }

    @Test
    @DisplayName("trunc counts bytes, negative keeps the tail")
    void truncFunction() {
        assertEquals("abc", render("{{ trunc 3 \"abcdef\" }}"));
        assertEquals("def", render("{{ trunc -3 \"abcdef\" }}"));
        assertEquals("abc", render("{{ trunc -10 \"abc\" }}"));
    }

    @Test
    @DisplayName("range over a map: sorted keys, values printed with %v")
    void rangeOverMap() {
        assertEquals("a=map[e:[] em:map[] y:x: y];s=123;z=1;",
                render("{{ range $k, $x := $v.nested }}{{ $k }}={{ $x }};{{ end }}"));
    }

    @Test
    @DisplayName("printing a list uses Go syntax")
    void printList() {
        assertEquals("[b a map[j:[1 2] k:v]]", render("{{ $v.list }}"));
    }

    @Test
    @DisplayName("printf error markers: wrong verb, missing and extra operands")
    void printfMarkers() {
        assertEquals("%!s(int=5) %!d(string=x)", render("{{ printf \"%s %d\" 5 \"x\" }}"));
        assertEquals("%!s(MISSING)", render("{{ printf \"%s\" }}"));
        assertEquals("a%!(EXTRA int=1)", render("{{ printf \"a\" 1 }}"));
    }

    @Test
    @DisplayName("printf width, flags, hex and quoting")
    void printfVerbs() {
        assertEquals("   ab|3   |ff|\"q\"", render("{{ printf \"%5s|%-4d|%x|%q\" \"ab\" 3 255 \"q\" }}"));
    }

    @Test
    @DisplayName("print spaces only between non-strings; println always, plus a newline")
    void printAndPrintln() {
        assertEquals("1 2ab3", render("{{ print 1 2 \"a\" \"b\" 3 }}"));
        assertEquals("x 1\n", render("{{ println \"x\" 1 }}"));
    }

    @Test
    @DisplayName("and/or return the deciding operand")
    void andOr() {
        assertEquals("last", render("{{ or $v.zero $v.empty \"last\" }}"));
        assertEquals("0", render("{{ and 1 0 2 }}"));
    }

    @Test
    @DisplayName("eq of int and string is an execution error")
    void eqIncompatibleTypes() {
        assertExecError("template: manifest:2:3: executing \"manifest\" at <eq $v.zero \"0\">: "
                + "error calling eq: incompatible types for comparison: int and string", "{{ eq $v.zero \"0\" }}");
    }

    @Test
    @DisplayName("nindent leaves empty lines unpadded")
    void nindentEmptyLines() {
        assertEquals("\"\\n  a\\n\\n  b\\n\"", render("{{ nindent 2 \"a\\n\\nb\\n\" | printf \"%q\" }}"));
        assertEquals("\n  a\n\n  b\n", render("{{ nindent 2 \"a\\n\\nb\\n\" }}"));
    }

    @Test
    @DisplayName("toYaml of a map: sorted keys, 2-space indent, YAML 1.1 look-alikes quoted")
    void toYamlNestedMap() {
        assertEquals("nested:\n"
                + "  a:\n"
                + "    e: []\n"
                + "    em: {}\n"
                + "    \"y\": 'x: y'\n"
                + "  s: \"123\"\n"
                + "  z: 1", render("nested:{{ toYaml $v.nested | nindent 2 }}"));
    }

    @Test
    @DisplayName("toYaml of a list: sequences indented under their key")
    void toYamlList() {
        assertEquals("- b\n"
                + "- a\n"
                + "- j:\n"
                + "    - 1\n"
                + "    - 2\n"
                + "  k: v", render("{{ toYaml $v.list }}"));
    }

    @Test
    @DisplayName("toYaml of scalars: literal block, quoted bool look-alike, null")
    void toYamlScalars() {
        assertEquals("|\n  l1\n  l2", render("{{ toYaml \"l1\\nl2\\n\" }}"));
        assertEquals("\"true\"", render("{{ toYaml \"true\" }}"));
        assertEquals("null", render("{{ toYaml $v.nokey }}"));
    }

    @Test
    @DisplayName("range over an integer; break stops the loop")
    void rangeIntAndBreak() {
        assertEquals("012", render("{{ range 3 }}{{ . }}{{ end }}"));
        assertEquals("b", render("{{ range $v.list }}{{ . }}{{ break }}{{ end }}"));
        assertEquals("01", render("{{ range $i, $e := $v.list }}{{ if eq $i 2 }}{{ break }}{{ end }}{{ $i }}{{ end }}"));
    }

    @Test
    @DisplayName("define and template")
    void defineAndTemplate() {
        assertEquals("hi", render("{{ define \"f\" }}hi{{ end }}{{ template \"f\" }}"));
    }

    @Test
    @DisplayName(".Release is a struct: an unknown field is an execution error")
    void releaseUnknownField() {
        assertExecError("template: manifest:2:11: executing \"manifest\" at <.Release.Name>: "
                + "can't evaluate field Name in type manifest.releaseData", "{{ .Release.Name }}");
    }

    @Test
    @DisplayName("annotations row (template half): the hook annotations pass through rendering unchanged")
    void hookAnnotationsPassThrough() {
        String text = "metadata:\n  annotations:\n    # about hook\n"
                + "    \"helm.sh/hook\": pre-install,post-upgrade\n    \"helm.sh/hook-weight\": \"1\"\n"
                + "    other: keep\n";
        assertEquals(text, render(text));
        assertEquals("helm.sh/hook: test,pre-delete , crd-install", render("helm.sh/hook: test,pre-delete , crd-install"));
    }

    @Test
    @DisplayName("comment spacing and indentless lists (template half): text passes through unchanged")
    void plainTextPassesThrough() {
        assertEquals("kind: ConfigMap   # c\n", render("kind: ConfigMap   # c\n"));
        assertEquals("data:\n    list:\n    - a\n", render("data:\n    list:\n    - a\n"));
    }

    @Test
    @DisplayName("if false / comment-only file (template half): renders no content")
    void falseConditionRendersNothing() {
        assertEquals("", render("{{ if false }}x: 1{{ end }}"));
        assertEquals("# only a comment\n", render("# only a comment\n"));
    }

    @Test
    @DisplayName("x: {{ toYaml .Values }} (template half): a multi-line block after a key, invalid YAML later")
    void toYamlAfterKey() {
        String out = render("x: {{ toYaml .Values }}");
        assertEquals("x: my-app:\n  empty: \"\"\n  emptymap: {}\n", out.substring(0, out.indexOf("  f:")));
    }
}
