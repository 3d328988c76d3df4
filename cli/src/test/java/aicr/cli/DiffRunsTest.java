package aicr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays the reference's ten {@code aicr diff} runs (golden/diff/reference/COMMANDS.txt): the
 * same stdout bytes, exit code, stderr, and for the {@code -o} run the same file.
 */
class DiffRunsTest {
    /** Relative, so that the sources named in the documents differ from the reference's only by this prefix. */
    static final String REF = "../golden/diff/reference/";
    static final Pattern LINE = Pattern.compile("^aicr (.*?) +> (d\\d\\d)\\.out \\(exit (\\d+)\\)$");

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> referenceRuns() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(REF, "COMMANDS.txt"))) {
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(m.group(2), () -> replay(m.group(2), m.group(1).split(" "), Integer.parseInt(m.group(3)))));
        }
        assertEquals(10, tests.size());
        return tests.stream();
    }

    private void replay(String id, String[] words, int rc) throws Exception {
        List<String> args = new ArrayList<>();
        Path written = null;
        for (int i = 0; i < words.length; i++) {
            String prev = i > 0 ? words[i - 1] : "";
            if (prev.equals("-o")) {
                written = tmp.resolve(words[i]);
                args.add(written.toString());
            } else if (prev.equals("--baseline") || prev.equals("--target")) {
                args.add(REF + words[i]);
            } else {
                args.add(words[i]);
            }
        }
        CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
        assertEquals(rc, r.exitCode(), r.stderr());
        assertEquals(Files.readString(Path.of(REF, id + ".out")), r.stdout().replace(REF, ""));
        assertEquals(Files.readString(Path.of(REF, id + ".err")), r.stderr().replace(REF, ""));
        if (written != null) {
            assertEquals(Files.readString(Path.of(REF, written.getFileName().toString())), Files.readString(written).replace(REF, ""));
        }
    }
}
