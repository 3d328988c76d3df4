package aicr.cli;

import aicr.log.Log;

/**
 * Graceful termination for long-running commands: SIGTERM and SIGINT run {@code stop} on a
 * thread of their own, and the command then returns normally, so the process exits 0 as the
 * reference's server does (a JVM shutdown hook would make it exit 143). Where the JDK's signal
 * API is missing, a shutdown hook does the same work.
 */
final class Shutdown {
    private Shutdown() {
    }

    static void onTermination(Runnable stop) {
        Runnable once = new Runnable() {
            private final java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();

            @Override
            public void run() {
                if (!done.getAndSet(true)) {
                    new Thread(stop, "aicr-shutdown").start();
                }
            }
        };
        try {
            for (String sig : new String[]{"TERM", "INT"}) {
                sun.misc.Signal.handle(new sun.misc.Signal(sig), s -> {
                    Log.info("signal received, shutting down", "signal", "SIG" + sig);
                    once.run();
                });
            }
        } catch (LinkageError | IllegalArgumentException e) {
            Runtime.getRuntime().addShutdownHook(new Thread(stop, "aicr-shutdown"));
        }
    }
}
