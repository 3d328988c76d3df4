package aicr.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import aicr.criteria.Criteria;
import aicr.io.JsonWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One store serves many threads (the API server shares it): results equal the serial ones. */
class ConcurrencyTest {
    @Test
    void parallelResolutionsAgreeWithSerialOnes() throws Exception {
        RecipeStore store = RecipeStore.embedded();
        List<Criteria> queries = List.of(
                new Criteria("eks", "h100", "training", "ubuntu", "any", 0),
                new Criteria("gke", "h100", "inference", "cos", "dynamo", 0),
                new Criteria("ocp", "any", "training", "any", "any", 0),
                new Criteria("kind", "h100", "inference", "any", "any", 0));
        List<String> serial = new ArrayList<>();
        for (Criteria q : queries) {
            serial.add(render(store, q));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                Criteria q = queries.get(i % queries.size());
                futures.add(pool.submit(() -> render(store, q)));
            }
            for (int i = 0; i < futures.size(); i++) {
                assertEquals(serial.get(i % queries.size()), futures.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String render(RecipeStore store, Criteria q) {
        RecipeResult r = new Resolver(store).resolve(q, "");
        return JsonWriter.write(r.toStruct(), false) + JsonWriter.write(Query.hydrate(r, store.data(), true), false);
    }
}
