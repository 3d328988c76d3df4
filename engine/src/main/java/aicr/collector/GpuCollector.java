package aicr.collector;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.log.Log;
import aicr.snapshot.Measurement;
import aicr.snapshot.Reading;
import aicr.snapshot.Subtype;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code GPU} measurement (spec §2.3) without a driver: NVIDIA display and 3D controllers
 * enumerated from sysfs PCI data, the model from the PCI device id, and whether the
 * {@code nvidia} module is loaded. A host whose PCI bus cannot be read gets a type-only
 * measurement.
 */
final class GpuCollector implements Collector {
    private static final String NVIDIA = "10de";
    private static final Set<String> GPU_CLASSES = Set.of("0300", "0302");
    /** Most PCI device entries read; a real host has a few hundred at most. */
    static final int MAX_DEVICES = 4096;
    private static final List<String> MANDATORY = List.of("class", "vendor", "device", "subsystem_vendor", "subsystem_device");

    private final HostRoot root;

    GpuCollector(HostRoot root) {
        this.root = root;
    }

    @Override
    public String name() {
        return "gpu";
    }

    @Override
    public Duration budget() {
        return Duration.ofSeconds(10);
    }

    @Override
    public Measurement collect() {
        Log.info("collecting GPU information");
        List<Map<String, String>> devices;
        try {
            devices = pciDevices();
        } catch (AicrException e) {
            Log.warn("GPU hardware detection failed", "error", e.render());
            return new Measurement("GPU", List.of());
        }
        int count = 0;
        Set<String> skus = new TreeSet<>();
        for (Map<String, String> d : devices) {
            if (NVIDIA.equals(d.get("vendor")) && GPU_CLASSES.contains(d.get("class"))) {
                count++;
                String sku = GpuModels.forDeviceId(d.get("device"));
                if (!sku.isEmpty()) {
                    skus.add(sku);
                }
            }
        }
        Map<String, Reading> data = new LinkedHashMap<>();
        data.put("gpu-present", new Reading(count > 0));
        data.put("gpu-count", new Reading((long) count));
        data.put("driver-loaded", new Reading(driverLoaded()));
        data.put("detection-source", Reading.of("nfd"));
        if (skus.size() == 1) {
            data.put("model", Reading.of(skus.iterator().next()));
        }
        return new Measurement("GPU", List.of(new Subtype("hardware", data, Map.of(), List.of())));
    }

    /** Every readable device of {@code /sys/bus/pci/devices}; a device missing a mandatory attribute is skipped. */
    private List<Map<String, String>> pciDevices() {
        String host = "/sys/bus/pci/devices";
        Path base = root.path(host);
        List<String> dirs = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(base)) {
            for (Path p : ds) {
                if (dirs.size() == MAX_DEVICES) {
                    throw new AicrException(ErrorCode.INVALID_REQUEST, "NFD PCI discovery failed: more than "
                            + MAX_DEVICES + " entries in " + host);
                }
                dirs.add(p.getFileName().toString());
            }
        } catch (IOException e) {
            throw new AicrException(ErrorCode.INTERNAL, "NFD PCI discovery failed",
                    new IOException("failed to detect PCI devices: open " + base + ": " + LineReader.reason(e)));
        }
        dirs.sort(OsCollector::compareBytes);
        List<Map<String, String>> out = new ArrayList<>();
        for (String dir : dirs) {
            Map<String, String> attrs = new LinkedHashMap<>();
            try {
                for (String a : MANDATORY) {
                    attrs.put(a, attribute(host + "/" + dir, a));
                }
                out.add(attrs);
            } catch (IOException | AicrException e) {
                Log.debug("failed to read PCI device info", "device", dir,
                        "error", e instanceof IOException io ? LineReader.reason(io) : e.getMessage());
            }
        }
        return out;
    }

    /**
     * A sysfs attribute as NFD reads it: "0x" prefix and whitespace stripped; a class cut to base
     * class and subclass. The device entries are links into {@code /sys/devices}: resolved inside
     * the host root.
     */
    private String attribute(String hostDir, String name) throws IOException {
        byte[] b = LineReader.readBytes(root.path(hostDir + "/" + name), 4096);
        String v = new String(b, StandardCharsets.UTF_8);
        v = LineReader.trimSpace(v.startsWith("0x") ? v.substring(2) : v);
        return name.equals("class") && v.length() > 4 ? v.substring(0, 4) : v;
    }

    /** True when the {@code nvidia} kernel module is loaded (first field of a {@code /proc/modules} line). */
    private boolean driverLoaded() {
        String text;
        try {
            byte[] b = LineReader.readBytes(root.path("/proc/modules"), LineReader.MAX_BYTES + 1);
            if (b.length > LineReader.MAX_BYTES) {
                throw new AicrException(ErrorCode.INVALID_REQUEST, "/proc/modules exceeds maximum size of " + LineReader.MAX_BYTES + " bytes");
            }
            text = new String(b, StandardCharsets.UTF_8);
        } catch (IOException e) {
            Log.warn("failed to get loaded kernel modules", "error",
                    "failed to read file /proc/modules: open " + root.path("/proc/modules") + ": " + LineReader.reason(e));
            return false;
        } catch (AicrException e) {
            Log.warn("failed to get loaded kernel modules", "error", e.render());
            return false;
        }
        for (String line : text.split("\n", -1)) {
            List<String> f = LineReader.fields(line);
            if (!line.isEmpty() && !f.isEmpty() && f.get(0).equals("nvidia")) {
                return true;
            }
        }
        return false;
    }

    /** The model name of an NVIDIA PCI device id ({@code 20b0} → {@code a100}), "" when unknown. */
    static final class GpuModels {
        private GpuModels() {
        }

        private static final Map<String, String> BY_DEVICE_ID = table(
                "p100", "15f7 15f8 15f9", "p40", "1b38", "p10", "1b39", "p4", "1bb3", "p6", "1bb4",
                "v100", "1db1 1db4 1db5 1db6 1db8 1df5", "v100s", "1df6", "t10", "1e35", "t40", "1e38", "t4", "1eb8",
                "a100", "20b0 20b1 20b2 20b3 20b5 20f1", "a30", "20b7", "a800", "20bd 20f3 20f5 20f6", "a40", "2235",
                "a10", "2236", "a16", "25b6", "h100", "2330 2331 2336 2337 2338 2339 233d", "h200", "2335 233b",
                "h800", "2322 2324", "h20", "230c 230e 2329 232c", "gh200", "2342 2348", "l40", "26b5", "l40g", "26b8",
                "l40s", "26b9", "l20", "26b7 26ba", "l2", "27b6", "l4", "27b8", "b200", "2901 2909", "b100", "2920 29bc",
                "gb200", "2941", "b300", "3182", "gb300", "31a1 31c2 31c3", "rtx-pro-6000", "2bb1 2bb4 2bb5");

        private static Map<String, String> table(String... pairs) {
            Map<String, String> m = new java.util.HashMap<>();
            for (int i = 0; i < pairs.length; i += 2) {
                for (String id : pairs[i + 1].split(" ")) {
                    m.put(id, pairs[i]);
                }
            }
            return Map.copyOf(m);
        }

        static String forDeviceId(String id) {
            if (id == null) {
                return "";
            }
            String v = LineReader.trimSpace(id).toLowerCase(Locale.ROOT);
            return BY_DEVICE_ID.getOrDefault(v.startsWith("0x") ? v.substring(2) : v, "");
        }
    }
}
