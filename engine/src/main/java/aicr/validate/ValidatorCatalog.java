package aicr.validate;

import aicr.data.DataSource;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.io.Fields;
import aicr.io.Node;
import aicr.io.YamlReader;
import aicr.io.YamlSyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The validator catalog ({@code validators/catalog.yaml}, spec §5.9). With {@code --data} the
 * external file's entries are merged into the embedded ones by name: an external entry
 * replaces the embedded entry of the same name in place, new names are appended.
 */
public final class ValidatorCatalog {
    static final String PATH = "validators/catalog.yaml";
    static final String API_VERSION = "validator.nvidia.com/v1alpha1";
    static final String KIND = "ValidatorCatalog";

    /**
     * One validator. {@code args}, {@code env}, {@code cpu}/{@code memory} and
     * {@code dependencyAffinity} shape its Job in live mode (spec §5.10); reports and phase
     * selection need only the first five.
     */
    public record Entry(String name, String phase, String description, String image, String timeout, List<String> args,
                        List<EnvVar> env, String cpu, String memory, List<DependencyAffinity> dependencyAffinity) {
        public Entry {
            args = args == null ? List.of() : List.copyOf(args);
            env = env == null ? List.of() : List.copyOf(env);
            cpu = cpu == null ? "" : cpu;
            memory = memory == null ? "" : memory;
            dependencyAffinity = dependencyAffinity == null ? List.of() : List.copyOf(dependencyAffinity);
        }

        public Entry(String name, String phase, String description, String image, String timeout) {
            this(name, phase, description, image, timeout, List.of(), List.of(), "", "", List.of());
        }

        /** The entry with another image (tag and registry resolution). */
        public Entry withImage(String other) {
            return new Entry(name, phase, description, other, timeout, args, env, cpu, memory, dependencyAffinity);
        }
    }

    /** A catalog {@code env} entry. */
    public record EnvVar(String name, String value) {
    }

    /**
     * A validator's wish to run near a component's pods: {@code requirement} is "" or
     * {@code preferred} (a weighted pod-affinity term) or {@code required} (a hard one, and a
     * pre-flight error when the recipe lacks the component).
     */
    public record DependencyAffinity(String componentRef, Map<String, String> podLabelSelector, String requirement,
                                     String topologyKey) {
        public DependencyAffinity {
            podLabelSelector = podLabelSelector == null ? Map.of()
                    : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(podLabelSelector));
        }

        public boolean required() {
            return requirement.equals("required");
        }

