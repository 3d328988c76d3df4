package aicr.attest;

import aicr.sigstore.Digests;
import aicr.sigstore.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The SLSA provenance v1 statement of a bundle (spec §3.3): subject {@code checksums.txt},
 * the recipe criteria and components, the tool and its version, and what went in (the tool
 * binary, {@code --data} files). Unlike the reference, the run metadata is deterministic
 * (a UUIDv5 invocation id, no start time), so one bundle always yields one statement.
 */
public final class BundleProvenance {
    private BundleProvenance() {
    }

    public static final String BUILD_TYPE = "https://aicr.run/bundle/v1";

    /** One input: {@code file://...} and its sha256 hex. */
    public record Dependency(String uri, String sha256) {
    }

    /**
     * What the statement says.
     *
     * @param criteria     the recipe's criteria string, e.g. {@code criteria(service=eks, accelerator=h100)}
     * @param externalData true when {@code --data} files went into the bundle
     * @param components   component names in recipe order
     * @param outputDir    the bundle directory as given
     * @param dependencies the binary first, then data files
     * @param builderId    the key identity, or "" for keyless (as the reference)
     * @param binaryAttested whether the bundle carries the tool's release attestation; when not, the
     *                     statement says so ({@code binaryAttestation: none}), so that verification can
     *                     tell a tool without one from a stripped bundle
     */
    public record Facts(String criteria, boolean externalData, List<String> components, String outputDir,
                        String toolVersion, List<Dependency> dependencies, String builderId, boolean binaryAttested) {
    }

    /** The internal parameter aicr-j adds when the signing tool has no release attestation. */
    public static final String NO_BINARY_ATTESTATION_KEY = "binaryAttestation";
    public static final String NO_BINARY_ATTESTATION = "none";

    public static Statement statement(String checksumsSha256, Facts f) {
        Map<String, Object> external = new LinkedHashMap<>();
        external.put("recipe", f.criteria());
        external.put("recipeSource", f.externalData() ? "external" : "embedded");
        Map<String, Object> internal = new LinkedHashMap<>();
        internal.put("components", new ArrayList<>(f.components()));
        internal.put("outputDir", f.outputDir());
        internal.put("toolVersion", f.toolVersion());
        if (!f.binaryAttested()) {
            internal.put(NO_BINARY_ATTESTATION_KEY, NO_BINARY_ATTESTATION);
        }
        List<Object> deps = new ArrayList<>();
        for (Dependency d : f.dependencies()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("uri", d.uri());
            m.put("digest", Map.of("sha256", d.sha256()));
            deps.add(m);
        }
        Map<String, Object> build = new LinkedHashMap<>();
        build.put("buildType", BUILD_TYPE);
        build.put("externalParameters", external);
        build.put("internalParameters", internal);
        build.put("resolvedDependencies", deps);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("builder", Map.of("id", f.builderId()));
        run.put("metadata", Map.of("invocationId", invocationId(checksumsSha256, f.criteria(), f.toolVersion(), f.builderId())));
        Map<String, Object> predicate = new LinkedHashMap<>();
        predicate.put("buildDefinition", build);
        predicate.put("runDetails", run);
        return new Statement("checksums.txt", checksumsSha256, Statement.SLSA_PROVENANCE_V1, predicate);
    }

    /** UUIDv5 of {@code subject|recipe|toolVersion|builder} in the namespace UUIDv5(URL, build type). */
    static String invocationId(String subject, String recipe, String toolVersion, String builder) {
        UUID namespace = Digests.uuid5(Digests.URL_NAMESPACE, BUILD_TYPE);
        return Digests.uuid5(namespace, subject + "|" + recipe + "|" + toolVersion + "|" + builder).toString();
    }

    /** {@code file://<path>} of a dependency with its digest. */
    static Dependency file(String path, byte[] content) {
        return new Dependency("file://" + path, Digests.sha256Hex(content));
    }
}
