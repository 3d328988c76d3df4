package aicr.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aicr.snapshot.Measurement;
import aicr.snapshot.Reading;
import aicr.snapshot.Subtype;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SystemD collector against a fake systemd on a Unix socket under a host root. */
class SystemdCollectorTest {
    Path root;

    @BeforeEach
    void hostRoot() throws Exception {
        // a short path: Unix socket names are limited to about 100 bytes
        root = Files.createTempDirectory(Path.of("/tmp"), "sd");
        Files.createDirectories(root.resolve("proc"));
        Files.createDirectories(root.resolve("run/systemd"));
    }

    @AfterEach
    void remove() throws Exception {
        try (var s = Files.walk(root)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static DbusWire.Variant v(String sig, Object value) {
        return new DbusWire.Variant(sig, value);
    }

    @Test
    void unitPropertiesKeepTheirTypesOrBecomeGoText() throws Exception {
        Map<String, DbusWire.Variant> containerd = new LinkedHashMap<>();
        containerd.put("ActiveState", v("s", "active"));
        containerd.put("Id", v("s", "containerd.service"));
        containerd.put("LoadCredential", v("a(ss)", List.of()));
        containerd.put("CanStart", v("b", true));
        containerd.put("MemoryCurrent", v("t", 123456789L));
        containerd.put("MemoryMax", v("t", -1L));
        containerd.put("CPUWeight", v("x", -42L));
        containerd.put("CPUQuotaPerSecUSec", v("d", 1.5));
        containerd.put("NRestarts", v("u", 3L));
        containerd.put("OOMScoreAdjust", v("i", -999));
        containerd.put("Names", v("as", List.of("containerd.service", "cri.service")));
        containerd.put("ExecStart", v("a(sasbttttuii)", List.of(List.of("/usr/bin/containerd", List.of("/usr/bin/containerd"),
                false, 0L, 0L, 0L, 0L, 4242L, 0, 0))));
        containerd.put("Fragment", v("o", "/org/freedesktop/systemd1/unit/containerd_2eservice"));
        containerd.put("Environment", v("a{ss}", new LinkedHashMap<>(Map.of("b", "2", "a", "1"))));
        containerd.put("StandardInputData", v("ay", List.of(1, 2, 255)));
        Map<String, Map<String, DbusWire.Variant>> units = new LinkedHashMap<>();
        units.put(SystemdBus.unitPath("containerd.service"), containerd);
        units.put(SystemdBus.unitPath("kubelet.service"), Map.of("ActiveState", v("s", "inactive")));
        try (FakeSystemd fake = new FakeSystemd(root.resolve("run/systemd/private"), units)) {
            Measurement m = new SystemdCollector(new HostRoot(root)).collect();
            assertTrue(fake.authLine.startsWith("AUTH EXTERNAL "), fake.authLine);
            assertEquals(List.of("containerd.service", "kubelet.service"), m.subtypes().stream().map(Subtype::name).toList(),
                    "docker.service answers an error and is left out");
            Map<String, Reading> d = m.subtype("containerd.service").data();
            assertFalse(d.containsKey("Id"));
            assertFalse(d.containsKey("LoadCredential"));
            assertEquals("active", d.get("ActiveState").value());
            assertEquals(Boolean.TRUE, d.get("CanStart").value());
            assertEquals(123456789L, d.get("MemoryCurrent").value());
            assertEquals(new BigInteger("18446744073709551615"), d.get("MemoryMax").value());
            assertEquals(-42L, d.get("CPUWeight").value());
            assertEquals(1.5, d.get("CPUQuotaPerSecUSec").value());
            assertEquals("3", d.get("NRestarts").value(), "uint32 is stored as its text");
            assertEquals("-999", d.get("OOMScoreAdjust").value());
            assertEquals("[containerd.service cri.service]", d.get("Names").value());
            assertEquals("[[/usr/bin/containerd [/usr/bin/containerd] false 0 0 0 0 4242 0 0]]", d.get("ExecStart").value());
            assertEquals("/org/freedesktop/systemd1/unit/containerd_2eservice", d.get("Fragment").value());
            assertEquals("map[a:1 b:2]", d.get("Environment").value());
            assertEquals("[1 2 255]", d.get("StandardInputData").value());
        }
    }

    @Test
    void withoutTheSocketTheMeasurementIsEmpty() {
        Measurement m = new SystemdCollector(new HostRoot(root)).collect();
        assertEquals("SystemD", m.type());
        assertEquals(List.of(), m.subtypes());
    }

    @Test
    void unitPathsAreBusEscaped() {
        assertEquals("/org/freedesktop/systemd1/unit/containerd_2eservice", SystemdBus.unitPath("containerd.service"));
        assertEquals("/org/freedesktop/systemd1/unit/_31foo_2dbar_2eservice", SystemdBus.unitPath("1foo-bar.service"));
    }

    @Test
    void wireRoundTripsEverySignature() {
        Map<Integer, Object> fields = new LinkedHashMap<>();
        fields.put(DbusWire.FIELD_PATH, "/x");
        fields.put(DbusWire.FIELD_MEMBER, "M");
        List<Object> body = List.of("s", 7, (short) 0 + 5, List.of(1L, 2L), new LinkedHashMap<>(Map.of("k", v("s", "x"))),
                List.of("a", true));
        byte[] msg = DbusWire.encode(1, 9, fields, "sin" + "at" + "a{sv}" + "(sb)", body);
        DbusWire.Message m = DbusWire.decode(msg);
        assertEquals(9, m.serial());
        assertEquals("s", m.body().get(0));
        assertEquals(7, m.body().get(1));
        assertEquals(5, m.body().get(2));
        assertEquals(List.of(1L, 2L), m.body().get(3));
        assertEquals(Map.of("k", v("s", "x")), m.body().get(4));
        assertEquals(List.of("a", true), m.body().get(5));
    }

    @Test
    void malformedMessagesAreRejected() {
        byte[] junk = new byte[16];
        junk[0] = 'x';
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> DbusWire.totalLength(junk));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> DbusWire.split("a{sv"));
    }
}
