package aicr.bundle.template;

import static aicr.bundle.template.TemplateTestSupport.map;
import static aicr.bundle.template.TemplateTestSupport.render;
import static aicr.bundle.template.TemplateTestSupport.renderRaw;
import static aicr.bundle.template.TemplateTestSupport.specData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Go text/template behaviour stated in bundle-templates.md §5.2, and the Go rules behind it. */
class GoTemplateSemanticsTest {

    private static TemplateException parseError(String template) {
        TemplateException e = assertThrows(TemplateException.class, () -> GoTemplate.parse("manifest", template));
        assertEquals(TemplateException.Kind.PARSE, e.kind());
        return e;
    }

    private static String execError(String template) {
        TemplateException e = assertThrows(TemplateException.class, () -> render(template));
        assertEquals(TemplateException.Kind.EXECUTE, e.kind());
        return e.getMessage();
    }

    @Nested
    class DataModel {
        @Test
        void dashedKeyNeedsIndex() {
            assertEquals("template: manifest:1: bad character U+002D '-'",
                    parseError("{{ .Values.my-app }}").getMessage());
            assertEquals("hello", render("{{ (index .Values \"my-app\").str }}"));
        }

        @Test
        void releaseAndChartFields() {
            assertEquals("apps Helm my-app 0.1.0",
                    render("{{ .Release.Namespace }} {{ .Release.Service }} {{ .Chart.Name }} {{ .Chart.Version }}"));
            assertEquals("template: manifest:2:9: executing \"manifest\" at <.Chart.AppVersion>: "
                    + "can't evaluate field AppVersion in type manifest.chartData", execError("{{ .Chart.AppVersion }}"));
            assertEquals("template: manifest:2:11: executing \"manifest\" at <.Release.Namespace.x>: "
                    + "can't evaluate field x in type string", execError("{{ .Release.Namespace.x }}"));
            assertEquals("template: manifest:2:3: executing \"manifest\" at <.Foo>: "
                    + "can't evaluate field Foo in type manifest.templateData", execError("{{ .Foo }}"));
        }

        @Test
        void integersAndFloats() {
            Map<String, Object> values = map("big", 1000000L, "f", 1.5, "whole", 2.0, "huge", 1e21, "u",
                    new BigInteger("18446744073709551615"));
            GoStruct data = GoStruct.manifestData("c", values, "ns", "c", "1.0.0");
            assertEquals("1000000 1.5 2 1e+21 18446744073709551615",
                    renderRaw("{{ $c := .Values.c }}{{ $c.big }} {{ $c.f }} {{ $c.whole }} {{ $c.huge }} {{ $c.u }}", data));
            assertEquals("big: 1000000\nf: 1.5\nhuge: 1e+21\nu: 18446744073709551615\nwhole: 2",
                    renderRaw("{{ toYaml .Values.c }}", data));
        }

        @Test
        void wholeNumberLiteralsPrintAsIntegers() {
            assertEquals("1 1000 1e+06 3 255 97", render("{{ 1.0 }} {{ 1e3 }} {{ 1e6 }} {{ 3 }} {{ 0xff }} {{ 'a' }}"));
        }

        @Test
        void missingKeysAtAnyDepth() {
            assertEquals("<no value> <no value> <no value>",
                    render("{{ .Values.a.b.c }} {{ $v.nokey.x }} {{ (index .Values \"nope\").x }}"));
        }

        @Test
        void fieldOfNonMapIsAnError() {
            assertEquals("template: manifest:2:5: executing \"manifest\" at <$v.str.x>: "
                    + "can't evaluate field x in type interface {}", execError("{{ $v.str.x }}"));
            assertEquals("template: manifest:2:22: executing \"manifest\" at <.x>: "
                    + "can't evaluate field x in type interface {}", execError("{{ range $v.list }}{{ .x }}{{ end }}"));
            assertEquals("template: manifest:2:23: executing \"manifest\" at <$s.x>: "
                    + "can't evaluate field x in type string", execError("{{ $s := $v.str }}{{ $s.x }}"));
        }

