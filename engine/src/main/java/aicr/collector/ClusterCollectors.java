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
        return new Named("k8s", Duration.ofSeconds(60), () -> {
            Log.info("collecting Kubernetes cluster information");
            ClusterReader r = reader();
            if (r == null) {
                Log.warn("kubernetes client unavailable - returning empty K8s measurement", "error", unavailable.render());
                return new Measurement("K8s", List.of(empty("server"), empty("image"), empty("policy"), empty("node")));
            }
            return r.kubernetes();
        });
    }

    Collector topology(int maxNodesPerEntry) {
        return new Named("topology", Duration.ofSeconds(90), () -> {
            Log.info("collecting node topology information");
            ClusterReader r = reader();
            if (r == null) {
                Log.warn("kubernetes client unavailable - returning empty topology measurement", "error", unavailable.render());
                Map<String, Reading> zero = new LinkedHashMap<>();
                zero.put("node-count", new Reading(0L));
                zero.put("taint-count", new Reading(0L));
                zero.put("label-count", new Reading(0L));
                return new Measurement("NodeTopology", List.of(new Subtype("summary", zero, Map.of(), List.of()),
                        empty("taint"), empty("label")));
            }
            return r.topology(maxNodesPerEntry);
        });
    }

    /** Talos has no systemd to ask: the node object stands in (spec §2.8). */
    Collector talosServices() {
        return new Named("systemd", Duration.ofSeconds(10), () -> {
            Log.info("collecting Talos service information from the Node object");
            ClusterReader r = reader();
            if (r == null) {
                Log.warn("kubernetes client unavailable - returning empty SystemD measurement", "error", unavailable.render());
                return new Measurement("SystemD", List.of());
            }
            return r.talosServices();
        });
    }

    Collector talosOs() {
        return new Named("os", Duration.ofSeconds(10), () -> {
            Log.info("collecting Talos OS information from the Node object");
            ClusterReader r = reader();
            if (r == null) {
                Log.warn("kubernetes client unavailable - returning empty OS measurement", "error", unavailable.render());
                return new Measurement("OS", List.of());
            }
            return r.talosOs();
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
