package aicr.recipe;

import aicr.io.Fields;
import aicr.io.Node;
import aicr.io.Struct;

/** A resource a component is expected to create, checked by the deployment validators. */
public record ExpectedResource(String kind, String name, String namespace) {
    static ExpectedResource decode(Node.MapNode m) {
        return new ExpectedResource(Fields.str(m, "kind"), Fields.str(m, "name"), Fields.str(m, "namespace"));
    }

    Struct toStruct() {
        Struct s = new Struct().with("kind", kind).with("name", name);
        if (!namespace.isEmpty()) {
            s.put("namespace", namespace);
        }
        return s;
    }
}
