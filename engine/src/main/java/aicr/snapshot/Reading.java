package aicr.snapshot;

import aicr.gocompat.GoFloat;
import aicr.gocompat.GoValues;
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

    /** A decoded value as a reading: ints, uint64, floats, bools and strings keep their type, the rest becomes its {@code %v}. */
    static Reading ofDecoded(Object v) {
        if (v instanceof Long || v instanceof BigInteger || v instanceof Double || v instanceof Boolean
                || v instanceof String) {
            return new Reading(v);
        }
        return new Reading(GoValues.format(v));
    }
}
