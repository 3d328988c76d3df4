package aicr.collector;

import aicr.gocompat.GoFloat;
import aicr.log.Log;
import aicr.snapshot.Measurement;
import aicr.snapshot.Reading;
import aicr.snapshot.Subtype;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code SystemD} measurement (spec §2.5): every property of the containerd, docker and
 * kubelet units, read from systemd over its private D-Bus socket under the host root. Without
 * the socket the measurement is empty and a line says why, as in the reference.
 */
final class SystemdCollector implements Collector {
    static final List<String> SERVICES = List.of("containerd.service", "docker.service", "kubelet.service");
    private static final List<String> DROPPED = List.of("AllowedCPUs", "AllowedMemoryNodes", "Asserts", "BPFProgram",
            "BusName", "Id");

    private final HostRoot root;

    SystemdCollector(HostRoot root) {
        this.root = root;
    }

    @Override
    public String name() {
        return "systemd";
    }

    @Override
    public Duration budget() {
        return Duration.ofSeconds(10);
    }

    @Override
    public Measurement collect() {
        Log.info("collecting SystemD service configurations");
        Path socket = root.path("/run/systemd/private");
        List<Subtype> subtypes = new ArrayList<>();
        try (SystemdBus bus = SystemdBus.connect(socket)) {
            for (String service : SERVICES) {
                try {
                    Map<String, DbusWire.Variant> props = bus.getAll(SystemdBus.unitPath(service), "");
                    Map<String, Reading> data = new LinkedHashMap<>();
                    props.forEach((k, v) -> {
                        if (!DROPPED.contains(k) && !k.contains("Credential")) {
                            data.put(k, reading(v));
                        }
                    });
                    subtypes.add(new Subtype(service, data, Map.of(), List.of()));
                } catch (IOException e) {
                    Log.warn("failed to collect systemd service - skipping", "service", service, "error", e.getMessage());
                }
            }
        } catch (IOException e) {
            Log.warn("D-Bus not available - no systemd data will be collected", "error",
                    "dial unix " + socket + ": connect: " + reason(e), "hint", "systemd/D-Bus is required for service status collection");
        }
        return new Measurement("SystemD", subtypes);
    }

    private static String reason(IOException e) {
        String m = String.valueOf(e.getMessage());
        if (e instanceof java.nio.file.NoSuchFileException || m.contains("No such file")) {
            return "no such file or directory";
        }
        if (m.contains("Connection refused")) {
            return "connection refused";
        }
        if (m.contains("Permission denied")) {
            return "permission denied";
        }
        return m;
    }

    /** Strings, booleans, int64, uint64 and doubles keep their type; anything else becomes its Go %v text. */
    static Reading reading(DbusWire.Variant v) {
        Object x = v.value();
        return switch (v.signature()) {
            case "s", "b", "x", "d" -> new Reading(x);
            case "t" -> new Reading(x instanceof BigInteger ? x : Long.valueOf(((Number) x).longValue()));
            default -> Reading.of(goValue(x, v.signature()));
        };
    }

    /** Go's %v of the value godbus decodes (structs as slices, dicts as maps with sorted keys). */
    static String goValue(Object x, String sig) {
        if (x instanceof DbusWire.Variant inner) {
            return "@" + inner.signature() + " " + goValue(inner.value(), inner.signature());
        }
        if (x instanceof Double d) {
            return GoFloat.reading(d);
        }
        if (x instanceof Map<?, ?> m) {
            Map<String, String> sorted = new TreeMap<>(Comparator.naturalOrder());
            String elem = sig.length() > 2 ? sig.substring(2, sig.length() - 1) : "";
            List<String> kv = elem.isEmpty() ? List.of("", "") : DbusWire.split(elem);
            m.forEach((k, val) -> sorted.put(goValue(k, kv.get(0)), goValue(val, kv.get(1))));
            StringBuilder sb = new StringBuilder("map[");
            sorted.forEach((k, val) -> sb.append(sb.length() > 4 ? " " : "").append(k).append(':').append(val));
            return sb.append(']').toString();
        }
        if (x instanceof List<?> l) {
            List<String> members = sig.startsWith("(") ? DbusWire.split(sig.substring(1, sig.length() - 1)) : null;
            String elem = sig.startsWith("a") ? sig.substring(1) : "";
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    sb.append(' ');
                }
                sb.append(goValue(l.get(i), members != null && i < members.size() ? members.get(i) : elem));
            }
            return sb.append(']').toString();
        }
        return String.valueOf(x);
    }
}
