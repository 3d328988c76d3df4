package aicr.k8s;

import aicr.log.Log;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Blocking client calls run side by side, one thread each (the common fork-join pool has a
 * single worker on a 2-core machine, which would run them one after another).
 */
public final class Concurrently {
    private Concurrently() {
    }

    /** Starts every task on a thread of its own; the threads end with their tasks. */
    public static <T> List<CompletableFuture<T>> start(List<Supplier<T>> tasks) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, tasks.size()), r -> {
            Thread t = new Thread(r, "aicr-k8s-call");
            t.setDaemon(true);
            return t;
        });
        try {
            List<CompletableFuture<T>> out = new ArrayList<>();
            for (Supplier<T> task : tasks) {
                out.add(CompletableFuture.supplyAsync(task, pool));
            }
            return out;
        } finally {
            pool.shutdown();
        }
    }

    /**
     * Runs the deletions (label → call) side by side and waits for them within {@code bound}
     * overall; returns the labels deleted or already gone (NotFound). Any other failure, or one
     * still running at the bound, is logged one line each with {@code context} (key/value pairs)
     * and left; an interrupted caller stops waiting and keeps its interrupt flag.
     */
    public static List<String> deleteAll(KubeSession s, Map<String, Supplier<Object>> deletions, Duration bound,
                                         Object... context) {
        Map<String, CompletableFuture<Object>> running = new LinkedHashMap<>();
        List<CompletableFuture<Object>> started = start(new ArrayList<>(deletions.values()));
        int i = 0;
        for (String label : deletions.keySet()) {
            running.put(label, started.get(i++));
        }
        List<String> deleted = new ArrayList<>();
        long deadline = System.nanoTime() + bound.toNanos();
        for (Map.Entry<String, CompletableFuture<Object>> e : running.entrySet()) {
            try {
                e.getValue().get(Math.max(1, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
                deleted.add(e.getKey());
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            } catch (Exception ex) {
                Throwable cause = ex.getCause() == null ? ex : ex.getCause();
                if (KubeErrors.status(cause) == 404) {
                    deleted.add(e.getKey());
                } else {
                    List<Object> kv = new ArrayList<>(List.of("resource", e.getKey()));
                    kv.addAll(List.of(context));
                    kv.addAll(List.of("error", KubeErrors.describe(cause, s.server())));
                    Log.warn("cleanup failed - resource may remain in cluster", kv.toArray());
                }
            }
        }
        return deleted;
    }
}
