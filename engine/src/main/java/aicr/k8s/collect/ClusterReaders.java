package aicr.k8s.collect;

import aicr.cluster.ClusterReader;
import aicr.cluster.Kubeconfig;
import aicr.k8s.KubeSession;

/** Opens the collectors' cluster reader on the Kubernetes client. */
public final class ClusterReaders {
    private ClusterReaders() {
    }

    /**
     * A reader for resolved credentials; building the client can fail (INTERNAL), which the
     * collectors log. {@code env} names this node (NODE_NAME, KUBERNETES_NODE_NAME, HOSTNAME).
     */
    public static ClusterReader open(Kubeconfig source, java.util.Map<String, String> env) {
        return new KubeReadings(KubeSession.open(source), env);
    }
}
