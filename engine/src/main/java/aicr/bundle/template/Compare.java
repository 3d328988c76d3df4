package aicr.bundle.template;

import aicr.bundle.template.Exec.Iface;
import aicr.bundle.template.Funcs.FuncError;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Go's eq/lt: only values of the same basic kind compare (bool, int, uint, float, string), with
 * int and uint comparable to each other. So {@code eq 0 "0"} and {@code eq 1 1.5} are errors,
 * while comparing anything with a missing value is simply false.
 */
final class Compare {
    private Compare() {
    }

    private enum Kind {
        INVALID, BOOL, INT, FLOAT, STRING, UINT
    }

    private static Kind kind(Object v) {
        if (v instanceof Boolean) {
            return Kind.BOOL;
        }
        if (GoFmt.isInt(v)) {
            return Kind.INT;
        }
        if (v instanceof BigInteger) {
            return Kind.UINT;
        }
        if (v instanceof Double || v instanceof Float) {
            return Kind.FLOAT;
        }
        if (v instanceof String) {
            return Kind.STRING;
        }
        return Kind.INVALID;
    }

    private static Object unwrap(Object v) {
        return v instanceof Iface i ? i.value() : v;
    }

    private static long asLong(Object v) {
        return ((Number) v).longValue();
    }

    static boolean eq(Object arg1, Object[] arg2) throws FuncError {
        arg1 = unwrap(arg1);
        if (arg2.length == 0) {
            throw new FuncError("missing argument for comparison");
        }
        Kind k1 = kind(arg1);
        for (Object a : arg2) {
            Object arg = unwrap(a);
            Kind k2 = kind(arg);
            boolean truth = false;
            if (k1 != k2) {
                if (k1 == Kind.INT && k2 == Kind.UINT) {
                    truth = asLong(arg1) >= 0 && BigInteger.valueOf(asLong(arg1)).equals(arg);
                } else if (k1 == Kind.UINT && k2 == Kind.INT) {
                    truth = asLong(arg) >= 0 && BigInteger.valueOf(asLong(arg)).equals(arg1);
                } else if (arg1 != null && arg != null) {
                    throw new FuncError("incompatible types for comparison: " + GoFmt.typeName(arg1) + " and "
                            + GoFmt.typeName(arg));
                }
            } else {
                switch (k1) {
                    case BOOL -> truth = arg1.equals(arg);
                    case FLOAT -> truth = ((Number) arg1).doubleValue() == ((Number) arg).doubleValue();
                    case INT -> truth = asLong(arg1) == asLong(arg);
                    case STRING -> truth = arg1.equals(arg);
                    case UINT -> truth = arg1.equals(arg);
                    default -> truth = eqOther(arg1, arg);
                }
            }
            if (truth) {
                return true;
            }
        }
        return false;
    }

    /** Comparison of non-basic values: only nil-ness, or structs of basic fields. */
    private static boolean eqOther(Object a, Object b) throws FuncError {
        if (a != null && b != null && shape(a) != shape(b)) {
            throw new FuncError("non-comparable types " + GoFmt.sprintf("%s", List.of(a)) + ": " + GoFmt.typeName(a)
                    + ", " + GoFmt.typeName(b) + ": " + GoFmt.sprintValue(b));
        }
        if (a == null || b == null) {
            return a == null && b == null;
        }
        if (!comparable(b)) {
            throw new FuncError("non-comparable type " + GoFmt.sprintf("%s", List.of(b)) + ": " + GoFmt.typeName(b));
        }
        return a.equals(b);
    }

    private static int shape(Object v) {
        if (v instanceof Map) {
            return 1;
        }
        if (v instanceof List) {
            return 2;
        }
        if (v instanceof GoStruct) {
            return 3;
        }
        return 4;
    }

    private static boolean comparable(Object v) {
        if (v instanceof Map || v instanceof List) {
            return false;
        }
        if (v instanceof GoStruct s) {
            for (Object f : s.fields().values()) {
                if (!comparable(f)) {
                    return false;
                }
            }
        }
        return true;
    }

    static boolean lt(Object a1, Object a2) throws FuncError {
        Object arg1 = unwrap(a1);
        Object arg2 = unwrap(a2);
        Kind k1 = kind(arg1);
        Kind k2 = kind(arg2);
        if (k1 == Kind.INVALID || k2 == Kind.INVALID) {
            throw new FuncError("invalid type for comparison");
        }
        if (k1 != k2) {
            if (k1 == Kind.INT && k2 == Kind.UINT) {
                return asLong(arg1) < 0 || BigInteger.valueOf(asLong(arg1)).compareTo((BigInteger) arg2) < 0;
            }
            if (k1 == Kind.UINT && k2 == Kind.INT) {
                return asLong(arg2) >= 0 && ((BigInteger) arg1).compareTo(BigInteger.valueOf(asLong(arg2))) < 0;
            }
            throw new FuncError("incompatible types for comparison: " + GoFmt.typeName(arg1) + " and "
                    + GoFmt.typeName(arg2));
        }
        return switch (k1) {
            case BOOL -> throw new FuncError("invalid type for comparison");
            case FLOAT -> ((Number) arg1).doubleValue() < ((Number) arg2).doubleValue();
            case INT -> asLong(arg1) < asLong(arg2);
            case STRING -> Exec.compareStrings((String) arg1, (String) arg2) < 0;
            case UINT -> ((BigInteger) arg1).compareTo((BigInteger) arg2) < 0;
            default -> throw new FuncError("invalid type for comparison");
        };
    }
}
