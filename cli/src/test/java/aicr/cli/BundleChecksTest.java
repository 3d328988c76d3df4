package aicr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Registry validations run as bundle-check rules: stdout and stderr equal the reference's
 * (golden/bundle/checks, the bundle-* cases of the validate runs), after replacing paths,
 * durations and sizes.
 */
class BundleChecksTest {
    @TempDir
    Path tmp;

    static Stream<Arguments> cases() {
        String eks = "{recipe}";
        String aks = "{inputs}/recipe-aks-h100-ubuntu-training.yaml";
        return Stream.of(
                Arguments.of("eks-info", 0, "-r " + eks),
                Arguments.of("eks-selectors-set", 0, "-r " + eks + " --workload-selector a=b --accelerated-node-selector c=d"),
                Arguments.of("aks-warning", 0, "-r " + aks + " --set networkoperator:enabled=false"),
                Arguments.of("aks-no-warning", 0, "-r " + aks + " --set networkoperator:enabled=false"
                        + " --set gpuoperator:driver.rdma.useHostMofed=false"),
                Arguments.of("eks-error-severity", 2, "-r " + eks + " --data {inputs}/bundle-validation-data-error"),
                Arguments.of("eks-unknown-function", 2, "-r " + eks + " --data {inputs}/bundle-validation-data-unknownfn"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesTheReferenceOutput(String name, int exit, String flags) throws Exception {
        Path out = tmp.resolve("out");
        List<String> args = new ArrayList<>(List.of("bundle"));
        args.addAll(BundleFixtures.args(flags, tmp));
        args.addAll(List.of("-o", out.toString()));
        CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
        assertEquals(exit, r.exitCode(), r.stderr());
        Path golden = BundleFixtures.GOLDEN.resolve("checks");
        assertEquals(normalize(Files.readString(golden.resolve("out-bundle-" + name + ".stdout.txt")), "<tmpdir>"),
                normalize(r.stdout(), out.toString()));
        assertEquals(normalize(Files.readString(golden.resolve("out-bundle-" + name + ".stderr.txt")), "<tmpdir>"),
                normalize(r.stderr(), out.toString()));
    }

    /** Paths, sizes and durations vary between machines and with deliberate differences (checksums). */
    private static String normalize(String text, String outDir) {
        return text.replace(outDir, "<out>")
                .replaceAll("recipe=\\S+", "recipe=<recipe>")
                .replaceAll("directory=\\S+", "directory=<data>")
                .replaceAll("external_dir=\\S+", "external_dir=<data>")
                .replaceAll("size_bytes=\\d+", "size_bytes=<n>")
                .replaceAll("duration_sec=[0-9.e-]+", "duration_sec=<t>");
    }
}
