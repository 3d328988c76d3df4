package aicr.cli;

import java.io.PrintStream;
import picocli.CommandLine;

/** Process entry point: builds the command tree, runs it, exits with its code. */
public final class Main {
    private Main() {
    }

    /** The first argument that is not a root flag: the subcommand's name, or null. */
    private static String firstWord(String[] args) {
        for (String a : args) {
            if (!a.startsWith("-")) {
                return a;
            }
        }
        return null;
    }

    /**
     * The command tree with only {@code named}'s model built when it names a subcommand
     * (start-up cost); every subcommand for help, errors, and the commands that describe the
     * whole tree (completion, skill).
     */
    static CommandLine tree(String named) {
        excludeUnusedConverters();
        CommandModels models = CommandModels.get();
        CommandLine cl = models.root();
        boolean whole = named == null || !AicrCommand.SUBCOMMANDS.containsKey(named) || AicrCommand.WHOLE_TREE.contains(named);
        for (String name : AicrCommand.ORDER) {
            if (whole || named.equals(name)) {
                cl.addSubcommand(name, models.subcommand(name));
            }
        }
        return cl;
    }

    /**
     * picocli's built-in converters left unregistered. Every {@code CommandLine} otherwise
     * registers converters for java.sql and java.time types by reflection, which loads and
     * initialises their classes (java.time's formatters among them): about 20 ms of each call's
     * start-up. No option has such a type ({@code GeneratedCommandModelsTest} keeps it so).
     */
    static final String CONVERTER_EXCLUDES = "java\\.sql\\..*,java\\.time\\..*";

    private static void excludeUnusedConverters() {
        if (System.getProperty("picocli.converters.excludes") == null) {
            System.setProperty("picocli.converters.excludes", CONVERTER_EXCLUDES);
        }
    }

    public static void main(String[] args) {
        SignalExit hook = SignalExit.install(Thread.currentThread());
        int code = run(args, System.out, System.err);
        hook.finished(code);
        System.exit(code);
    }

    /** Runs one command line; returns the exit code (tests call this in-process). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, System.getenv());
    }

    /** As {@link #run(String[], PrintStream, PrintStream)} with the given environment (tests). */
    public static int run(String[] args, PrintStream out, PrintStream err, java.util.Map<String, String> env) {
        Env.set(env);
        aicr.log.Log.setOutput(err);
        aicr.log.Log.configure(AicrCommand.envTrue("AICR_DEBUG"), AicrCommand.envTrue("AICR_LOG_JSON"));
        CommandLine cl = tree(firstWord(args));
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        Streams.set(out, err);
        cl.setExecutionExceptionHandler(new ExitCodes.ExecutionHandler());
        cl.setParameterExceptionHandler(new ExitCodes.ParameterHandler());
        cl.setExitCodeExceptionMapper(ExitCodes::of);
        cl.setOverwrittenOptionsAllowed(false);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        try {
            return cl.execute(args);
        } catch (StackOverflowError | OutOfMemoryError e) {
            // no input may end the process with a JVM stack dump: the input limits should make this unreachable
            return ExitCodes.unexpected(e);
        }
    }
}
