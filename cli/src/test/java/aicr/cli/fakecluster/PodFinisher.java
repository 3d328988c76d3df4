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
     */
    record Outcome(int exitCode, String terminationMessage, String logs, String reason) {
        /** The pod never finishes. */
        public static final Outcome NEVER = new Outcome(Integer.MIN_VALUE, "", "", "");

        public static Outcome exit(int code, String logs) {
            return new Outcome(code, "", logs, code == 0 ? "Completed" : "Error");
        }

        boolean never() {
            return this == NEVER;
        }
    }
}
