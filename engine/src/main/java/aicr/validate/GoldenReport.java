package aicr.validate;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.io.Output;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code validate --golden FILE}: the report this run would write, compared byte for byte
 * with an approved report; {@code --update-golden} writes it instead. Reports carry no times
 * and no absolute paths by default, so an unchanged cluster, recipe and rule set give the same
 * bytes.
 */
public final class GoldenReport {
    private GoldenReport() {
    }

    /** Exit code of a report that differs from its golden file (documented in docs/exit-codes.md). */
    public static final int MISMATCH_EXIT = 10;

    /** Null when {@code report} equals the golden file, else a unified diff (golden first). */
    public static String compare(Path golden, String report) {
        String approved;
        try {
            if (!Files.isRegularFile(golden)) {
                throw new AicrException(ErrorCode.NOT_FOUND, "golden report not found: " + golden
                        + " (write it with --update-golden)");
            }
            approved = Files.readString(golden, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AicrException(ErrorCode.INTERNAL, "failed to read golden report " + golden, e);
        }
        if (approved.equals(report)) {
            return null;
        }
        List<String> a = approved.lines().toList();
        List<String> b = report.lines().toList();
        List<String> diff = UnifiedDiffUtils.generateUnifiedDiff(golden.toString(), "this run", a,
                DiffUtils.diff(a, b), 3);
        if (diff.isEmpty()) {
            // same lines, different line ends or final newline
            return "--- " + golden + "\n+++ this run\n(the files differ only in line ends or the final newline)\n";
        }
        return String.join("\n", diff) + "\n";
    }

    public static void update(Path golden, String report) {
        Output.writeFile(golden, report.getBytes(StandardCharsets.UTF_8));
    }
}
