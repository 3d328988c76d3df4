package aicr.bundle.vendor;

import static aicr.gocompat.GoStrings.quote;

import aicr.bundle.tree.Checksums;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code helm pull} through the Helm CLI on PATH (the reference shells out the same way, so
 * repository credentials and OCI logins of the user's Helm apply). Failures are classified by
 * Helm's output into the usual exit codes.
 */
public final class HelmCliPuller implements ChartPuller {
    private static final Pattern SAFE_NAME = Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9._-]*$");
    private static final Pattern SAFE_VERSION = Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9._+-]*$");
    private static final long TIMEOUT_MINUTES = 5;

    private final String helm;
    private String pullerVersion;

    private HelmCliPuller(String helm) {
        this.helm = helm;
    }

    /** The puller, or SERVICE_UNAVAILABLE when no {@code helm} is on PATH (checked before any work). */
    public static HelmCliPuller fromPath() {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                File f = new File(dir, "helm");
                if (f.isFile() && f.canExecute()) {
                    return new HelmCliPuller(f.getPath());
                }
            }
        }
        throw new AicrException(ErrorCode.SERVICE_UNAVAILABLE,
                "vendor-charts: helm CLI not found on PATH (install helm or unset --vendor-charts)");
    }

    @Override
    public Pulled pull(String component, String repository, String chart, String version) {
        validate(component, repository, chart, version);
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory("aicr-vendor-");
            List<String> cmd = new ArrayList<>(List.of(helm, "pull"));
            if (repository.startsWith("oci://")) {
                cmd.add(repository.replaceAll("/+$", "") + "/" + chart);
            } else {
                cmd.addAll(List.of(chart, "--repo", repository));
            }
            cmd.addAll(List.of("--version", version, "--destination", tmp.toString()));
            Run r = run(cmd);
            if (r.exit != 0) {
                throw classify(component, repository, chart, version, r.output);
            }
            Path tgz = single(tmp);
            byte[] bytes = Files.readAllBytes(tgz);
            String tarball = tgz.getFileName().toString();
            return new Pulled(bytes, tarball, new VendorRecord(component, chart, version, repository,
                    Checksums.sha256(bytes), tarball, version()));
        } catch (IOException e) {
            throw new AicrException(ErrorCode.INTERNAL, "vendor-charts: helm pull of " + quote(chart) + " failed", e);
        } finally {
            delete(tmp);
        }
    }

    private String version() {
        if (pullerVersion == null) {
            Run r = run(List.of(helm, "version", "--short"));
            pullerVersion = r.exit == 0 ? "helm-cli " + r.output.strip() : "";
        }
        return pullerVersion;
    }

    private record Run(int exit, String output) {
    }

    private static Run run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return new Run(-1, "context deadline exceeded");
            }
            return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Run(-1, String.valueOf(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Run(-1, "context canceled");
        }
    }

    private static Path single(Path dir) throws IOException {
        List<Path> tgz;
        try (Stream<Path> s = Files.list(dir)) {
            tgz = s.filter(p -> p.getFileName().toString().endsWith(".tgz")).toList();
        }
        if (tgz.size() != 1) {
            throw new AicrException(ErrorCode.INTERNAL, tgz.isEmpty() ? "vendor-charts: helm pull produced no .tgz output"
                    : "vendor-charts: multiple .tgz files in pull dir");
        }
        return tgz.get(0);
    }

    /** Helm's messages mapped to the error codes the reference uses. */
    static AicrException classify(String component, String repository, String chart, String version, String output) {
        String o = output.toLowerCase(Locale.ROOT);
        String detail = output.strip();
        if (o.contains("not found") || o.contains("404") || o.contains("no chart version") || o.contains("no chart name")) {
            return new AicrException(ErrorCode.NOT_FOUND, "vendor-charts: chart " + quote(chart) + " version "
                    + quote(version) + " not found at " + quote(repository) + ": " + detail);
        }
        if (o.contains("401") || o.contains("403") || o.contains("unauthorized") || o.contains("forbidden")) {
            return new AicrException(ErrorCode.UNAUTHORIZED, "vendor-charts: authentication failed pulling " + quote(chart)
                    + " from " + quote(repository) + " (set HELM_REPOSITORY_USERNAME/HELM_REPOSITORY_PASSWORD or docker "
                    + "login for OCI): " + detail);
        }
        if (o.contains("context deadline") || o.contains("context canceled") || o.contains("signal: killed")) {
            return new AicrException(ErrorCode.TIMEOUT, "vendor-charts: pull timed out for " + quote(chart) + " from "
                    + quote(repository));
        }
        if (o.contains("no such host") || o.contains("connection refused") || o.contains("dial tcp")) {
            return new AicrException(ErrorCode.SERVICE_UNAVAILABLE, "vendor-charts: cannot reach repository "
                    + quote(repository) + ": " + detail);
        }
        return new AicrException(ErrorCode.INTERNAL, "vendor-charts: helm pull " + quote(chart) + "@" + quote(version)
                + " from " + quote(repository) + " failed: " + detail);
    }

    static void validate(String component, String repository, String chart, String version) {
        if (repository.isEmpty()) {
            throw invalid("vendor-charts: component " + quote(component) + " has no repository");
        }
        if (version.isEmpty()) {
            throw invalid("vendor-charts: component " + quote(component) + " has no chart version");
        }
        if (!SAFE_NAME.matcher(chart).matches()) {
            throw invalid("vendor-charts: chart name " + quote(chart) + " for component " + quote(component)
                    + " must match " + SAFE_NAME.pattern());
        }
        if (!SAFE_NAME.matcher(component).matches()) {
            throw invalid("vendor-charts: component name " + quote(component) + " must match " + SAFE_NAME.pattern());
        }
        if (!SAFE_VERSION.matcher(version).matches()) {
            throw invalid("vendor-charts: version " + quote(version) + " for component " + quote(component)
                    + " must match " + SAFE_VERSION.pattern());
        }
        if (!repository.startsWith("oci://") && !repository.startsWith("https://") && !repository.startsWith("http://")) {
            throw invalid("vendor-charts: repository URL " + quote(repository) + " for " + quote(component)
                    + " must use http or https scheme");
        }
    }

    private static AicrException invalid(String m) {
        return new AicrException(ErrorCode.INVALID_REQUEST, m);
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temporary download directory; nothing of it is part of the bundle
        }
    }
}
