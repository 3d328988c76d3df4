package aicr.cli;

import aicr.BuildInfo;
import aicr.log.Log;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The root command: global flags and the subcommands. Subcommands are registered by
 * {@link #SUBCOMMANDS} rather than in the annotation so that {@link Main} can build only the
 * one a call names: picocli's model building is the largest start-up cost of a call.
 */
@Command(name = "aicr", versionProvider = AicrCommand.Version.class,
        description = {"AI Cluster Runtime: turns a description of a GPU Kubernetes cluster into validated",
                "configuration (recipes, validation reports, deployment bundles). Never deploys anything."},
        footer = {"", "Exit codes: 0 ok, 1 bad flags, 2 invalid request, 3 not found,",
                "4 unauthorized, 5 timeout, 6 service unavailable, 7 rate limited,",
                "8 internal error (see docs/exit-codes.md).",
                "", "Examples:",
                "  aicr recipe --service eks --accelerator h100 --os ubuntu --intent training",
                "  aicr query --service eks --accelerator h100 --os ubuntu --intent training \\",
                "      --selector components.gpu-operator.values.driver.version"})
public final class AicrCommand implements Runnable {

    /** Subcommands by name, in help order; each supplier builds the command object. */
    static final java.util.Map<String, java.util.function.Supplier<Object>> SUBCOMMANDS = java.util.Map.ofEntries(
            java.util.Map.entry("recipe", RecipeCommand::new), java.util.Map.entry("query", QueryCommand::new),
            java.util.Map.entry("validate", ValidateCommand::new), java.util.Map.entry("rules", RulesCommand::new),
            java.util.Map.entry("bundle", BundleCommand::new), java.util.Map.entry("snapshot", SnapshotCommand::new),
            java.util.Map.entry("diff", DiffCommand::new), java.util.Map.entry("mirror", MirrorCommand::new),
            java.util.Map.entry("serve", ServeCommand::new), java.util.Map.entry("completion", CompletionCommand::new),
            java.util.Map.entry("skill", SkillCommand::new), java.util.Map.entry("verify", VerifyCommand::new),
            java.util.Map.entry("evidence", EvidenceCommand::new), java.util.Map.entry("trust", TrustCommand::new),
            java.util.Map.entry("cds-train", CdsTrainCommand::new));
    static final java.util.List<String> ORDER = java.util.List.of("snapshot", "recipe", "query", "validate", "rules",
            "bundle", "diff", "verify", "evidence", "trust", "mirror", "serve", "completion", "skill", "cds-train");
    /** Commands that describe the whole command tree, so {@link Main} builds all of it for them. */
    static final java.util.Set<String> WHOLE_TREE = java.util.Set.of("completion", "skill");

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = {"-v", "-V", "--version"}, versionHelp = true, description = "Print version information and exit.")
    boolean version;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Debug logging; stack traces on errors.")
    void debug(boolean on) {
        Log.configure(on || envTrue("AICR_DEBUG"), jsonLogs);
        debug = on;
    }

    @Option(names = "--log-json", scope = ScopeType.INHERIT, description = "Structured JSON logs on stderr.")
    void logJson(boolean on) {
        jsonLogs = on || envTrue("AICR_LOG_JSON");
        Log.configure(debug || envTrue("AICR_DEBUG"), jsonLogs);
    }

    private boolean debug;
    private boolean jsonLogs;

    static boolean envTrue(String name) {
        String v = Env.all().get(name);
        return v != null && (v.equals("1") || v.equalsIgnoreCase("true"));
    }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Bare {@code aicr}: the help on stdout, exit 0 (as the reference). */
    @Override
    public void run() {
        spec.commandLine().usage(Streams.out());
        Streams.out().flush();
    }

    static final class Version implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"aicr version " + BuildInfo.VERSION};
        }
    }
}
