package aicr.cli.fakecluster;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fake kubelet (and Job and garbage-collection controllers): an informer on Jobs. For each
 * new Job it creates one pod from the template, asks the {@link PodFinisher} registered for the
 * Job's name (longest matching prefix; default: exit 0) how it ends, and then marks the pod's
 * container terminated and the Job Complete or Failed. Deleting a Job deletes its pods.
 */
public final class FakeKubelet implements AutoCloseable {
    private final FakeCluster cluster;
    private final Map<String, PodFinisher> finishers = new ConcurrentHashMap<>();
    private final ExecutorService work = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-kubelet");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger seq = new AtomicInteger();
    private SharedIndexInformer<Job> informer;

    FakeKubelet(FakeCluster cluster) {
        this.cluster = cluster;
    }

    /** How pods of Jobs whose name starts with {@code jobNamePrefix} end ("" for every Job). */
    public void on(String jobNamePrefix, PodFinisher f) {
        finishers.put(jobNamePrefix, f);
    }

    void start() {
        informer = cluster.client().batch().v1().jobs().inAnyNamespace().inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Job job) {
                work.submit(() -> run(job));
            }

            @Override
            public void onUpdate(Job oldJob, Job newJob) {
                // status updates are ours
            }

            @Override
            public void onDelete(Job job, boolean unknownFinalState) {
                // one by one, as the garbage collector does: each deletion is a watch event
                var pods = cluster.client().pods().inNamespace(job.getMetadata().getNamespace());
                for (Pod p : pods.withLabel("job-name", job.getMetadata().getName()).list().getItems()) {
                    pods.withName(p.getMetadata().getName()).delete();
                }
            }
        });
    }

    private PodFinisher finisher(String jobName) {
        String best = null;
        for (String prefix : finishers.keySet()) {
            if (jobName.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return best == null ? (c, j, p) -> PodFinisher.Outcome.exit(0, "") : finishers.get(best);
    }

    private void run(Job job) {
        try {
            String ns = job.getMetadata().getNamespace();
            String name = job.getMetadata().getName();
            Map<String, String> labels = new LinkedHashMap<>();
            if (job.getSpec().getTemplate().getMetadata() != null && job.getSpec().getTemplate().getMetadata().getLabels() != null) {
                labels.putAll(job.getSpec().getTemplate().getMetadata().getLabels());
            }
            labels.put("job-name", name);
            labels.put("batch.kubernetes.io/job-name", name);
            Pod pod = new PodBuilder().withNewMetadata().withName(name + "-" + String.format("%05d", seq.incrementAndGet()))
                    .withNamespace(ns).withLabels(labels).withCreationTimestamp(Instant.now().toString())
                    .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("batch/v1").withKind("Job").withName(name)
                            .withUid(job.getMetadata().getUid()).withController(true).build())
                    .endMetadata().withSpec(job.getSpec().getTemplate().getSpec())
                    .withNewStatus().withPhase("Pending").endStatus().build();
            pod = cluster.client().pods().inNamespace(ns).resource(pod).create();
            PodFinisher.Outcome out = finisher(name).finish(cluster, job, pod);
            if (out.never()) {
                return;
            }
            if (out.waiting() != null) {
                deadlineExceeded(ns, name, pod, out);
                return;
            }
            cluster.api().putLogs(ns, pod.getMetadata().getName(), out.logs());
            String container = out.container() != null ? out.container() : pod.getSpec().getContainers().get(0).getName();
            Pod done = new PodBuilder(cluster.client().pods().inNamespace(ns).withName(pod.getMetadata().getName()).get())
                    .editStatus().withPhase(out.exitCode() == 0 ? "Succeeded" : "Failed")
                    .withContainerStatuses(new ContainerStatusBuilder().withName(container).withReady(false)
                            .withNewState().withNewTerminated().withExitCode(out.exitCode()).withReason(out.reason())
                            .withMessage(out.terminationMessage().isEmpty() ? null : out.terminationMessage())
                            .withStartedAt(Instant.now().toString()).withFinishedAt(Instant.now().toString())
                            .endTerminated().endState().build()).endStatus().build();
            cluster.client().pods().inNamespace(ns).resource(done).updateStatus();
            Job current = cluster.client().batch().v1().jobs().inNamespace(ns).withName(name).get();
            if (current == null) {
                return;
            }
            boolean ok = out.exitCode() == 0;
            Job finished = new io.fabric8.kubernetes.api.model.batch.v1.JobBuilder(current).editOrNewStatus()
                    .withSucceeded(ok ? 1 : 0).withFailed(ok ? 0 : 1)
                    .withConditions(new JobConditionBuilder().withType(ok ? "Complete" : "Failed").withStatus("True")
                            .withReason(ok ? null : "BackoffLimitExceeded")
                            .withMessage(ok ? null : "Job has reached the specified backoff limit").build())
                    .endStatus().build();
            cluster.client().batch().v1().jobs().inNamespace(ns).resource(finished).updateStatus();
        } catch (RuntimeException e) {
            // a Job deleted while its pod was being finished: nothing left to report to
            System.err.println("[fake-kubelet] " + e);
        }
    }

    /**
     * A pod that never ran: its container waiting (or, unscheduled, no status at all); the Job
     * controller then fails the Job with DeadlineExceeded, as when activeDeadlineSeconds pass.
     */
    private void deadlineExceeded(String ns, String name, Pod pod, PodFinisher.Outcome out) {
        var status = new PodBuilder(cluster.client().pods().inNamespace(ns).withName(pod.getMetadata().getName()).get())
                .editStatus().withPhase("Pending");
        if (!out.waiting().isEmpty()) {
            String container = out.container() != null ? out.container() : pod.getSpec().getContainers().get(0).getName();
            status.withContainerStatuses(new ContainerStatusBuilder().withName(container).withReady(false).withNewState()
                    .withNewWaiting().withReason(out.waiting()).withMessage(out.terminationMessage()).endWaiting().endState().build());
        } else {
            status.addNewCondition().withType("PodScheduled").withStatus("False").withReason("Unschedulable")
                    .withMessage("0/2 nodes are available").endCondition();
        }
        cluster.client().pods().inNamespace(ns).resource(status.endStatus().build()).updateStatus();
        Job current = cluster.client().batch().v1().jobs().inNamespace(ns).withName(name).get();
        if (current == null) {
            return;
        }
        cluster.client().batch().v1().jobs().inNamespace(ns).resource(new io.fabric8.kubernetes.api.model.batch.v1.JobBuilder(current)
                .editOrNewStatus().withFailed(1).withConditions(new JobConditionBuilder().withType("Failed").withStatus("True")
                        .withReason("DeadlineExceeded").withMessage("Job was active longer than specified deadline").build())
                .endStatus().build()).updateStatus();
    }

    @Override
    public void close() {
        if (informer != null) {
            informer.close();
        }
        work.shutdownNow();
    }
}
