package aicr.bundle.template;

import aicr.bundle.template.Exec.Iface;
import aicr.gocompat.GoStrconv;
import aicr.gocompat.GoStrings;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The function table: Go's text/template built-ins plus the seven Helm-like functions of the
 * reference manifest renderer (toYaml, nindent, toString, default, replace, trimSuffix, trunc,
 * quote). Each function declares Go-like parameter types, because the executor checks and
 * converts arguments the way Go's reflection-based call does and reports the same errors.
 */
final class Funcs {
    private Funcs() {
    }

    /** Parameter kinds: Go's {@code any}, {@code reflect.Value}, {@code int} and {@code string}. */
    enum Param {
        /** interface{}: receives the concrete value (or null). */
        ANY("interface {}"),
        /** reflect.Value: receives the value unconverted, possibly an {@link Iface} wrapper. */
        VALUE("reflect.Value"),
        INT("int"),
        STRING("string");

        final String goName;

        Param(String goName) {
            this.goName = goName;
        }
    }

    /** An error returned by a function; execution reports it as {@code error calling <name>: <msg>}. */
    static final class FuncError extends Exception {
        FuncError(String msg) {
            super(msg, null, false, false);
        }
    }

    @FunctionalInterface
    interface Impl {
        Object call(Object[] args) throws FuncError;
    }

    /**
     * @param variadic type of the trailing variadic parameter, or null when there is none
     * @param builtin  whether Go treats it as a built-in (and/or/call are special-cased by the executor)
     */
    record Func(String name, Param[] fixed, Param variadic, boolean builtin, Impl impl) {
    }

    private static final Map<String, Func> TABLE = new HashMap<>();

    static {
        Param[] none = {};
        Param[] value1 = {Param.VALUE};
        Param[] value2 = {Param.VALUE, Param.VALUE};
        Param[] any1 = {Param.ANY};
        builtin("and", value1, Param.VALUE, a -> {
            throw new IllegalStateException("and is evaluated by the executor");
        });
        builtin("or", value1, Param.VALUE, a -> {
            throw new IllegalStateException("or is evaluated by the executor");
        });
        builtin("call", value1, Param.VALUE, a -> {
            throw new IllegalStateException("call is evaluated by the executor");
        });
        builtin("not", value1, null, a -> !Exec.isTrue(a[0]));
        builtin("len", value1, null, a -> length(a[0]));
        builtin("index", value1, Param.VALUE, a -> index(a[0], Arrays.copyOfRange(a, 1, a.length)));
        builtin("slice", value1, Param.VALUE, a -> slice(a[0], Arrays.copyOfRange(a, 1, a.length)));
        builtin("print", none, Param.ANY, a -> GoFmt.sprint(Arrays.asList(a)));
        builtin("println", none, Param.ANY, a -> GoFmt.sprintln(Arrays.asList(a)));
        builtin("printf", new Param[] {Param.STRING}, Param.ANY,
                a -> GoFmt.sprintf((String) a[0], Arrays.asList(a).subList(1, a.length)));
        builtin("html", none, Param.ANY, a -> htmlEscape(evalArgs(a)));
        builtin("js", none, Param.ANY, a -> jsEscape(evalArgs(a)));
        builtin("urlquery", none, Param.ANY, a -> queryEscape(evalArgs(a)));
        builtin("eq", value1, Param.VALUE, a -> Compare.eq(a[0], Arrays.copyOfRange(a, 1, a.length)));
        builtin("ne", value2, null, a -> !Compare.eq(a[0], new Object[] {a[1]}));
        builtin("lt", value2, null, a -> Compare.lt(a[0], a[1]));
        builtin("le", value2, null, a -> Compare.lt(a[0], a[1]) || Compare.eq(a[0], new Object[] {a[1]}));
        builtin("gt", value2, null, a -> !(Compare.lt(a[0], a[1]) || Compare.eq(a[0], new Object[] {a[1]})));
        builtin("ge", value2, null, a -> !Compare.lt(a[0], a[1]));

        // the reference renderer's own functions (Helm names, not Sprig's full semantics)
        helm("toYaml", any1, null, a -> YamlOut.toYaml(a[0]));
        helm("nindent", new Param[] {Param.INT, Param.STRING}, null, a -> nindent((Long) a[0], (String) a[1]));
        helm("toString", any1, null, a -> GoFmt.sprintf("%v", Arrays.asList(a)));
        helm("default", new Param[] {Param.ANY, Param.ANY}, null, a -> {
            Object val = a[1];
            if (val == null || "".equals(val)) {
                return a[0];
            }
            return val; // false, 0, {} and [] are kept, unlike Sprig
        });
        helm("replace", new Param[] {Param.STRING, Param.STRING, Param.STRING}, null,
                a -> replaceAll((String) a[2], (String) a[0], (String) a[1]));
        helm("trimSuffix", new Param[] {Param.STRING, Param.STRING}, null, a -> {
            String suffix = (String) a[0];
            String s = (String) a[1];
            return s.endsWith(suffix) ? s.substring(0, s.length() - suffix.length()) : s;
        });
        helm("trunc", new Param[] {Param.INT, Param.STRING}, null, a -> trunc((Long) a[0], (String) a[1]));
        helm("quote", none, Param.ANY, a -> {
            List<String> out = new ArrayList<>(a.length);
            for (Object o : a) {
                if (o != null) { // nil arguments are dropped, so quote of a missing value is ""
                    out.add(GoStrings.quote(GoFmt.sprintValue(o)));
                }
            }
            return String.join(" ", out);
        });
    }

