package aicr.k8s;

import java.util.ArrayList;
import java.util.List;
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
}
