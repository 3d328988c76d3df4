package aicr.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared readers refuse hostile documents quickly, with one line naming the position. */
class InputLimitsTest {
    @TempDir
    Path tmp;

    static String laughs(int levels, int width) {
        return HostileDocuments.laughs(levels, width, "[lol]");
    }

    private static YamlSyntaxException yamlRefusal(String text) {
        return assertThrows(YamlSyntaxException.class, () -> YamlReader.parse(text));
    }

    @Test
    void billionLaughsIsRefusedAtTheExpansionBound() {
        YamlSyntaxException e = yamlRefusal(laughs(9, 10));
        assertTrue(e.limitExceeded());
        assertEquals("line 6: aliases expand to more than 100000 nodes", e.getMessage());
    }

    @Test
    void aliasesWithinTheBoundExpandAsCopies() {
        Map<?, ?> m = (Map<?, ?>) Values.of(YamlReader.parse(laughs(3, 10)));
        List<?> l3 = (List<?>) m.get("l3");
        assertEquals(10, l3.size());
        assertEquals(List.of("lol"), ((List<?>) ((List<?>) ((List<?>) l3.get(9)).get(9)).get(9)));
        // an aliased node is converted once and shared (nodes are immutable)
        Node.MapNode root = (Node.MapNode) YamlReader.parse("a: &x {k: [1, 2]}\nb: *x\n");
        assertSame(root.get("a"), root.get("b"));
    }

    @Test
    void mergeKeysStillMerge() {
        Map<?, ?> m = (Map<?, ?>) Values.of(YamlReader.parse("base: &b {x: 1, y: 2}\nc:\n  <<: *b\n  y: 3\n"));
        assertEquals(Map.of("x", 1L, "y", 3L), m.get("c"));
    }

    @Test
    void tooManyAliasesToCollections() {
        StringBuilder sb = new StringBuilder("a: &a [1]\nl:\n");
        for (int i = 0; i < InputLimits.MAX_ALIASES + 1; i++) {
            sb.append("  - *a\n");
        }
        YamlSyntaxException e = yamlRefusal(sb.toString());
        assertTrue(e.limitExceeded());
        assertEquals("line 1003: more than 1000 aliases to mappings or sequences", e.getMessage());
        // scalar aliases cost nothing and are not counted
        StringBuilder scalars = new StringBuilder("a: &a x\nl:\n");
        for (int i = 0; i < 5000; i++) {
            scalars.append("  - *a\n");
        }
        assertEquals(5000, ((List<?>) ((Map<?, ?>) Values.of(YamlReader.parse(scalars.toString()))).get("l")).size());
    }

    @Test
    void recursiveAliasIsASyntaxError() {
        YamlSyntaxException e = yamlRefusal("a: &a [*a]\n");
        assertFalse(e.limitExceeded());
        assertTrue(e.getMessage().contains("recursive alias"), e.getMessage());
    }

    private static String nested(String open, String close, int depth) {
        return HostileDocuments.nested(open, "", close, depth);
    }

    @Test
    void nestingIsBoundedInYamlAndJson() {
        assertTrue(YamlReader.parse(nested("[", "]", InputLimits.MAX_DEPTH)) instanceof Node.SeqNode);
        assertTrue(JsonReader.parse(nested("[", "]", InputLimits.MAX_DEPTH)) instanceof Node.SeqNode);
        YamlSyntaxException y = yamlRefusal("a:\n  " + nested("{b: ", "}", 10_000));
        assertTrue(y.limitExceeded());
        assertEquals("line 2: nesting exceeds 256 levels", y.getMessage());
        YamlSyntaxException j = assertThrows(YamlSyntaxException.class, () -> JsonReader.parse(nested("[", "]", 10_000)));
        assertTrue(j.limitExceeded());
        assertEquals("line 1: nesting exceeds 256 levels", j.getMessage());
        YamlSyntaxException o = assertThrows(YamlSyntaxException.class,
                () -> JsonReader.parse(nested("{\"a\":", "}", InputLimits.MAX_DEPTH + 1).replace("::", ":")
                        .replace(":}", ":1}")));
        assertTrue(o.limitExceeded(), o.getMessage());
    }