    private static void builtin(String name, Param[] fixed, Param variadic, Impl impl) {
        TABLE.put(name, new Func(name, fixed, variadic, true, impl));
    }

    private static void helm(String name, Param[] fixed, Param variadic, Impl impl) {
        TABLE.put(name, new Func(name, fixed, variadic, false, impl));
    }

    static Func lookup(String name) {
        return TABLE.get(name);
    }

    static Set<String> names() {
        return TABLE.keySet();
    }

    // ---------------------------------------------------------------- built-ins

    private static Object unwrap(Object v) {
        return v instanceof Iface i ? i.value() : v;
    }

    private static Object length(Object item) throws FuncError {
        if (item instanceof Iface i) {
            if (i.value() == null) {
                throw new FuncError("len of nil pointer");
            }
            item = i.value();
        }
        if (item == null) {
            // Go asks the type of an invalid reflect.Value here and reports reflect's panic
            throw new FuncError("reflect: call of reflect.Value.Type on zero Value");
        }
        if (item instanceof String s) {
            return (long) GoStrconv.utf8Length(s);
        }
        if (item instanceof Map<?, ?> m) {
            return (long) m.size();
        }
        if (item instanceof List<?> l) {
            return (long) l.size();
        }
        throw new FuncError("len of type " + GoFmt.typeName(item));
    }

    /** Go's indexArg: an integer index within [0, cap]. */
    private static int indexArg(Object index, int cap) throws FuncError {
        long x;
        if (GoFmt.isInt(index)) {
            x = ((Number) index).longValue();
        } else if (index instanceof BigInteger b) {
            x = b.bitLength() < 64 ? b.longValue() : -1;
        } else if (index == null) {
            throw new FuncError("cannot index slice/array with nil");
        } else {
            throw new FuncError("cannot index slice/array with type " + GoFmt.typeName(index));
        }
        if (x < 0 || x > cap) {
            throw new FuncError("index out of range: " + x);
        }
        return (int) x;
    }

    static Object index(Object item, Object[] indexes) throws FuncError {
        item = unwrap(item);
        if (item == null) {
            throw new FuncError("index of untyped nil");
        }
        for (Object idx : indexes) {
            idx = unwrap(idx);
            if (item instanceof Iface i) {
                if (i.value() == null) {
                    throw new FuncError("index of nil pointer");
                }
                item = i.value();
            }
            if (item instanceof List<?> l) {
                int x = indexArg(idx, l.size());
                if (x == l.size()) {
                    throw new FuncError("reflect: slice index out of range");
                }
                item = new Iface(l.get(x));
            } else if (item instanceof String s) {
                byte[] b = GoStrconv.utf8(s);
                int x = indexArg(idx, b.length);
                if (x == b.length) {
                    throw new FuncError("reflect: string index out of range");
                }
                item = (long) (b[x] & 0xFF);
            } else if (item instanceof Map<?, ?> m) {
                if (idx == null) {
                    throw new FuncError("value is nil; should be of type string");
                }
                if (!(idx instanceof String key)) {
                    throw new FuncError("value has type " + GoFmt.typeName(idx) + "; should be string");
                }
                // a missing key gives the zero value of the element type: a nil interface
                item = new Iface(m.get(key));
            } else {
                throw new FuncError("can't index item of type " + GoFmt.typeName(item));
            }
        }
        return item;
    }

    static Object slice(Object item, Object[] indexes) throws FuncError {
        item = unwrap(item);
        if (item == null) {
            throw new FuncError("slice of untyped nil");
        }
        if (indexes.length > 3) {
            throw new FuncError("too many slice indexes: " + indexes.length);
        }
        int cap;
        byte[] bytes = null;
        if (item instanceof String s) {
            if (indexes.length == 3) {
                throw new FuncError("cannot 3-index slice a string");
            }
            bytes = GoStrconv.utf8(s);
            cap = bytes.length;
        } else if (item instanceof List<?> l) {
            cap = l.size();
        } else {
            throw new FuncError("can't slice item of type " + GoFmt.typeName(item));
        }
        int[] idx = {0, cap, 0};
        for (int i = 0; i < indexes.length; i++) {
            Object index = indexes[i];
            if (index instanceof Iface) {
                // slice does not look through interfaces (unlike index)
                throw new FuncError("cannot index slice/array with type interface {}");
            }
            idx[i] = indexArg(index, cap);
        }
        if (idx[0] > idx[1]) {
            throw new FuncError("invalid slice index: " + idx[0] + " > " + idx[1]);
        }
        if (indexes.length == 3 && idx[1] > idx[2]) {
            throw new FuncError("invalid slice index: " + idx[1] + " > " + idx[2]);
        }
        if (bytes != null) {
            return GoStrconv.fromUtf8(bytes, idx[0], idx[1]);
        }
        return new ArrayList<>(((List<?>) item).subList(idx[0], idx[1]));
    }

