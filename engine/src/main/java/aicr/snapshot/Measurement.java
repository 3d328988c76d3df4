package aicr.snapshot;

import java.util.List;

/** Readings of one collector ({@code K8s}, {@code GPU}, {@code OS}, ...). */
public record Measurement(String type, List<Subtype> subtypes) {
    public Measurement {
        subtypes = List.copyOf(subtypes);
    }

    /** The first subtype with that name, as the reference's lookups take it; null if none. */
    public Subtype subtype(String name) {
        for (Subtype s : subtypes) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }
}
