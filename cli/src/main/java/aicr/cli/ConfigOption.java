package aicr.cli;

import aicr.config.AicrConfig;
import picocli.CommandLine.Option;

/** {@code --config FILE|URL}: an AICRConfig document; flags given on the command line win. */
final class ConfigOption {
    @Option(names = "--config", paramLabel = "FILE",
            description = "AICRConfig file or http(s) URL (kind AICRConfig, apiVersion aicr.run/v1alpha2); flags override it.")
    String source;

    AicrConfig load() {
        return AicrConfig.load(source);
    }

    /** The flag value when given, else the config value when set, else {@code dflt}. */
    static String pick(String flag, String fromConfig, String dflt) {
        if (flag != null) {
            return flag;
        }
        return fromConfig == null || fromConfig.isEmpty() ? dflt : fromConfig;
    }
}
