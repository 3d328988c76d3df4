package aicr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rule engine starts only when a bundled component declares registry checks: a bundle
 * without any loads no Drools/KIE class; the golden recipe (nodewright-customizations has
 * checks) does.
 */
class BundlePathIsolationTest {
    @TempDir
    Path tmp;

    private static String classes(String... args) throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-verbose:class", "-cp", cp, "aicr.cli.Main", "bundle"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("aicr.bundle.Bundler"), "class loading was observed");
        return out;
    }

    private static boolean loadsRuleEngine(String classes) {
        return classes.lines().anyMatch(l -> l.contains("org.drools.") || l.contains("org.kie."));
    }

    @Test
    void noChecksNoRuleEngine() throws Exception {
        String out = classes("-r", BundleFixtures.INPUTS.resolve("mini-mixed-prepost.yaml").toString(), "--data",
                BundleFixtures.INPUTS.resolve("mydata").toString(), "-o", tmp.resolve("a").toString());
        assertFalse(loadsRuleEngine(out));
    }

    @Test
    void registryChecksStartTheRuleEngine() throws Exception {
        String out = classes("-r", BundleFixtures.GOLDEN.resolve("recipe.yaml").toString(), "-o", tmp.resolve("b").toString());
        assertTrue(loadsRuleEngine(out));
    }
}
