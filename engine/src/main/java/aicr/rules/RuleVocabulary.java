package aicr.rules;

import java.util.List;
import java.util.Map;

/**
 * The Java types the rule files of one kind may name, besides the shared ones every kind
 * gets (the facts and helpers of {@code aicr.rules.facts}, {@code GoStrings} and plain value
 * types; see {@link AllowList}). Each kind's facts live with the stage that builds them, so a
 * kind registers its vocabulary as a service ({@code META-INF/services/aicr.rules.RuleVocabulary})
 * and this package names none of them.
 *
 * <p>Everything listed here becomes callable from rule files: list only fact records and pure
 * helper classes. Their public constructors, public static methods and fields and public
 * instance methods are allowed; nothing else of the stage is.
 */
public interface RuleVocabulary {
    /** The rule kind these types belong to. */
    RuleKind kind();

    /** Fact records and pure helpers that rule files of this kind may use. */
    List<Class<?>> types();

    /** Imported into every rule file of this kind (so files need no {@code imports:} for them). */
    default List<String> imports() {
        return types().stream().map(Class::getCanonicalName).toList();
    }

    /** The registered vocabularies by kind; a kind without one has only the shared types. */
    static Map<RuleKind, RuleVocabulary> registered() {
        return RuleKind.services(RuleVocabulary.class, RuleVocabulary::kind);
    }
}
