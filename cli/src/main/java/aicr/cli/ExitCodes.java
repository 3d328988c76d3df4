package aicr.cli;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.io.Interrupts;
import aicr.log.Log;
import picocli.CommandLine;

/**
 * Maps failures to the reference's exit codes: a structured error exits with its code's
 * number; flag-syntax errors exit 1, except a repeated single-value flag, which the
 * reference reports as INVALID_REQUEST (2), as is a path the platform cannot represent; anything else is a defect, INTERNAL (8); a
 * command stopped by SIGINT/SIGTERM exits 5 (TIMEOUT). Every failure is one line on stderr
 * ({@link Log} escapes control characters); stack traces only with {@code --debug}.
 */
final class ExitCodes {
    private ExitCodes() {
    }

    static final int UNSTRUCTURED = 1;

    static int of(Throwable t) {
        return t instanceof AicrException a ? a.exitCode() : UNSTRUCTURED;
    }

    static int fail(AicrException e) {
        if (Interrupts.interrupted() && e.code() != ErrorCode.TIMEOUT) {
            // whatever the interruption made fail (a closed channel, an interrupted wait) is not the news
            return fail(new AicrException(ErrorCode.TIMEOUT, Interrupts.MESSAGE));
        }
        Log.error("command failed", "error", e.render(), "exitCode", e.exitCode());
        if (Log.debugEnabled()) {
            e.printStackTrace(Streams.err());
        }
        return e.exitCode();
    }

    /**
     * A failure that is not a structured error is a defect: one line, INTERNAL (exit 8); the stack
     * trace only with {@code --debug}. Errors (stack overflow, out of memory) land here too, so
     * that no input can end the process with a JVM stack dump.
     */
    static int unexpected(Throwable t) {
        String what = t.getMessage() == null ? t.getClass().getName() : t.getClass().getName() + ": " + t.getMessage();
        int code = fail(new AicrException(ErrorCode.INTERNAL, "unexpected error (run with --debug for the stack trace): " + what));
        if (Log.debugEnabled()) {
            t.printStackTrace(Streams.err());
        }
        return code;
    }

    static final class ExecutionHandler implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult pr) {
            if (ex instanceof AicrException a) {
                return fail(a);
            }
            if (ex instanceof java.nio.file.InvalidPathException p) {
                // every path the user gives becomes a Path somewhere; one that cannot (a NUL byte) is bad input
                return fail(new AicrException(ErrorCode.INVALID_REQUEST,
                        "invalid path " + Log.oneLine(p.getInput()) + ": " + p.getReason()));
            }
            return unexpected(ex);
        }
    }

    static final class ParameterHandler implements CommandLine.IParameterExceptionHandler {
        @Override
        public int handleParseException(CommandLine.ParameterException ex, String[] args) {
            if (ex instanceof CommandLine.OverwrittenOptionException o) {
                String name = o.getOverwritten() instanceof CommandLine.Model.OptionSpec opt
                        ? opt.longestName() : String.valueOf(o.getOverwritten());
                return fail(new AicrException(ErrorCode.INVALID_REQUEST,
                        "flag " + name + " can only be specified once"));
            }
            CommandLine cl = ex.getCommandLine();
            if (cl.getCommand() instanceof ValidateCommand) {
                ValidateCommand.removeStaleOutputs(args);
            }
            cl.getErr().println("Error: " + Log.oneLine(String.valueOf(ex.getMessage())) + " (run '"
                    + cl.getCommandSpec().qualifiedName() + " --help' for usage)");
            return UNSTRUCTURED;
        }
    }
}
