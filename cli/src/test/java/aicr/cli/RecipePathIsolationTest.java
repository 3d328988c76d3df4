package aicr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The recipe path must never load the rule engine (start-up speed): a fresh JVM running
 * {@code aicr recipe} loads no Drools/KIE class and nothing of the rules/validate packages,
 * although validate and rules are registered subcommands. Of the snapshot package only the
 * {@code Snapshot} type may appear (linking the snapshot-mode lambda names it); no reader,
 * no readings.
 */
class RecipePathIsolationTest {
    @Test
    void recipeLoadsNoRuleEngineClasses() throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(java, "-verbose:class", "-cp", cp, "aicr.cli.Main", "recipe", "--service", "eks",
                "--accelerator", "h100", "--os", "ubuntu", "--intent", "training", "-o", "/dev/null")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("aicr.recipe.Resolver"), "class loading was observed");
        List<String> offenders = out.lines()
                .filter(l -> l.contains("org.drools.") || l.contains("org.kie.") || l.contains(" aicr.rules.")
                        || l.contains(" aicr.validate.")
                        || (l.contains(" aicr.snapshot.") && !l.contains(" aicr.snapshot.Snapshot ")))
                .toList();
        assertEquals(List.of(), offenders);
    }
}
