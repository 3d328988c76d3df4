package aicr.recipe;

import aicr.criteria.Criteria;
import aicr.io.Fields;
import aicr.io.Node;
import java.util.List;

/**
 * A {@code RecipeMetadata} document of the catalog (base.yaml included): selected by its
 * criteria, inheriting from {@code base}. Immutable once loaded; resolution copies its spec.
 *
 * @param criteria raw criteria values as written, or null when the overlay has none
 * @param external true when the file came from a {@code --data} directory
 */
public record Overlay(String name, String base, Criteria criteria, List<String> mixins, Spec spec,
                      boolean external, String path) {

    static Overlay decode(Node.MapNode doc, boolean external, String path) {
        Node.MapNode meta = Fields.map(doc, "metadata");
        Node.MapNode spec = Fields.map(doc, "spec");
        Node.MapNode crit = Fields.map(spec, "criteria");
        Criteria c = null;
        if (crit != null) {
            c = new Criteria(Fields.str(crit, "service"), Fields.str(crit, "accelerator"), Fields.str(crit, "intent"),
                    Fields.str(crit, "os"), Fields.str(crit, "platform"), Fields.integer(crit, "nodes"));
        }
        return new Overlay(Fields.str(meta, "name"), Fields.str(spec, "base"), c, Fields.strList(spec, "mixins"),
                Spec.decode(spec), external, path);
    }

    /** True when the overlay names the root as its parent. */
    boolean baseIsRoot() {
        return base.isEmpty() || base.equals("base");
    }
}
