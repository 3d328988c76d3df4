package aicr.capture;

import aicr.BuildInfo;
import aicr.cluster.AgentFlags;
import aicr.cluster.AgentSpec;
import aicr.cluster.Toleration;
import aicr.collector.HostRoot;
import aicr.collector.LocalSnapshot;
import aicr.config.AicrConfig;
import aicr.criteria.CriteriaRegistry;
import aicr.criteria.Dimension;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.io.Document;
import aicr.io.Fields;
import aicr.gocompat.GoDuration;
import aicr.io.Node;
import aicr.io.Output;
import aicr.log.Log;
import aicr.snapshot.Snapshot;
import aicr.snapshot.SnapshotWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code aicr snapshot} (spec §3): resolves flags, environment and {@code --config}, then either
 * collects locally (agent mode, {@code AICR_AGENT_MODE=true}: what the agent pod runs) or deploys
 * the agent Job and copies the snapshot it wrote (the default).
 */
public final class SnapshotRun {
    private SnapshotRun() {
    }

    /**
     * Flag values as given on the command line or through their environment variables; null
     * when neither gave one (the config file or the default applies).
     */
    public record Flags(String namespace, String image, List<String> imagePullSecrets, String jobName,
                        String serviceAccountName, List<String> nodeSelectors, List<String> tolerations, String timeout,
                        Boolean noCleanup, Boolean privileged, Boolean requireGpu, String runtimeClass, String os,
                        String requests, String limits, Integer maxNodesPerEntry, String clusterConfig,
                        Boolean discoverNetwork, String template, String output, String format, String kubeconfig,
                        String hostRoot, boolean debug) {
    }

    /** The resolved command: the agent spec (Job mode) plus what local collection and output need. */
    record Settings(AgentSpec agent, String format, boolean formatGiven, String template, String output,
                    String kubeconfig, String hostRoot) {
    }

    /** The agent image for this build: {@code :latest} for development builds, else {@code :v<version>}. */
    public static String defaultImage(String version) {
        return AgentSpec.defaultImage(version);
    }

    /** Runs the command; errors carry the reference's codes. */
    public static void run(Flags f, AicrConfig cfg, Map<String, String> env, PrintStream stdout) {
        Settings s = resolve(f, cfg);
        if ("true".equals(env.get("AICR_AGENT_MODE"))) {
            local(s, env, stdout);
        } else {
            job(s, stdout);
        }
    }

