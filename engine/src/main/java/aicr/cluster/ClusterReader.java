package aicr.cluster;

import aicr.snapshot.Measurement;

/**
 * The collectors' view of the cluster (the K8s and NodeTopology measurements, and the node
 * readings that stand in for SystemD and OS on Talos). Implemented with the Kubernetes client
 * in {@code aicr.k8s.collect}; this interface keeps the local collectors free of it.
 */
public interface ClusterReader extends AutoCloseable {
    /** The {@code K8s} measurement: server, image, policy and node subtypes (spec §2.2). */
    aicr.snapshot.Measurement kubernetes();

    /** The {@code NodeTopology} measurement (spec §2.6). */
    Measurement topology(int maxNodesPerEntry);

    /** Talos: the {@code SystemD} measurement from the Node object (spec §2.8). */
    Measurement talosServices();

    /** Talos: the {@code OS} measurement from the Node object (spec §2.8). */
    Measurement talosOs();

    @Override
    void close();
}
