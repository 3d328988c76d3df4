package aicr.validate;

import aicr.BuildInfo;
import aicr.data.DataSource;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.io.JsonWriter;
import aicr.io.Output;
import aicr.io.Struct;
import aicr.log.Log;
import aicr.recipe.ComponentRef;
import aicr.recipe.Phase;
import aicr.recipe.RecipeLoader;
import aicr.recipe.RecipeResult;
import aicr.recipe.RecipeStore;
import aicr.recipe.Recipes;
import aicr.rules.Limits;
import aicr.rules.RuleBase;
import aicr.rules.RuleCache;
import aicr.rules.RuleKind;
import aicr.rules.RuleSet;
import aicr.rules.facts.Component;
import aicr.rules.facts.Criteria;
import aicr.rules.facts.Outcome;
import aicr.rules.facts.PhaseConstraint;
import aicr.snapshot.Snapshot;
import aicr.snapshot.SnapshotReader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code aicr validate}: recipe + snapshot → constraint facts → one rule session → CTRF
 * report, in the reference's order of steps (spec §5.2) with its log lines and exit codes.
 * Deliberate differences (docs/validate.md): every readiness constraint is evaluated and
 * reported, also when one fails; reports carry the deciding rule of each constraint and no
 * times unless asked. The cluster steps (snapshot agent, live phases) are a {@link ClusterValidation};
 * this build has none that reaches a cluster.
 */
public final class ValidateRun {
    private ValidateRun() {
    }

    /**
     * What to validate and how.
     *
     * @param phases     {@code --phase} values as given
     * @param failFast   for the live phases ({@link ClusterValidation#runPhases}): skip the phases after a failing one
     * @param rulesDirs  {@code --rules DIR} (repeatable): extra or replacing constraint rules, in order
     * @param output     report destination ("" or "-" for stdout)
     * @param timestamps write timestamp/start/stop into the report
     * @param ruleLimits bounds of the constraint rule session ({@code --rule-timeout})
     * @param ci         the CI outputs: JUnit file, golden report
     */
    public record Options(String recipe, String snapshot, List<String> phases, boolean failOnError, boolean failFast,
                          boolean noCluster, Path dataDir, List<Path> rulesDirs, String output, boolean timestamps,
                          List<FlagOverride> overrides, String kubeconfig, Limits ruleLimits, CiOutputs ci,
                          LiveSettings live) {
        public Options {
            rulesDirs = rulesDirs == null ? List.of() : List.copyOf(rulesDirs);
            ruleLimits = ruleLimits == null ? Limits.DEFAULT : ruleLimits;
            ci = ci == null ? CiOutputs.NONE : ci;
            live = live == null ? LiveSettings.resolve(LiveSettings.Flags.NONE, null, null) : live;
        }

        /** Without --rules directories beyond one, a kubeconfig, rule limits, CI outputs or live settings. */
        public Options(String recipe, String snapshot, List<String> phases, boolean failOnError, boolean failFast,
                       boolean noCluster, Path dataDir, Path rulesDir, String output, boolean timestamps,
                       List<FlagOverride> overrides) {
            this(recipe, snapshot, phases, failOnError, failFast, noCluster, dataDir,
                    rulesDir == null ? List.of() : List.of(rulesDir), output, timestamps, overrides, null, null, null, null);
        }
    }

    /**
     * What CI gets besides the report.
     *
     * @param junit        {@code --junit FILE}: JUnit XML of the same tests, or null
     * @param golden       {@code --golden FILE}: the approved report to compare with, or null
     * @param updateGolden {@code --update-golden}: write the report to the golden file instead of comparing
     */
    public record CiOutputs(String junit, String golden, boolean updateGolden) {
        public static final CiOutputs NONE = new CiOutputs(null, null, false);
    }

    /** The command line as given: null where a flag was not given. */
    public record Flags(String recipe, String snapshot, List<String> phases, Boolean failOnError, Boolean failFast,
                        Boolean noCluster, Path dataDir, List<Path> rulesDirs, String output, boolean timestamps,
                        String kubeconfig, String ruleTimeout, CiOutputs ci,
                        LiveSettings.Flags live) {

        public Flags(String recipe, String snapshot, List<String> phases, Boolean failOnError, Boolean failFast,
                     Boolean noCluster, Path dataDir, Path rulesDir, String output, boolean timestamps) {
            this(recipe, snapshot, phases, failOnError, failFast, noCluster, dataDir,
                    rulesDir == null ? List.of() : List.of(rulesDir), output, timestamps, null, null, null, null);
        }
    }

