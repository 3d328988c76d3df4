package aicr.recipe;

import aicr.data.DataSource;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.io.Fields;
import aicr.io.Node;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code registry.yaml}: per-component defaults. With {@code --data}, external entries replace
 * embedded entries of the same name wholesale and new names are appended.
 */
public final class ComponentRegistry {
    private final List<ComponentConfig> components;
    private final Map<String, ComponentConfig> byName;

    private ComponentRegistry(List<ComponentConfig> components) {
        this.components = Collections.unmodifiableList(components);
        Map<String, ComponentConfig> m = new LinkedHashMap<>();
        components.forEach(c -> m.put(c.name(), c)); // last entry with a name wins lookups
        this.byName = Collections.unmodifiableMap(m);
    }

    public List<ComponentConfig> components() {
        return components;
    }

    public ComponentConfig get(String name) {
        return byName.get(name);
    }

    static ComponentRegistry load(DataSource data) {
        List<Node.MapNode> entries = entries(data, false);
        if (data.isExternal("registry.yaml")) {
            List<Node.MapNode> ext = entries(data, true);
            Map<String, Node.MapNode> extByName = new LinkedHashMap<>();
            for (Node.MapNode e : ext) {
                extByName.put(Fields.str(e, "name"), e);
            }
            List<Node.MapNode> merged = new ArrayList<>();
            java.util.Set<String> used = new java.util.HashSet<>();
            for (Node.MapNode e : entries) {
                String n = Fields.str(e, "name");
                if (extByName.containsKey(n)) {
                    merged.add(extByName.get(n));
                    used.add(n);
                } else {
                    merged.add(e);
                }
            }
            extByName.forEach((n, e) -> {
                if (!used.contains(n)) {
                    merged.add(e);
                }
            });
            entries = merged;
        }
        List<ComponentConfig> out = new ArrayList<>();
        for (Node.MapNode e : entries) {
            ComponentConfig c;
            try {
                c = ComponentConfig.decode(e);
            } catch (RuntimeException ex) {
                throw new AicrException(ErrorCode.INTERNAL, "failed to parse registry.yaml", ex);
            }
            if (c.name().equals("deployer") || c.valueOverrideKeys().contains("deployer")) {
                throw new AicrException(ErrorCode.INVALID_REQUEST,
                        "component registry: \"deployer\" is a reserved name (used by --set deployer:...)");
            }
            out.add(c);
        }
        return new ComponentRegistry(out);
    }

    private static List<Node.MapNode> entries(DataSource data, boolean external) {
        Node doc;
        try {
            doc = external ? data.readNode("registry.yaml") : embeddedRegistry(data);
        } catch (AicrException e) {
            throw new AicrException(ErrorCode.INTERNAL, "failed to read registry.yaml", e);
        } catch (RuntimeException e) {
            throw new AicrException(ErrorCode.INTERNAL, "failed to parse registry.yaml", e);
        }
        try {
            List<Node.MapNode> l = Fields.mapList(Fields.map(doc, "map"), "components");
            return l == null ? List.of() : l;
        } catch (RuntimeException e) {
            throw new AicrException(ErrorCode.INTERNAL, "failed to parse registry.yaml", e);
        }
    }

    private static Node embeddedRegistry(DataSource data) {
        return DataSource.embedded().readNode("registry.yaml");
    }
}
