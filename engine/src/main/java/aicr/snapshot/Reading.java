package aicr.snapshot;

import aicr.io.GoFloat;
import java.math.BigInteger;

/**
 * One typed scalar of a snapshot (spec §1.3): int (Long), uint64 (BigInteger), float64
 * (Double), bool (Boolean) or string. Values of any other YAML/JSON type were already turned
 * into their Go {@code %v} string when the snapshot was read.
 *
 * @param value the native value (never null; a null reading is the string {@code <nil>})
 */
public record Reading(Object value) {

    public Reading {
        if (!(value instanceof Long || value instanceof BigInteger || value instanceof Double
                || value instanceof Boolean || value instanceof String)) {
            throw new IllegalArgumentException("not a reading scalar: " + value);
        }
    }

    /** The string form constraints compare against (Go {@code %v} of the native value). */
    public String text() {
        if (value instanceof Double d) {
            return GoFloat.reading(d);
        }
        return value.toString();
    }

    public static Reading of(String s) {
        return new Reading(s);
    }
}
