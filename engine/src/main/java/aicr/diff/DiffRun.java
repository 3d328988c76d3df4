package aicr.diff;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.io.Document;
import aicr.io.Output;
import aicr.log.Log;
import aicr.snapshot.Snapshot;
import aicr.snapshot.SnapshotReader;
import java.io.PrintStream;
import java.util.List;

/** {@code aicr diff}: load two snapshots (files, URLs or ConfigMaps), compare, write, and optionally fail on drift. */
public final class DiffRun {
    private DiffRun() {
    }

    public static final List<String> FORMATS = List.of("yaml", "json", "table");

    /**
     * @param failOnDrift exit with CONFLICT (2) when anything changed (after writing the result)
     */
    public static void run(String baseline, String target, String format, String output, boolean failOnDrift,
                           String kubeconfig, PrintStream stdout) {
        String f = format == null ? "yaml" : format;
        if (!FORMATS.contains(f)) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "unknown output format: \"" + f + "\", valid formats are: yaml, json, table");
        }
        if (baseline == null || baseline.isEmpty()) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "--baseline is required");
        }
        if (target == null || target.isEmpty()) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "--target is required");
        }
        String out = output == null ? "" : output.trim();
        if (f.equals("table") && Output.isConfigMap(out)) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "table output does not support ConfigMap destinations");
        }
        if (Output.isConfigMap(out)) {
            aicr.snapshot.ConfigMapUri.parse(out);
        }
        Log.debug("snapshot diff", "baseline", baseline, "target", target);
        Snapshot b = SnapshotReader.read(baseline, kubeconfig);
        Snapshot t = SnapshotReader.read(target, kubeconfig);
        SnapshotDiff.Result r = SnapshotDiff.compare(baseline, b, target, t);
        Log.info("snapshot diff complete", "added", r.count(SnapshotDiff.Kind.ADDED), "removed",
                r.count(SnapshotDiff.Kind.REMOVED), "modified", r.count(SnapshotDiff.Kind.MODIFIED));
        Output.write(out, Document.of(SnapshotDiff.render(r, f), f), stdout, kubeconfig);
        if (failOnDrift && r.drift()) {
            throw new AicrException(ErrorCode.CONFLICT, "drift detected: " + r.changes().size() + " change(s) found");
        }
    }
}
