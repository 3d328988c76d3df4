package aicr.cli.fakecluster;

import aicr.cluster.Kubeconfig;
import aicr.collector.HostRoot;
import aicr.collector.LocalSnapshot;
import aicr.io.Document;
import aicr.k8s.ConfigMaps;
import aicr.snapshot.Snapshot;
import aicr.snapshot.SnapshotWriter;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Plays the snapshot agent inside the fake pod: aicr-j's local collectors run on a host-root
 * fixture (with the pod's node name and the fake cluster as "in-cluster" API), and the snapshot
 * is written, server-side applied, to the ConfigMap named by the Job's {@code -o} argument —
 * exactly what {@code AICR_AGENT_MODE=true aicr snapshot -o cm://...} does in the real pod.
 */
public final class SnapshotAgentFinisher implements PodFinisher {
    private final Path hostRoot;
    private final String nodeName;

    public SnapshotAgentFinisher(Path hostRoot, String nodeName) {
        this.hostRoot = hostRoot;
        this.nodeName = nodeName;
    }

    @Override
    public Outcome finish(FakeCluster cluster, Job job, Pod pod) {
        Container c = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        List<String> args = c.getArgs();
        String uri = args.get(args.indexOf("-o") + 1);
        Map<String, String> env = Map.of("NODE_NAME", nodeName, "KUBECONFIG", cluster.kubeconfig().toString());
        Snapshot snap = LocalSnapshot.capture(new LocalSnapshot.Options(HostRoot.of(hostRoot.toString()), env, "dev", false,
                0, "", (Kubeconfig k) -> aicr.k8s.collect.ClusterReaders.open(k, env)));
        String yaml = SnapshotWriter.render(snap, "yaml");
        ConfigMaps.write(uri, new Document(yaml, "yaml", "Snapshot", "dev", snap.metadata().get("timestamp")),
                cluster.kubeconfig().toString());
        return Outcome.exit(0, "[agent] snapshot written to " + uri + "\n");
    }
}
