package aicr.io;

import aicr.gocompat.GoFloat;
import aicr.gocompat.GoTime;
import aicr.gocompat.Timestamp;
import java.math.BigInteger;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Writes a value-model tree as YAML, byte for byte the way the reference does (gopkg.in/yaml.v3
 * Encoder with indent 2, unlimited line width, one implicit document).
 *
 * <p>Style: block collections everywhere, sequences indented under their key ({@code key:\n  - a}),
 * {@code {}} / {@code []} for empty collections, {@code null}, {@code true}/{@code false},
 * decimal integers, floats via {@link GoFloat#yaml}, timestamps via {@link GoTime#rfc3339}. A string
 * is written plain when yaml.v3 would read it back as the same string ({@link YamlPlain}) and
 * the emitter's scalar analysis allows plain text; otherwise single-quoted, or double-quoted
 * with escapes; strings containing a line feed use a literal block ({@code |}, {@code |-},
 * {@code |+}, with an indentation indicator when the text starts with a space or break). Long
 * lines are never folded. The output ends with a newline and has no {@code ---}.
 *
 * <p>Values: null, Boolean, Integer/Long/Short/Byte, BigInteger, Double, String,
 * {@link Timestamp}, List, Map with String keys ({@link Struct} included).
 */
public final class YamlWriter {

    private YamlWriter() {
    }

    /**
     * Serializes {@code value} as one YAML document.
     *
     * @param sortKeys true: every mapping's keys, struct fields included, in byte order of their
     *                 UTF-8 text (the reference's sorted documents); false: {@link Struct} fields
     *                 in insertion order (Go struct order) and other maps in yaml.v3's own map-key
     *                 order (natural order: {@code a2} before {@code a10})
     * @throws IllegalArgumentException for values outside the value model or non-String keys
     */
    public static String write(Object value, boolean sortKeys) {
        return write(value, sortKeys, 2);
    }

    /**
     * As {@link #write(Object, boolean)} with another indentation step, for files the reference
     * writes with {@code yaml.Marshal} (indent 4, e.g. the recipe copy in an evidence bundle).
     * Sequence items still indent their content by 2 ({@code "- "}), as in yaml.v3.
     *
     * @param indent 2..9
     */
    public static String write(Object value, boolean sortKeys, int indent) {
        YamlEmitter e = new YamlEmitter(indent);
        new Walker(e, sortKeys).node(value, Parent.ROOT);
        e.endDocument();
        return e.output();
    }

    /** What the node being written hangs from; yaml.v3 indents sequence-item content differently. */
    enum Parent {
        ROOT, SEQUENCE_ITEM, MAPPING_VALUE
    }

    /** Turns values into emitter calls, choosing the requested scalar style like yaml.v3's encoder. */
    private static final class Walker {
        private final YamlEmitter e;
        private final boolean sortKeys;

        Walker(YamlEmitter e, boolean sortKeys) {
            this.e = e;
            this.sortKeys = sortKeys;
        }

        void node(Object v, Parent parent) {
            if (v instanceof Map<?, ?> m) {
                mapping(m, parent);
            } else if (v instanceof List<?> l) {
                if (l.isEmpty()) {
                    e.emptyFlow('[', ']');
                    return;
                }
                e.startBlock(parent);
                for (Object item : l) {
                    e.sequenceItemIndicator();
                    node(item, Parent.SEQUENCE_ITEM);
                }
                e.endBlock();
            } else {
                scalar(v, parent);
            }
        }

        private void mapping(Map<?, ?> m, Parent parent) {
            if (m.isEmpty()) {
                e.emptyFlow('{', '}');
                return;
            }
            e.startBlock(parent);
            for (Map.Entry<String, ?> entry : entries(m)) {
                String key = entry.getKey();
                YamlEmitter.Scalar k = stringScalar(key);
                if (e.isSimpleKey(k)) {
                    e.simpleKey(k);
                } else {
                    e.complexKey(k);
                }
                node(entry.getValue(), Parent.MAPPING_VALUE);
            }
            e.endBlock();
        }

        @SuppressWarnings("unchecked")
        private List<Map.Entry<String, ?>> entries(Map<?, ?> m) {
            for (Object k : m.keySet()) {
                if (!(k instanceof String)) {
                    throw new IllegalArgumentException("yaml: map key is not a string: " + k);
                }
            }
            Map<String, Object> sm = (Map<String, Object>) m;
            Comparator<String> order;
            if (sortKeys) {
                order = KeyOrder.BYTES;
            } else if (m instanceof Struct) {
                return List.copyOf(sm.entrySet());
            } else {
                order = KeyOrder.YAML_MAP;
            }
            return List.copyOf(KeyOrder.sorted(sm, order));
        }

        private void scalar(Object v, Parent parent) {
            YamlEmitter.Scalar s;
            if (v == null) {
                s = YamlEmitter.Scalar.plain("null");
            } else if (v instanceof String str) {
                s = stringScalar(str);
            } else if (v instanceof Boolean b) {
                s = YamlEmitter.Scalar.plain(b ? "true" : "false");
            } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
                    || v instanceof BigInteger) {
                s = YamlEmitter.Scalar.plain(v.toString());
            } else if (v instanceof Double d) {
                s = YamlEmitter.Scalar.plain(GoFloat.yaml(d));
            } else if (v instanceof Timestamp t) {
                s = YamlEmitter.Scalar.plain(GoTime.rfc3339(t));
            } else {
                throw new IllegalArgumentException("yaml: cannot marshal type: " + v.getClass().getName());
            }
            e.scalar(s, parent);
        }

        /** yaml.v3 stringv: literal if it has a line feed, plain if safe, else double-quoted. */
        private static YamlEmitter.Scalar stringScalar(String raw) {
            String s = YamlEmitter.wellFormed(raw);
            if (s.indexOf('\n') >= 0) {
                return new YamlEmitter.Scalar(s, YamlEmitter.Style.LITERAL);
            }
            if (YamlPlain.canUsePlain(s)) {
                return YamlEmitter.Scalar.plain(s);
            }
            return new YamlEmitter.Scalar(s, YamlEmitter.Style.DOUBLE_QUOTED);
        }
    }
}
