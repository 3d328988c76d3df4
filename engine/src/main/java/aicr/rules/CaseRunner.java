package aicr.rules;

import aicr.errors.AicrException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the example cases of rule files against a rule base ({@code aicr rules test}, the test suite). */
public final class CaseRunner {
    private CaseRunner() {
    }

    /** The outcome of one case; {@code problem} is null when it held. */
    public record Result(String file, RuleKind kind, String caseName, String field, int line, String problem) {
        public boolean passed() {
            return problem == null;
        }
    }

    public static List<Result> run(RuleBase base, List<RuleFile> files, Map<RuleKind, CaseAdapter> adapters) {
        List<Result> out = new ArrayList<>();
        for (RuleFile f : files) {
            CaseAdapter adapter = adapters.get(f.kind());
            for (RuleFile.RuleCase c : f.cases()) {
                String problem;
                if (adapter == null || f.kind() != base.kind()) {
                    problem = "no case runner for kind " + f.kind().id();
                } else {
                    try {
                        problem = adapter.run(base, f, c);
                    } catch (AicrException e) {
                        problem = e.render();
                    } catch (RuntimeException e) {
                        problem = Session.describe(e);
                    }
                }
                out.add(new Result(f.path(), f.kind(), c.name(), c.field(), c.line(), problem));
            }
        }
        return out;
    }
}
