package aicr.k8s.validate;

import aicr.errors.AicrException;
import aicr.gocompat.GoDuration;
import aicr.io.Interrupts;
import aicr.k8s.Apply;
import aicr.k8s.Jobs;
import aicr.k8s.KubeErrors;
import aicr.k8s.KubeSession;
import aicr.log.Log;
import aicr.validate.ValidatorCatalog;
import aicr.validate.ValidatorResult;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One validator's Job (spec §5.7 step 3): applied server-side, watched until it is Complete or
 * Failed (up to the entry's timeout + 30 s), its result read from the pod's {@code validator}
 * container (exit code, termination message, log tail), then deleted with its pod.
 */
final class ValidatorJob {
    static final Duration WAIT_BUFFER = Duration.ofSeconds(30);
    static final Duration POD_TERMINATION_WAIT = Duration.ofSeconds(60);

    private final KubeSession s;
    private final String ns;
    private final ValidatorCatalog.Entry entry;
    private final Job job;

    ValidatorJob(KubeSession s, String ns, ValidatorCatalog.Entry entry, Job job) {
        this.s = s;
        this.ns = ns;
        this.entry = entry;
        this.job = job;
    }

    String name() {
        return job.getMetadata().getName();
    }

    /** Applies the Job; the result of a failed apply, or null once it is applied. */
    ValidatorResult deploy() {
        try {
            s.client().resource(job).fieldManager(Apply.FIELD_MANAGER).forceConflicts().serverSideApply();
        } catch (RuntimeException e) {
            Log.warn("failed to deploy validator Job", "name", entry.name(), "error", KubeErrors.describe(e, s.server()));
            return ValidatorResult.of(entry.name(), entry.phase(), -1, "failed to deploy Job: [INTERNAL] failed to apply Job "
                    + name() + ": " + KubeErrors.describe(e, s.server()));
        }
        Log.debug("validator Job applied", "job", name(), "validator", entry.name(), "namespace", ns);
        return null;
    }

    /**
     * Waits for the applied Job and extracts its result; never throws for what the validator or
     * its pod did. A signal (SIGINT, SIGTERM) ends the wait with TIMEOUT instead of a result, so
     * the run stops rather than going on to the next validator.
     */
    ValidatorResult await() {
        Duration timeout = ValidatorObjects.timeout(entry);
        try {
            Jobs.awaitTerminal(s, ns, name(), timeout.plus(WAIT_BUFFER));
        } catch (AicrException e) {
            Interrupts.checkpoint();
            return timedOut(timeout);
        }
        return extract();
    }

    /** The result of a Job that reached a terminal state. */
    private ValidatorResult extract() {
        Pod pod;
        try {
            pod = pod();
        } catch (RuntimeException e) {
            return fail("pod not found for Job " + name() + ": " + KubeErrors.describe(e, s.server()));
        }
        if (pod == null) {
            return fail("pod not found for Job " + name() + ": no pod matches job-name=" + name());
        }
        ContainerStatus cs = container(pod);
        if (cs == null) {
            return fail("container \"" + ValidatorObjects.CONTAINER + "\" not found (validator package contract)");
        }
        ContainerState st = cs.getState();
        if (st != null && st.getTerminated() != null) {
            var t = st.getTerminated();
            String msg = "OOMKilled".equals(t.getReason()) ? "Container OOMKilled" : t.getMessage();
            return new ValidatorResult(entry.name(), entry.phase(), t.getExitCode() == null ? -1 : t.getExitCode(), msg,
                    millis(t.getStartedAt(), t.getFinishedAt()), logs(pod));
        }
        if (st != null && st.getWaiting() != null) {
            return fail(nz(st.getWaiting().getReason()) + ": " + nz(st.getWaiting().getMessage()));
        }
        return new ValidatorResult(entry.name(), entry.phase(), -1, "container still running after wait completed", 0, logs(pod));
    }

    /** The result when the wait ran out (or failed): whatever the pod shows, else a timeout. */
    private ValidatorResult timedOut(Duration timeout) {
        Pod pod;
        try {
            pod = pod();
        } catch (RuntimeException e) {
            pod = null;
        }
        if (pod == null) {
            return fail("pod never reached running state");
        }
        String limit = GoDuration.format(timeout);
        ContainerStatus cs = container(pod);
        if (cs == null) {
            return fail("timeout: validator did not complete within " + limit + " (container \"" + ValidatorObjects.CONTAINER
                    + "\" not found - validator package contract)");
        }
        List<String> out = logs(pod);
        if (cs.getState() != null && cs.getState().getTerminated() != null) {
            var t = cs.getState().getTerminated();
            return new ValidatorResult(entry.name(), entry.phase(), t.getExitCode() == null ? -1 : t.getExitCode(), t.getMessage(),
                    millis(t.getStartedAt(), t.getFinishedAt()), out);
        }
        return new ValidatorResult(entry.name(), entry.phase(), -1, "timeout: validator did not complete within " + limit, 0, out);
    }

    private ValidatorResult fail(String message) {
        return ValidatorResult.of(entry.name(), entry.phase(), -1, message);
    }

    /** The newest pod of the Job, or null. */
    private Pod pod() {
        List<Pod> pods = s.client().pods().inNamespace(ns).withLabel("job-name", name()).list().getItems();
        return pods.stream().max(Comparator.comparing(p -> String.valueOf(p.getMetadata().getCreationTimestamp()))).orElse(null);
    }

    private static ContainerStatus container(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return null;
        }
        return pod.getStatus().getContainerStatuses().stream().filter(c -> ValidatorObjects.CONTAINER.equals(c.getName()))
                .findFirst().orElse(null);
    }

    private List<String> logs(Pod pod) {
        try {
            String text = s.client().pods().inNamespace(ns).withName(pod.getMetadata().getName())
                    .inContainer(ValidatorObjects.CONTAINER).getLog();
            return ValidatorResult.logLines(text);
        } catch (RuntimeException e) {
            Log.warn("failed to capture pod logs", "pod", pod.getMetadata().getName(), "error", KubeErrors.describe(e, s.server()));
            return List.of();
        }
    }

    private static long millis(String started, String finished) {
        try {
            return Duration.between(Instant.parse(started), Instant.parse(finished)).toMillis();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /**
     * Deletes the Job (foreground) and waits up to a minute for its pod to end; failures are
     * logged. The pod watch starts before the deletion (an informer returns once it has listed
     * and is watching), so a pod removed right after the Job is never missed.
     */
    void delete() {
        // the pods of the Job (a label watch): done once none is left or all have ended
        var ended = s.client().pods().inNamespace(ns).withLabel("job-name", name()).informOnCondition(
                pods -> pods.stream().allMatch(p -> p.getStatus() != null && List.of("Succeeded", "Failed").contains(p.getStatus().getPhase())));
        try {
            try {
                s.client().batch().v1().jobs().inNamespace(ns).withName(name()).withPropagationPolicy(DeletionPropagation.FOREGROUND)
                        .delete();
            } catch (RuntimeException e) {
                if (KubeErrors.status(e) != 404) {
                    Log.warn("failed to cleanup Job", "name", entry.name(), "error", KubeErrors.describe(e, s.server()));
                }
                return;
            }
            ended.get(POD_TERMINATION_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            Log.warn("failed to wait for pod termination", "name", entry.name(), "error", e instanceof java.util.concurrent.TimeoutException
                    ? "pods of Job " + name() + " still running after " + POD_TERMINATION_WAIT.toSeconds() + "s"
                    : KubeErrors.describe(e, s.server()));
        } finally {
            ended.cancel(true);
        }
    }
}