    /**
     * Options from the flags over {@code spec.validate} of the config over the defaults. A
     * boolean flag that differs from what it overrides is recorded, to be logged as the
     * reference does ({@code CLI flag overriding config value}).
     */
    public static Options options(Flags f, aicr.config.AicrConfig cfg) {
        aicr.io.Node.MapNode input = aicr.io.Fields.map(cfg.section("validate"), "input");
        aicr.io.Node.MapNode exec = aicr.io.Fields.map(cfg.section("validate"), "execution");
        List<String> phases = f.phases();
        if ((phases == null || phases.isEmpty()) && exec != null && aicr.io.Fields.strList(exec, "phases") != null) {
            phases = aicr.io.Fields.strList(exec, "phases");
        }
        List<FlagOverride> overrides = new java.util.ArrayList<>();
        boolean fail = bool(overrides, "fail-on-error", f.failOnError(), exec, "failOnError", true);
        boolean fast = bool(overrides, "fail-fast", f.failFast(), exec, "failFast", false);
        boolean offline = bool(overrides, "no-cluster", f.noCluster(), exec, "noCluster", false);
        return new Options(pick(f.recipe(), aicr.io.Fields.str(input, "recipe")),
                pick(f.snapshot(), aicr.io.Fields.str(input, "snapshot")),
                phases == null ? List.of() : phases, fail, fast, offline, f.dataDir(), f.rulesDirs(), f.output(),
                f.timestamps(), overrides, f.kubeconfig(),
                Limits.DEFAULT.withTimeout(Limits.parseTimeout(f.ruleTimeout(), "--rule-timeout")), f.ci(),
                LiveSettings.resolve(f.live() == null ? LiveSettings.Flags.NONE : f.live(),
                        aicr.io.Fields.map(cfg.section("validate"), "agent"), exec));
    }

    private static String pick(String flag, String fromConfig) {
        return flag != null ? flag : fromConfig.isEmpty() ? null : fromConfig;
    }

    private static boolean bool(List<FlagOverride> log, String flag, Boolean given, aicr.io.Node.MapNode section,
                                String key, boolean dflt) {
        boolean base = section != null && section.get(key) != null
                && !(section.get(key) instanceof aicr.io.Node.ScalarNode s && s.isNull())
                ? aicr.io.Fields.bool(section, key) : dflt;
        if (given == null) {
            return base;
        }
        if (given != base) {
            log.add(new FlagOverride(flag, Boolean.toString(base), Boolean.toString(given)));
        }
        return given;
    }

    /** A boolean flag given explicitly with a value other than its default (logged like the reference). */
    public record FlagOverride(String flag, String config, String override) {
    }

    static final String NO_CLUSTER_REASON = "skipped - no-cluster mode";
    static final String READINESS_FAILED_REASON = "skipped - readiness pre-flight failed";

    /**
     * A finished validation, for what runs after the report (evidence emission): the recipe,
     * the snapshot as read, and one CTRF report per phase run, in run order.
     */
    public record Validated(RecipeResult recipe, Snapshot snapshot, List<String> phases, List<CtrfReport> reports,
                            ValidatorCatalog catalog, boolean timestamps) {
    }

    /** Runs validation; returns the exit code (0) or throws the error that decides it. */
    public static int run(Options o, PrintStream stdout) {
        return run(o, stdout, ClusterValidation.UNAVAILABLE, null);
    }

    /**
     * As {@link #run(Options, PrintStream)}, with {@code cluster} for the agent and the live phases.
     * A run that fails before its report is written removes the {@code -o} and {@code --junit}
     * files of an earlier run, so that no report is left that looks like this run's.
     */
    public static int run(Options o, PrintStream stdout, ClusterValidation cluster) {
        return run(o, stdout, cluster, null);
    }

    /**
     * As {@link #run(Options, PrintStream, ClusterValidation)}; {@code after} (may be null) gets the
     * validation once its report is written and phases logged, also when a phase failed, before
     * the exit is decided (evidence emission). A run that fails before its report is written
     * removes the {@code -o} and {@code --junit} files of an earlier run.
     */
    public static int run(Options o, PrintStream stdout, ClusterValidation cluster,
                          java.util.function.Consumer<Validated> after) {
        boolean[] written = {false};
        try {
            return steps(o, stdout, cluster, after, written);
        } catch (RuntimeException e) {
            if (!written[0]) {
                removeStale(o.output(), o.ci().junit());
            }
            throw e;
        }
    }