    @Test
    void jsonNumbersAFloat64CannotHoldAreRefusedAsGoRefusesThem() {
        for (String n : List.of("1e999999", "-1e309", "1" + "0".repeat(400))) {
            YamlSyntaxException e = assertThrows(YamlSyntaxException.class, () -> JsonReader.parse("{\"a\": [" + n + "]}"));
            assertEquals("json: cannot unmarshal number " + n + " into Go value of type float64", e.getMessage());
            assertFalse(e.limitExceeded());
        }
        // underflow rounds to zero in Go too; big but finite numbers are fine
        assertEquals(0.0, Values.of(JsonReader.parse("1e-999999")));
        assertEquals(1.0e300, Values.of(JsonReader.parse("1e300")));
    }

    @Test
    void truncatedJsonHasNoLocationCrash() {
        YamlSyntaxException e = assertThrows(YamlSyntaxException.class, () -> JsonReader.parse("{\"a\": [1, "));
        assertTrue(e.getMessage().startsWith("line 1: "), e.getMessage());
    }

    @Test
    void utf8IsDecodedStrictlyWithTheByteOffset() {
        byte[] ok = "kind: x\nname: ü\n".getBytes(StandardCharsets.UTF_8);
        assertEquals("kind: x\nname: ü\n", InputSource.decode(ok, "f.yaml"));
        byte[] bad = "spec:\n  os: ubu\u0000ntu\n".getBytes(StandardCharsets.UTF_8);
        bad[15] = (byte) 0xFF;
        AicrException e = assertThrows(AicrException.class, () -> InputSource.decode(bad, "s.yaml"));
        assertEquals(ErrorCode.INVALID_REQUEST, e.code());
        assertEquals("[INVALID_REQUEST] s.yaml: invalid UTF-8 at byte offset 15", e.render());
        // a truncated multi-byte sequence at the end, an overlong encoding, an encoded surrogate
        for (byte[] b : List.of(new byte[]{'a', (byte) 0xC3}, new byte[]{(byte) 0xC0, (byte) 0xAF},
                new byte[]{'x', (byte) 0xED, (byte) 0xA0, (byte) 0x80})) {
            assertThrows(AicrException.class, () -> InputSource.decode(b, "f"));
        }
    }

    @Test
    void fileTypesAreCheckedBeforeOpening() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("d.yaml"));
        assertEquals("[INVALID_REQUEST] d.yaml: is a directory, not a file", refusal(dir, "d.yaml").render());
        assertEquals("[INVALID_REQUEST] /dev/zero: not a regular file (a FIFO, device or socket cannot be read as input)",
                refusal(Path.of("/dev/zero"), "/dev/zero").render());
        Path fifo = tmp.resolve("fifo.yaml");
        if (new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0) {
            assertEquals(ErrorCode.INVALID_REQUEST, refusal(fifo, "fifo.yaml").code());
        }
        assertEquals("[NOT_FOUND] file not found: open none.yaml: no such file or directory", refusal(tmp.resolve("none.yaml"), "none.yaml").render());
        Path big = Files.write(tmp.resolve("big.yaml"), new byte[11]);
        assertEquals("[INVALID_REQUEST] big.yaml: file exceeds maximum allowed size of 10 bytes",
                assertThrows(AicrException.class, () -> InputSource.readFile(big, "big.yaml", 10)).render());
        Path loop = Files.createSymbolicLink(tmp.resolve("loop"), tmp.resolve("loop"));
        assertEquals(ErrorCode.INVALID_REQUEST, refusal(loop, "loop").code());
        Path link = Files.createSymbolicLink(tmp.resolve("link.yaml"), Files.writeString(tmp.resolve("t.yaml"), "a: 1\n"));
        assertEquals("a: 1\n", InputSource.readText(link, "link.yaml", 100), "links to regular files are followed");
    }

    private static AicrException refusal(Path p, String name) {
        return assertThrows(AicrException.class, () -> InputSource.readFile(p, name, 1 << 20));
    }
}
