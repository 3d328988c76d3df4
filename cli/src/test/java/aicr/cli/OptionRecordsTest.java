package aicr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aicr.bundle.BundleFlags;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** The bundle command's options land on BundleFlags by name, strictly in both directions. */
class OptionRecordsTest {

    @Test
    void bundleOptionsBindOntoBundleFlags() {
        BundleCommand cmd = new BundleCommand();
        new CommandLine(cmd).parseArgs("-r", "recipe.yaml", "--repo", "https://git.example/x.git", "--set", "a:b=1",
                "--set", "a:c=2", "--nodes", "3", "--attest", "--data", "d", "--config", "cfg.yaml");
        BundleFlags f = OptionRecords.bind(BundleFlags.class, cmd, Map.of("config", "cfg.yaml"));
        assertEquals("recipe.yaml", f.recipe());
        assertEquals("https://git.example/x.git", f.repo());
        assertEquals(List.of("a:b=1", "a:c=2"), f.set());
        assertEquals(3, f.nodes());
        assertEquals(Boolean.TRUE, f.attest());
        assertEquals(Path.of("d"), f.data());
        assertEquals("cfg.yaml", f.config());
        assertNull(f.output(), "a flag not given stays null");
        assertNull(f.readinessHooks());
    }

    record Two(String a, String b) {
    }

    static final class OnlyA {
        @Option(names = "--a")
        String a;
    }

    static final class AbcOptions {
        @Option(names = "--a")
        String a;
        @Option(names = "--b")
        String b;
        @Option(names = "--c")
        String c;
    }

    record ThreeWithAnInt(String a, Integer b, String c) {
    }

    @Test
    void everyComponentNeedsItsFieldAndEveryOptionItsComponent() {
        assertTrue(assertThrows(IllegalStateException.class, () -> OptionRecords.bind(Two.class, new OnlyA(), Map.of()))
                .getMessage().contains("Two.b"));
        assertEquals(new Two(null, "x"), OptionRecords.bind(Two.class, new OnlyA(), Map.of("b", "x")));
        assertTrue(assertThrows(IllegalStateException.class, () -> OptionRecords.bind(Two.class, new AbcOptions(), Map.of()))
                .getMessage().contains("AbcOptions.c"));
        assertTrue(assertThrows(IllegalStateException.class,
                () -> OptionRecords.bind(ThreeWithAnInt.class, new AbcOptions(), Map.of())).getMessage().contains("Integer"));
    }
}
