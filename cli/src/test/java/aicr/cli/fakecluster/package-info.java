/**
 * A fake Kubernetes cluster for tests that drive the CLI against "a cluster" (there is none on
 * the build machine). {@link aicr.cli.fakecluster.FakeCluster} is fabric8's
 * {@code kubernetes-server-mock} in CRUD mode plus what it lacks:
 * <ul>
 *   <li>server-side apply, answered as create-or-merge ({@link aicr.cli.fakecluster.FakeApi});</li>
 *   <li>SelfSubjectAccessReviews, answered "allowed" unless a test denies a verb/resource;</li>
 *   <li>{@code /version}, pod logs, and failure injection (an API that answers 500 for a path);</li>
 *   <li>a fake kubelet ({@link aicr.cli.fakecluster.FakeKubelet}): an informer on Jobs that creates
 *       each Job's pod, asks a pluggable {@link aicr.cli.fakecluster.PodFinisher} how the pod ends
 *       (exit code, termination message, logs, side effects such as writing a ConfigMap, or never),
 *       then marks pod and Job finished; deleting a Job deletes its pods (garbage collection).</li>
 * </ul>
 * Every request is recorded ({@link aicr.cli.fakecluster.FakeCluster#requests()}) so tests can
 * assert the bodies aicr sent and the cleanup it did. The snapshot agent is simulated by
 * {@link aicr.cli.fakecluster.SnapshotAgentFinisher}, which runs aicr-j's own local collectors on a
 * host-root fixture and writes the ConfigMap the way the agent does. Validator Jobs (issue 9) plug
 * in their own finisher.
 */
package aicr.cli.fakecluster;
