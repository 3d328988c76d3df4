/**
 * What the rest of the engine needs to know about a cluster without loading the Kubernetes
 * client: where the credentials come from ({@link aicr.cluster.Kubeconfig}) and the reader
 * interface the snapshot collectors use. The client itself lives in {@code aicr.k8s}, reached
 * only when a command actually talks to a cluster.
 */
package aicr.cluster;
