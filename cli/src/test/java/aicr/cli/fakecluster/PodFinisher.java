package aicr.cli.fakecluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/**
 * How the fake kubelet ends a Job's pod. Called on a kubelet thread once the pod exists; it may
 * do side effects on the cluster (write a ConfigMap) and returns how the container terminated,
 * or {@link Outcome#NEVER} to leave the pod running forever (timeouts, Ctrl-C).
 */
@FunctionalInterface
public interface PodFinisher {
    Outcome finish(FakeCluster cluster, Job job, Pod pod);

    /**
     * @param exitCode           the container's exit code (0: Job Complete, else Job Failed)
     * @param terminationMessage the container's termination message ("" for none)
     * @param logs               what {@code kubectl logs} shows
     * @param reason             the terminated state's reason ({@code Completed}, {@code Error}, {@code OOMKilled})
     * @param container          the name the container status is reported under (null: the pod's first container)
     * @param waiting            non-null: the container never ran, it waits with this reason (e.g. ImagePullBackOff),
     *                           or, when "", the pod was never scheduled (no container status); the Job then fails
     *                           as if its active deadline had passed
     */
    record Outcome(int exitCode, String terminationMessage, String logs, String reason, String container, String waiting) {
        /** The pod never finishes. */
        public static final Outcome NEVER = new Outcome(Integer.MIN_VALUE, "", "", "");

        public Outcome(int exitCode, String terminationMessage, String logs, String reason) {
            this(exitCode, terminationMessage, logs, reason, null, null);
        }

        public static Outcome exit(int code, String logs) {
            return new Outcome(code, "", logs, code == 0 ? "Completed" : "Error");
        }

        /** Exit {@code code} with a termination message. */
        public static Outcome exit(int code, String message, String logs) {
            return new Outcome(code, message, logs, code == 0 ? "Completed" : "Error");
        }

        /** Killed for memory (exit 137). */
        public static Outcome oomKilled(String logs) {
            return new Outcome(137, "", logs, "OOMKilled");
        }

        /** The container waits forever ({@code reason: message}), until the Job's deadline fails it. */
        public static Outcome waiting(String reason, String message) {
            return new Outcome(-1, message, "", "", null, reason);
        }

        /** The pod is never scheduled (Pending, no container status) until the Job's deadline fails it. */
        public static Outcome unscheduled() {
            return new Outcome(-1, "", "", "", null, "");
        }

        /** The same outcome reported under another container name (a broken validator package). */
        public Outcome inContainer(String name) {
            return new Outcome(exitCode, terminationMessage, logs, reason, name, waiting);
        }

        boolean never() {
            return this == NEVER;
        }
    }
}
