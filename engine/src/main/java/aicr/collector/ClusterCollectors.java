package aicr.collector;

import aicr.cluster.ClusterReader;
import aicr.cluster.Kubeconfig;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.log.Log;
import aicr.snapshot.Measurement;
import aicr.snapshot.Reading;
import aicr.snapshot.Subtype;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The collectors that read the cluster (K8s, NodeTopology, and the Talos stand-ins for SystemD
 * and OS). They share one client, opened on first use; without credentials each logs the
 * reason and returns its empty measurement, as the reference's agent does outside a cluster.
 */
final class ClusterCollectors implements AutoCloseable {
    private final Map<String, String> env;
    private final Function<Kubeconfig, ClusterReader> opener;
    private ClusterReader reader;
    private AicrException unavailable;
    private boolean resolved;

    ClusterCollectors(Map<String, String> env, Function<Kubeconfig, ClusterReader> opener) {
        this.env = env;
        this.opener = opener;
    }

    /** The shared reader, or null (with the reason kept) when no client can be built. */
    synchronized ClusterReader reader() {
        if (!resolved) {
            resolved = true;
            try {
                // the agent always uses the default chain (no -k), like the reference's collectors
                reader = opener.apply(Kubeconfig.resolve(null, env));
            } catch (AicrException e) {
                unavailable = new AicrException(ErrorCode.INTERNAL, "failed to get kubernetes client", e);
            }
        }
        return reader;
    }

    Collector kubernetes() {
        return viaReader("k8s", 60, "Kubernetes cluster information", "K8s",
                () -> new Measurement("K8s", List.of(empty("server"), empty("image"), empty("policy"), empty("node"))),
                ClusterReader::kubernetes);
    }

    Collector topology(int maxNodesPerEntry) {
        return viaReader("topology", 90, "node topology information", "topology", () -> {
            Map<String, Reading> zero = new LinkedHashMap<>();
            zero.put("node-count", new Reading(0L));
            zero.put("taint-count", new Reading(0L));
            zero.put("label-count", new Reading(0L));
            return new Measurement("NodeTopology", List.of(new Subtype("summary", zero, Map.of(), List.of()),
                    empty("taint"), empty("label")));
        }, r -> r.topology(maxNodesPerEntry));
    }

    /** Talos has no systemd to ask: the node object stands in (spec §2.8). */
    Collector talosServices() {
        return viaReader("systemd", 10, "Talos service information from the Node object", "SystemD",
                () -> new Measurement("SystemD", List.of()), ClusterReader::talosServices);
    }

    Collector talosOs() {
        return viaReader("os", 10, "Talos OS information from the Node object", "OS",
                () -> new Measurement("OS", List.of()), ClusterReader::talosOs);
    }

    /** A collector that reads through the shared client, or logs why not and returns its empty form. */
    private Collector viaReader(String name, int budgetSeconds, String what, String emptyName,
                                java.util.function.Supplier<Measurement> empty, Function<ClusterReader, Measurement> read) {
        return new Named(name, Duration.ofSeconds(budgetSeconds), () -> {
            Log.info("collecting " + what);
            ClusterReader r = reader();
            if (r == null) {
                Log.warn("kubernetes client unavailable - returning empty " + emptyName + " measurement", "error",
                        unavailable.render());
                return empty.get();
            }
            return read.apply(r);
        });
    }

    private static Subtype empty(String name) {
        return new Subtype(name, Map.of(), Map.of(), List.of());
    }

    @Override
    public synchronized void close() {
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }

    private interface Body {
        Measurement collect() throws Exception;
    }

    private record Named(String name, Duration budget, Body body) implements Collector {
        @Override
        public Measurement collect() throws Exception {
            return body.collect();
        }
    }
}
