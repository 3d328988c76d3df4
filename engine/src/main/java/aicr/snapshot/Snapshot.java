package aicr.snapshot;

import aicr.io.Node;
import java.util.List;
import java.util.Map;

/**
 * A snapshot document (spec §1.1). The fingerprint is kept only as the parsed tree: it is
 * advisory and never trusted by consumers.
 */
public record Snapshot(String kind, String apiVersion, Map<String, String> metadata, Node fingerprint,
                       List<Measurement> measurements) {

    public static final String API_VERSION = "aicr.run/v1alpha2";

    /** The measurement types a constraint path may name, in the reference's order. */
    public static final List<String> TYPES = List.of("K8s", "GPU", "OS", "SystemD", "NodeTopology", "NetworkTopology");

    public Snapshot {
        metadata = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
        measurements = List.copyOf(measurements);
    }

    /** The first measurement of that type, as the reference's lookups take it; null if none. */
    public Measurement measurement(String type) {
        for (Measurement m : measurements) {
            if (m.type().equals(type)) {
                return m;
            }
        }
        return null;
    }
}
