package aicr.attest;

import aicr.bundle.tree.BundleTree;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.log.Log;
import aicr.sigstore.BundleVerifier;
import aicr.sigstore.Digests;
import aicr.sigstore.Statement;
import aicr.sigstore.signing.Signing;
import aicr.trust.TrustedRoots;
import aicr.verify.NvidiaIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code aicr bundle --attest}: signs the SLSA provenance of the finished tree (before it is
 * written, so a signing failure leaves nothing behind) and adds
 * {@code attestation/bundle-attestation.sigstore.json}. The running tool's own release
 * attestation ({@code <jar>-attestation.sigstore.json}) is verified and copied in when it
 * exists; aicr-j builds have none, so their bundles reach trust level {@code attested}.
 */
public final class BundleAttester {
    public static final String BUNDLE_FILE = "attestation/bundle-attestation.sigstore.json";
    public static final String BINARY_FILE = "attestation/aicr-attestation.sigstore.json";
    public static final String BINARY_SUFFIX = "-attestation.sigstore.json";

    private final Signing.Signer signer;
    private final String identityPattern;

    /**
     * Checks the options (identity pattern, key, endpoints) and settles how to sign.
     *
     * @param identityPattern {@code --certificate-identity-regexp} for the binary attestation, or null
     */
    public BundleAttester(Signing.Options options, String identityPattern) {
        if (identityPattern != null && !identityPattern.isEmpty()) {
            NvidiaIdentity.validate(identityPattern);
            Log.warn("--certificate-identity-regexp overrides the NVIDIA release pin; the bundle will not pass default "
                    + "verification", "pattern", identityPattern);
        }
        this.identityPattern = identityPattern == null || identityPattern.isEmpty() ? null : identityPattern;
        this.signer = Signing.prepare(options);
    }

    /**
     * Signs {@code tree}'s {@code checksums.txt} and adds the attestation files.
     *
     * @param facts what the statement says besides the subject; its dependencies are filled here
     * @return the line the summary shows
     */
    public String attest(BundleTree tree, BundleProvenance.Facts facts) {
        BundleTree.TreeFile sums = tree.get("checksums.txt");
        if (sums == null) {
            throw new AicrException(ErrorCode.INTERNAL, "bundle attestation failed: checksums.txt is missing");
        }
        Path exe = executable();
        byte[] exeBytes = read(exe);
        List<BundleProvenance.Dependency> deps = new ArrayList<>();
        if (exeBytes != null) {
            deps.add(BundleProvenance.file(exe.toString(), exeBytes));
        }
        for (String p : tree.sortedPaths()) {
            if (p.startsWith("data/")) {
                deps.add(BundleProvenance.file(p, tree.get(p).bytes()));
            }
        }
        byte[] binaryAttestation = binaryAttestation(exe, exeBytes);
        Statement statement = BundleProvenance.statement(Digests.sha256Hex(sums.bytes()), new BundleProvenance.Facts(
                facts.criteria(), facts.externalData(), facts.components(), facts.outputDir(), facts.toolVersion(), deps,
                signer.builderId(), binaryAttestation != null));
        Signing.Signed signed;
        try {
            signed = signer.sign(statement.toJson());
        } catch (AicrException e) {
            throw AicrException.wrap(ErrorCode.INTERNAL, "bundle attestation failed", e);
        }
        tree.dir("attestation", BundleTree.DIR_MODE);
        tree.put(BUNDLE_FILE, signed.bundle().toJson(), 0600);
        Log.info("bundle attested", "signer", signed.identity(), "transparencyLog", signed.transparencyLogged());
        if (binaryAttestation != null) {
            tree.put(BINARY_FILE, binaryAttestation, 0600);
        }
        return "bundle attestation " + signed.describe() + " (verify: aicr verify <dir>"
                + (signed.transparencyLogged() ? "" : " --key <public key>") + " --min-trust-level attested)";
    }

    /**
     * The running tool's release attestation, verified against its own bytes with the NVIDIA pin
     * before anything is signed (the reference verifies it only after publishing the signature),
     * or null when this build has none.
     */
    private byte[] binaryAttestation(Path exe, byte[] exeBytes) {
        Path att = Path.of(exe + BINARY_SUFFIX);
        if (exeBytes == null || !Files.isRegularFile(att)) {
            Log.info("no release attestation for this aicr build; the bundle reaches trust level attested", "looked_for", att);
            return null;
        }
        byte[] json = read(att);
        try {
            BundleVerifier.verify(json, Digests.sha256(exeBytes), NvidiaIdentity.policy(identityPattern),
                    TrustedRoots.publicGood(null));
        } catch (AicrException e) {
            throw new AicrException(ErrorCode.UNAUTHORIZED, "binary attestation verification failed; only NVIDIA-built "
                    + "binaries can attest bundles — remove --attest to skip: " + e.render());
        }
        return json;
    }

    /** The jar this CLI runs from (the reference hashes its executable). */
    static Path executable() {
        try {
            return Path.of(BundleAttester.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
        } catch (Exception e) {
            return Path.of("aicr").toAbsolutePath();
        }
    }

    private static byte[] read(Path p) {
        try {
            return Files.isRegularFile(p) ? Files.readAllBytes(p) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