        @Test
        void presentNullKey() {
            GoStruct data = GoStruct.manifestData("c", map("n", null), "ns", "c", "1");
            assertEquals("<no value>", renderRaw("{{ .Values.c.n }}", data));
            TemplateException e = assertThrows(TemplateException.class,
                    () -> renderRaw("{{ .Values.c.n.x }}", data));
            assertEquals("template: manifest:1:10: executing \"manifest\" at <.Values.c.n.x>: "
                    + "nil pointer evaluating interface {}.x", e.getMessage());
        }

        @Test
        void mapAsTopLevelData() {
            assertEquals("1 <no value>", renderRaw("{{ .a }} {{ .b }}", map("a", 1L)));
        }

        @Test
        void truthiness() {
            assertEquals("zero:F f:F empty:F str:T emptymap:F list:T nokey:F release:T",
                    render("zero:{{ if $v.zero }}T{{ else }}F{{ end }} f:{{ if $v.f }}T{{ else }}F{{ end }} "
                            + "empty:{{ if $v.empty }}T{{ else }}F{{ end }} str:{{ if $v.str }}T{{ else }}F{{ end }} "
                            + "emptymap:{{ if $v.emptymap }}T{{ else }}F{{ end }} list:{{ if $v.list }}T{{ else }}F{{ end }} "
                            + "nokey:{{ if $v.nokey }}T{{ else }}F{{ end }} release:{{ if .Release }}T{{ else }}F{{ end }}"));
        }
    }

    @Nested
    class Syntax {
        @Test
        void trimMarkersEatAllAdjacentWhitespace() {
            assertEquals("a|b", renderRaw("a \n\t {{- \"|\" -}} \n\n b", null));
            assertEquals("a -3 b", renderRaw("a {{-3}} b", null)); // no space after the dash: a number

            assertEquals("ab", renderRaw("a\n{{- /* comment */ -}}\nb", null));
            assertEquals("a\n\nb", renderRaw("a\n{{/* comment\nspanning lines */}}\nb", null));
        }

        @Test
        void commentMustHugTheDelimiters() {
            assertEquals("template: manifest:1: comment ends before closing delimiter",
                    parseError("{{/* c */ }}").getMessage());
            assertEquals("template: manifest:1: unclosed comment", parseError("{{/* c }}").getMessage());
        }

        @Test
        void variablesDeclareAssignAndScope() {
            assertEquals("2", render("{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $x }}"));
            assertEquals("1", render("{{ $x := 1 }}{{ if true }}{{ $x := 2 }}{{ end }}{{ $x }}"));
            assertEquals("template: manifest:2: undefined variable \"$y\"",
                    parseError(TemplateTestSupport.PRELUDE + "{{ if true }}{{ $y := 2 }}{{ end }}{{ $y }}").getMessage());
            assertEquals("apps", render("{{ with $v.str }}{{ $.Release.Namespace }}{{ end }}"));
        }

        @Test
        void ifElseChains() {
            assertEquals("s", render("{{ if $v.nokey }}y{{ else if $v.str }}s{{ else }}n{{ end }}"));
            assertEquals("n", render("{{ if $v.nokey }}y{{ else if $v.empty }}s{{ else }}n{{ end }}"));
            assertEquals("hello", render("{{ with $v.nokey }}y{{ else with $v.str }}{{ . }}{{ end }}"));
            assertEquals("none", render("{{ with $v.zero }}{{ . }}{{ else }}none{{ end }}"));
        }

        @Test
        void rangeForms() {
            assertEquals("0:b 1:a 2:map[j:[1 2] k:v] ", render("{{ range $i, $e := $v.list }}{{ $i }}:{{ $e }} {{ end }}"));
            assertEquals("b map[j:[1 2] k:v] ",
                    render("{{ range $i, $e := $v.list }}{{ if eq $i 1 }}{{ continue }}{{ end }}{{ $e }} {{ end }}"));
            assertEquals("empty", render("{{ range $v.emptymap }}x{{ else }}empty{{ end }}"));
            assertEquals("none", render("{{ range $v.nokey }}x{{ else }}none{{ end }}"));
            assertEquals("none", render("{{ range 0 }}x{{ else }}none{{ end }}"));
            assertEquals("template: manifest:2:11: executing \"manifest\" at <$v.str>: range can't iterate over hello",
                    execError("{{ range $v.str }}{{ end }}"));
            assertEquals("template: manifest:1: {{break}} outside {{range}}", parseError("{{ break }}").getMessage());
        }

