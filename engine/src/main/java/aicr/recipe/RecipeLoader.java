package aicr.recipe;

import aicr.criteria.Criteria;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.io.Fields;
import aicr.io.InputSource;
import aicr.io.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads a stored recipe for the commands that consume one (validate, bundle): a
 * {@code RecipeResult} document is taken as is (registry defaults are not re-applied), a
 * {@code RecipeMetadata} overlay is resolved from its own criteria.
 */
public final class RecipeLoader {
    private RecipeLoader() {
    }

    public static RecipeResult load(String uri, RecipeStore store) {
        return load(uri, store, null);
    }

    /** As {@link #load(String, RecipeStore)}; {@code cm://} recipes are read through {@code kubeconfig}. */
    public static RecipeResult load(String uri, RecipeStore store, String kubeconfig) {
        if (uri.startsWith("cm://")) {
            aicr.snapshot.ConfigMapUri.parse(uri);
        }
        Node doc = InputSource.parse(uri, kubeconfig).root();
        try {
            return fromDocument(doc, store);
        } catch (aicr.io.YamlSyntaxException e) {
            throw AicrException.wrap(ErrorCode.INTERNAL, "failed to deserialize object from \"" + uri + "\"",
                    new AicrException(ErrorCode.INVALID_REQUEST, "failed to decode recipe", e));
        }
    }

    public static RecipeResult fromDocument(Node doc, RecipeStore store) {
        Node.MapNode m = Fields.map(doc, "recipe.RecipeResult");
        if (m == null) {
            m = new Node.MapNode(java.util.Map.of(), 0);
        }
        String kind = Fields.str(m, "kind");
        if (kind.equals("RecipeMetadata")) {
            Overlay o = Overlay.decode(m, false, "");
            if (o.criteria() == null) {
                throw new AicrException(ErrorCode.INVALID_REQUEST, "overlay \"" + o.name()
                        + "\" has no criteria; only leaf overlays with criteria can be used directly");
            }
            return new Resolver(store).resolve(normalize(o.criteria()), aicr.BuildInfo.VERSION);
        }
        if (!kind.isEmpty() && !kind.equals(RecipeResult.KIND)) {
            throw new AicrException(ErrorCode.INVALID_REQUEST,
                    "unsupported recipe kind \"" + kind + "\", expected \"RecipeResult\" or \"RecipeMetadata\"");
        }
        String api = Fields.str(m, "apiVersion");
        if (!api.isEmpty() && !api.equals(RecipeResult.API_VERSION)) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "recipe file has apiVersion \"" + api
                    + "\", which this aicr build does not support (expected \"" + RecipeResult.API_VERSION + "\")");
        }
        RecipeResult r = decode(m);
        for (ComponentRef ref : r.componentRefs) {
            if (ref.name.equals("deployer")) {
                throw new AicrException(ErrorCode.INVALID_REQUEST,
                        "component name \"deployer\" is reserved (used by --set deployer:...)");
            }
        }
        backfillTypes(r, store);
        Resolver.canonicalizeTypes(r.componentRefs);
        Coherence.check(r.componentRefs);
        return r;
    }

    private static Criteria normalize(Criteria c) {
        return new Criteria(orAny(c.service()), orAny(c.accelerator()), orAny(c.intent()), orAny(c.os()),
                orAny(c.platform()), c.nodes());
    }

    private static String orAny(String v) {
        return v.isEmpty() ? Criteria.ANY : v;
    }

    private static void backfillTypes(RecipeResult r, RecipeStore store) {
        for (ComponentRef ref : r.componentRefs) {
            if (ref.type.isEmpty() && ref.enabled()) {
                ComponentConfig cfg = store.componentRegistry().get(ref.name);
                if (cfg != null) {
                    ref.type = cfg.type();
                }
            }
        }
    }

    static RecipeResult decode(Node.MapNode m) {
        RecipeResult r = new RecipeResult();
        r.kind = Fields.str(m, "kind");
        r.apiVersion = Fields.str(m, "apiVersion");
        Node.MapNode meta = Fields.map(m, "metadata");
        r.metadata.version = Fields.str(meta, "version");
        List<String> applied = Fields.strList(meta, "appliedOverlays");
        r.metadata.appliedOverlays = applied == null ? new ArrayList<>() : applied;
        Node ex = meta == null ? null : meta.get("excludedOverlays");
        if (ex instanceof Node.SeqNode seq) {
            for (Node item : seq.items()) {
                if (item instanceof Node.ScalarNode s) {
                    r.metadata.excludedOverlays.add(new RecipeResult.Excluded(s.text(), ""));
                } else {
                    Node.MapNode e = Fields.map(item, "map");
                    r.metadata.excludedOverlays.add(new RecipeResult.Excluded(Fields.str(e, "name"), Fields.str(e, "reason")));
                }
            }
        }
        List<Node.MapNode> warnings = Fields.mapList(meta, "constraintWarnings");
        if (warnings != null) {
            for (Node.MapNode w : warnings) {
                r.metadata.constraintWarnings.add(new RecipeResult.ConstraintWarning(Fields.str(w, "overlay"),
                        Fields.str(w, "constraint"), Fields.str(w, "expected"), Fields.str(w, "actual"), Fields.str(w, "reason")));
            }
        }
        Node.MapNode crit = Fields.map(m, "criteria");
        if (crit != null) {
            r.criteria = new Criteria(Fields.str(crit, "service"), Fields.str(crit, "accelerator"), Fields.str(crit, "intent"),
                    Fields.str(crit, "os"), Fields.str(crit, "platform"), Fields.integer(crit, "nodes"));
        }
        List<Constraint> cs = Constraint.decodeList(m, "constraints");
        if (cs != null) {
            r.constraints = cs;
        }
        List<Node.MapNode> refs = Fields.mapList(m, "componentRefs");
        if (refs != null) {
            refs.forEach(c -> r.componentRefs.add(ComponentRef.decode(c)));
        }
        List<String> order = Fields.strList(m, "deploymentOrder");
        r.deploymentOrder = order == null ? new ArrayList<>() : order;
        Node.MapNode v = Fields.map(m, "validation");
        r.validation = v == null ? null : Validation.decode(v);
        return r;
    }
}
