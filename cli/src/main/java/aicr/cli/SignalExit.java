package aicr.cli;

import aicr.errors.ErrorCode;
import aicr.io.Interrupts;
import aicr.log.Log;

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
 *
 * <p>Plain monitor wait/notify, no java.util.concurrent: this class is on every command's start-up
 * path, where each class loaded costs.
 */
final class SignalExit {
    static final long GRACE_MILLIS = 3000;

    private final Thread command;
    private boolean done;
    private int code;

    private SignalExit(Thread command) {
        this.command = command;
    }

    static SignalExit install(Thread command) {
        SignalExit s = new SignalExit(command);
        Runtime.getRuntime().addShutdownHook(new Thread(s::onShutdown, "aicr-signal"));
        return s;
    }

    /** Called by {@code main} with the command's exit code, just before it exits. */
    synchronized void finished(int exitCode) {
        code = exitCode;
        done = true;
        notifyAll();
    }

    private void onShutdown() {
        synchronized (this) {
            if (done) {
                return; // an ordinary System.exit after the command finished
            }
        }
        Interrupts.interrupt();
        command.interrupt();
        int exit = awaitCommand();
        if (exit < 0) {
            Interrupts.removeTrackedThen(() -> {
                Log.error("command failed", "error", "[" + ErrorCode.TIMEOUT + "] " + Interrupts.MESSAGE,
                        "exitCode", ErrorCode.TIMEOUT.exitCode());
                halt(ErrorCode.TIMEOUT.exitCode());
            });
        }
        halt(exit);
    }

    /** The command's exit code once it has finished, or -1 when it did not within the grace period. */
    private synchronized int awaitCommand() {
        long deadline = System.nanoTime() + GRACE_MILLIS * 1_000_000;
        try {
            while (!done) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return -1;
                }
                wait(left);
            }
        } catch (InterruptedException e) {
            return -1;
        }
        return code;
    }

    private static void halt(int exitCode) {
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(exitCode);
    }
}
