package aicr.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every rule kind registers its case adapter (META-INF/services), so `aicr rules test` can run all cases. */
class CaseAdapterRegistryTest {
    @Test
    void everyKindHasItsAdapter() {
        Map<RuleKind, CaseAdapter> adapters = CaseAdapter.registered();
        assertEquals(RuleKind.values().length, adapters.size(), adapters.toString());
        adapters.forEach((kind, adapter) -> assertEquals(kind, adapter.kind()));
    }
}
