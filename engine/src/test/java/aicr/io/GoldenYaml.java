package aicr.io;

import aicr.gocompat.GoTimestamp;
import aicr.gocompat.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Test-side loader for reference-written YAML: SnakeYAML restricted to the plain-scalar types the
 * reference's YAML library produces on output (bool true/false, null, decimal int, float), so
 * that a re-emitted document can be compared byte for byte with the original.
 */
final class GoldenYaml {

    private GoldenYaml() {
    }

    private static final class V3Resolver extends Resolver {
        @Override
        public Tag resolve(NodeId kind, String value, boolean implicit) {
            if (kind == NodeId.scalar && implicit && GoTimestamp.parses(value)) {
                return Tag.TIMESTAMP;
            }
            return super.resolve(kind, value, implicit);
        }

        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF");
            addImplicitResolver(Tag.INT, Pattern.compile("^[-+]?[0-9]+$"), "-+0123456789");
            addImplicitResolver(Tag.FLOAT, Pattern.compile(
                    "^(?:[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
                            + "|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$"), "-+0123456789.");
            addImplicitResolver(Tag.NULL, Pattern.compile("^(?:~|null|Null|NULL)$"), "~nN\0");
            addImplicitResolver(Tag.NULL, Pattern.compile("^$"), null);
        }
    }

    /** Constructs RFC 3339 timestamps (the only form the reference writes) as {@link Timestamp}. */
    private static final class TimestampConstructor extends SafeConstructor {
        TimestampConstructor(LoaderOptions lo) {
            super(lo);
            yamlConstructors.put(Tag.TIMESTAMP, new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    String text = ((ScalarNode) node).getValue();
                    if (text.length() == 10) {
                        long day = LocalDate.parse(text).toEpochDay();
                        return new Timestamp(day * 86400, 0, 0, true);
                    }
                    OffsetDateTime t = OffsetDateTime.parse(text);
                    int off = t.getOffset().getTotalSeconds();
                    return new Timestamp(t.toEpochSecond(), t.getNano(), off, text.endsWith("Z"));
                }
            });
        }
    }

    static Object load(String text) {
        return load(text, false);
    }

    /** @param asStruct true: every mapping becomes a {@link Struct}, keeping the file's key order */
    static Object load(String text, boolean asStruct) {
        LoaderOptions lo = new LoaderOptions();
        lo.setCodePointLimit(64 * 1024 * 1024);
        DumperOptions dumper = new DumperOptions();
        Yaml yaml = new Yaml(new TimestampConstructor(lo), new Representer(dumper), dumper, lo, new V3Resolver());
        return normalize(yaml.load(text), asStruct);
    }

    /** SnakeYAML gives Integer/Long/BigInteger and Double already; copy maps to keep order. */
    private static Object normalize(Object v, boolean asStruct) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = asStruct ? new Struct() : new LinkedHashMap<>();
            m.forEach((k, x) -> out.put((String) k, normalize(x, asStruct)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(normalize(x, asStruct)));
            return out;
        }
        return v;
    }
}
