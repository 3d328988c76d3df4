package aicr.rules;

import aicr.gocompat.GoStrings;
import aicr.rules.facts.Component;
import aicr.rules.facts.Constraint;
import aicr.rules.facts.Criteria;
import aicr.rules.facts.Expressions;
import aicr.rules.facts.Outcome;
import aicr.rules.facts.PhaseConstraint;
import aicr.rules.facts.Reading;
import aicr.rules.facts.Verdict;
import aicr.rules.facts.Version;
import aicr.rules.facts.Versions;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What rule code may name: an allow-list, not a deny-list (docs/rules.md, "What rule code may
 * use"). Rule code is the {@code having:} constraints, {@code from:} sources, plain DRL
 * conditions and {@code then:} consequences of a rule file; {@link SafetyCheck} walks their
 * syntax trees and asks this class about every type, method, field and name they use.
 *
 * <p>Allowed are the fact types and documented helpers of the rule kind (see
 * {@link RuleVocabulary}), plain value types and the pure methods listed below. Everything
 * that could reach the process, the file system, threads, reflection or the class loader is
 * absent, and so are the methods that allocate without bound in one call ({@code repeat},
 * {@code nCopies}, sized constructors, {@code format} widths, array creation). Method names
 * are allowed independently of the receiver's type because rule code can only ever hold
 * values of the allowed types: every root (literal, fact, helper result) and every allowed
 * method returns one.
 */
final class AllowList {
    /** Fact types and helpers every kind gets, imported into every rule file. */
    static final List<Class<?>> SHARED = List.of(Constraint.class, Reading.class, Verdict.class, Outcome.class,
            Version.class, Versions.class, Expressions.class, Expressions.Split.class, Component.class, Criteria.class,
            PhaseConstraint.class, GoStrings.class);

    /** Plain value and collection types (their pure methods only, listed below). */
    private static final List<Class<?>> VALUES = List.of(String.class, Object.class, Integer.class, Long.class,
            Double.class, Float.class, Short.class, Byte.class, Boolean.class, Character.class, Number.class, Math.class,
            StringBuilder.class, CharSequence.class, Comparable.class, Iterable.class, List.class, ArrayList.class,
            Map.class, Map.Entry.class, HashMap.class, LinkedHashMap.class, TreeMap.class, Set.class, HashSet.class,
            LinkedHashSet.class, TreeSet.class, Collection.class, Collections.class, Iterator.class, Optional.class,
            Objects.class, java.util.Arrays.class, Locale.class, Pattern.class, Matcher.class, MatchResult.class,
            BigInteger.class, BigDecimal.class);

    /** Types {@code new} may create with no arguments (a size argument could allocate without bound). */
    private static final Set<Class<?>> EMPTY_CONSTRUCTIBLE = Set.of(ArrayList.class, HashMap.class, LinkedHashMap.class,
            TreeMap.class, HashSet.class, LinkedHashSet.class, TreeSet.class, StringBuilder.class);

    /** Static methods of the value types, by type. */
    private static final Map<Class<?>, Set<String>> VALUE_STATICS = new HashMap<>();

    static {
        Set<String> integral = Set.of("parseInt", "parseLong", "parseShort", "parseByte", "valueOf", "toString", "compare",
                "max", "min", "sum", "signum", "toHexString", "parseUnsignedInt", "parseUnsignedLong");
        Set<String> floating = Set.of("parseDouble", "parseFloat", "valueOf", "toString", "compare", "isNaN", "isInfinite",
                "isFinite", "max", "min", "sum");
        VALUE_STATICS.put(String.class, Set.of("valueOf", "join"));
        VALUE_STATICS.put(Integer.class, integral);
        VALUE_STATICS.put(Long.class, integral);
        VALUE_STATICS.put(Short.class, integral);
        VALUE_STATICS.put(Byte.class, integral);
        VALUE_STATICS.put(Double.class, floating);
        VALUE_STATICS.put(Float.class, floating);
        VALUE_STATICS.put(Boolean.class, Set.of("parseBoolean", "valueOf", "toString", "compare", "logicalAnd",
                "logicalOr", "logicalXor"));
        VALUE_STATICS.put(Character.class, Set.of("isDigit", "isLetter", "isLetterOrDigit", "isWhitespace",
                "isUpperCase", "isLowerCase", "toUpperCase", "toLowerCase", "valueOf", "toString", "getNumericValue"));
        VALUE_STATICS.put(Math.class, Set.of("abs", "max", "min", "floor", "ceil", "round", "rint", "sqrt", "cbrt", "pow",
                "exp", "log", "log10", "signum", "floorDiv", "floorMod", "addExact", "subtractExact", "multiplyExact",
                "negateExact", "toIntExact", "hypot"));
        VALUE_STATICS.put(Objects.class, Set.of("equals", "isNull", "nonNull", "hash", "hashCode", "toString",
                "requireNonNullElse"));
        VALUE_STATICS.put(Collections.class, Set.of("emptyList", "emptyMap", "emptySet", "singletonList",
                "singletonMap", "singleton", "unmodifiableList", "unmodifiableMap", "unmodifiableSet", "sort", "reverse",
                "max", "min", "frequency", "disjoint"));
        VALUE_STATICS.put(List.class, Set.of("of", "copyOf"));
        VALUE_STATICS.put(Set.class, Set.of("of", "copyOf"));
        VALUE_STATICS.put(Map.class, Set.of("of", "copyOf", "entry"));
        VALUE_STATICS.put(java.util.Arrays.class, Set.of("asList"));
        VALUE_STATICS.put(Optional.class, Set.of("of", "ofNullable", "empty"));
        VALUE_STATICS.put(Pattern.class, Set.of("compile", "matches", "quote"));
        VALUE_STATICS.put(BigInteger.class, Set.of("valueOf"));
        VALUE_STATICS.put(BigDecimal.class, Set.of("valueOf"));
    }

    /** Instance methods of the value types: pure, and bounded by the size of their inputs. */
    private static final Set<String> VALUE_METHODS = Set.of(
            // Object, Comparable
            "equals", "hashCode", "toString", "compareTo",
            // String, CharSequence
            "length", "isEmpty", "isBlank", "charAt", "codePointAt", "contains", "startsWith", "endsWith",
            "equalsIgnoreCase", "compareToIgnoreCase", "indexOf", "lastIndexOf", "substring", "toLowerCase",
            "toUpperCase", "trim", "strip", "stripLeading", "stripTrailing", "replace", "replaceAll", "replaceFirst",
            "matches", "split", "concat", "regionMatches", "subSequence",
            // boxed numbers
            "intValue", "longValue", "doubleValue", "floatValue", "shortValue", "byteValue", "booleanValue", "charValue",
            "isNaN", "isInfinite", "signum", "bitLength", "toPlainString", "scale", "precision",
            // collections and iterators
            "size", "containsAll", "containsKey", "containsValue", "get", "getOrDefault", "add", "addAll", "put",
            "putAll", "putIfAbsent", "remove", "removeAll", "retainAll", "clear", "keySet", "values", "entrySet",
            "iterator", "hasNext", "next", "getKey", "getValue", "subList", "first", "last", "firstKey", "lastKey", "sort",
            // Optional
            "isPresent", "orElse",
            // StringBuilder
            "append", "insert", "reverse", "deleteCharAt", "delete",
            // Pattern, Matcher
            "matcher", "pattern", "flags", "find", "group", "groupCount", "start", "end", "lookingAt", "hitEnd");

    /** Properties DRL may read by bare name on a pattern of a value type ({@code Number(intValue > 1)}). */
    private static final Map<Class<?>, Set<String>> VALUE_PROPERTIES = Map.of(
            String.class, Set.of("length", "empty", "blank"),
            Number.class, Set.of("intValue", "longValue", "doubleValue", "floatValue"),
            Collection.class, Set.of("size", "empty"),
            Map.class, Set.of("size", "empty"),
            Map.Entry.class, Set.of("key", "value"));

    /** Instance methods never allowed, whatever a fact declares (reflection, monitors). */
    private static final Set<String> NEVER = Set.of("getClass", "wait", "notify", "notifyAll", "getDeclaringClass",
            "clone", "finalize", "describeConstable", "resolveConstantDesc");

    /** Accumulate functions rule code may use in {@code from accumulate(...)}. */
    static final Set<String> ACCUMULATE_FUNCTIONS = Set.of("count", "sum", "min", "max", "average", "collectList",
            "collectSet");

    /** DRL operators written as words ({@code x matches "re"}, {@code x in (...)}). */
    static final Set<String> WORD_OPERATORS = Set.of("matches", "contains", "memberOf", "excludes", "soundslike",
            "str", "in");

    private static final Map<RuleKind, AllowList> BY_KIND = new EnumMap<>(RuleKind.class);

    private final Map<String, Class<?>> types = new HashMap<>();
    private final Set<Class<?>> facts = new HashSet<>();
    private final Set<String> instanceMethods = new HashSet<>(VALUE_METHODS);
    private final Set<String> propertyNames = new HashSet<>();
    private final List<String> imports = new ArrayList<>();
    private final Set<String> packages = new HashSet<>();

    private AllowList(List<Class<?>> kindTypes, List<String> kindImports) {
        for (Class<?> c : VALUES) {
            addType(c);
        }
        for (Class<?> c : SHARED) {
            addFact(c);
        }
        for (Class<?> c : kindTypes) {
            addFact(c);
        }
        VALUE_PROPERTIES.values().forEach(propertyNames::addAll);
        imports.add("aicr.rules.facts.*");
        imports.add(GoStrings.class.getName());
        // the value types outside java.lang, so that rule code can write List, Pattern or BigInteger
        for (Class<?> c : VALUES) {
            if (!c.getPackageName().equals("java.lang") && c.getEnclosingClass() == null) {
                imports.add(c.getName());
            }
        }
        imports.addAll(kindImports);
        packages.add("java.util");
        packages.add("java.util.regex");
        packages.add("java.math");
    }

    /** The allow-list of rule files of {@code kind}. */
    static synchronized AllowList of(RuleKind kind) {
        return BY_KIND.computeIfAbsent(kind, k -> {
            RuleVocabulary v = RuleVocabulary.registered().get(k);
            return new AllowList(v == null ? List.of() : v.types(), v == null ? List.of() : v.imports());
        });
    }

    private void addType(Class<?> c) {
        types.put(simpleName(c), c);
        types.put(c.getCanonicalName(), c);
        if (c.getEnclosingClass() != null) {
            // Map.Entry is written Entry after importing java.util.Map.Entry, and Map.Entry otherwise
            types.put(c.getSimpleName(), c);
        }
    }

    private void addFact(Class<?> c) {
        addType(c);
        facts.add(c);
        packages.add(c.getPackageName());
        for (Method m : c.getMethods()) {
            if (!Modifier.isStatic(m.getModifiers()) && m.getDeclaringClass() != Object.class && !NEVER.contains(m.getName())
                    && !m.isSynthetic()) {
                instanceMethods.add(m.getName());
            }
        }
        propertyNames.addAll(properties(c));
    }

    /** {@code Map.Entry} for a nested class, the simple name otherwise. */
    private static String simpleName(Class<?> c) {
        Class<?> outer = c.getEnclosingClass();
        return outer == null ? c.getSimpleName() : outer.getSimpleName() + "." + c.getSimpleName();
    }

    /** The DRL imports every rule file of this kind gets. */
    List<String> defaultImports() {
        return imports;
    }

    /**
     * Whether a rule file may declare this import: a single allowed type, or a whole package
     * that holds allowed types (its other classes stay unusable: every name is checked).
     */
    boolean importAllowed(String text) {
        if (text.startsWith("function ") || text.startsWith("static ")) {
            return false;
        }
        if (text.endsWith(".*")) {
            return packages.contains(text.substring(0, text.length() - 2));
        }
        return types.containsKey(text);
    }

    /** The allowed type named {@code name} (simple, {@code Outer.Inner} or fully qualified), or null. */
    Class<?> type(String name) {
        return types.get(name);
    }

    boolean isFact(Class<?> c) {
        return facts.contains(c);
    }

    boolean staticMethod(Class<?> type, String name) {
        if (facts.contains(type)) {
            for (Method m : type.getMethods()) {
                if (Modifier.isStatic(m.getModifiers()) && m.getName().equals(name)) {
                    return true;
                }
            }
            return false;
        }
        Set<String> s = VALUE_STATICS.get(type);
        return s != null && s.contains(name);
    }

    /** A public static final field of an allowed type (constants, enum values); never a {@code Class}. */
    boolean staticField(Class<?> type, String name) {
        try {
            Field f = type.getField(name);
            int mod = f.getModifiers();
            return Modifier.isStatic(mod) && Modifier.isFinal(mod) && f.getType() != Class.class;
        } catch (NoSuchFieldException e) {
            return false;
        }
    }

    boolean instanceMethod(String name) {
        return instanceMethods.contains(name) && !NEVER.contains(name);
    }

    /** Whether {@code new T(args)} is allowed: fact records with any arguments, empty collections. */
    boolean constructible(Class<?> type, int args) {
        if (facts.contains(type)) {
            for (var c : type.getConstructors()) {
                if (c.getParameterCount() == args) {
                    return true;
                }
            }
            return false;
        }
        return args == 0 && EMPTY_CONSTRUCTIBLE.contains(type);
    }

    /** Property names DRL resolves on a fact of {@code type}; empty when none (e.g. Object). */
    Set<String> properties(Class<?> type) {
        if (type == null) {
            return Set.of();
        }
        if (facts.contains(type)) {
            Set<String> out = new LinkedHashSet<>();
            if (type.isRecord()) {
                for (RecordComponent rc : type.getRecordComponents()) {
                    out.add(rc.getName());
                }
            }
            for (Method m : type.getMethods()) {
                if (!Modifier.isStatic(m.getModifiers()) && m.getParameterCount() == 0 && m.getReturnType() != void.class
                        && m.getDeclaringClass() != Object.class && !NEVER.contains(m.getName())
                        && !Set.of("hashCode", "toString").contains(m.getName())) {
                    out.add(property(m.getName()));
                }
            }
            return out;
        }
        for (Map.Entry<Class<?>, Set<String>> e : VALUE_PROPERTIES.entrySet()) {
            if (e.getKey().isAssignableFrom(type)) {
                return e.getValue();
            }
        }
        return Set.of();
    }

    /** Whether {@code name} is a property of some allowed type (for receivers of unknown type). */
    boolean anyProperty(String name) {
        return propertyNames.contains(name) && !name.equals("class");
    }

    /** The type of property {@code name} of {@code type} (a fact's record component), or null if unknown. */
    Class<?> propertyType(Class<?> type, String name) {
        if (type == null || !facts.contains(type) || !type.isRecord()) {
            return null;
        }
        for (RecordComponent rc : type.getRecordComponents()) {
            if (rc.getName().equals(name)) {
                return rc.getType();
            }
        }
        return null;
    }

    /** {@code getName} and {@code isEmpty} are read as {@code name} and {@code empty}, as DRL does. */
    private static String property(String method) {
        for (String prefix : List.of("get", "is")) {
            if (method.length() > prefix.length() && method.startsWith(prefix)
                    && Character.isUpperCase(method.charAt(prefix.length()))) {
                String rest = method.substring(prefix.length());
                return Character.toLowerCase(rest.charAt(0)) + rest.substring(1);
            }
        }
        return method;
    }
}
