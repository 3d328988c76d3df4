package aicr.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the CLI in-process and captures its streams. */
final class CliRunner {
    record Result(int exitCode, String stdout, String stderr) {
    }

    private CliRunner() {
    }

    static synchronized Result run(String... args) {
        return runWithEnv(System.getenv(), args);
    }

    /** Runs with the given environment instead of the process's (AICR_AGENT_MODE, AICR_HOST_ROOT, ...). */
    static synchronized Result runWithEnv(java.util.Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            int rc = Main.run(args, o, e, env);
            return new Result(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }
}
