package aicr.rules;

/**
 * What a rule file is about. Each kind has its own rule base (its own DRL package), so a
 * session of one kind never fires rules of another; the directory name under {@code rules/}
 * is the conventional home of each kind.
 */
public enum RuleKind {
    /** Readiness constraints of a recipe, checked against snapshot readings. */
    CONSTRAINT("constraint", "constraints", "aicr.rules.constraints"),
    /** Checks run while a bundle is assembled. */
    BUNDLE_CHECK("bundle-check", "bundle-checks", "aicr.rules.bundlechecks");

    private final String id;
    private final String directory;
    private final String drlPackage;

    RuleKind(String id, String directory, String drlPackage) {
        this.id = id;
        this.directory = directory;
        this.drlPackage = drlPackage;
    }

    /** As written in rule files ({@code kind: constraint}). */
    public String id() {
        return id;
    }

    /** Conventional directory under {@code rules/}. */
    public String directory() {
        return directory;
    }

    /** DRL package of shipped rules of this kind. */
    public String drlPackage() {
        return drlPackage;
    }

    /** DRL package of rules compiled from a --rules directory (kept apart from the shipped classes). */
    public String userDrlPackage() {
        return drlPackage.replace("aicr.rules.", "aicr.rules.user.");
    }

    public static RuleKind of(String id) {
        for (RuleKind k : values()) {
            if (k.id.equals(id)) {
                return k;
            }
        }
        return null;
    }

    /** The implementations of a per-kind service, by kind; two for one kind is a packaging error. */
    static <T> java.util.Map<RuleKind, T> services(Class<T> type, java.util.function.Function<T, RuleKind> kindOf) {
        java.util.Map<RuleKind, T> out = new java.util.EnumMap<>(RuleKind.class);
        for (T t : java.util.ServiceLoader.load(type, type.getClassLoader())) {
            if (out.putIfAbsent(kindOf.apply(t), t) != null) {
                throw new IllegalStateException("two " + type.getSimpleName() + "s for rule kind " + kindOf.apply(t).id());
            }
        }
        return out;
    }

    static String ids() {
        StringBuilder sb = new StringBuilder();
        for (RuleKind k : values()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(k.id);
        }
        return sb.toString();
    }
}
