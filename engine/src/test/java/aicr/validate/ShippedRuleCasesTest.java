package aicr.validate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import aicr.rules.CaseRunner;
import aicr.rules.RuleBase;
import aicr.rules.RuleFile;
import aicr.rules.RuleKind;
import aicr.rules.RuleLoader;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every example case of every shipped rule file holds against the precompiled rule base. */
class ShippedRuleCasesTest {

    @Test
    void casesHold() {
        List<RuleFile> files = RuleLoader.loadDir(Golden.ROOT.resolve("rules/constraints"), "rules/constraints");
        List<CaseRunner.Result> results = CaseRunner.run(RuleBase.shipped(RuleKind.CONSTRAINT), files,
                Map.of(RuleKind.CONSTRAINT, new ConstraintCases()));
        assertTrue(results.size() >= 40, "too few cases: " + results.size());
        String failures = results.stream().filter(r -> !r.passed())
                .map(r -> r.file() + " " + r.field() + " (" + r.caseName() + "): " + r.problem())
                .collect(Collectors.joining("\n"));
        assertTrue(failures.isEmpty(), failures);
    }
}
