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
        for (ComponentRef ref : r.componentRefs()) {
            if (ref.name().equals("deployer")) {
                throw new AicrException(ErrorCode.INVALID_REQUEST,
                        "component name \"deployer\" is reserved (used by --set deployer:...)");
            }
        }
        r = r.withComponentRefs(Resolver.canonicalizeTypes(backfillTypes(r.componentRefs(), store)));
        Coherence.check(r.componentRefs());
        return r;
    }

    private static Criteria normalize(Criteria c) {
        return new Criteria(orAny(c.service()), orAny(c.accelerator()), orAny(c.intent()), orAny(c.os()),
                orAny(c.platform()), c.nodes());
    }

    private static String orAny(String v) {
        return v.isEmpty() ? Criteria.ANY : v;
    }

    /** Enabled refs without a type take the registry's. */
    private static List<ComponentRef> backfillTypes(List<ComponentRef> refs, RecipeStore store) {
        List<ComponentRef> out = new ArrayList<>(refs.size());
        for (ComponentRef ref : refs) {
            ComponentConfig cfg = ref.type().isEmpty() && ref.enabled() ? store.componentRegistry().get(ref.name()) : null;
            out.add(cfg == null ? ref : ref.toBuilder().type(cfg.type()).build());
        }
        return out;
    }

    static RecipeResult decode(Node.MapNode m) {
        Node.MapNode meta = Fields.map(m, "metadata");
        List<String> applied = Fields.strList(meta, "appliedOverlays");
        List<RecipeResult.Excluded> excluded = new ArrayList<>();
        Node ex = meta == null ? null : meta.get("excludedOverlays");
        if (ex instanceof Node.SeqNode seq) {
            for (Node item : seq.items()) {
                if (item instanceof Node.ScalarNode s) {
                    excluded.add(new RecipeResult.Excluded(s.text(), ""));
                } else {
                    Node.MapNode e = Fields.map(item, "map");
                    excluded.add(new RecipeResult.Excluded(Fields.str(e, "name"), Fields.str(e, "reason")));
                }
            }
        }
        List<RecipeResult.ConstraintWarning> warnings = new ArrayList<>();
        List<Node.MapNode> ws = Fields.mapList(meta, "constraintWarnings");
        if (ws != null) {
            for (Node.MapNode w : ws) {
                warnings.add(new RecipeResult.ConstraintWarning(Fields.str(w, "overlay"), Fields.str(w, "constraint"),
                        Fields.str(w, "expected"), Fields.str(w, "actual"), Fields.str(w, "reason")));
            }
        }
        RecipeResult.Metadata metadata = new RecipeResult.Metadata(Fields.str(meta, "version"),
                applied == null ? List.of() : applied, excluded, warnings);
        Node.MapNode crit = Fields.map(m, "criteria");
        Criteria criteria = crit == null ? null : new Criteria(Fields.str(crit, "service"), Fields.str(crit, "accelerator"),
                Fields.str(crit, "intent"), Fields.str(crit, "os"), Fields.str(crit, "platform"), Fields.integer(crit, "nodes"));
        List<Constraint> cs = Constraint.decodeList(m, "constraints");
        List<Node.MapNode> refNodes = Fields.mapList(m, "componentRefs");
        List<ComponentRef> refs = refNodes == null ? List.of() : refNodes.stream().map(ComponentRef::decode).toList();
        List<String> order = Fields.strList(m, "deploymentOrder");
        Node.MapNode v = Fields.map(m, "validation");
        return new RecipeResult(Fields.str(m, "kind"), Fields.str(m, "apiVersion"), criteria, cs == null ? List.of() : cs,
                refs, order == null ? List.of() : order, v == null ? null : Validation.decode(v), metadata);
    }
}