    private static void local(Settings s, Map<String, String> env, PrintStream stdout) {
        AgentSpec a = s.agent();
        if (!a.clusterConfigPath().isEmpty() || a.discoverNetwork()) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "NetworkTopology collection (--cluster-config, "
                    + "--discover-network) is not available in aicr-j's local collection; run the agent Job with the "
                    + "reference image instead");
        }
        HostRoot root = HostRoot.of(s.hostRoot());
        Snapshot snap = LocalSnapshot.capture(new LocalSnapshot.Options(root, env, BuildInfo.VERSION, a.requireGpu(),
                a.maxNodesPerEntry(), a.os(), k -> aicr.k8s.collect.ClusterReaders.open(k, env)));
        Log.debug("snapshot collection complete", "measurements", snap.measurements().size());
        if (s.template() != null) {
            SnapshotTemplate.write(s.template(), snap, s.output(), stdout);
            return;
        }
        String text = SnapshotWriter.render(snap, s.format());
        Output.write(s.output(), new Document(text, s.format(), snap.kind(), snap.metadata().getOrDefault("version", ""),
                snap.metadata().getOrDefault("timestamp", "")), stdout, s.kubeconfig());
    }

    private static void job(Settings s, PrintStream stdout) {
        if (s.formatGiven() && !s.format().equals("yaml")) {
            Log.warn("--format is ignored in Job mode: the snapshot is written as the agent's YAML", "format", s.format());
        }
        byte[] yaml = aicr.k8s.agent.SnapshotAgent.capture(s.agent(), s.kubeconfig());
        if (s.template() != null) {
            Snapshot snap = aicr.snapshot.SnapshotReader.fromYaml(new String(yaml, StandardCharsets.UTF_8));
            SnapshotTemplate.write(s.template(), snap, s.output(), stdout);
            return;
        }
        String out = s.output();
        if (Output.isStdout(out)) {
            stdout.write(yaml, 0, yaml.length);
            stdout.print("\n");
            stdout.flush();
        } else if (Output.isConfigMap(out)) {
            Log.info("snapshot saved to ConfigMap", "uri", out);
        } else {
            Output.writeFile(java.nio.file.Path.of(out), yaml);
            Log.info("snapshot saved to file", "path", out);
        }
    }

    /** Flags over {@code spec.snapshot} of the config over defaults, checked before any I/O. */
    static Settings resolve(Flags f, AicrConfig cfg) {
        Node.MapNode agent = section(cfg, "agent");
        Node.MapNode exec = section(cfg, "execution");
        Node.MapNode outCfg = section(cfg, "output");
        String os = AgentFlags.pick("os", f.os(), Fields.str(agent, "os"), "");
        if (!os.isEmpty()) {
            try {
                os = CriteriaRegistry.parseStatic(Dimension.OS, os);
            } catch (AicrException e) {
                throw new AicrException(ErrorCode.INVALID_REQUEST, "invalid --os value", e);
            }
        }
        boolean requireGpu = pickBool("require-gpu", f.requireGpu(), agent, "requireGpu", false);
        String runtimeClass = AgentFlags.pick("runtime-class", f.runtimeClass(), Fields.str(agent, "runtimeClassName"), "");
        if (requireGpu && !runtimeClass.isEmpty()) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "--require-gpu and --runtime-class are mutually exclusive; "
                    + "prefer --runtime-class, which provides nvidia-smi access via the container runtime without "
                    + "consuming a GPU allocation");
        }
        boolean formatGiven = f.format() != null;
        String format = f.format() != null ? f.format() : Fields.str(outCfg, "format").isEmpty() ? "yaml" : Fields.str(outCfg, "format");
        if (!SnapshotWriter.FORMATS.contains(format)) {
            throw new AicrException(ErrorCode.INVALID_REQUEST,
                    "unknown output format: \"" + format + "\", valid formats are: yaml, json, table");
        }
        String template = AgentFlags.pick("template", f.template(), Fields.str(outCfg, "template"), "");
        String output = AgentFlags.pick("output", f.output(), Fields.str(outCfg, "path"), "");
        if (!template.isEmpty()) {
            if (formatGiven && !format.equals("yaml")) {
                throw new AicrException(ErrorCode.INVALID_REQUEST, "--template requires YAML format; --format must be \"yaml\" or omitted");
            }
            if (Output.isConfigMap(output)) {
                throw new AicrException(ErrorCode.INVALID_REQUEST,
                        "--template does not support ConfigMap output (cm://...); render to a file or stdout instead");
            }
            SnapshotTemplate.check(template);
            format = "yaml";
        }
        if (Output.isConfigMap(output)) {
            aicr.snapshot.ConfigMapUri.parse(output.trim());
        }
        Map<String, String> nodeSelector = AgentFlags.nodeSelector(f.nodeSelectors(), agent);
        List<Toleration> tolerations;
        try {
            List<String> fromConfig = Fields.strList(agent, "tolerations");
            tolerations = f.tolerations() != null ? Toleration.parse(f.tolerations())
                    : fromConfig != null ? (fromConfig.isEmpty() ? List.of() : Toleration.parse(fromConfig)) : List.of(Toleration.ALL);
        } catch (AicrException e) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "invalid toleration", e);
        }
        Map<String, String> requests;
        Map<String, String> limits;
        try {
            requests = AgentFlags.resources(AgentFlags.pick("requests", f.requests(), Fields.str(agent, "requests"), ""));
        } catch (AicrException e) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "invalid --requests", e);
        }
        try {
            limits = AgentFlags.resources(AgentFlags.pick("limits", f.limits(), Fields.str(agent, "limits"), ""));
        } catch (AicrException e) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "invalid --limits", e);
        }
        String namespace = AgentFlags.pick("namespace", f.namespace(), Fields.str(agent, "namespace"), "default");
        String timeoutText = AgentFlags.pick("timeout", f.timeout(), Fields.str(exec, "timeout"), "5m");
        Duration timeout = GoDuration.parse(timeoutText);
        int fromConfigMax = exec == null ? 0 : Fields.integer(exec, "maxNodesPerEntry");
        int maxNodes = f.maxNodesPerEntry() != null ? f.maxNodesPerEntry() : fromConfigMax;
        if (f.maxNodesPerEntry() != null && maxNodes != fromConfigMax) {
            Log.info("CLI flag overriding config value", "flag", "max-nodes-per-entry", "config", fromConfigMax, "override", maxNodes);
        }
        List<String> pullSecrets = AgentFlags.imagePullSecrets(f.imagePullSecrets(), agent);
        String agentOutput = Output.isConfigMap(output) ? output.trim() : "cm://" + namespace + "/aicr-snapshot";
        AgentSpec spec = new AgentSpec(namespace,
                AgentFlags.pick("image", f.image(), Fields.str(agent, "image"), defaultImage(BuildInfo.VERSION)), pullSecrets,
                AgentFlags.pick("job-name", f.jobName(), Fields.str(agent, "jobName"), "aicr"),
                AgentFlags.pick("service-account-name", f.serviceAccountName(), Fields.str(agent, "serviceAccountName"), "aicr"),
                nodeSelector, tolerations, timeout, !pickBool("no-cleanup", f.noCleanup(), exec, "noCleanup", false), f.debug(),
                pickBool("privileged", f.privileged(), exec, "privileged", true), requireGpu, runtimeClass, os, maxNodes,
                f.clusterConfig() == null ? "" : f.clusterConfig().trim(), Boolean.TRUE.equals(f.discoverNetwork()),
                requests, limits, agentOutput);
        return new Settings(spec, format, formatGiven, template.isEmpty() ? null : template, output, f.kubeconfig(), f.hostRoot());
    }

    private static Node.MapNode section(AicrConfig cfg, String name) {
        Node.MapNode snap = cfg.section("snapshot");
        return snap == null ? null : Fields.map(snap, name);
    }

    private static boolean pickBool(String flag, Boolean given, Node.MapNode m, String key, boolean dflt) {
        boolean fallback = m != null && m.get(key) != null ? Fields.bool(m, key) : dflt;
        if (given == null) {
            return fallback;
        }
        if (given != fallback) {
            Log.info("CLI flag overriding config value", "flag", flag, "config", fallback, "override", given);
        }
        return given;
    }
}
