package aicr.bundle;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;

/** Go formatting and parsing rules that the reference's messages and flag values follow. */
public final class GoStrings {
    private GoStrings() {
    }

    /** Go's {@code %q} of a string. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case 7 -> sb.append("\\a");
                case 8 -> sb.append("\\b");
                case 12 -> sb.append("\\f");
                case 11 -> sb.append("\\v");
                default -> {
                    if (cp < 0x20 || cp == 0x7f) {
                        sb.append(String.format("\\x%02x", cp));
                    } else {
                        sb.appendCodePoint(cp);
                    }
                }
            }
        });
        return sb.append('"').toString();
    }

    /**
     * Go's strconv.ParseBool. The error reads like Go's, {@code strconv.ParseBool: parsing "x": invalid syntax}.
     */
    public static boolean parseBool(String s) {
        return switch (s) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            case "0", "f", "F", "FALSE", "false", "False" -> false;
            default -> throw new AicrException(ErrorCode.INVALID_REQUEST,
                    "strconv.ParseBool: parsing " + quote(s) + ": invalid syntax");
        };
    }

    /** Go's {@code %T} of a value-model object, as the reference prints it in path errors. */
    public static String typeName(Object v) {
        if (v == null) {
            return "<nil>";
        }
        if (v instanceof String) {
            return "string";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof Long || v instanceof Integer) {
            return "int";
        }
        if (v instanceof Double) {
            return "float64";
        }
        if (v instanceof java.util.List) {
            return "[]interface {}";
        }
        if (v instanceof java.util.Map) {
            return "map[string]interface {}";
        }
        return v.getClass().getSimpleName();
    }
}
