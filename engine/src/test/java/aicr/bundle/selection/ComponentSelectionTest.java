package aicr.bundle.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import aicr.recipe.ComponentRef;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComponentSelectionTest {
    private static ComponentRef ref(String name) {
        return ComponentRef.builder(name).build();
    }

    private static List<String> names(List<ComponentRef> refs) {
        return refs.stream().map(r -> r.name()).toList();
    }

    @Test
    void orderedNamesFirstThenTheRestByName() {
        List<ComponentRef> refs = List.of(ref("z"), ref("m"), ref("b"), ref("a"));
        assertEquals(List.of("m", "z", "a", "b"), names(ComponentSelection.byDeploymentOrder(refs, List.of("m", "ghost", "z"))));
    }

    @Test
    void emptyOrderKeepsRecipeOrder() {
        List<ComponentRef> refs = List.of(ref("z"), ref("m"), ref("b"));
        assertEquals(List.of("z", "m", "b"), names(ComponentSelection.byDeploymentOrder(refs, List.of())));
    }
}
