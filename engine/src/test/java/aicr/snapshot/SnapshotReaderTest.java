package aicr.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aicr.errors.AicrException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshot loading (spec §1.1, §1.3): string forms of readings, leniency and the error chains. */
class SnapshotReaderTest {
    @TempDir
    Path tmp;

    private Snapshot read(String name, String text) throws IOException {
        return SnapshotReader.read(Files.writeString(tmp.resolve(name), text).toString());
    }

    private String error(String name, String text) throws IOException {
        Path p = Files.writeString(tmp.resolve(name), text);
        return assertThrows(AicrException.class, () -> SnapshotReader.read(p.toString())).render();
    }

    private static String text(Snapshot s, String type, String sub, String key) {
        return s.measurement(type).subtype(sub).data().get(key).text();
    }

    @Test
    void yamlReadingsTakeGoStringForms() throws IOException {
        Snapshot s = read("s.yaml", """
                measurements:
                  - type: OS
                    subtypes:
                      - subtype: r
                        data:
                          big: 12345678901234567890
                          huge: 18446744073709551616
                          exp: 1234567.0
                          plain: 123456.0
                          small: 0.00001
                          f: 24.10
                          e3: 1e3
                          octal: 017
                          o: 0o17
                          hex: 0x1F
                          bin: 0b101
                          under: 1_000
                          neg0: -0.0
                          inf: .inf
                          nan: .NaN
                          yes: yes
                          t: True
                          nul: ~
                          date: 2026-07-01
                          date1: 2026-7-1
                          ts: 2026-07-01T12:30:45+02:00
                          frac: 2026-07-01t01:02:03.25Z
                          space: 2026-07-01 01:02:03
                          list: [a, 1, null]
                          map: {y: 2, x: [1.5]}
                          str: !!str 5
                          int: !!int "7"
                          notint: 1.2.3
                """);
        String[][] want = {
                {"big", "12345678901234567890"}, {"huge", "1.8446744073709552e+19"}, {"exp", "1.234567e+06"},
                {"plain", "123456"}, {"small", "1e-05"}, {"f", "24.1"}, {"e3", "1000"}, {"octal", "15"}, {"o", "15"},
                {"hex", "31"}, {"bin", "5"}, {"under", "1000"}, {"neg0", "-0"}, {"inf", "+Inf"}, {"nan", "NaN"},
                {"yes", "yes"}, {"t", "true"}, {"nul", "<nil>"}, {"date", "2026-07-01 00:00:00 +0000 UTC"},
                {"date1", "2026-07-01 00:00:00 +0000 UTC"}, {"ts", "2026-07-01 12:30:45 +0200 +0200"},
                {"frac", "2026-07-01 01:02:03.25 +0000 UTC"}, {"space", "2026-07-01 01:02:03 +0000 UTC"},
                {"list", "[a 1 <nil>]"}, {"map", "map[x:[1.5] y:2]"}, {"str", "5"}, {"int", "7"}, {"notint", "1.2.3"}};
        for (String[] w : want) {
            assertEquals(w[1], text(s, "OS", "r", w[0]), w[0]);
        }
    }

    @Test
    void jsonNumbersAreFloats() throws IOException {
        Snapshot s = read("s.json", """
                {"measurements": [{"type": "GPU", "subtypes": [{"subtype": "hardware",
                  "data": {"n": 8, "big": 10000000, "f": 2.5, "b": true}, "context": {"c": "x"}}]}]}
                """);
        assertEquals("8", text(s, "GPU", "hardware", "n"));
        assertEquals("1e+07", text(s, "GPU", "hardware", "big"));
        assertEquals("2.5", text(s, "GPU", "hardware", "f"));
        assertEquals("true", text(s, "GPU", "hardware", "b"));
    }

    @Test
    void lenientStructure() throws IOException {
        Snapshot s = read("s.yaml", """
                kind: Recipe
                measurements:
                  - type: Foo
                    subtypes: [{data: {a: 1}}]
                  - type: K8s
                    subtypes:
                      - subtype: server
                        data: null
                        context: {n: 0o17, f: 1.50}
                """);
        assertEquals("Recipe", s.kind());
        assertEquals("0o17", s.measurement("K8s").subtype("server").context().get("n"));
        assertEquals("1.50", s.measurement("K8s").subtype("server").context().get("f"));
        assertTrue(read("e.yaml", "kind: Snapshot\n").measurements().isEmpty());
    }

    @Test
    void errors() throws IOException {
        assertEquals("[INVALID_REQUEST] snapshot file has apiVersion \"aicr.nvidia.com/v1alpha1\", which this aicr build "
                + "does not support (expected \"aicr.run/v1alpha2\"); recapture the snapshot with a matching aicr version",
                error("v.yaml", "apiVersion: aicr.nvidia.com/v1alpha1\nmeasurements: []\n"));
        String ctx = error("c.json", "{\"measurements\":[{\"type\":\"K8s\",\"subtypes\":[{\"subtype\":\"s\",\"context\":{\"n\":1}}]}]}");
        assertTrue(ctx.startsWith("[INTERNAL] failed to deserialize object from \"" + tmp.resolve("c.json")
                + "\": [INVALID_REQUEST] failed to decode JSON: [INVALID_REQUEST] failed to unmarshal subtype JSON: "), ctx);
        String dup = error("d.yaml", "measurements:\n  - type: OS\n    subtypes:\n      - subtype: r\n        data: {ID: a, ID: b}\n");
        assertTrue(dup.startsWith("[INTERNAL] failed to deserialize object from ") && dup.contains("failed to decode YAML")
                && dup.contains("\"ID\" already defined"), dup);
        String list = error("l.yaml", "measurements:\n  - type: OS\n    subtypes:\n      - subtype: r\n        context: {a: [1]}\n");
        assertTrue(list.contains("[INVALID_REQUEST] failed to decode subtype YAML: yaml: line 5: cannot unmarshal !!seq into string"),
                list);
        AicrException nf = assertThrows(AicrException.class, () -> SnapshotReader.read(tmp.resolve("nope.yaml").toString()));
        assertEquals(3, nf.exitCode());
        Path big = Files.write(tmp.resolve("big.yaml"), new byte[(1 << 20) + 1]);
        AicrException tooBig = assertThrows(AicrException.class, () -> SnapshotReader.read(big.toString()));
        assertEquals("[INVALID_REQUEST] " + big + ": file exceeds maximum allowed size of 1048576 bytes", tooBig.render());
        AicrException yamlAsJson = assertThrows(AicrException.class,
                () -> SnapshotReader.read(Files.writeString(tmp.resolve("noext"), "kind: Snapshot\n").toString()));
        assertTrue(yamlAsJson.render().startsWith("[INTERNAL] failed to deserialize object from \"" + tmp.resolve("noext")
                + "\": [INVALID_REQUEST] failed to decode JSON"), yamlAsJson.render());
        assertEquals(8, yamlAsJson.exitCode());
    }
}
