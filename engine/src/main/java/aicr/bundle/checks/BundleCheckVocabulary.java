package aicr.bundle.checks;

import aicr.bundle.options.Toleration;
import aicr.rules.RuleKind;
import aicr.rules.RuleVocabulary;
import java.util.List;

/**
 * What bundle-check rule files may use besides the shared types: the bundle's facts, the
 * result facts rules insert, and the {@link Conditions} helper (docs/bundle.md, "Facts").
 * The runner, the notes and the case adapter of this package are not rule vocabulary.
 */
public final class BundleCheckVocabulary implements RuleVocabulary {
    @Override
    public RuleKind kind() {
        return RuleKind.BUNDLE_CHECK;
    }

    @Override
    public List<Class<?>> types() {
        return List.of(BundleCheck.class, BundleComponent.class, BundleCriteria.class, BundleOptions.class,
                SetValue.class, Toleration.class, CheckHandled.class, CheckResult.class, Conditions.class);
    }
}
