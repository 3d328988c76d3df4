package aicr.diff;

import aicr.io.JsonWriter;
import aicr.io.Struct;
import aicr.io.TabWriter;
import aicr.io.YamlWriter;
import aicr.snapshot.Measurement;
import aicr.snapshot.Reading;
import aicr.snapshot.Snapshot;
import aicr.snapshot.Subtype;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Field-level drift between two snapshots ({@code aicr diff}): every reading of every subtype
 * compared by its path {@code Type.subtype.key} as its string form; added, removed and modified
 * readings, sorted by path. Measurements and subtypes are matched by name (the last of a name
 * wins, as in the reference's index).
 */
public final class SnapshotDiff {
    private SnapshotDiff() {
    }

    public enum Kind { ADDED, REMOVED, MODIFIED;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One difference; {@code baseline} is null for an addition, {@code target} for a removal. */
    public record Change(Kind kind, String path, String baseline, String target) {
    }

    /** The whole result, with the sources named as given. */
    public record Result(String baselineSource, String targetSource, List<Change> changes) {
        public long count(Kind k) {
            return changes.stream().filter(c -> c.kind() == k).count();
        }

        public boolean drift() {
            return !changes.isEmpty();
        }
    }

    public static Result compare(String baselineSource, Snapshot baseline, String targetSource, Snapshot target) {
        Map<String, Measurement> base = index(baseline);
        Map<String, Measurement> tgt = index(target);
        List<Change> changes = new ArrayList<>();
        for (String type : union(base.keySet(), tgt.keySet())) {
            Measurement b = base.get(type);
            Measurement t = tgt.get(type);
            Map<String, Subtype> bs = subtypes(b);
            Map<String, Subtype> ts = subtypes(t);
            if (b == null || t == null) {
                // a whole measurement added or removed: every reading of every subtype (repeated names kept)
                Measurement present = b == null ? t : b;
                for (Subtype st : present.subtypes()) {
                    st.data().forEach((k, v) -> changes.add(one(b == null, type + "." + st.name() + "." + k, v)));
                }
                continue;
            }
            for (String name : union(bs.keySet(), ts.keySet())) {
                Subtype x = bs.get(name);
                Subtype y = ts.get(name);
                String prefix = type + "." + name;
                if (x == null || y == null) {
                    (x == null ? y : x).data().forEach((k, v) -> changes.add(one(x == null, prefix + "." + k, v)));
                    continue;
                }
                for (String key : union(x.data().keySet(), y.data().keySet())) {
                    String path = prefix + "." + key;
                    boolean inX = x.data().containsKey(key);
                    boolean inY = y.data().containsKey(key);
                    if (!inX) {
                        changes.add(new Change(Kind.ADDED, path, null, text(y.data().get(key))));
                    } else if (!inY) {
                        changes.add(new Change(Kind.REMOVED, path, text(x.data().get(key)), null));
                    } else if (!text(x.data().get(key)).equals(text(y.data().get(key)))) {
                        changes.add(new Change(Kind.MODIFIED, path, text(x.data().get(key)), text(y.data().get(key))));
                    }
                }
            }
        }
        changes.sort((p, q) -> compareBytes(p.path(), q.path()));
        return new Result(baselineSource, targetSource, List.copyOf(changes));
    }

    private static Change one(boolean added, String path, Reading v) {
        return added ? new Change(Kind.ADDED, path, null, text(v)) : new Change(Kind.REMOVED, path, text(v), null);
    }

    private static String text(Reading r) {
        return r == null ? "<nil>" : r.text();
    }

    private static Map<String, Measurement> index(Snapshot s) {
        Map<String, Measurement> m = new LinkedHashMap<>();
        s.measurements().forEach(x -> m.put(x.type(), x));
        return m;
    }

    private static Map<String, Subtype> subtypes(Measurement m) {
        Map<String, Subtype> out = new LinkedHashMap<>();
        if (m != null) {
            m.subtypes().forEach(st -> out.put(st.name(), st));
        }
        return out;
    }

    private static List<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        TreeSet<String> all = new TreeSet<>(SnapshotDiff::compareBytes);
        all.addAll(a);
        all.addAll(b);
        return new ArrayList<>(all);
    }

    private static int compareBytes(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** The document: {@code baselineSource}, {@code targetSource} (omitted when empty), changes, summary. */
    public static Struct toStruct(Result r) {
        Struct doc = new Struct();
        if (!r.baselineSource().isEmpty()) {
            doc.with("baselineSource", r.baselineSource());
        }
        if (!r.targetSource().isEmpty()) {
            doc.with("targetSource", r.targetSource());
        }
        List<Object> changes = new ArrayList<>();
        for (Change c : r.changes()) {
            Struct s = new Struct().with("kind", c.kind().wire()).with("severity", "info").with("path", c.path());
            if (c.baseline() != null) {
                s.with("baseline", c.baseline());
            }
            if (c.target() != null) {
                s.with("target", c.target());
            }
            changes.add(s);
        }
        doc.with("changes", changes);
        doc.with("summary", new Struct().with("added", r.count(Kind.ADDED)).with("removed", r.count(Kind.REMOVED))
                .with("modified", r.count(Kind.MODIFIED)).with("total", (long) r.changes().size()));
        return doc;
    }

    public static String render(Result r, String format) {
        return switch (format) {
            case "json" -> JsonWriter.write(toStruct(r), true);
            case "table" -> table(r);
            default -> YamlWriter.write(toStruct(r), true);
        };
    }

    /** The human table: a count line, KIND/PATH/BASELINE/TARGET columns, "-" for an absent side, "" quoted. */
    static String table(Result r) {
        if (r.changes().isEmpty()) {
            return "NO CHANGES\n";
        }
        StringBuilder sb = new StringBuilder();
        sb.append("CHANGES (").append(r.count(Kind.ADDED)).append(" added, ").append(r.count(Kind.REMOVED))
                .append(" removed, ").append(r.count(Kind.MODIFIED)).append(" modified)\n");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"KIND", "PATH", "BASELINE", "TARGET"});
        rows.add(new String[]{"----", "----", "--------", "------"});
        for (Change c : r.changes()) {
            rows.add(new String[]{c.kind().name(), c.path(), cell(c.baseline()), cell(c.target())});
        }
        sb.append(TabWriter.format(rows));
        sb.append("\nDRIFT DETECTED\n");
        return sb.toString();
    }

    private static String cell(String v) {
        if (v == null) {
            return "-";
        }
        return v.isEmpty() ? "\"\"" : v;
    }
}
