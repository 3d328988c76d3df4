package aicr.rules;

import aicr.BuildInfo;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Entry points of {@code aicr rules list|explain|test}. */
public final class RuleTools {
    private RuleTools() {
    }

    /** The rule bases in effect: shipped, or shipped plus (and replaced by) {@code rulesDir}. */
    public static List<RuleBase> bases(Path rulesDir) {
        List<RuleBase> out = new ArrayList<>();
        RuleCache cache = new RuleCache(RuleCache.defaultRoot(), BuildInfo.VERSION);
        for (RuleKind k : RuleKind.values()) {
            out.add(rulesDir == null ? RuleBase.shipped(k) : RuleBase.withDirectory(k, rulesDir, cache));
        }
        return out;
    }

    public static List<RuleInfo> list(Path rulesDir) {
        List<RuleInfo> out = new ArrayList<>();
        if (rulesDir == null) {
            // The build's index is enough; starting the rule engine would only cost time.
            for (RuleKind k : RuleKind.values()) {
                out.addAll(RuleBase.shippedRules(k));
            }
            return out;
        }
        bases(rulesDir).forEach(b -> out.addAll(b.rules()));
        return out;
    }

    /** Id, kind, severity, summary, file, the file's reference text and the file itself. */
    public static String explain(String id, Path rulesDir) {
        for (RuleBase b : bases(rulesDir)) {
            RuleInfo r = b.rule(id);
            if (r == null) {
                continue;
            }
            StringBuilder sb = new StringBuilder();
            sb.append("rule:      ").append(r.id()).append('\n');
            sb.append("kind:      ").append(r.kind().id()).append('\n');
            sb.append("severity:  ").append(r.severity()).append('\n');
            sb.append("summary:   ").append(r.summary()).append('\n');
            sb.append("file:      ").append(r.file()).append(" (").append(r.fileId()).append(")\n");
            if (r.kind() == RuleKind.CONSTRAINT && !b.operatorTokens().isEmpty()) {
                sb.append("operators: ").append(String.join(" ", b.operatorTokens())).append(" (all files)\n");
            }
            sb.append("reference: ").append(b.reference(r.fileId())).append("\n\n");
            String src = b.source(r.file());
            sb.append("--- ").append(r.file()).append('\n').append(src == null ? "(source not available)\n" : src);
            if (src != null && !src.endsWith("\n")) {
                sb.append('\n');
            }
            return sb.toString();
        }
        throw new AicrException(ErrorCode.NOT_FOUND, "no rule with id \"" + id + "\" (see aicr rules list)");
    }

    /**
     * Runs the example cases of every rule file in effect (shipped files not replaced, plus
     * those of {@code dir}) against the rule bases that --rules {@code dir} would give.
     */
    public static List<CaseRunner.Result> test(Path dir) {
        List<CaseRunner.Result> out = new ArrayList<>();
        for (RuleBase b : bases(dir)) {
            Map<String, RuleFile> files = new LinkedHashMap<>();
            for (RuleInfo r : b.rules()) {
                files.computeIfAbsent(r.file(), f -> {
                    String src = b.source(f);
                    if (src == null) {
                        throw new AicrException(ErrorCode.INTERNAL, "rule file " + f + " is not readable");
                    }
                    return RuleLoader.parse(f, src);
                });
            }
            out.addAll(CaseRunner.run(b, List.copyOf(files.values()), CaseAdapter.registered()));
        }
        return out;
    }
}
