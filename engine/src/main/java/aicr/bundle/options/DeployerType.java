package aicr.bundle.options;

import static aicr.gocompat.GoStrings.quote;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import java.util.Locale;

/** The five deployers: what kind of tree {@code aicr bundle} writes. */
public enum DeployerType {
    HELM("helm", "Helm per-component bundle"),
    ARGOCD("argocd", "Argo CD applications"),
    ARGOCD_HELM("argocd-helm", "Argo CD Helm chart app-of-apps"),
    FLUX("flux", "Flux manifests"),
    HELMFILE("helmfile", "Helmfile release graph");

    private final String id;
    private final String title;

    DeployerType(String id, String title) {
        this.id = id;
        this.title = title;
    }

    public String id() {
        return id;
    }

    /** How the summary names the result ("Helm per-component bundle generated successfully!"). */
    public String title() {
        return title;
    }

    public boolean isArgo() {
        return this == ARGOCD || this == ARGOCD_HELM;
    }

    /** Case-insensitive, trimmed; the error lists the names sorted, as the reference does. */
    public static DeployerType parse(String s) {
        String n = s.strip().toLowerCase(Locale.ROOT);
        for (DeployerType d : values()) {
            if (d.id.equals(n)) {
                return d;
            }
        }
        throw new AicrException(ErrorCode.INVALID_REQUEST, "invalid deployer type " + quote(s)
                + ": must be one of [argocd argocd-helm flux helm helmfile]");
    }

    @Override
    public String toString() {
        return id;
    }
}
