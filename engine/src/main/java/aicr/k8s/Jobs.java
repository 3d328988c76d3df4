package aicr.k8s;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Job helpers shared by the snapshot agent and validator Jobs: waits are watches (fabric8's
 * informer-backed {@code waitUntilCondition}), never polling loops.
 */
public final class Jobs {
    private Jobs() {
    }

    /** Deletes a Job and its pods (foreground propagation); true when it existed. */
    public static boolean deleteForeground(KubeSession s, String ns, String name) {
        var deleted = s.client().batch().v1().jobs().inNamespace(ns).withName(name)
                .withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();
        return deleted != null && !deleted.isEmpty();
    }

    /** Waits until the Job is gone; TIMEOUT after {@code timeout}. */
    public static void awaitDeleted(KubeSession s, String ns, String name, Duration timeout) {
        try {
            s.client().batch().v1().jobs().inNamespace(ns).withName(name)
                    .waitUntilCondition(j -> j == null, timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (KubernetesClientTimeoutException e) {
            throw new AicrException(ErrorCode.TIMEOUT, "timeout waiting for Job deletion",
                    new IllegalStateException("Job " + ns + "/" + name + " still exists after " + timeout.toSeconds() + "s"));
        }
    }

    /**
     * Waits for the Job to reach a terminal state (condition Complete or Failed) and returns it.
     * A wait that runs out is TIMEOUT (5); a Job deleted meanwhile is INTERNAL.
     */
    public static Job awaitTerminal(KubeSession s, String ns, String name, Duration timeout) {
        Job j;
        try {
            j = s.client().batch().v1().jobs().inNamespace(ns).withName(name)
                    .waitUntilCondition(x -> x == null || terminal(x), timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (KubernetesClientTimeoutException e) {
            throw new AicrException(ErrorCode.TIMEOUT, "job completion timeout",
                    new IllegalStateException("Job " + ns + "/" + name + " did not finish within " + aicr.gocompat.GoDuration.format(timeout)));
        } catch (RuntimeException e) {
            if (KubeErrors.isTimeout(e)) {
                throw new AicrException(ErrorCode.TIMEOUT, "job completion timeout", e);
            }
            throw new AicrException(ErrorCode.INTERNAL, "failed to watch Job", new IllegalStateException(
                    KubeErrors.describe(e, s.server())));
        }
        if (j == null) {
            throw new AicrException(ErrorCode.INTERNAL, "Job was deleted before reaching terminal state");
        }
        return j;
    }

    /** A Job condition Complete or Failed with status True. */
    public static boolean terminal(Job j) {
        return condition(j, "Complete") != null || condition(j, "Failed") != null;
    }

    /** The True condition of that type, or null. */
    public static JobCondition condition(Job j, String type) {
        if (j.getStatus() == null || j.getStatus().getConditions() == null) {
            return null;
        }
        for (JobCondition c : j.getStatus().getConditions()) {
            if (type.equals(c.getType()) && "True".equals(c.getStatus())) {
                return c;
            }
        }
        return null;
    }

    /** The newest pod of the selector, failed ones included (for logs after a failure), or null. */
    public static Pod newestPod(KubeSession s, String ns, String labelSelector) {
        List<Pod> pods = s.client().pods().inNamespace(ns).withLabelSelector(labelSelector).list().getItems();
        return pods.stream().max(Comparator.comparing(p -> String.valueOf(p.getMetadata().getCreationTimestamp()))).orElse(null);
    }

    /** The pod's log (one container), "" when it cannot be read. */
    public static String logs(KubeSession s, String ns, String pod) {
        try {
            String l = s.client().pods().inNamespace(ns).withName(pod).getLog();
            return l == null ? "" : l;
        } catch (RuntimeException e) {
            return "";
        }
    }
}
