package aicr.bundle.oci;

import aicr.bundle.oci.OciTarget;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.io.JsonReader;
import aicr.io.JsonWriter;
import aicr.io.Struct;
import aicr.io.Values;
import aicr.log.Log;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Evidence bundles in an OCI registry: push a summary bundle, attach its Sigstore bundle as a
 * referrer (falling back to the {@code sha256-<hex>} tag index where the registry has no
 * referrers API), pull a bundle by digest or tag, and find its signature.
 */
public final class EvidenceRegistry {
    private final RegistryClient client;
    private final OciTarget target;

    /** @param target registry and repository (the tag is the one pushes use) */
    public EvidenceRegistry(OciTarget target, boolean plainHttp, boolean insecureTls) {
        this.target = target;
        this.client = new RegistryClient(target, plainHttp, insecureTls);
    }

    /** What was pushed: the manifest's digest, media type and size (the referrer subject). */
    public record Pushed(String reference, String digest, String mediaType, long size) {
    }

    /** A pulled bundle: its manifest (as a referrer subject) and the files of its layer. */
    public record Pulled(String digest, String mediaType, long size, Map<String, byte[]> files) {
        public Pushed asSubject(String reference) {
            return new Pushed(reference, digest, mediaType, size);
        }
    }

    public Pushed push(Map<String, byte[]> files, String version) {
        Artifact a = Artifact.evidence(files, version);
        Log.info("pushing evidence bundle", "reference", target.toString());
        String digest = wrap(() -> client.push(a), "failed to push evidence bundle to " + target);
        return new Pushed(target.toString(), digest, a.manifestMediaType(), a.manifest().length);
    }

    /** Attaches a Sigstore bundle to the pushed manifest; returns the referrer's digest. */
    public String attachSignature(Pushed subject, byte[] bundleJson) {
        Struct desc = new Struct().with("mediaType", subject.mediaType()).with("digest", subject.digest())
                .with("size", subject.size());
        Artifact a = Artifact.sigstoreReferrer(bundleJson, desc);
        String digest = Artifact.digest(a.manifest());
        return wrap(() -> {
            client.push(a, digest);
            if (!client.hasReferrersApi(subject.digest())) {
                indexFallback(subject.digest(), digest, a.manifest().length);
            }
            return digest;
        }, "failed to attach the signature to " + target);
    }

    /** The referrers tag schema: an image index at {@code sha256-<hex>} listing the referrers. */
    private void indexFallback(String subject, String referrer, long size) {
        Struct entry = new Struct().with("mediaType", Artifact.MANIFEST_TYPE).with("digest", referrer).with("size", size)
                .with("artifactType", Artifact.SIGSTORE_BUNDLE_TYPE);
        Struct index = new Struct().with("schemaVersion", 2L).with("mediaType", RegistryClient.INDEX_TYPE)
                .with("manifests", List.of(entry));
        client.putManifest(RegistryClient.fallbackTag(subject), JsonWriter.write(index, false).getBytes(StandardCharsets.UTF_8),
                RegistryClient.INDEX_TYPE);
    }

    /** Pulls a bundle by digest ({@code sha256:...}) or tag. */
    public Pulled pull(String reference, long maxLayerBytes) {
        return wrap(() -> {
            RegistryClient.Fetched m = client.manifest(reference);
            Map<String, Object> manifest = Values.mapOf(JsonReader.parse(new String(m.body(), StandardCharsets.UTF_8)));
            if (manifest == null || !(manifest.get("layers") instanceof List<?> layers) || layers.size() != 1
                    || !(layers.get(0) instanceof Map<?, ?> layer) || !(layer.get("digest") instanceof String d)) {
                throw new AicrException(ErrorCode.INVALID_REQUEST, "artifact " + reference + " is not an evidence bundle "
                        + "(expected one tar+gzip layer)");
            }
            String mt = manifest.get("mediaType") instanceof String t ? t : Artifact.MANIFEST_TYPE;
            return new Pulled(m.digest(), mt, m.body().length, TarReader.read(client.blob(d, maxLayerBytes)));
        }, "failed to pull " + target.registry() + "/" + target.repository() + "@" + reference);
    }

    /** The Sigstore bundle attached to {@code subject}, or null when it has none. */
    public byte[] signature(String subject, long maxBytes) {
        return wrap(() -> {
            byte[] index = client.referrers(subject);
            if (index == null) {
                return null;
            }
            Map<String, Object> idx = Values.mapOf(JsonReader.parse(new String(index, StandardCharsets.UTF_8)));
            if (idx == null || !(idx.get("manifests") instanceof List<?> ms)) {
                return null;
            }
            for (Object o : ms) {
                if (o instanceof Map<?, ?> d && Artifact.SIGSTORE_BUNDLE_TYPE.equals(d.get("artifactType"))
                        && d.get("digest") instanceof String digest) {
                    RegistryClient.Fetched m = client.manifest(digest);
                    Map<String, Object> manifest = Values.mapOf(JsonReader.parse(new String(m.body(), StandardCharsets.UTF_8)));
                    if (manifest != null && manifest.get("layers") instanceof List<?> ls && !ls.isEmpty()
                            && ls.get(0) instanceof Map<?, ?> l && l.get("digest") instanceof String ld) {
                        return client.blob(ld, maxBytes);
                    }
                }
            }
            return null;
        }, "failed to discover the signature of " + subject);
    }

    /** The HTTP status a registry failure carried (0 when none): for classifying verification failures. */
    public static int httpStatus(Throwable e) {
        return RegistryClient.status(e);
    }

    private interface Call<T> {
        T run();
    }

    private static <T> T wrap(Call<T> c, String what) {
        try {
            return c.run();
        } catch (AicrException e) {
            AicrException w = AicrException.wrap(e.code(), what, e);
            int status = RegistryClient.status(e);
            return rethrow(status == 0 ? w : RegistryClient.withStatus(w, status));
        }
    }

    private static <T> T rethrow(AicrException e) {
        throw e;
    }
}
