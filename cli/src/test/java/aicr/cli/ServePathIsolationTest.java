package aicr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The server's classes (Jetty, the Prometheus client, aicr.server) and the mirror's are for
 * their own commands only: recipe, query, validate and bundle, each in a fresh JVM, load none
 * of them, so they cost those commands nothing.
 */
class ServePathIsolationTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"recipe", "query", "validate", "bundle"})
    void offlineCommandsLoadNoServerClass(String command) throws Exception {
        List<String> args = switch (command) {
            case "recipe" -> List.of("recipe", "--service", "eks", "--accelerator", "h100", "--os", "ubuntu", "--intent",
                    "training", "-o", "/dev/null");
            case "query" -> List.of("query", "--service", "eks", "--accelerator", "h100", "--os", "ubuntu", "--intent",
                    "training", "--selector", "components.gpu-operator.values.driver.version");
            case "validate" -> List.of("validate", "-r", RulesCliTest.RECIPE, "-s", RulesCliTest.SNAPSHOT, "--no-cluster",
                    "-o", tmp.resolve("report.json").toString());
            default -> List.of("bundle", "-r", BundleFixtures.GOLDEN.resolve("recipe.yaml").toString(), "-o",
                    tmp.resolve("bundle").toString());
        };
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> cmd = new ArrayList<>(List.of(java, "-verbose:class", "-cp", cp, "aicr.cli.Main"));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        assertEquals(true, rc == 0 || (command.equals("validate") && rc == 2), out.lines().filter(l -> !l.startsWith("[")).toList()
                .toString());
        List<String> offenders = out.lines()
                .filter(l -> l.startsWith("[") && (l.contains(" org.eclipse.jetty.") || l.contains(" io.prometheus.")
                        || l.contains(" aicr.server.") || l.contains(" aicr.mirror.") || l.contains(" picocli.AutoComplete")))
                .toList();
        assertEquals(List.of(), offenders);
    }
}