        @Test
        void defineTemplateBlock() {
            assertEquals("B", render("{{ block \"b\" . }}B{{ end }}"));
            assertEquals("[hello]", render("{{ define \"t\" }}[{{ . }}]{{ end }}{{ template \"t\" $v.str }}"));
            assertEquals("<no value>", render("{{ define \"t\" }}{{ . }}{{ end }}{{ template \"t\" }}"));
            assertEquals("template: manifest:2:12: executing \"manifest\" at <{{template \"nope\"}}>: "
                    + "template \"nope\" not defined", execError("{{ template \"nope\" }}"));
            assertEquals("template: manifest:1:26: executing \"t\" at <.x>: can't evaluate field x in type string",
                    assertThrows(TemplateException.class, () -> renderRaw(
                            "{{ define \"t\" }}{{ . }}{{ .x }}{{ end }}{{ template \"t\" \"s\" }}", null)).getMessage());
            assertEquals("template: manifest:1: template: multiple definition of template \"t\"",
                    parseError("{{ define \"t\" }}a{{ end }}{{ define \"t\" }}b{{ end }}").getMessage());
        }

        @Test
        void parseErrors() {
            assertEquals("template: manifest:3: function \"upper\" not defined",
                    parseError("a\nb\n{{ upper .x }}").getMessage());
            assertEquals("template: manifest:3: unclosed action started at manifest:2",
                    parseError("a\n{{ .x \n").getMessage());
            assertEquals("template: manifest:1: unclosed action", parseError("{{ .x").getMessage());
            assertEquals("template: manifest:1: unexpected EOF", parseError("{{ if .x }}a").getMessage());
            assertEquals("template: manifest:1: unexpected {{end}}", parseError("{{ end }}").getMessage());
            assertEquals("template: manifest:1: missing value for command", parseError("{{ }}").getMessage());
            assertEquals("template: manifest:1: non executable command in pipeline stage 2",
                    parseError("{{ .x | 1 }}").getMessage());
            assertEquals("template: manifest:1: bad character U+007D '}'", parseError("{{ .x}a }}").getMessage());
            assertEquals("template: manifest:1: unexpected \"}\" in operand", parseError("{{ .x }a }}").getMessage());
            assertEquals("template: manifest:1: unexpected \",\" in operand", parseError("{{ .x , }}").getMessage());
            assertEquals("template: manifest:1: unterminated quoted string", parseError("{{ \"abc }}").getMessage());
            assertEquals("template: manifest:1: unexpected {{else}}", parseError("{{ else }}").getMessage());
            for (String sprig : List.of("upper", "include", "tpl", "required", "dict", "list")) {
                assertEquals("template: manifest:1: function \"" + sprig + "\" not defined",
                        parseError("{{ " + sprig + " }}").getMessage());
            }
        }

        @Test
        void stringLiterals() {
            assertEquals("a\tb \u00e9 `raw`\\n", renderRaw("{{ \"a\\tb \\u00e9 \" }}{{ `` }}{{ \"`raw`\" }}{{ `\\n` }}", null));
        }
    }

    @Nested
    class Functions {
        @Test
        void comparisons() {
            assertEquals("true false true true false true", render(
                    "{{ eq 1 1 }} {{ eq $v.nokey 1 }} {{ eq \"a\" \"b\" \"a\" }} {{ ne $v.str \"x\" }} {{ lt 2 1 }} {{ ge 2.5 2.5 }}"));
            assertEquals("true", render("{{ ne (toString $v.f) \"true\" }}"));
            assertEquals("template: manifest:2:3: executing \"manifest\" at <eq 1 1.5>: "
                    + "error calling eq: incompatible types for comparison: int and float64", execError("{{ eq 1 1.5 }}"));
            assertEquals("template: manifest:2:3: executing \"manifest\" at <lt $v.nokey 1>: "
                    + "error calling lt: invalid type for comparison", execError("{{ lt $v.nokey 1 }}"));
        }

