package aicr.k8s.validate;

import aicr.BuildInfo;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.gocompat.GoDuration;
import aicr.io.Interrupts;
import aicr.io.JsonWriter;
import aicr.io.YamlWriter;
import aicr.k8s.Apply;
import aicr.k8s.KubeErrors;
import aicr.k8s.KubeSession;
import aicr.k8s.agent.SnapshotAgent;
import aicr.log.Log;
import aicr.recipe.ComponentRef;
import aicr.recipe.Phase;
import aicr.recipe.RecipeResult;
import aicr.recipe.Recipes;
import aicr.snapshot.Snapshot;
import aicr.snapshot.SnapshotWriter;
import aicr.validate.ClusterValidation;
import aicr.validate.CtrfReport;
import aicr.validate.DependencyAffinities;
import aicr.validate.GpuAllocationPolicy;
import aicr.validate.LiveSettings;
import aicr.validate.ValidateRun;
import aicr.validate.ValidationInput;
import aicr.validate.ValidatorCatalog;
import aicr.validate.ValidatorImages;
import aicr.validate.ValidatorResult;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Live {@code aicr validate} (spec §5.7): one Kubernetes session for the command; the snapshot
 * agent when no snapshot is given; then, per run, the namespace, the validators' RBAC and the
 * data ConfigMaps, one Job per selected validator of each phase in turn, one CTRF ConfigMap per
 * phase, and a final cleanup of everything the run created — also on errors and on Ctrl-C.
 */
public final class LiveValidation implements ClusterValidation {
    static final Duration CLEANUP_BOUND = Duration.ofSeconds(30);
    private static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");

    private final LiveSettings settings;
    private final String kubeconfig;
    private final String runId = ValidateRun.runId();
    private KubeSession session;
    private final AtomicBoolean touched = new AtomicBoolean();
    private final AtomicBoolean cleaned = new AtomicBoolean();
    private volatile ValidatorJob current;
    /**
     * Held while an object of the run is applied and while cleanup runs: a cleanup on the
     * shutdown hook's thread (Ctrl-C) waits for an apply in flight and then deletes it, and once
     * cleanup began nothing new is applied.
     */
    private final Object lifecycle = new Object();
    /** What this run applied (kind → names): cleanup deletes only these. */
    private final java.util.Set<String> created = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private LiveValidation(LiveSettings settings, String kubeconfig) {
        this.settings = settings;
        this.kubeconfig = kubeconfig;
    }

    /** Live validation for these options; nothing is contacted until a cluster step runs. */
    public static ClusterValidation create(ValidateRun.Options o) {
        return new LiveValidation(o.live(), o.kubeconfig());
    }

    @Override
    public String banner() {
        return "validating against the live cluster — validator Jobs will be deployed to the active kube-context";
    }

    @Override
    public String runId() {
        return runId;
    }

    private KubeSession session() {
        if (session == null) {
            try {
                session = KubeSession.open(kubeconfig);
            } catch (AicrException e) {
                throw AicrException.propagate(ErrorCode.INTERNAL, "failed to create kubernetes client", e);
            }
        }
        return session;
    }

