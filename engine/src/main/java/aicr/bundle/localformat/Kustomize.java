package aicr.bundle.localformat;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.log.Log;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code kustomize build} of a Kustomize component. The reference links the kustomize library;
 * here the {@code kustomize} CLI is used when it is on PATH, else {@code kubectl kustomize}
 * (same library). Local paths resolve against the working directory, as in the reference.
 */
final class Kustomize {
    private Kustomize() {
    }

    private static final long TIMEOUT_MINUTES = 5;

    static String build(String target) {
        List<String> cmd = onPath("kustomize") ? List.of("kustomize", "build", target)
                : onPath("kubectl") ? List.of("kubectl", "kustomize", target) : null;
        if (cmd == null) {
            throw new AicrException(ErrorCode.INTERNAL, "kustomize build failed",
                    new IOException("neither kustomize nor kubectl found on PATH"));
        }
        Log.debug("running kustomize", "command", String.join(" ", cmd));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
            p.getOutputStream().close();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread drain = new Thread(() -> copy(p.getErrorStream(), err));
            drain.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AicrException(ErrorCode.TIMEOUT, "kustomize build timed out");
            }
            drain.join();
            if (p.exitValue() != 0) {
                throw new AicrException(ErrorCode.INTERNAL, "kustomize build failed",
                        new IOException(err.toString(StandardCharsets.UTF_8).strip()));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AicrException(ErrorCode.INTERNAL, "kustomize build failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AicrException(ErrorCode.TIMEOUT, "kustomize build interrupted", e);
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try {
            in.transferTo(out);
        } catch (IOException ignored) {
            // stderr is only used for the error message
        }
    }

    static boolean onPath(String exe) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            File f = new File(dir, exe);
            if (f.isFile() && f.canExecute()) {
                return true;
            }
        }
        return false;
    }
}
