package aicr.collector;

import aicr.cluster.ClusterReader;
import aicr.cluster.Kubeconfig;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.log.Log;
import aicr.snapshot.Measurement;
import aicr.snapshot.Reading;
import aicr.snapshot.Snapshot;
import aicr.snapshot.Subtype;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Local collection (spec §2.1), what the agent pod runs: every collector concurrently, each
 * within its own time budget, reading the host through one {@link HostRoot}. A collector that
 * fails or runs out of time is logged and left out; the snapshot itself never fails because of
 * one, except for {@code --require-gpu}.
 */
public final class LocalSnapshot {
    private LocalSnapshot() {
    }

    /**
     * @param root             the host's root filesystem
     * @param env              the environment (node name chain, kubeconfig chain)
     * @param version          written to {@code metadata.version} (omitted when empty)
     * @param requireGpu       fail with NOT_FOUND (3) unless a GPU was counted
     * @param maxNodesPerEntry topology node-list truncation (0: none)
     * @param os               the node OS family; {@code talos} reads services and OS from the Node object
     * @param cluster          opens the cluster reader for credentials that resolved
     */
    public record Options(HostRoot root, Map<String, String> env, String version, boolean requireGpu,
                          int maxNodesPerEntry, String os, Function<Kubeconfig, ClusterReader> cluster) {
    }

    /** The order measurements are written in (the reference's launch order; it writes completion order). */
    private static final List<String> ORDER = List.of("k8s", "systemd", "os", "gpu", "topology");

    public static Snapshot capture(Options o) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        if (o.version() != null && !o.version().isEmpty()) {
            metadata.put("version", o.version());
        }
        metadata.put("source-node", nodeName(o.env()));
        List<Measurement> measurements = new ArrayList<>();
        try (ClusterCollectors cluster = new ClusterCollectors(o.env(), o.cluster())) {
            boolean talos = "talos".equals(o.os());
            List<Collector> collectors = List.of(cluster.kubernetes(),
                    talos ? cluster.talosServices() : new SystemdCollector(o.root()),
                    talos ? cluster.talosOs() : new OsCollector(o.root()),
                    new GpuCollector(o.root()), cluster.topology(o.maxNodesPerEntry()));
            Map<String, Measurement> byName = run(collectors);
            for (String name : ORDER) {
                if (byName.get(name) != null) {
                    measurements.add(byName.get(name));
                }
            }
        }
        Snapshot snap = new Snapshot("Snapshot", Snapshot.API_VERSION, metadata, null, measurements);
        if (o.requireGpu() && !hasGpu(snap)) {
            throw new AicrException(ErrorCode.NOT_FOUND, "--require-gpu was set but no GPU was detected "
                    + "(neither NFD PCI enumeration nor nvidia-smi found GPUs)");
        }
        return snap;
    }

    /** The first of NODE_NAME, KUBERNETES_NODE_NAME, HOSTNAME that is set, else "". */
    public static String nodeName(Map<String, String> env) {
        for (String k : List.of("NODE_NAME", "KUBERNETES_NODE_NAME", "HOSTNAME")) {
            String v = env.get(k);
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        return "";
    }

    /** Runs the collectors on threads of their own and waits for each within its budget. */
    private static Map<String, Measurement> run(List<Collector> collectors) {
        ExecutorService pool = Executors.newFixedThreadPool(collectors.size(), r -> {
            Thread t = new Thread(r, "aicr-collector");
            t.setDaemon(true);
            return t;
        });
        try {
            Map<String, Future<Measurement>> futures = new LinkedHashMap<>();
            Map<String, Long> deadlines = new LinkedHashMap<>();
            long start = System.nanoTime();
            for (Collector c : collectors) {
                futures.put(c.name(), pool.submit(c::collect));
                deadlines.put(c.name(), start + c.budget().toNanos());
            }
            Map<String, Measurement> out = new LinkedHashMap<>();
            for (Collector c : collectors) {
                Future<Measurement> f = futures.get(c.name());
                try {
                    long left = Math.max(0, deadlines.get(c.name()) - System.nanoTime());
                    out.put(c.name(), f.get(left, TimeUnit.NANOSECONDS));
                } catch (TimeoutException e) {
                    f.cancel(true);
                    skip(c.name(), new AicrException(ErrorCode.TIMEOUT, c.name() + " collector exceeded its "
                            + c.budget().toSeconds() + "s budget"));
                } catch (ExecutionException e) {
                    skip(c.name(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AicrException(ErrorCode.TIMEOUT, "snapshot collection interrupted");
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void skip(String name, Throwable t) {
        String why = t instanceof AicrException a ? a.render() : String.valueOf(t);
        Log.warn("failed to collect " + name + " - skipping", "collector", name, "error", why);
    }

    /** Some GPU subtype counted a GPU (an integer {@code gpu-count} above zero). */
    static boolean hasGpu(Snapshot snap) {
        for (Measurement m : snap.measurements()) {
            if (!m.type().equals("GPU")) {
                continue;
            }
            for (Subtype st : m.subtypes()) {
                Reading r = st.data().get("gpu-count");
                if (r != null && r.value() instanceof Long n && n > 0) {
                    return true;
                }
            }
        }
        return false;
    }
}