    /** Go's evalArgs for html/js/urlquery: fmt.Sprint, but a missing value prints as {@code <no value>}. */
    private static String evalArgs(Object[] args) {
        if (args.length == 1 && args[0] instanceof String s) {
            return s;
        }
        Object[] a = args.clone();
        for (int i = 0; i < a.length; i++) {
            if (a[i] == null) {
                a[i] = "<no value>";
            }
        }
        return GoFmt.sprint(Arrays.asList(a));
    }

    private static String htmlEscape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case 0 -> sb.append('\uFFFD');
                case '"' -> sb.append("&#34;");
                case '\'' -> sb.append("&#39;");
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String jsEscape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int r = s.codePointAt(i);
            i += Character.charCount(r);
            switch (r) {
                case '\\' -> sb.append("\\\\");
                case '\'' -> sb.append("\\'");
                case '"' -> sb.append("\\\"");
                case '<' -> sb.append("\\u003C");
                case '>' -> sb.append("\\u003E");
                case '&' -> sb.append("\\u0026");
                case '=' -> sb.append("\\u003D");
                default -> {
                    if (r < ' ') {
                        sb.append("\\u00").append("0123456789ABCDEF".charAt(r >> 4))
                                .append("0123456789ABCDEF".charAt(r & 0xF));
                    } else if (r < 0x80 || GoStrings.isPrint(r)) {
                        sb.appendCodePoint(r);
                    } else {
                        sb.append(String.format("\\u%04X", r));
                    }
                }
            }
        }
        return sb.toString();
    }

    /** url.QueryEscape. */
    private static String queryEscape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (byte b : GoStrconv.utf8(s)) {
            int c = b & 0xFF;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                sb.append((char) c);
            } else if (c == ' ') {
                sb.append('+');
            } else {
                sb.append('%').append("0123456789ABCDEF".charAt(c >> 4)).append("0123456789ABCDEF".charAt(c & 0xF));
            }
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- Helm-like functions

    /** Newline, then every non-empty line indented by n spaces (empty lines stay empty). */
    private static String nindent(long n, String s) throws FuncError {
        long lines = s.chars().filter(c -> c == '\n').count() + 1;
        if (n > 0 && s.length() + n * lines > Exec.MAX_OUTPUT) {
            throw tooLong();
        }
        String pad = " ".repeat((int) Math.max(0, n));
        StringBuilder sb = new StringBuilder(s.length() + 16).append('\n');
        int start = 0;
        while (true) {
            int nl = s.indexOf('\n', start);
            int end = nl < 0 ? s.length() : nl;
            if (end > start) {
                sb.append(pad).append(s, start, end);
            }
            if (nl < 0) {
                break;
            }
            sb.append('\n');
            start = nl + 1;
        }
        return sb.toString();
    }

    private static long countOf(String s, String part) {
        long n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }

    /** A function result beyond what one execution may produce ({@link Exec#MAX_OUTPUT}). */
    private static FuncError tooLong() {
        return new FuncError("result exceeds " + Exec.MAX_OUTPUT + " characters");
    }

    /** Sprig's trunc: counts bytes; a negative n keeps the last |n| bytes. */
    private static String trunc(long c, String s) {
        byte[] b = GoStrconv.utf8(s);
        int len = b.length;
        if (c < 0 && len + c > 0) {
            return GoStrconv.fromUtf8(b, (int) (len + c), len);
        }
        if (c >= 0 && len > c) {
            return GoStrconv.fromUtf8(b, 0, (int) c);
        }
        return s;
    }

    /** strings.Replace(s, old, new, -1); an empty old matches before every rune and at the end. */
    static String replaceAll(String s, String old, String neu) throws FuncError {
        if (!old.isEmpty()) {
            long hits = neu.length() <= old.length() ? 0 : countOf(s, old);
            if (s.length() + hits * (neu.length() - old.length()) > Exec.MAX_OUTPUT) {
                throw tooLong();
            }
            return s.replace(old, neu);
        }
        if (s.length() + (s.length() + 1L) * neu.length() > Exec.MAX_OUTPUT) {
            throw tooLong();
        }
        StringBuilder sb = new StringBuilder(s.length() * (neu.length() + 1) + neu.length());
        sb.append(neu);
        for (int i = 0; i < s.length(); ) {
            int r = s.codePointAt(i);
            i += Character.charCount(r);
            sb.appendCodePoint(r).append(neu);
        }
        return sb.toString();
    }
}
