package aicr.bundle.helmfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import aicr.errors.AicrException;
import aicr.recipe.ComponentRef;
import java.util.List;
import org.junit.jupiter.api.Test;

class DependencyLevelsTest {
    private static ComponentRef ref(String name, String... deps) {
        return ComponentRef.builder(name).dependencyRefs(List.of(deps)).build();
    }

    @Test
    void levelsAreSortedByName() {
        assertEquals(List.of(List.of("a", "z"), List.of("b", "c"), List.of("d")),
                DependencyLevels.of(List.of(ref("z"), ref("d", "b", "c"), ref("c", "a"), ref("b", "z"), ref("a"))));
    }

    @Test
    void anUndeclaredDependencyLooksLikeACycle() {
        assertEquals("[INVALID_REQUEST] cannot determine deployment levels: circular dependencies exist",
                assertThrows(AicrException.class, () -> DependencyLevels.of(List.of(ref("a", "ghost")))).render());
    }
}