        @Test
        void lenIndexSlice() {
            assertEquals("3 5 2 a 101 el", render("{{ len $v.list }} {{ len $v.str }} {{ len (index $v.list 2) }}"
                    + " {{ index $v.list 1 }} {{ index $v.str 1 }} {{ slice $v.str 1 3 }}"));
            assertEquals("template: manifest:2:3: executing \"manifest\" at <index $v.list 5>: "
                    + "error calling index: index out of range: 5", execError("{{ index $v.list 5 }}"));
            assertEquals("template: manifest:2:3: executing \"manifest\" at <index $v.list \"a\">: "
                    + "error calling index: cannot index slice/array with type string", execError("{{ index $v.list \"a\" }}"));
            assertEquals("template: manifest:2:3: executing \"manifest\" at <index $v.nested 1>: "
                    + "error calling index: value has type int; should be string", execError("{{ index $v.nested 1 }}"));
        }

        @Test
        void argumentTypes() {
            assertEquals("template: manifest:2:11: executing \"manifest\" at <\"2\">: expected integer; found \"2\"",
                    execError("{{ nindent \"2\" \"x\" }}"));
            assertEquals("template: manifest:2:21: executing \"manifest\" at <2>: "
                    + "wrong type for value; expected string; got int", execError("{{ $v.zero | nindent 2 }}"));
            assertEquals("template: manifest:2:15: executing \"manifest\" at <$v.nokey>: invalid value; expected string",
                    execError("{{ nindent 2 $v.nokey }}"));
            assertEquals("template: manifest:2:3: executing \"manifest\" at <default>: "
                    + "wrong number of args for default: want 2 got 1", execError("{{ default \"x\" }}"));
        }

        @Test
        void helmFunctions() {
            assertEquals("a_b_c", render("{{ \"a+b+c\" | replace \"+\" \"_\" }}"));
            assertEquals("chart-1.0", render("{{ \"chart-1.0-\" | trimSuffix \"-\" }}"));
            assertEquals("my-app-0.1.0", render(
                    "{{ printf \"%s-%s\" .Chart.Name .Chart.Version | replace \"+\" \"_\" | trunc 63 | trimSuffix \"-\" }}"));
            assertEquals("map[a:map[e:[] em:map[] y:x: y] s:123 z:1]", render("{{ toString $v.nested }}"));
            assertEquals("true", render("{{ ne (toString ($v.nokey | default true)) \"false\" }}"));
            assertEquals("\"hello\" \"[b a map[j:[1 2] k:v]]\"", render("{{ quote $v.str $v.list }}"));
        }

        @Test
        void escapers() {
            assertEquals("&lt;a href=&#34;x&#34;&gt; a\\'b\\u003D a+b%26c%2F &lt;no value&gt;",
                    render("{{ html \"<a href=\\\"x\\\">\" }} {{ js \"a'b=\" }} {{ urlquery \"a b&c/\" }} {{ html $v.nokey }}"));
        }

        @Test
        void printfVerbs() {
            assertEquals("  3.14|1.234568e+03|1.23e-05|-003.500", render(
                    "{{ printf \"%6.2f|%e|%g|%08.3f\" 3.14159 1234.5678 0.0000123 -3.5 }}"));
            assertEquals("ff FF 10 101 A U+0041 0xff 010 'a'", render(
                    "{{ printf \"%x %X %o %b %c %U %#x %#o %q\" 255 255 8 5 65 65 255 8 97 }}"));
            assertEquals("00042|+42| 42|42   |", render("{{ printf \"%05d|%+d|% d|%-5d|\" 42 42 42 42 }}"));
            assertEquals("{apps Helm} {Namespace:apps Service:Helm} int string []interface {} <nil>",
                    render("{{ printf \"%v %+v %T %T %T %v\" .Release .Release 1 \"a\" $v.list nil }}"));
            assertEquals("[%!d(string=b) %!d(string=a) map[%!d(string=j):[1 2] %!d(string=k):%!d(string=v)]]",
                    render("{{ printf \"%d\" $v.list }}"));
            assertEquals("%!d(<nil>) 6869 68 69 %!(NOVERB)", render("{{ printf \"%d %x % x %\" nil \"hi\" \"hi\" }}"));
            assertEquals("b a", render("{{ printf \"%[2]s %[1]s\" \"a\" \"b\" }}"));
        }
    }