    /**
     * Deletes report files of an earlier run (regular files only; stdout, devices and
     * ConfigMaps are left alone). Best effort: a file that cannot be removed stays.
     */
    public static void removeStale(String output, String junit) {
        for (String dest : java.util.Arrays.asList(output, junit)) {
            if (Output.isStdout(dest) || dest.startsWith("cm://") || dest.startsWith("/dev/")) {
                continue;
            }
            try {
                Path p = Path.of(dest);
                if (java.nio.file.Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    java.nio.file.Files.delete(p);
                }
            } catch (java.io.IOException | RuntimeException e) {
                // best effort
            }
        }
    }

    private static int steps(Options o, PrintStream stdout, ClusterValidation cluster,
                             java.util.function.Consumer<Validated> after, boolean[] written) {
        List<String> phases = Phases.parse(o.phases());
        if (o.ci().updateGolden() && o.ci().golden() == null) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "--update-golden needs --golden FILE");
        }
        if (o.ci().golden() != null && o.timestamps()) {
            throw new AicrException(ErrorCode.INVALID_REQUEST,
                    "--golden cannot be combined with --timestamps: times make every report differ");
        }
        if (o.recipe() == null || o.recipe().isEmpty()) {
            throw new AicrException(ErrorCode.INVALID_REQUEST,
                    "--recipe is required (or set spec.validate.input.recipe in --config)");
        }
        for (FlagOverride f : o.overrides()) {
            Log.info("CLI flag overriding config value", "flag", f.flag(), "config", f.config(), "override", f.override());
        }
        if (o.noCluster()) {
            Log.info("validating in --no-cluster mode — offline dry-run; checks are reported as skipped, no cluster is contacted");
        } else {
            Log.info(cluster.banner());
        }
        RecipeStore store = Recipes.store(o.dataDir(), false);
        Log.info("loading recipe", "uri", o.recipe());
        RecipeResult recipe = RecipeLoader.load(o.recipe(), store, o.kubeconfig());
        if ((o.snapshot() == null || o.snapshot().isEmpty()) && o.noCluster()) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "--no-cluster requires --snapshot (or set "
                    + "spec.validate.input.snapshot in --config); cannot deploy the snapshot-capture agent without cluster access");
        }
        Snapshot snap;
        if (o.snapshot() != null && !o.snapshot().isEmpty()) {
            Log.info("loading snapshot", "uri", o.snapshot());
            snap = SnapshotReader.read(o.snapshot(), o.kubeconfig());
        } else {
            snap = cluster.captureSnapshot(o);
        }
        warnVersionSkew(BuildInfo.VERSION, recipe.metadata().version(), snap.metadata().getOrDefault("version", ""));
        warnPhasesWithoutChecks(phases, recipe);

        Log.info("running validation", "phases", Phases.format(phases));
        DataSource data = store.data();
        GpuAllocationPolicy.resolve(recipe, data);
        List<String> run = phases.isEmpty() ? Phases.ORDER : phases;
        Log.info("running validation phases", "runID", cluster.runId(), "phases", Phases.format(run));

        long t0 = System.nanoTime();
        RuleBase rules = RuleBase.withDirectories(RuleKind.CONSTRAINT, o.rulesDirs(),
                new RuleCache(RuleCache.defaultRoot(), BuildInfo.VERSION));
        Log.debug("constraint rules loaded", "rules", rules.rules().size(), "ms", (System.nanoTime() - t0) / 1_000_000);
        if (!o.rulesDirs().isEmpty()) {
            RuleSet set = rules.ruleSet();
            Log.info("constraint rules loaded (bundle-check files of --rules are checked but used by aicr bundle only)",
                    "digest", set.digest(), "added", String.join(",", set.added()), "replaced",
                    String.join(",", set.replaced()));
        }
        List<ConstraintFacts.Input> inputs = new ArrayList<>();
        recipe.constraints().forEach(c -> inputs.add(new ConstraintFacts.Input(c.name(), c.value())));
        List<ConstraintResult> results = new ConstraintEvaluator(rules, o.ruleLimits())
                .evaluate(inputs, snap, otherFacts(recipe));
        AicrException readinessFailure = preflightLog(results);
        Struct extra = new Struct().with("ruleSet", ruleSetStruct(rules.ruleSet()));

        ValidatorCatalog catalog = ValidatorCatalog.load(data);
        long now = System.currentTimeMillis();
        List<CtrfReport> reports = new ArrayList<>();
        if (!results.isEmpty()) {
            reports.add(readinessReport(results, now));
        }
        if (readinessFailure != null) {
            for (String p : run) {
                reports.add(CtrfReport.skipped(BuildInfo.VERSION, p, catalog.forPhase(p), READINESS_FAILED_REASON, now));
            }
            return finish(o, CtrfReport.merge(BuildInfo.VERSION, reports).withExtra(extra), stdout, written,
                    readinessFailure);
        }
        List<ClusterValidation.PhaseResult> phaseResults = o.noCluster() ? skippedOffline(run, catalog, now)
                : cluster.runPhases(o, recipe, snap, run, catalog);
        phaseResults.forEach(p -> reports.add(p.report()));
        CtrfReport report = CtrfReport.merge(BuildInfo.VERSION, reports).withExtra(extra);
        String json = write(o, report, stdout, written);
        phaseResults.forEach(p -> Log.info("phase result", "phase", p.phase(), "status", p.status(), "duration", p.duration()));
        if (after != null) {
            after.accept(new Validated(recipe, snap, phaseResults.stream().map(ClusterValidation.PhaseResult::phase).toList(),
                    phaseResults.stream().map(ClusterValidation.PhaseResult::report).toList(), catalog, o.timestamps()));
        }
        AicrException failure = null;
        // Offline phases are all skipped, so only live results can fail the run here.
        if (o.failOnError() && phaseResults.stream().anyMatch(p -> p.status().equals(CtrfReport.FAILED)
                || p.status().equals(CtrfReport.OTHER))) {
            failure = new AicrException(ErrorCode.INTERNAL, "validation failed: one or more phases did not pass");
        }
        return decide(o, json, failure);
    }

    private static int finish(Options o, CtrfReport report, PrintStream stdout, boolean[] written, AicrException failure) {
        return decide(o, write(o, report, stdout, written), failure);
    }

    /**
     * The exit: with {@code --golden} the comparison decides (0 same, {@link GoldenReport#MISMATCH_EXIT}
     * different, the difference printed on stderr); without it the run's own failure, if any.
     */
    private static int decide(Options o, String json, AicrException failure) {
        if (o.ci().golden() == null) {
            if (failure != null) {
                throw failure;
            }
            return 0;
        }
        Path golden = Path.of(o.ci().golden());
        if (o.ci().updateGolden()) {
            GoldenReport.update(golden, json);
            Log.info("golden report updated", "file", o.ci().golden());
            return 0;
        }
        String diff = GoldenReport.compare(golden, json);
        if (diff == null) {
            Log.info("report matches the golden report", "file", o.ci().golden());
            return 0;
        }
        Log.block(diff);
        Log.error("report differs from the golden report", "file", o.ci().golden(), "exitCode",
                GoldenReport.MISMATCH_EXIT);
        return GoldenReport.MISMATCH_EXIT;
    }

    /** The rule set behind the readiness verdicts, as the report's {@code results.extra.ruleSet}. */
    static Struct ruleSetStruct(RuleSet set) {
        Struct s = new Struct().with("kind", set.kind().id()).with("digest", set.digest())
                .with("shippedDigest", set.shippedDigest()).with("files", set.files());
        s.put("added", set.added());
        s.put("replaced", set.replaced());
        return s;
    }

    /** {@code --no-cluster}: every catalog entry of each phase is reported skipped; nothing runs, nothing fails. */
    private static List<ClusterValidation.PhaseResult> skippedOffline(List<String> phases, ValidatorCatalog catalog, long now) {
        List<ClusterValidation.PhaseResult> out = new ArrayList<>();
        for (String p : phases) {
            out.add(new ClusterValidation.PhaseResult(p,
                    CtrfReport.skipped(BuildInfo.VERSION, p, catalog.forPhase(p), NO_CLUSTER_REASON, now),
                    CtrfReport.SKIPPED, "0s"));
        }
        return out;
    }

    /**
     * Logs the pre-flight as the reference does (passed constraints up to the first problem)
     * and returns the failure for the first non-passing constraint, or null.
     */
    static AicrException preflightLog(List<ConstraintResult> results) {
        if (results.isEmpty()) {
            return null;
        }
        Log.info("readiness pre-flight", "constraints", results.size());
        for (ConstraintResult r : results) {
            if (r.outcome() != Outcome.PASS) {
                return Readiness.failure(r);
            }
            Log.info("readiness constraint passed", "name", r.name(), "expected", r.expected(), "actual", r.actual());
        }
        return null;
    }

    /** Constraint results as CTRF tests of suite "readiness", each naming its rule and rule file. */
    static CtrfReport readinessReport(List<ConstraintResult> results, long now) {
        List<CtrfReport.Test> tests = new ArrayList<>();
        for (ConstraintResult r : results) {
            String status = switch (r.outcome()) {
                case PASS -> CtrfReport.PASSED;
                case FAIL -> CtrfReport.FAILED;
                case ERROR -> CtrfReport.OTHER;
            };
            String message = r.outcome() == Outcome.ERROR || r.actual() == null && r.message() != null ? r.message()
                    : "expected " + r.expected() + ", got " + r.actual();
            Struct extra = new Struct();
            if (r.rule() != null) {
                extra.with("rule", r.rule().id()).with("ruleFile", r.rule().file()).with("severity", r.rule().severity());
            }
            extra.put("expected", r.expected());
            if (r.actual() != null) {
                extra.put("actual", r.actual());
            }
            tests.add(new CtrfReport.Test(r.name(), status, 0, List.of(Phases.READINESS), message, extra));
        }
        return new CtrfReport(BuildInfo.VERSION, tests, now, now);
    }

    /** Recipe facts for rules that want them: components, criteria, phase constraints. */
    static List<Object> otherFacts(RecipeResult r) {
        List<Object> out = new ArrayList<>();
        for (ComponentRef c : r.componentRefs()) {
            out.add(new Component(c.name(), c.type(), c.chart(), c.source(), c.version(), c.namespace(), c.enabled(),
                    c.overrides() == null ? null : aicr.io.Values.copyMap(c.overrides())));
        }
        if (r.criteria() != null) {
            out.add(new Criteria(r.criteria().service(), r.criteria().accelerator(), r.criteria().intent(), r.criteria().os(),
                    r.criteria().platform(), r.criteria().nodes()));
        }
        if (r.validation() != null) {
            r.validation().phases().forEach((name, p) -> {
                if (p.constraints() != null) {
                    p.constraints().forEach(c -> out.add(new PhaseConstraint(name, c.name(), c.value())));
                }
            });
        }
        return out;
    }

    /** Writes the report (and the JUnit file); returns the report's text. */
    private static String write(Options o, CtrfReport report, PrintStream stdout, boolean[] written) {
        String json = JsonWriter.write(report.toStruct(o.timestamps()), true);
        try {
            Output.write(o.output(), aicr.io.Document.of(json, "json"), stdout, o.kubeconfig());
            written[0] = true;
            if (o.ci().junit() != null) {
                Output.writeFile(Path.of(o.ci().junit()), JunitReport.render(report).getBytes(
                        java.nio.charset.StandardCharsets.UTF_8));
            }
        } catch (AicrException e) {
            throw AicrException.propagate(ErrorCode.INTERNAL, "failed to serialize CTRF report", e);
        }
        return json;
    }

    /** Advisory: binary, recipe and snapshot made by different release versions. */
    static void warnVersionSkew(String binary, String recipe, String snapshot) {
        java.util.Set<String> distinct = new java.util.HashSet<>();
        for (String v : List.of(binary, recipe, snapshot)) {
            if (isRelease(v)) {
                distinct.add(v);
            }
        }
        if (distinct.size() >= 2) {
            Log.warn("version skew detected across validate inputs; mixing artifacts from different aicr versions can "
                            + "cause hard-to-debug validation failures", "binaryVersion", display(binary),
                    "recipeVersion", display(recipe), "snapshotVersion", display(snapshot));
        }
    }

    /** Releases exclude dev builds: empty, {@code dev}, {@code *-next} and (for aicr-j) Maven {@code *-SNAPSHOT}. */
    static boolean isRelease(String v) {
        return v != null && !v.isEmpty() && !v.equals("dev") && !v.contains("-next") && !v.endsWith("-SNAPSHOT");
    }

    private static String display(String v) {
        return v == null || v.isEmpty() ? "unknown" : v;
    }

    static void warnPhasesWithoutChecks(List<String> phases, RecipeResult r) {
        if (r.validation() == null) {
            if (!phases.isEmpty()) {
                Log.warn("recipe has no validation section; requested phases will have no checks",
                        "phases", Phases.format(phases));
            }
            return;
        }
        for (String p : phases) {
            Phase ph = r.validation().phase(p);
            if (ph == null || ph.checks() == null || ph.checks().isEmpty()) {
                Log.warn("phase requested but no checks defined in recipe; phase will be empty", "phase", p);
            }
        }
    }

    /** {@code YYYYMMDD-HHMMSS-<16 hex>}: local time and 8 random bytes, as the reference makes it. */
    public static String runId() {
        byte[] b = new byte[8];
        new SecureRandom().nextBytes(b);
        return LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-" + HexFormat.of().formatHex(b);
    }
}
