package aicr.snapshot;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;

/**
 * A constraint name parsed as a snapshot address (spec §4.2):
 * {@code Type.Subtype.Key} or {@code Type.Subtype[selector].Key}. Messages and their order are
 * the reference's, because they reach the user inside readiness errors.
 *
 * @param index    the item index of an index selector, or -1
 * @param predKey  the key of a {@code key=value} selector, or null
 */
public record ConstraintPath(String type, String subtype, String key, String selector, long index,
                             String predKey, String predValue) {

    public boolean itemForm() {
        return selector != null;
    }

    public static ConstraintPath parse(String path) {
        if (path.isEmpty()) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "constraint path cannot be empty");
        }
        int typeDot = path.indexOf('.');
        if (typeDot < 0) {
            throw invalid("expected format {Type}.{Subtype}[selector].{Key}");
        }
        String type = path.substring(0, typeDot);
        String rest = path.substring(typeDot + 1);
        if (!Snapshot.TYPES.contains(type)) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "invalid measurement type in constraint path");
        }
        int bracket = rest.indexOf('[');
        int dot = rest.indexOf('.');
        if (bracket >= 0 && (dot < 0 || bracket < dot)) {
            return itemForm(type, rest, bracket);
        }
        if (dot < 0) {
            throw invalid("expected format {Type}.{Subtype}.{Key}");
        }
        String subtype = rest.substring(0, dot);
        String key = rest.substring(dot + 1);
        if (subtype.isEmpty() || key.isEmpty()) {
            throw invalid("subtype or key is empty");
        }
        return new ConstraintPath(type, subtype, key, null, -1, null, null);
    }

    private static ConstraintPath itemForm(String type, String rest, int bracket) {
        String subtype = rest.substring(0, bracket);
        if (subtype.isEmpty()) {
            throw invalid("subtype before '[' is empty");
        }
        int end = rest.indexOf(']', bracket);
        if (end < 0) {
            throw invalid("unclosed item selector bracket");
        }
        String raw = rest.substring(bracket + 1, end);
        long index = -1;
        String pk = null;
        String pv = null;
        if (raw.isEmpty()) {
            throw invalid("item selector is empty");
        }
        int eq = raw.indexOf('=');
        if (eq >= 0) {
            pk = raw.substring(0, eq);
            pv = raw.substring(eq + 1);
            if (pk.isEmpty() || pv.isEmpty()) {
                throw invalid("predicate selector requires non-empty key and value");
            }
        } else {
            Long n = atoi(raw);
            if (n == null) {
                throw invalid("item selector must be an integer index or 'key=value' predicate");
            }
            if (n < 0) {
                throw invalid("item index cannot be negative");
            }
            index = n;
        }
        String after = rest.substring(end + 1);
        if (after.isEmpty()) {
            throw invalid("missing key after item selector");
        }
        if (after.charAt(0) != '.') {
            throw invalid("expected '.' after item selector");
        }
        String key = after.substring(1);
        if (key.isEmpty()) {
            throw invalid("missing key after item selector");
        }
        return new ConstraintPath(type, subtype, key, raw, index, pk, pv);
    }

    /**
     * Looks the path up: first measurement of the type, first subtype of the name, then the
     * key (plain form: data only) or the selected item (data, then context). Returns the
     * address of the reading as {@link SnapshotAddresses} names it. Throws NOT_FOUND, or
     * CONFLICT for an ambiguous predicate.
     */
    public String resolve(Snapshot snap) {
        Measurement m = snap.measurement(type);
        if (m == null) {
            throw new AicrException(ErrorCode.NOT_FOUND, "measurement type not found in snapshot");
        }
        Subtype st = m.subtype(subtype);
        if (st == null) {
            throw new AicrException(ErrorCode.NOT_FOUND, "subtype not found in measurement");
        }
        if (!itemForm()) {
            if (!st.data().containsKey(key)) {
                throw new AicrException(ErrorCode.NOT_FOUND, "key not found in subtype");
            }
            return SnapshotAddresses.plain(type, subtype, key);
        }
        if (st.items().isEmpty()) {
            throw new AicrException(ErrorCode.NOT_FOUND, "subtype has no items but path uses an item selector");
        }
        int at;
        if (predKey == null) {
            if (index >= st.items().size()) {
                throw new AicrException(ErrorCode.NOT_FOUND, "item index out of bounds");
            }
            at = (int) index;
        } else {
            at = -1;
            for (int i = 0; i < st.items().size(); i++) {
                if (matches(st.items().get(i))) {
                    if (at >= 0) {
                        throw new AicrException(ErrorCode.CONFLICT, "item predicate matches multiple entries");
                    }
                    at = i;
                }
            }
            if (at < 0) {
                throw new AicrException(ErrorCode.NOT_FOUND, "no item matches predicate");
            }
        }
        Item item = st.items().get(at);
        if (!item.data().containsKey(key) && !item.context().containsKey(key)) {
            throw new AicrException(ErrorCode.NOT_FOUND, "key not found in item");
        }
        return SnapshotAddresses.item(type, subtype, at, key);
    }

    private boolean matches(Item item) {
        Reading r = item.data().get(predKey);
        if (r != null) {
            return r.text().equals(predValue);
        }
        String c = item.context().get(predKey);
        return c != null && c.equals(predValue);
    }

    private static AicrException invalid(String why) {
        return new AicrException(ErrorCode.INVALID_REQUEST, "invalid constraint path: " + why);
    }

    /** Go's strconv.Atoi (64-bit): optional sign, ASCII digits, in range; else null. */
    private static Long atoi(String s) {
        int i = (s.charAt(0) == '+' || s.charAt(0) == '-') ? 1 : 0;
        if (i == s.length()) {
            return null;
        }
        for (int j = i; j < s.length(); j++) {
            if (s.charAt(j) < '0' || s.charAt(j) > '9') {
                return null;
            }
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
