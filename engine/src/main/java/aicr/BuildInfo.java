package aicr;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Build facts: the version written into results and printed by {@code --version}. */
public final class BuildInfo {
    private BuildInfo() {
    }

    public static final String VERSION = load();

    private static String load() {
        try (InputStream in = BuildInfo.class.getResourceAsStream("/aicr/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            String v = p.getProperty("version", "dev");
            return v.startsWith("${") ? "dev" : v;
        } catch (IOException e) {
            return "dev";
        }
    }
}
