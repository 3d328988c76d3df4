package aicr.cluster;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the cluster credentials come from, decided as the reference does and without loading
 * the Kubernetes client: {@code -k/--kubeconfig}, then {@code KUBECONFIG}, then
 * {@code ~/.kube/config}, then the in-cluster service account. Resolving is cheap, so callers
 * that can do without a cluster (the agent's K8s collector) find out without paying for the
 * client.
 *
 * @param file the kubeconfig file, or null for the in-cluster configuration
 * @param host in-cluster API host ({@code KUBERNETES_SERVICE_HOST}), null for a file
 * @param port in-cluster API port ({@code KUBERNETES_SERVICE_PORT}), null for a file
 */
public record Kubeconfig(Path file, String host, String port) {

    /**
     * Largest kubeconfig read (16 MiB): far above a real one, even with many contexts and
     * embedded certificates; the client reads the whole file into memory.
     */
    public static final long MAX_BYTES = 16L * 1024 * 1024;

    public static final Path SERVICE_ACCOUNT = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

    public boolean inCluster() {
        return file == null;
    }

    /**
     * Resolves the source; an explicit file that does not exist, or a missing in-cluster
     * environment, is an INTERNAL error in the reference's words ({@code failed to build kube
     * config: stat /x: no such file or directory}).
     */
    public static Kubeconfig resolve(String flag, Map<String, String> env) {
        String path = choose(flag, env);
        if (path.isEmpty()) {
            return inCluster(env);
        }
        Path p = Path.of(path);
        if (!Files.exists(p)) {
            throw new AicrException(ErrorCode.INTERNAL, "failed to build kube config",
                    new IOException("stat " + path + ": no such file or directory"));
        }
        if (Files.isDirectory(p)) {
            throw new AicrException(ErrorCode.INTERNAL, "failed to build kube config",
                    new IOException("read " + path + ": is a directory"));
        }
        if (!Files.isRegularFile(p)) {
            // the Kubernetes client would block on a FIFO and read a device forever
            throw new AicrException(ErrorCode.INTERNAL, "failed to build kube config",
                    new IOException("read " + path + ": not a regular file (a FIFO, device or socket cannot be a kubeconfig)"));
        }
        try {
            if (Files.size(p) > MAX_BYTES) {
                throw new AicrException(ErrorCode.INTERNAL, "failed to build kube config",
                        new IOException("read " + path + ": file exceeds maximum allowed size of " + MAX_BYTES + " bytes"));
            }
        } catch (IOException e) {
            throw new AicrException(ErrorCode.INTERNAL, "failed to build kube config", new IOException("stat " + path + ": " + e.getMessage()));
        }
        return new Kubeconfig(p, null, null);
    }

    /**
     * The kubeconfig path, "" for in-cluster. A {@code KUBECONFIG} list takes its first existing
     * file (the reference falls back to in-cluster for any list, which fails on a workstation).
     */
    static String choose(String flag, Map<String, String> env) {
        if (flag != null && !flag.trim().isEmpty()) {
            return flag.trim();
        }
        String kc = env.getOrDefault("KUBECONFIG", "").trim();
        if (!kc.isEmpty()) {
            if (kc.indexOf(java.io.File.pathSeparatorChar) < 0) {
                return kc;
            }
            for (String part : kc.split(java.io.File.pathSeparator)) {
                if (!part.isBlank() && Files.isRegularFile(Path.of(part.trim()))) {
                    return part.trim();
                }
            }
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home", ""));
        Path dflt = Path.of(home, ".kube", "config");
        if (!home.isEmpty() && Files.exists(dflt)) {
            return dflt.toString();
        }
        return "";
    }

    private static Kubeconfig inCluster(Map<String, String> env) {
        String host = env.getOrDefault("KUBERNETES_SERVICE_HOST", "");
        String port = env.getOrDefault("KUBERNETES_SERVICE_PORT", "");
        if (host.isEmpty() || port.isEmpty()) {
            throw new AicrException(ErrorCode.INTERNAL, "failed to get in-cluster config", new IOException(
                    "unable to load in-cluster configuration, KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be defined"));
        }
        Path token = SERVICE_ACCOUNT.resolve("token");
        if (!Files.isReadable(token)) {
            throw new AicrException(ErrorCode.INTERNAL, "failed to get in-cluster config",
                    new IOException("open " + token + ": no such file or directory"));
        }
        return new Kubeconfig(null, host, port);
    }

    /** Where the credentials came from, for log lines. */
    public String describe() {
        return inCluster() ? "in-cluster service account" : file.toString();
    }
}
