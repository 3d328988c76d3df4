package aicr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aicr.io.Values;
import aicr.io.YamlReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code recipe --snapshot}: criteria from the snapshot, overlays excluded by failing constraints. */
class SnapshotRecipeTest {
    static final Path SNAPSHOT = Path.of("..", "golden", "validate", "reference", "snapshot-satisfies.yaml");

    @TempDir
    Path tmp;

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadata(CliRunner.Result r) {
        Map<String, Object> doc = (Map<String, Object>) Values.of(YamlReader.parse(r.stdout()));
        return (Map<String, Object>) doc.get("metadata");
    }

    @Test
    void criteriaComeFromTheSnapshotAndFlagsAddTheRest() {
        CliRunner.Result r = CliRunner.run("recipe", "--snapshot", SNAPSHOT.toString(), "--intent", "training");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(List.of("base", "monitoring-hpa", "h100-any", "eks", "eks-training", "h100-eks-training",
                "h100-eks-ubuntu-training"), metadata(r).get("appliedOverlays"));
        assertTrue(r.stderr().contains("criteria=criteria(service=eks, accelerator=h100, intent=training, os=ubuntu)"),
                r.stderr());
    }

    @Test
    void aFailingMixinConstraintExcludesTheWholeChain() throws Exception {
        Path snap = Files.writeString(tmp.resolve("s.yaml"),
                Files.readString(SNAPSHOT).replace("VERSION_ID: \"24.04\"", "VERSION_ID: \"22.04\""));
        CliRunner.Result r = CliRunner.run("recipe", "--snapshot", snap.toString(), "--intent", "training");
        assertEquals(0, r.exitCode(), r.stderr());
        Map<String, Object> meta = metadata(r);
        assertEquals(List.of("base", "monitoring-hpa", "h100-any"), meta.get("appliedOverlays"));
        assertEquals(List.of(Map.of("name", "h100-eks-ubuntu-training", "reason", "mixin-constraint-failed")),
                meta.get("excludedOverlays"));
        assertTrue(r.stderr().contains("overlay excluded due to constraint failure: overlay=h100-eks-ubuntu-training "
                + "constraint=OS.release.VERSION_ID expected=24.04 actual=22.04 reason=mixin-constraint-failed: expected 24.04, got 22.04"),
                r.stderr());
    }

    @Test
    void anOverlaysOwnFailingConstraintExcludesIt() throws Exception {
        Path snap = Files.writeString(tmp.resolve("s.yaml"),
                Files.readString(SNAPSHOT).replace("v1.33.5-eks-3025e55", "v1.30.1-eks-3025e55"));
        CliRunner.Result r = CliRunner.run("recipe", "--snapshot", snap.toString(), "--intent", "training");
        assertEquals(0, r.exitCode(), r.stderr());
        Map<String, Object> meta = metadata(r);
        assertEquals(List.of(Map.of("name", "h100-eks-ubuntu-training", "reason", "constraint-failed")),
                meta.get("excludedOverlays"));
    }

    @Test
    void missingSnapshotIsNotFound() {
        assertEquals(3, CliRunner.run("recipe", "--snapshot", tmp.resolve("none.yaml").toString()).exitCode());
    }
}
