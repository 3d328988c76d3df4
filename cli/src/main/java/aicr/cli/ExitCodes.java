package aicr.cli;

import aicr.errors.AicrException;
import aicr.log.Log;
import picocli.CommandLine;

/**
 * Maps failures to the reference's exit codes: a structured error exits with its code's
 * number; flag-syntax errors exit 1, except a repeated single-value flag, which the
 * reference reports as INVALID_REQUEST (2). Stack traces only with {@code --debug}.
 */
final class ExitCodes {
    private ExitCodes() {
    }

    static final int UNSTRUCTURED = 1;

    static int of(Throwable t) {
        return t instanceof AicrException a ? a.exitCode() : UNSTRUCTURED;
    }

    static int fail(AicrException e) {
        Log.error("command failed", "error", e.render(), "exitCode", e.exitCode());
        if (Log.debugEnabled()) {
            e.printStackTrace(Streams.err());
        }
        return e.exitCode();
    }

    static final class ExecutionHandler implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult pr) {
            if (ex instanceof AicrException a) {
                return fail(a);
            }
            Log.error("command failed", "error", String.valueOf(ex), "exitCode", UNSTRUCTURED);
            if (Log.debugEnabled()) {
                ex.printStackTrace(Streams.err());
            } else {
                Streams.err().println("(internal error; run with --debug for the stack trace)");
            }
            return UNSTRUCTURED;
        }
    }

    static final class ParameterHandler implements CommandLine.IParameterExceptionHandler {
        @Override
        public int handleParseException(CommandLine.ParameterException ex, String[] args) {
            if (ex instanceof CommandLine.OverwrittenOptionException o) {
                String name = o.getOverwritten() instanceof CommandLine.Model.OptionSpec opt
                        ? opt.longestName() : String.valueOf(o.getOverwritten());
                return fail(new AicrException(aicr.errors.ErrorCode.INVALID_REQUEST,
                        "flag " + name + " can only be specified once"));
            }
            CommandLine cl = ex.getCommandLine();
            if (cl.getCommand() instanceof ValidateCommand) {
                ValidateCommand.removeStaleOutputs(args);
            }
            cl.getErr().println("Error: " + ex.getMessage());
            cl.getErr().println("Run '" + cl.getCommandSpec().qualifiedName() + " --help' for usage.");
            return UNSTRUCTURED;
        }
    }
}
