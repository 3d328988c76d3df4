package aicr.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives each test its own compiled-rules cache ({@code aicr.cache.dir}, which the CLI run
 * in-process reads), so tests neither share compiled --rules directories nor write to the
 * user's cache. {@link #dir()} is the cache root of the running test (for child processes).
 */
final class IsolatedRuleCache implements BeforeEachCallback, AfterEachCallback {
    private static final String PROPERTY = "aicr.cache.dir";

    static Path dir() {
        return Path.of(System.getProperty(PROPERTY));
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        System.setProperty(PROPERTY, Files.createTempDirectory("aicr-rule-cache-").toString());
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        Path root = dir();
        System.clearProperty(PROPERTY);
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
