package aicr.rules.facts;

import aicr.gocompat.GoStrings;

/**
 * One snapshot reading as a fact.
 *
 * @param key     its address ({@code K8s.server.version}, {@code NetworkTopology.pfs[1].rail})
 * @param value   the reference's string form, untrimmed (reported as "actual")
 * @param trimmed {@code value} without surrounding whitespace (what comparisons use)
 * @param kind    the native type: {@code int}, {@code uint}, {@code float}, {@code bool}, {@code string}
 */
public record Reading(String key, String value, String trimmed, String kind) {

    public static Reading of(String key, String value, String kind) {
        return new Reading(key, value, GoStrings.trimSpace(value), kind);
    }
}
