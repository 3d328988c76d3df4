package aicr.snapshot;

import java.util.function.BiConsumer;

/**
 * The addresses under which readings become rule facts, and the enumeration of every
 * addressable reading of a snapshot. An address is the constraint name that reaches the
 * reading, with item selectors normalised to the item's index: {@code K8s.server.version},
 * {@code NetworkTopology.pfs[1].rail}.
 *
 * <p>Only readings a constraint path can reach are enumerated: the first measurement of each
 * of the six types, the first subtype of each name, and subtype names without '.' or '['
 * (a path splits at the first '.', so {@code containerd.service} is unreachable). That also
 * makes every address unique.
 */
public final class SnapshotAddresses {
    private SnapshotAddresses() {
    }

    public static String plain(String type, String subtype, String key) {
        return type + '.' + subtype + '.' + key;
    }

    public static String item(String type, String subtype, int index, String key) {
        return type + '.' + subtype + '[' + index + "]." + key;
    }

    /** Calls {@code sink} with (address, reading) for every addressable reading, in document order. */
    public static void forEach(Snapshot snap, BiConsumer<String, Reading> sink) {
        for (String type : Snapshot.TYPES) {
            Measurement m = snap.measurement(type);
            if (m == null) {
                continue;
            }
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (Subtype st : m.subtypes()) {
                String name = st.name();
                if (!seen.add(name) || name.isEmpty() || name.indexOf('.') >= 0 || name.indexOf('[') >= 0) {
                    continue;
                }
                st.data().forEach((k, r) -> sink.accept(plain(type, name, k), r));
                for (int i = 0; i < st.items().size(); i++) {
                    Item item = st.items().get(i);
                    int at = i;
                    item.data().forEach((k, r) -> sink.accept(item(type, name, at, k), r));
                    item.context().forEach((k, v) -> {
                        if (!item.data().containsKey(k)) {
                            sink.accept(item(type, name, at, k), Reading.of(v));
                        }
                    });
                }
            }
        }
    }
}
