package aicr.bundle.oci;

import aicr.bundle.tree.BundleTree;
import aicr.bundle.tree.Checksums;
import aicr.io.JsonWriter;
import aicr.io.Struct;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An OCI artifact ready to push: blobs by digest and the image manifest (OCI 1.1) naming them.
 * A bundle becomes one reproducible tar+gzip layer with an empty config; an argocd-helm bundle
 * becomes a Helm chart (the layout {@code helm push} produces).
 */
record Artifact(Map<String, byte[]> blobs, byte[] manifest, String manifestMediaType) {
    static final String MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json";
    static final String CREATED = "1970-01-01T00:00:00Z";

    static Artifact bundle(BundleTree tree, String version) {
        TarGz tar = new TarGz();
        tree.dirs().forEach(tar::directory);
        tree.files().forEach((p, f) -> tar.file(p, f.bytes(), f.mode()));
        byte[] layer = tar.finish();
        byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
        Struct annotations = new Struct()
                .with("org.opencontainers.image.created", CREATED)
                .with("org.opencontainers.image.source", "https://github.com/NVIDIA/aicr")
                .with("org.opencontainers.image.title", "AICR Bundle")
                .with("org.opencontainers.image.vendor", "NVIDIA")
                .with("org.opencontainers.image.version", version);
        Struct layerDesc = descriptor("application/vnd.oci.image.layer.v1.tar+gzip", layer)
                .with("annotations", new Struct().with("org.opencontainers.image.title", "."));
        Struct manifest = new Struct().with("schemaVersion", 2L).with("mediaType", MANIFEST_TYPE)
                .with("artifactType", "application/vnd.nvidia.aicr.artifact")
                .with("config", descriptor("application/vnd.oci.empty.v1+json", config))
                .with("layers", List.of(layerDesc)).with("annotations", annotations);
        return of(manifest, config, layer);
    }

    /** The umbrella chart as {@code helm push} stores it: {@code <chart>/...} entries, chart metadata as config. */
    static Artifact helmChart(BundleTree tree, String chart, String version, String description, String cliVersion) {
        TarGz tar = new TarGz();
        tree.dirs().forEach((d, m) -> tar.directory(chart + "/" + d, m));
        tree.files().forEach((p, f) -> tar.file(chart + "/" + p, f.bytes(), f.mode()));
        byte[] layer = tar.finish();
        byte[] config = JsonWriter.write(new Struct().with("name", chart).with("version", version)
                .with("description", description).with("apiVersion", "v2").with("type", "application"), false)
                .getBytes(StandardCharsets.UTF_8);
        Struct annotations = new Struct()
                .with("com.nvidia.aicr.version", cliVersion)
                .with("org.opencontainers.image.created", CREATED)
                .with("org.opencontainers.image.description", description)
                .with("org.opencontainers.image.title", chart)
                .with("org.opencontainers.image.version", version);
        Struct manifest = new Struct().with("schemaVersion", 2L).with("mediaType", MANIFEST_TYPE)
                .with("config", descriptor("application/vnd.cncf.helm.config.v1+json", config))
                .with("layers", List.of(descriptor("application/vnd.cncf.helm.chart.content.v1.tar+gzip", layer)))
                .with("annotations", annotations);
        return of(manifest, config, layer);
    }

    static final String EVIDENCE_TITLE = "AICR Recipe Evidence";
    static final String SIGSTORE_BUNDLE_TYPE = "application/vnd.dev.sigstore.bundle.v0.3+json";

    /**
     * An evidence summary bundle: one tar+gzip layer of the files (0600, directories 0755) with
     * ORAS's unpack annotations, the evidence title and description.
     */
    static Artifact evidence(Map<String, byte[]> files, String version) {
        TarGz tar = new TarGz();
        tar.directory(".", 0755);
        java.util.Set<String> dirs = new java.util.TreeSet<>();
        for (String p : new TreeMap<>(files).keySet()) {
            for (int i = p.indexOf('/'); i > 0; i = p.indexOf('/', i + 1)) {
                dirs.add(p.substring(0, i));
            }
        }
        dirs.forEach(d -> tar.directory(d, 0755));
        new TreeMap<>(files).forEach((p, b) -> tar.file(p, b, 0600));
        byte[] layer = tar.finish();
        byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
        Struct annotations = new Struct()
                .with("org.opencontainers.image.created", CREATED)
                .with("org.opencontainers.image.description", "Signed evidence bundle for an aicr recipe (recipe-evidence/v1).")
                .with("org.opencontainers.image.source", "https://github.com/NVIDIA/aicr")
                .with("org.opencontainers.image.title", EVIDENCE_TITLE)
                .with("org.opencontainers.image.vendor", "NVIDIA")
                .with("org.opencontainers.image.version", version);
        Struct layerDesc = descriptor("application/vnd.oci.image.layer.v1.tar+gzip", layer)
                .with("annotations", new Struct().with("io.deis.oras.content.digest", tar.rawDigest())
                        .with("io.deis.oras.content.unpack", "true").with("org.opencontainers.image.title", "."));
        Struct manifest = new Struct().with("schemaVersion", 2L).with("mediaType", MANIFEST_TYPE)
                .with("artifactType", "application/vnd.nvidia.aicr.artifact")
                .with("config", descriptor("application/vnd.oci.empty.v1+json", config).with("data", "e30="))
                .with("layers", List.of(layerDesc)).with("annotations", annotations);
        return of(manifest, config, layer);
    }

    /** A Sigstore bundle attached to {@code subject} (an OCI referrer). */
    static Artifact sigstoreReferrer(byte[] bundleJson, Struct subject) {
        byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
        Struct layer = descriptor(SIGSTORE_BUNDLE_TYPE, bundleJson)
                .with("annotations", new Struct().with("org.opencontainers.image.title", "payload"));
        Struct manifest = new Struct().with("schemaVersion", 2L).with("mediaType", MANIFEST_TYPE)
                .with("artifactType", SIGSTORE_BUNDLE_TYPE)
                .with("config", descriptor("application/vnd.oci.empty.v1+json", config).with("data", "e30="))
                .with("layers", List.of(layer)).with("subject", subject)
                .with("annotations", new Struct().with("org.opencontainers.image.created", CREATED)
                        .with("org.opencontainers.image.vendor", "NVIDIA"));
        Map<String, byte[]> blobs = new TreeMap<>();
        blobs.put(digest(config), config);
        blobs.put(digest(bundleJson), bundleJson);
        return new Artifact(blobs, JsonWriter.write(manifest, false).getBytes(StandardCharsets.UTF_8), MANIFEST_TYPE);
    }

    private static Artifact of(Struct manifest, byte[] config, byte[] layer) {
        Map<String, byte[]> blobs = new TreeMap<>();
        blobs.put(digest(config), config);
        blobs.put(digest(layer), layer);
        return new Artifact(blobs, JsonWriter.write(manifest, false).getBytes(StandardCharsets.UTF_8), MANIFEST_TYPE);
    }

    static Struct descriptor(String mediaType, byte[] content) {
        return new Struct().with("mediaType", mediaType).with("digest", digest(content)).with("size", (long) content.length);
    }

    static String digest(byte[] content) {
        return "sha256:" + Checksums.sha256(content);
    }
}