        public String topologyKeyOrDefault() {
            return topologyKey.isEmpty() ? "kubernetes.io/hostname" : topologyKey;
        }
    }

    private final List<Entry> entries;
    private final String version;

    private ValidatorCatalog(List<Entry> entries, String version) {
        this.entries = entries;
        this.version = version;
    }

    /** {@code metadata.version} ("" when absent): recorded in evidence predicates. */
    public String version() {
        return version;
    }

    public List<Entry> entries() {
        return entries;
    }

    /** Entries of one phase, in catalog order. */
    public List<Entry> forPhase(String phase) {
        return entries.stream().filter(e -> e.phase().equals(phase)).toList();
    }

    public static ValidatorCatalog load(DataSource data) {
        Node.MapNode embedded = parse(new String(data.readEmbeddedBytes(PATH), StandardCharsets.UTF_8));
        Node.MapNode doc = embedded;
        if (data.isExternal(PATH)) {
            doc = merge(embedded, parse(data.readText(PATH)));
        }
        return validate(doc);
    }

    private static Node.MapNode parse(String text) {
        try {
            Node n = YamlReader.parse(text);
            Node.MapNode m = Fields.map(n, "catalog");
            return m == null ? new Node.MapNode(Map.of(), 0) : m;
        } catch (YamlSyntaxException e) {
            throw new AicrException(ErrorCode.INTERNAL, "failed to parse catalog YAML", e);
        }
    }

    /** Embedded header and metadata; validators merged by name (see class comment). */
    static Node.MapNode merge(Node.MapNode embedded, Node.MapNode external) {
        List<Node> emb = validators(embedded);
        List<Node> ext = validators(external);
        Map<String, Node> extByName = new LinkedHashMap<>();
        for (Node v : ext) {
            String name = name(v);
            if (!name.isEmpty()) {
                extByName.put(name, v);
            }
        }
        List<Node> out = new ArrayList<>();
        Set<String> added = new HashSet<>();
        for (Node v : emb) {
            String name = name(v);
            out.add(extByName.getOrDefault(name, v));
            added.add(name);
        }
        for (Node v : ext) {
            if (!added.contains(name(v))) {
                out.add(v);
            }
        }
        Map<String, Node> m = new LinkedHashMap<>(embedded.entries());
        m.put("validators", new Node.SeqNode(out, 0));
        return new Node.MapNode(m, embedded.line());
    }

    private static List<Node> validators(Node.MapNode doc) {
        Node v = doc.get("validators");
        return v instanceof Node.SeqNode s ? s.items() : List.of();
    }

    private static String name(Node v) {
        return v instanceof Node.MapNode m && m.get("name") instanceof Node.ScalarNode s && !s.isNull() ? s.text() : "";
    }

    private static ValidatorCatalog validate(Node.MapNode doc) {
        if (doc.get("metadata") != null && !(doc.get("metadata") instanceof Node.ScalarNode s && s.isNull())) {
            String api = Fields.str(doc, "apiVersion");
            if (!api.equals(API_VERSION)) {
                throw invalid("unsupported apiVersion \"" + api + "\", expected \"" + API_VERSION + "\"");
            }
            String kind = Fields.str(doc, "kind");
            if (!kind.equals(KIND)) {
                throw invalid("unsupported kind \"" + kind + "\", expected \"" + KIND + "\"");
            }
        }
        List<Entry> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<Node> vs = validators(doc);
        try {
            for (int i = 0; i < vs.size(); i++) {
                Node.MapNode m = Fields.map(vs.get(i), "ValidatorEntry");
                if (m == null) {
                    m = new Node.MapNode(Map.of(), 0);
                }
                Entry e = new Entry(Fields.str(m, "name"), Fields.str(m, "phase"), Fields.str(m, "description"),
                        Fields.str(m, "image"), Fields.str(m, "timeout"), Fields.strList(m, "args"), env(m),
                        Fields.str(Fields.map(m, "resources"), "cpu"), Fields.str(Fields.map(m, "resources"), "memory"),
                        affinity(m));
                if (e.name().isEmpty()) {
                    throw invalid("validator[" + i + "]: name is required");
                }
                if (!seen.add(e.name())) {
                    throw invalid("validator[" + i + "]: duplicate name \"" + e.name() + "\"");
                }
                if (!Phases.ORDER.contains(e.phase())) {
                    throw invalid("validator \"" + e.name() + "\": invalid phase \"" + e.phase()
                            + "\", must be one of: deployment, performance, conformance");
                }
                if (e.image().isEmpty()) {
                    throw invalid("validator \"" + e.name() + "\": image is required");
                }
                for (DependencyAffinity d : e.dependencyAffinity()) {
                    checkAffinity(e.name(), d);
                }
                out.add(e);
            }
        } catch (YamlSyntaxException e) {
            throw new AicrException(ErrorCode.INTERNAL, "failed to parse catalog YAML", e);
        }
        Node.MapNode meta = doc.get("metadata") instanceof Node.MapNode mm ? mm : null;
        return new ValidatorCatalog(List.copyOf(out), meta == null ? "" : Fields.str(meta, "version"));
    }

    private static List<EnvVar> env(Node.MapNode m) {
        List<EnvVar> out = new ArrayList<>();
        List<Node.MapNode> items = Fields.mapList(m, "env");
        if (items != null) {
            for (Node.MapNode e : items) {
                out.add(new EnvVar(Fields.str(e, "name"), Fields.str(e, "value")));
            }
        }
        return out;
    }

    private static List<DependencyAffinity> affinity(Node.MapNode m) {
        List<DependencyAffinity> out = new ArrayList<>();
        List<Node.MapNode> items = Fields.mapList(m, "dependencyAffinity");
        if (items != null) {
            for (Node.MapNode d : items) {
                out.add(new DependencyAffinity(Fields.str(d, "componentRef"), Fields.strMap(d, "podLabelSelector"),
                        Fields.str(d, "requirement"), Fields.str(d, "topologyKey")));
            }
        }
        return out;
    }

    private static void checkAffinity(String validator, DependencyAffinity d) {
        String why = null;
        if (d.componentRef().isEmpty()) {
            why = "dependencyAffinity: componentRef is required";
        } else if (d.podLabelSelector().isEmpty()) {
            why = "dependencyAffinity \"" + d.componentRef() + "\": podLabelSelector is required";
        } else if (!Set.of("", "preferred", "required").contains(d.requirement())) {
            why = "dependencyAffinity \"" + d.componentRef() + "\": invalid requirement \"" + d.requirement()
                    + "\" (must be \"preferred\" or \"required\")";
        }
        if (why != null) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "validator \"" + validator + "\": invalid dependencyAffinity",
                    invalid(why));
        }
    }

    private static AicrException invalid(String msg) {
        return new AicrException(ErrorCode.INVALID_REQUEST, msg);
    }

}
