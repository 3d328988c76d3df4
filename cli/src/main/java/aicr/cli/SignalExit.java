package aicr.cli;

import aicr.errors.ErrorCode;
import aicr.io.Interrupts;
import aicr.log.Log;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * SIGINT and SIGTERM: the running command stops cleanly and the process exits 5 (TIMEOUT,
 * "build deadline or cancellation" in docs/exit-codes.md) with one line on stderr.
 *
 * <p>Java runs shutdown hooks on these signals. The hook marks the process interrupted and
 * interrupts the command's thread; the command stops at its next checkpoint and unwinds through
 * its failure paths (staging directories and temporary files removed), and {@code main} reports
 * it. The hook waits for that, bounded: if the command has not finished after
 * {@link #GRACE_MILLIS}, the hook removes the tracked temporary paths itself (never in the middle
 * of the renames that put output in place), prints the line and halts. A command that completes
 * before it reaches a checkpoint exits with its own code: its output is complete.
 */
final class SignalExit {
    static final long GRACE_MILLIS = 3000;

    private final Thread command;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();

    private SignalExit(Thread command) {
        this.command = command;
    }

    static SignalExit install(Thread command) {
        SignalExit s = new SignalExit(command);
        Runtime.getRuntime().addShutdownHook(new Thread(s::onShutdown, "aicr-signal"));
        return s;
    }

    /** Called by {@code main} with the command's exit code, just before it exits. */
    void finished(int code) {
        exit.complete(code);
    }

    private void onShutdown() {
        if (exit.isDone()) {
            return; // an ordinary System.exit after the command finished
        }
        Interrupts.interrupt();
        command.interrupt();
        int code;
        try {
            code = exit.get(GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            Interrupts.removeTracked(GRACE_MILLIS);
            Log.error("command failed", "error", "[" + ErrorCode.TIMEOUT + "] " + Interrupts.MESSAGE,
                    "exitCode", ErrorCode.TIMEOUT.exitCode());
            code = ErrorCode.TIMEOUT.exitCode();
        } catch (InterruptedException e) {
            code = ErrorCode.TIMEOUT.exitCode();
        }
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(code);
    }
}
