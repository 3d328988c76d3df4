package aicr.recipe;

import aicr.io.Fields;
import aicr.io.Node;
import java.util.Set;

/** A {@code RecipeMixin}: constraints and component refs pulled in by name. Decoded strictly. */
public record Mixin(String name, Spec spec, String path) {
    private static final Set<String> TOP = Set.of("kind", "apiVersion", "metadata", "spec");
    private static final Set<String> SPEC = Set.of("constraints", "componentRefs");

    static Mixin decode(Node.MapNode doc, String path) {
        Fields.strict(doc, TOP, "recipe.RecipeMixin");
        Node.MapNode spec = Fields.map(doc, "spec");
        Fields.strict(spec, SPEC, "recipe.RecipeMixinSpec");
        Spec s = Spec.decode(spec);
        return new Mixin(Fields.str(Fields.map(doc, "metadata"), "name"), s, path);
    }
}
