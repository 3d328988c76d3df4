package aicr.k8s;

import aicr.io.ConfigMapStore;
import aicr.io.Document;

/** The {@link ConfigMapStore} of the I/O layer, on the Kubernetes client (registered as a service). */
public final class ConfigMapService implements ConfigMapStore {
    @Override
    public Stored read(String uri, String kubeconfig) {
        return ConfigMaps.read(uri, kubeconfig);
    }

    @Override
    public void write(String uri, Document doc, String kubeconfig) {
        ConfigMaps.write(uri, doc, kubeconfig);
    }
}
