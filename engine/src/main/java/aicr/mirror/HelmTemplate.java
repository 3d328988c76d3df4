package aicr.mirror;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.io.YamlWriter;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Renders an upstream chart with the {@code helm} CLI ({@code helm template}, offline
 * rendering, CRDs left out) so the images its templates produce can be listed. Bounded: 90 s
 * and 64 MiB of output per chart.
 */
public final class HelmTemplate {
    static final long TIMEOUT_SECONDS = 90;
    static final int OUTPUT_LIMIT = 64 * 1024 * 1024;
    /** API groups that charts test with {@code .Capabilities.APIVersions} (DRA for nvidia-dra-driver-gpu). */
    static final List<String> API_VERSIONS = List.of("resource.k8s.io/v1", "resource.k8s.io/v1beta1");

    private final Path helm;

    private HelmTemplate(Path helm) {
        this.helm = helm;
    }

    /** The {@code helm} on PATH, or null when there is none. */
    public static HelmTemplate fromPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "helm");
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return new HelmTemplate(p);
            }
        }
        return null;
    }

    /** The chart to render: release {@code release-<name>}. */
    public record Chart(String name, String chart, String repository, String version, String namespace,
                        Map<String, Object> values, String kubeVersion) {
    }

    public String render(Chart c) {
        String chartName = c.chart().substring(c.chart().lastIndexOf('/') + 1);
        List<String> cmd = new ArrayList<>(List.of(helm.toString(), "template", "release-" + c.name()));
        if (c.repository().startsWith("oci://")) {
            cmd.add(c.repository().replaceAll("/+$", "") + "/" + chartName);
        } else {
            cmd.add(chartName);
            if (!c.repository().isEmpty()) {
                cmd.addAll(List.of("--repo", c.repository()));
            }
        }
        if (!c.version().isEmpty()) {
            cmd.addAll(List.of("--version", c.version()));
        }
        if (!c.namespace().isEmpty()) {
            cmd.addAll(List.of("--namespace", c.namespace()));
        }
        cmd.addAll(List.of("--kube-version", c.kubeVersion()));
        API_VERSIONS.forEach(a -> cmd.addAll(List.of("--api-versions", a)));
        Path values = null;
        try {
            if (!c.values().isEmpty()) {
                values = Files.createTempFile("aicr-helm-values-", ".yaml");
                Files.writeString(values, YamlWriter.write(c.values(), true));
                cmd.addAll(List.of("--values", values.toString()));
            }
            cmd.add("--include-crds=false");
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.PIPE).start();
            p.getOutputStream().close();
            byte[] err;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (InputStream in = p.getInputStream(); InputStream es = p.getErrorStream()) {
                ByteArrayOutputStream errBuf = new ByteArrayOutputStream();
                Thread errReader = new Thread(() -> {
                    try {
                        errBuf.write(es.readNBytes(1024 * 1024));
                    } catch (IOException ignored) {
                        // stderr is only for the message
                    }
                });
                errReader.start();
                byte[] buf = new byte[64 * 1024];
                int n;
                while ((n = in.read(buf)) > 0) {
                    if (out.size() + n > OUTPUT_LIMIT) {
                        p.destroyForcibly();
                        throw new AicrException(ErrorCode.INTERNAL, "helm template output exceeds size limit");
                    }
                    out.write(buf, 0, n);
                }
                if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AicrException(ErrorCode.TIMEOUT, "helm template timed out after " + TIMEOUT_SECONDS + "s");
                }
                errReader.join(TimeUnit.SECONDS.toMillis(5));
                err = errBuf.toByteArray();
            }
            if (p.exitValue() != 0) {
                throw new AicrException(ErrorCode.INTERNAL, "helm template failed: "
                        + new String(err, StandardCharsets.UTF_8).trim());
            }
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AicrException(ErrorCode.INTERNAL, "helm template failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AicrException(ErrorCode.TIMEOUT, "helm template interrupted", e);
        } finally {
            if (values != null) {
                try {
                    Files.deleteIfExists(values);
                } catch (IOException ignored) {
                    // a temporary file in the temp directory
                }
            }
        }
    }
}
