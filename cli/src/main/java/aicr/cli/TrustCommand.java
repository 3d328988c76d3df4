package aicr.cli;

import aicr.trust.TrustUpdate;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code aicr trust update}: refresh the Sigstore trusted root through TUF. */
@Command(name = "trust", mixinStandardHelpOptions = true,
        description = {"Manage the Sigstore trusted root signature verification uses.",
                "Verification works offline: it uses --trusted-root / AICR_TRUSTED_ROOT, else the root",
                "`trust update` last fetched, else the public-good root shipped with aicr."},
        subcommands = TrustCommand.Update.class)
final class TrustCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(Streams.err());
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = {"Fetch the latest trusted root from Sigstore's TUF repository (verified from the TUF root",
                    "shipped with aicr) and cache it under ${XDG_CACHE_HOME:-~/.cache}/aicr/sigstore-tuf."},
            footer = {"", "Exit codes: 0 updated; 4 TUF verification failed; 6 repository unreachable; 8 other.",
                    "", "Examples:", "  aicr trust update",
                    "  aicr trust update --mirror https://tuf.example.com --tuf-root ./root.json"})
    static final class Update implements java.util.concurrent.Callable<Integer> {
        @Option(names = "--mirror", paramLabel = "URL", description = "TUF repository (env AICR_TUF_MIRROR; default Sigstore's CDN).")
        String mirror;

        @Option(names = "--tuf-root", paramLabel = "FILE", description = "Initial TUF root.json to trust (private TUF repositories).")
        Path tufRoot;

        @Override
        public Integer call() {
            TrustUpdate.Result r = TrustUpdate.run(mirror, tufRoot);
            Streams.out().print("  \u2713 Trusted root updated\n  CAs: " + r.root().certificateAuthorities()
                    + " certificate authorities\n  Logs: " + r.root().transparencyLogs() + " transparency logs\n");
            Streams.out().flush();
            return 0;
        }
    }
}