    @Nested
    class ToYaml {
        private String yaml(Object v) {
            return YamlOut.toYaml(v);
        }

        @Test
        void stringStyles() {
            assertEquals("\"y\"", yaml("y"));
            assertEquals("\"123\"", yaml("123"));
            assertEquals("\"1.10\"", yaml("1.10"));
            assertEquals("\"0x1F\"", yaml("0x1F"));
            assertEquals("\"on\"", yaml("on"));
            assertEquals("\"~\"", yaml("~"));
            assertEquals("\"\"", yaml(""));
            assertEquals("\"1:30\"", yaml("1:30"));
            assertEquals("\"2024-01-02\"", yaml("2024-01-02"));
            assertEquals("2024-13-02", yaml("2024-13-02"));
            assertEquals("'a: b'", yaml("a: b"));
            assertEquals("'#x'", yaml("#x"));
            assertEquals("' lead'", yaml(" lead"));
            assertEquals("'trail '", yaml("trail "));
            assertEquals("'it''s: x'", yaml("it's: x"));
            assertEquals("'- a'", yaml("- a"));
            assertEquals("a#b", yaml("a#b"));
            assertEquals("plain text", yaml("plain text"));
            assertEquals("\"tab\\there\"", yaml("tab\there"));
            assertEquals("|-\n  l1\n  l2", yaml("l1\nl2"));
            assertEquals("|2-\n   lead\n  l2", yaml(" lead\nl2"));
            assertEquals("|+\n  a\n", yaml("a\n\n"));
            assertEquals("\"a \\nb\"", yaml("a \nb"));
            assertEquals("\"\\U0001F600\"", yaml("\uD83D\uDE00"));
            assertEquals("héllo", yaml("héllo"));
            assertEquals("'key:'", yaml("key:"));
            assertEquals("http://x:80/a", yaml("http://x:80/a"));
            assertEquals("\"1e+06\"", yaml("1e+06"));
            assertEquals("\"-12\"", yaml("-12"));
            assertEquals("'-'", yaml("-"));
            assertEquals("\"2024-1-2T3:04:05Z\"", yaml("2024-1-2T3:04:05Z"));
            assertEquals("1e400", yaml("1e400"));
        }

        @Test
        void literalBlockQuirks() {
            // a tab forbids the plain and quoted-single styles but not a literal block
            assertEquals("|-\n  a\tb\n  c", yaml("a\tb\nc"));
            assertEquals("|-\n  a:\n  b", yaml("a:\nb"));
            // go-yaml writes no line break of its own after the header when the value starts with one
            assertEquals("|2-\n  abc", yaml("\nabc"));
            assertEquals("|+\n  a\n", yaml("a\n\n"));
            assertEquals("k:\n  - |-\n    x\n    y", yaml(map("k", List.of("x\ny"))));
        }

        @Test
        void mapKeys() {
            assertEquals("\"y\": 1\n\"\": 2", yaml(map("y", 1L)) + "\n" + yaml(map("", 2L)));
            // a multi-line key is not a simple key: go-yaml writes it as a complex key, literal style
            assertEquals("? |-\n  a\n  b\n: 1", yaml(map("a\nb", 1L)));
            assertEquals("_x: 1\na: 2", yaml(map("a", 2L, "_x", 1L)));
        }

        @Test
        void collections() {
            assertEquals("{}", yaml(map()));
            assertEquals("[]", yaml(List.of()));
            assertEquals("a:\n  - - x\n    - z\n  - []\nb: null", yaml(map("b", null, "a", List.of(List.of("x", "z"), List.of()))));
            assertEquals("k: |-\n  l1\n  l2\nz: 1", yaml(map("z", 1L, "k", "l1\nl2")));
            assertEquals("- k: |\n    l1\n", yaml(List.of(map("k", "l1\n"))) + "\n");
            assertEquals("a2: 1\na10: 2\nb: 3", yaml(map("a10", 2L, "b", 3L, "a2", 1L)));
            assertEquals("namespace: apps\nservice: Helm", yaml(specData().fields().get("Release")));
            assertEquals("- 1.5\n- true\n- 1e+06", yaml(Arrays.asList(1.5, true, 1e6)));
        }
    }
}