    @Override
    public Snapshot captureSnapshot(ValidateRun.Options options) {
        Log.info("deploying agent to capture snapshot");
        KubeSession s = session();
        try {
            s.client().namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
                    .withName(settings.namespace()).endMetadata().build()).create();
        } catch (RuntimeException e) {
            if (KubeErrors.status(e) != 409) {
                throw new AicrException(ErrorCode.INTERNAL, "failed to create namespace", new IllegalStateException(
                        KubeErrors.describe(e, s.server())));
            }
        }
        try {
            return SnapshotAgent.captureSnapshot(s, settings.agent());
        } catch (AicrException e) {
            throw new AicrException(ErrorCode.INTERNAL, "failed to capture snapshot", e);
        }
    }

    @Override
    public List<PhaseResult> runPhases(ValidateRun.Options o, RecipeResult recipe, Snapshot snapshot, List<String> phases,
                                       ValidatorCatalog catalog) {
        String policy = GpuAllocationPolicy.resolve(recipe, Recipes.store(o.dataDir(), false).data());
        if (!settings.cleanup()) {
            Log.warn("--no-cleanup keeps the validators' ServiceAccount bound to cluster-admin; delete it when done",
                    "clusterRoleBinding", ValidatorObjects.serviceAccountName(runId), "runID", runId);
        }
        KubeSession s = session();
        // Ctrl-C (any JVM shutdown) still removes what the run created
        Thread hook = new Thread(this::cleanup, "aicr-validate-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            prepare(s, recipe, snapshot, policy);
            List<PhaseResult> results = new ArrayList<>();
            boolean failing = false;
            for (String p : phases) {
                if (failing && o.failFast()) {
                    Log.info("skipping phase due to fail-fast", "phase", p);
                    results.add(new PhaseResult(p, CtrfReport.skipped(BuildInfo.VERSION, p, catalog.forPhase(p),
                            "skipped due to previous phase failure", System.currentTimeMillis()), CtrfReport.SKIPPED, "0s"));
                    continue;
                }
                PhaseResult r = runPhase(s, p, recipe, catalog, o.timestamps());
                results.add(r);
                failing |= r.status().equals(CtrfReport.FAILED) || r.status().equals(CtrfReport.OTHER);
            }
            Log.info("all phases completed", "runID", runId, "phases", results.size());
            return results;
        } finally {
            cleanup();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // shutting down: the hook runs and finds the cleanup done
            }
        }
    }

    /** Namespace, RBAC and the data ConfigMaps, each server-side applied. */
    private void prepare(KubeSession s, RecipeResult recipe, Snapshot snapshot, String policy) {
        touched.set(true);
        String ns = settings.namespace();
        step(s, "failed to apply namespace", () -> guarded(null, () -> apply(s, ValidatorObjects.namespace(ns))));
        step(s, "failed to ensure RBAC", "failed to apply ServiceAccount",
                () -> guarded("ServiceAccount", () -> apply(s, ValidatorObjects.serviceAccount(ns, runId))));
        step(s, "failed to ensure RBAC", "failed to apply ClusterRoleBinding",
                () -> guarded("ClusterRoleBinding", () -> apply(s, ValidatorObjects.clusterRoleBinding(ns, runId))));
        String snapshotYaml = SnapshotWriter.render(snapshot, "yaml");
        String inputYaml = YamlWriter.write(ValidationInput.of(recipe, policy), false);
        String snapshotMap = ValidatorObjects.snapshotConfigMap(runId);
        step(s, "failed to create data ConfigMaps", "failed to apply ConfigMap " + snapshotMap, () -> guarded(snapshotMap,
                () -> apply(s, ValidatorObjects.dataConfigMap(ns, runId, snapshotMap, "snapshot.yaml", snapshotYaml))));
        String inputMap = ValidatorObjects.validationConfigMap(runId);
        step(s, "failed to create data ConfigMaps", "failed to apply ConfigMap " + inputMap, () -> guarded(inputMap,
                () -> apply(s, ValidatorObjects.dataConfigMap(ns, runId, inputMap, "validation.yaml", inputYaml))));
        Log.debug("validation run prepared", "runID", runId, "namespace", ns);
    }

    private PhaseResult runPhase(KubeSession s, String phase, RecipeResult recipe, ValidatorCatalog catalog, boolean timestamps) {
        long start = System.currentTimeMillis();
        long t0 = System.nanoTime();
        List<ValidatorCatalog.Entry> all = catalog.forPhase(phase);
        List<ValidatorCatalog.Entry> entries = selected(all, recipe, phase);
        Log.info("running validation phase", "phase", phase, "catalog", all.size(), "selected", entries.size());
        List<ComponentRef> refs = recipe.componentRefs();
        for (ValidatorCatalog.Entry e : entries) {
            String job = "aicr-" + e.name() + "-00000000";
            if (!DNS_LABEL.matcher(e.name()).matches() || job.length() > 63) {
                throw new AicrException(ErrorCode.INVALID_REQUEST, "invalid validator name \"" + e.name() + "\": live runs need "
                        + "a lowercase DNS label (a-z, 0-9, '-') short enough for a 63-character Job name");
            }
        }
        DependencyAffinities.preflight(entries, refs);
        List<ValidatorResult> results = new ArrayList<>();
        for (ValidatorCatalog.Entry e : entries) {
            Log.info("running validator", "name", e.name(), "phase", phase);
            DependencyAffinities.warnDropped(e, refs);
            String image = ValidatorImages.resolve(e.image(), BuildInfo.VERSION, "", settings.tagOverride(),
                    settings.registryOverride());
            ValidatorJob j = new ValidatorJob(s, settings.namespace(), e, ValidatorObjects.job(ValidatorObjects.jobName(e.name()),
                    e, image, runId, settings, refs, BuildInfo.VERSION, ""));
            ValidatorResult failed = guarded(null, () -> {
                current = j;
                return j.deploy();
            });
            ValidatorResult r = failed != null ? failed : j.await();
            results.add(r);
            Log.info("validator completed", "name", e.name(), "status", r.status());
            r.summaries().forEach(Log::info);
            if (settings.cleanup()) {
                j.delete();
            }
            current = null;
        }
        long stop = System.currentTimeMillis();
        PhaseResult pr = ValidatorResult.phase(BuildInfo.VERSION, phase, results, start, stop,
                GoDuration.format(Duration.ofNanos(System.nanoTime() - t0)));
        try {
            guarded(ValidatorObjects.ctrfConfigMap(runId, phase), () -> s.client().resource(ValidatorObjects.ctrfReport(
                    settings.namespace(), runId, phase, JsonWriter.write(pr.report().toStruct(timestamps), true)))
                    .fieldManager("aicr-validator").forceConflicts().serverSideApply());
        } catch (AicrException e) {
            throw e;
        } catch (RuntimeException e) {
            Log.warn("failed to write CTRF ConfigMap", "phase", phase, "error", KubeErrors.describe(e, s.server()));
        }
        CtrfReport rep = pr.report();
        Log.info("phase completed", "phase", phase, "status", pr.status(), "validators", rep.tests().size(),
                "passed", rep.count(CtrfReport.PASSED), "failed", rep.count(CtrfReport.FAILED), "duration", pr.duration());
        return pr;
    }

    /** The phase's catalog entries (catalog order) that the recipe lists in {@code validation.<phase>.checks}. */
    static List<ValidatorCatalog.Entry> selected(List<ValidatorCatalog.Entry> all, RecipeResult recipe, String phase) {
        Phase p = recipe.validation() == null ? null : recipe.validation().phase(phase);
        if (p == null || p.checks() == null || p.checks().isEmpty()) {
            return List.of();
        }
        return all.stream().filter(e -> p.checks().contains(e.name())).toList();
    }

    /**
     * Applies one object of the run under the lifecycle lock, recording it first ({@code record},
     * null for what cleanup keeps) so that a cleanup on another thread deletes it, and forgetting
     * it when the API server refused it; refuses with TIMEOUT once the process was told to stop or
     * cleanup began.
     */
    private <T> T guarded(String record, Supplier<T> apply) {
        synchronized (lifecycle) {
            Interrupts.checkpoint();
            if (cleaned.get()) {
                throw new AicrException(ErrorCode.TIMEOUT, Interrupts.MESSAGE);
            }
            if (record != null) {
                created.add(record);
            }
            try {
                return apply.get();
            } catch (RuntimeException e) {
                if (record != null && KubeErrors.status(e) > 0) {
                    created.remove(record); // the API server answered with an error: nothing was applied
                }
                throw e;
            }
        }
    }

    private void guarded(String record, Runnable apply) {
        guarded(record, () -> {
            apply.run();
            return null;
        });
    }

    private static void apply(KubeSession s, HasMetadata obj) {
        s.client().resource(obj).fieldManager(Apply.FIELD_MANAGER).forceConflicts().serverSideApply();
    }

    private static void step(KubeSession s, String what, Runnable r) {
        try {
            r.run();
        } catch (AicrException e) {
            throw e; // stopped by a signal: TIMEOUT as it is
        } catch (RuntimeException e) {
            throw new AicrException(ErrorCode.INTERNAL, what, new IllegalStateException(KubeErrors.describe(e, s.server())));
        }
    }

    private static void step(KubeSession s, String what, String inner, Runnable r) {
        try {
            r.run();
        } catch (AicrException e) {
            throw e; // stopped by a signal: TIMEOUT as it is
        } catch (RuntimeException e) {
            throw new AicrException(ErrorCode.INTERNAL, what, new AicrException(ErrorCode.INTERNAL, inner,
                    new IllegalStateException(KubeErrors.describe(e, s.server()))));
        }
    }

    /**
     * Deletes, once and unless {@code --no-cleanup}, the Job in flight (Ctrl-C), the
     * ServiceAccount, the ClusterRoleBinding, both data ConfigMaps and the three CTRF ConfigMaps;
     * NotFound is fine, other failures are logged. The namespace stays.
     *
     * <p>On Ctrl-C both the interrupted command and the shutdown hook call this: the second
     * caller waits for the first (the lifecycle lock), an interrupted caller still waits for the
     * deletions (bounded by {@link #CLEANUP_BOUND}), and the deletions run as an
     * {@link Interrupts#cleanUp} section, so the CLI's signal hook does not halt the process
     * while they are in flight.
     */
    void cleanup() {
        synchronized (lifecycle) {
            if (!touched.get() || !cleaned.compareAndSet(false, true)) {
                return;
            }
            if (!settings.cleanup()) {
                Log.info("keeping validation resources (--no-cleanup)", "runID", runId, "namespace", settings.namespace());
                return;
            }
            Interrupts.cleanUp(this::deleteAll);
        }
    }

    private void deleteAll() {
        KubeSession s = session;
        String ns = settings.namespace();
        ValidatorJob inFlight = current;
        Map<String, Supplier<Object>> tasks = new LinkedHashMap<>();
        if (inFlight != null) {
            tasks.put("Job \"" + inFlight.name() + "\"", () -> s.client().batch().v1().jobs().inNamespace(ns)
                    .withName(inFlight.name()).withPropagationPolicy(io.fabric8.kubernetes.api.model.DeletionPropagation.FOREGROUND)
                    .delete());
        }
        if (created.contains("ServiceAccount")) {
            tasks.put("ServiceAccount", () -> s.client().serviceAccounts().inNamespace(ns)
                    .withName(ValidatorObjects.serviceAccountName(runId)).delete());
        }
        if (created.contains("ClusterRoleBinding")) {
            tasks.put("ClusterRoleBinding", () -> s.client().rbac().clusterRoleBindings()
                    .withName(ValidatorObjects.serviceAccountName(runId)).delete());
        }
        List<String> maps = new ArrayList<>(List.of(ValidatorObjects.snapshotConfigMap(runId), ValidatorObjects.validationConfigMap(runId)));
        for (String p : aicr.validate.Phases.ORDER) {
            maps.add(ValidatorObjects.ctrfConfigMap(runId, p));
        }
        for (String m : maps) {
            if (created.contains(m)) {
                tasks.put("ConfigMap \"" + m + "\"", () -> s.client().configMaps().inNamespace(ns).withName(m).delete());
            }
        }
        aicr.k8s.Concurrently.deleteAll(s, tasks, CLEANUP_BOUND, "namespace", ns, "runID", runId);
        Log.debug("validation resources cleaned up", "runID", runId, "namespace", ns);
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
        }
    }
}
