package aicr.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aicr.errors.AicrException;
import aicr.snapshot.Measurement;
import aicr.snapshot.Subtype;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Host trees built as an attacker (or a careless fixture) would: links that leave the host root,
 * link loops, FIFOs where files belong, a /proc/sys too deep or too large. The collectors read
 * only inside the root, never block, and end a part with a warning instead of exhausting the
 * stack or memory. The timeout only guards against a hang (a FIFO read blocks forever).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HostileHostTreeTest {
    @TempDir
    Path tmp;

    Path host;
    Path outside;

    @BeforeEach
    void trees() throws Exception {
        host = Files.createDirectories(tmp.resolve("host"));
        Files.createDirectories(host.resolve("proc/sys/kernel"));
        Files.createDirectories(host.resolve("etc"));
        Files.createDirectories(host.resolve("usr/lib"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("os-release"), "ID=outside\n");
        Files.writeString(host.resolve("usr/lib/os-release"), "ID=inside\n");
    }

    private HostRoot root() {
        return HostRoot.of(host.toString());
    }

    private static String release(OsCollector os) {
        return os.release().data().get("ID").value().toString();
    }

    @Test
    void absoluteLinksStartAgainAtTheHostRoot() throws Exception {
        // on the host, /etc/os-release -> /usr/lib/os-release; read from the agent's mount it must not
        // name the agent container's own /usr/lib/os-release
        Files.createSymbolicLink(host.resolve("etc/os-release"), Path.of("/usr/lib/os-release"));
        assertEquals(host.resolve("usr/lib/os-release"), root().path("/etc/os-release"));
        assertEquals("inside", release(new OsCollector(root())));
    }

    @Test
    void dotDotStopsAtTheHostRoot() throws Exception {
        Path up = Path.of("../".repeat(12) + outside.toString().substring(1) + "/os-release");
        Files.createSymbolicLink(host.resolve("etc/os-release"), up);
        assertTrue(Files.readString(host.resolve("etc/os-release")).contains("outside"), "the OS itself would leave the root");
        Path resolved = root().path("/etc/os-release");
        assertTrue(resolved.startsWith(host), resolved.toString());
        // the link names nothing inside the root, so the collector falls back to /usr/lib/os-release
        assertEquals("inside", release(new OsCollector(root())));
    }

    @Test
    void linkedDirectoriesAreResolvedInsideTheRoot() throws Exception {
        // sysfs: /sys/bus/pci/devices/X -> ../../../devices/pci0000:00/X
        Path dev = Files.createDirectories(host.resolve("sys/devices/pci0000:00/0000:01:00.0"));
        gpu(dev);
        Files.createDirectories(host.resolve("sys/bus/pci/devices"));
        Files.createSymbolicLink(host.resolve("sys/bus/pci/devices/0000:01:00.0"),
                Path.of("../../../devices/pci0000:00/0000:01:00.0"));
        // a device entry that climbs out of the root, and one that names an absolute path outside it
        Path evil = Files.createDirectories(outside.resolve("sys/devices/evil"));
        gpu(evil);
        Files.createSymbolicLink(host.resolve("sys/bus/pci/devices/0000:02:00.0"),
                Path.of("../".repeat(12) + evil.toString().substring(1)));
        Files.createSymbolicLink(host.resolve("sys/bus/pci/devices/0000:03:00.0"), evil);
        Subtype hw = new GpuCollector(root()).collect().subtypes().get(0);
        assertEquals("1", hw.data().get("gpu-count").value().toString(), "only the device inside the root counts: " + hw.data());
    }

    private static void gpu(Path dev) throws Exception {
        Files.writeString(dev.resolve("class"), "0x030200\n");
        Files.writeString(dev.resolve("vendor"), "0x10de\n");
        Files.writeString(dev.resolve("device"), "0x2330\n");
        Files.writeString(dev.resolve("subsystem_vendor"), "0x10de\n");
        Files.writeString(dev.resolve("subsystem_device"), "0x16c1\n");
    }

    @Test
    void linkLoopsAreRefused() throws Exception {
        Files.createSymbolicLink(host.resolve("etc/a"), Path.of("/etc/b"));
        Files.createSymbolicLink(host.resolve("etc/b"), Path.of("a"));
        AicrException e = assertThrows(AicrException.class, () -> root().path("/etc/a/os-release"));
        assertEquals("[INVALID_REQUEST] host path /etc/a/os-release: too many levels of symbolic links", e.render());
        Files.createSymbolicLink(host.resolve("etc/os-release"), Path.of("a"));
        assertThrows(AicrException.class, () -> new OsCollector(root()).release());
    }

    @Test
    void fifosAndDevicesAreNotRead() throws Exception {
        Path fifo = host.resolve("etc/os-release");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        AicrException e = assertThrows(AicrException.class, () -> new OsCollector(root()).release());
        assertTrue(e.render().contains("not a regular file"), e.render());
        Files.createDirectories(host.resolve("proc"));
        Files.createSymbolicLink(host.resolve("proc/modules"), Path.of("/dev/zero"));
        // re-rooted: /dev/zero inside the host tree does not exist
        assertThrows(AicrException.class, () -> new OsCollector(root()).kmod());
        Files.createDirectories(host.resolve("dev"));
        assertEquals(0, new ProcessBuilder("mkfifo", host.resolve("dev/zero").toString()).start().waitFor());
        AicrException dev = assertThrows(AicrException.class, () -> new OsCollector(root()).kmod());
        assertTrue(dev.render().contains("not a regular file"), dev.render());
        Files.createDirectories(host.resolve("sys/bus/pci/devices"));
        Measurement gpu = new GpuCollector(root()).collect();
        assertEquals("false", gpu.subtypes().get(0).data().get("driver-loaded").value().toString());
    }

    @Test
    void aDeepProcSysEndsThePartNotTheProcess() throws Exception {
        Path d = host.resolve("proc/sys/kernel");
        for (int i = 0; i <= OsCollector.MAX_SYSCTL_DEPTH + 1; i++) {
            d = Files.createDirectories(d.resolve("d"));
        }
        Files.writeString(d.resolve("leaf"), "1\n");
        Files.writeString(host.resolve("usr/lib/os-release"), "ID=inside\n");
        AicrException e = assertThrows(AicrException.class, () -> new OsCollector(root()).sysctl());
        assertEquals("[INVALID_REQUEST] /proc/sys nests deeper than 32 levels", e.render());
        List<String> parts = new OsCollector(root()).collect().subtypes().stream().map(Subtype::name).toList();
        assertFalse(parts.contains("sysctl"), parts.toString());
        assertTrue(parts.contains("release"), parts.toString());
    }

    @Test
    void aProcSysWithinTheBoundsIsRead() throws Exception {
        Path d = host.resolve("proc/sys/kernel");
        for (int i = 0; i < OsCollector.MAX_SYSCTL_DEPTH - 2; i++) {
            d = Files.createDirectories(d.resolve("d"));
        }
        Files.writeString(d.resolve("leaf"), "1\n");
        Files.createSymbolicLink(host.resolve("proc/sys/kernel/out"), outside);
        Subtype sysctl = new OsCollector(root()).sysctl();
        assertEquals(1, sysctl.data().size(), sysctl.data().toString());
        assertTrue(sysctl.data().keySet().iterator().next().startsWith("/proc/sys/kernel/d/d/"));
    }

    @Test
    void aHugeProcSysIsRefused() throws Exception {
        Path k = host.resolve("proc/sys/kernel");
        String value = "x".repeat(LineReader.MAX_BYTES - 1) + "\n";
        for (int i = 0; i < 17; i++) {
            Files.writeString(k.resolve("f" + i), value);
        }
        AicrException e = assertThrows(AicrException.class, () -> new OsCollector(root()).sysctl());
        assertEquals("[INVALID_REQUEST] /proc/sys values exceed 16777216 characters", e.render());
    }
}
