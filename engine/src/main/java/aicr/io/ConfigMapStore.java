package aicr.io;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import java.util.ServiceLoader;

/**
 * Where {@code cm://namespace/name} documents are read and written (docs/configmaps.md). The
 * Kubernetes layer implements it ({@code aicr.k8s.ConfigMapService}); it is looked up only when a
 * command actually names a ConfigMap, so commands on files never load the Kubernetes client, and
 * this package stays below the Kubernetes one.
 */
public interface ConfigMapStore {

    /** A stored document and the format its data key names ({@code yaml}, {@code json}, {@code txt}...). */
    record Stored(String text, String format) {
    }

    /** Reads a document; a missing ConfigMap or any API failure is NOT_FOUND (3). */
    Stored read(String uri, String kubeconfig);

    /** Server-side applies {@code doc} as the ConfigMap {@code uri}; a failure is INTERNAL (8). */
    void write(String uri, Document doc, String kubeconfig);

    /** The implementation on the class path. */
    static ConfigMapStore get() {
        return ServiceLoader.load(ConfigMapStore.class).findFirst().orElseThrow(() -> new AicrException(ErrorCode.INTERNAL,
                "ConfigMap (cm://) inputs and outputs need the Kubernetes layer, which is not on the class path"));
    }
}
