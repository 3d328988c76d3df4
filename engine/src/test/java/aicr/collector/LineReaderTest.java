package aicr.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import aicr.errors.AicrException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineReaderTest {
    @TempDir
    Path tmp;

    @Test
    void partsAreTrimmedAndCommentsDropped() throws Exception {
        Path f = Files.writeString(tmp.resolve("f"), "# comment\n  a = 1 \n\nb=\"two\"\nflag\n");
        assertEquals(List.of("a = 1", "b=\"two\"", "flag"), LineReader.lines(f, "\n", true));
        assertEquals(Map.of("a", "1", "b", "two"), LineReader.map(LineReader.lines(f, "\n", true), "=", "\"'", true));
        assertEquals(Map.of("a", "1", "b", "\"two\"", "flag", ""), LineReader.map(LineReader.lines(f, "\n", true), "=", "", false));
    }

    @Test
    void boundsAndEncodingAreEnforced() throws Exception {
        Path big = Files.write(tmp.resolve("big"), new byte[LineReader.MAX_BYTES + 1]);
        assertThrows(AicrException.class, () -> LineReader.lines(big, "\n", true));
        Path bad = Files.write(tmp.resolve("bad"), new byte[]{(byte) 0xff, (byte) 0xfe});
        assertThrows(AicrException.class, () -> LineReader.lines(bad, "\n", true));
        AicrException missing = assertThrows(AicrException.class, () -> LineReader.lines(tmp.resolve("none"), "\n", true));
        assertEquals("[INTERNAL] failed to open file \"" + tmp.resolve("none") + "\": open " + tmp.resolve("none")
                + ": no such file or directory", missing.render());
    }

    @Test
    void goFieldsAndTrimSpace() {
        assertEquals(List.of("a", "b", "c"), LineReader.fields(" a\tb\u00a0 c "));
        assertEquals("x", LineReader.trimSpace("\u0085 x \u00a0"));
    }

    @Test
    void hostRootNeedsProc() throws Exception {
        assertThrows(AicrException.class, () -> HostRoot.of(tmp.toString()));
        assertThrows(AicrException.class, () -> HostRoot.of(tmp.resolve("missing").toString()));
        Files.createDirectories(tmp.resolve("proc"));
        assertEquals(tmp.toAbsolutePath(), HostRoot.of(tmp.toString()).dir());
        assertEquals(HostRoot.SYSTEM, HostRoot.of(""));
    }
}
