package aicr.cli;

import picocli.CommandLine.Option;

/** Registry flags of the evidence commands. */
final class RegistryFlags {
    @Option(names = {"--plain-http", "--registry-plain-http"}, description = "Use HTTP for the registry.")
    boolean plainHttp;

    @Option(names = {"--insecure-tls", "--registry-insecure-tls"}, description = "Skip TLS verification of the registry.")
    boolean insecureTls;
}
