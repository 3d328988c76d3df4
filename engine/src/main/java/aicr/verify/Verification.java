package aicr.verify;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.sigstore.BundleVerifier;
import aicr.sigstore.Digests;
import aicr.sigstore.PemKeys;
import aicr.sigstore.SignerPolicy;
import aicr.sigstore.SigstoreBundle;
import aicr.sigstore.Statement;
import aicr.sigstore.TrustedRoot;
import aicr.sigstore.Verified;
import aicr.trust.TrustedRoots;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code aicr verify}: checksums, then the bundle attestation over {@code checksums.txt}, then
 * the binary attestation of the tool that made the bundle, each step deciding the trust level
 * (spec §4.2). Verification problems are results, not exceptions; only bad options (identity
 * pattern, key, trusted roots) and a missing bundle directory throw, before any file is read.
 */
public final class Verification {
    private Verification() {
    }

    public static final String BUNDLE_ATTESTATION = "attestation/bundle-attestation.sigstore.json";
    public static final String BINARY_ATTESTATION = "attestation/aicr-attestation.sigstore.json";

    /**
     * @param identityPattern {@code --certificate-identity-regexp} or null (the NVIDIA release pin)
     * @param key             {@code --key}: PEM public key file, or null for keyless
     * @param trustRoot       {@code --trust-root}: a private root trusted besides the public-good one, or null
     * @param trustedRoot     {@code --trusted-root}: replaces the public-good root, or null (env, cache, embedded)
     */
    public record Options(Path dir, String identityPattern, String key, Path trustRoot, Path trustedRoot) {
    }

    public static VerifyResult run(Options o) {
        SignerPolicy.Keyless binaryPolicy = NvidiaIdentity.policy(o.identityPattern());
        Path dir = o.dir().toAbsolutePath().normalize();
        if (!Files.exists(dir)) {
            throw new AicrException(ErrorCode.NOT_FOUND, "bundle directory not found: " + dir);
        }
        if (!Files.isDirectory(dir)) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "not a bundle directory: " + dir);
        }
        SignerPolicy bundlePolicy = keyPolicy(o.key());
        Roots roots = new Roots(o.trustRoot() == null ? null : TrustedRoot.readFile(o.trustRoot()), o.trustedRoot());

        Builder r = new Builder();
        ChecksumCheck.Outcome sums = ChecksumCheck.run(dir);
        r.errors.addAll(sums.errors());
        r.warnings.addAll(sums.warnings());
        if (!sums.passed()) {
            return r.level(TrustLevel.UNKNOWN, sums.reason());
        }
        r.checksumsPassed = true;
        r.checksumFiles = sums.entries();

        Path bundleAttestation = dir.resolve(BUNDLE_ATTESTATION);
        if (!Files.exists(bundleAttestation)) {
            return r.level(TrustLevel.UNVERIFIED, "checksums valid but no attestation files found (bundle created without --attest)");
        }
        Verified bundle;
        try {
            bundle = BundleVerifier.verify(readBundle(bundleAttestation), Digests.sha256(sums.data()), bundlePolicy,
                    roots.forBundle());
        } catch (AicrException e) {
            r.errors.add("bundle attestation verification failed: " + withTrustHint(e.render()));
            return r.level(TrustLevel.UNKNOWN, "bundle attestation verification failed");
        }
        r.bundleAttested = true;
        r.bundleCreator = bundle.identity();
        r.toolVersion = toolVersion(bundle.statement());
        if (!bundle.transparencyLogged()) {
            r.warnings.add("the bundle attestation has no transparency-log entry: it proves who signed, not when, and "
                    + "the signature is not publicly logged");
        }

        Path binaryAttestation = dir.resolve(BINARY_ATTESTATION);
        if (!Files.exists(binaryAttestation)) {
            if (declaresNoBinaryAttestation(bundle.statement())) {
                r.noBinaryDeclared = true;
                return r.level(TrustLevel.ATTESTED, "bundle attested; its signed provenance declares that the signing tool "
                        + "has no release binary attestation (aicr-j)");
            }
            return r.level(TrustLevel.ATTESTED, "bundle attested but binary attestation not found (incomplete chain)");
        }
        byte[] binaryDigest;
        try {
            binaryDigest = binaryDigest(bundle.statement());
        } catch (AicrException e) {
            r.errors.add("could not extract binary digest from bundle attestation: " + e.render());
            return r.level(TrustLevel.UNKNOWN,
                    "binary attestation present but binary digest could not be extracted from bundle attestation");
        }
        try {
            Verified binary = BundleVerifier.verify(readBundle(binaryAttestation), binaryDigest, binaryPolicy,
                    roots.publicGood());
            r.binaryAttested = true;
            r.identityPinned = true;
            r.binaryBuilder = binary.identity();
        } catch (AicrException e) {
            r.errors.add("binary attestation verification failed: " + withTrustHint(e.render()));
            return r.level(TrustLevel.UNKNOWN, "binary attestation present but failed verification");
        }
        if (Files.exists(dir.resolve("data"))) {
            r.hasExternalData = true;
            return r.level(TrustLevel.ATTESTED, "external --data files included; verified requires only embedded recipe data");
        }
        return r.level(TrustLevel.VERIFIED,
                "full chain verified: checksums, bundle attestation, binary attestation with NVIDIA CI identity");
    }

    /** Public-good root, resolved once and only when a signature is checked (it may be a file to read). */
    private static final class Roots {
        private final TrustedRoot privateRoot;
        private final Path override;
        private TrustedRoot publicGood;

        Roots(TrustedRoot privateRoot, Path override) {
            this.privateRoot = privateRoot;
            this.override = override;
            if (override != null) {
                publicGood = TrustedRoots.publicGood(override); // a bad file fails before any check
            }
        }

        TrustedRoot publicGood() {
            if (publicGood == null) {
                publicGood = TrustedRoots.publicGood(override);
            }
            return publicGood;
        }

        TrustedRoot forBundle() {
            return privateRoot == null ? publicGood() : publicGood().union(privateRoot);
        }
    }

    /** {@code --key}: a PEM public key file; KMS URIs need cloud SDKs this build does not carry. */
    static SignerPolicy keyPolicy(String key) {
        if (key == null || key.isEmpty()) {
            return SignerPolicy.Keyless.anyone();
        }
        String lower = key.toLowerCase(Locale.ROOT);
        for (String scheme : List.of("awskms://", "gcpkms://", "azurekms://", "hashivault://")) {
            if (lower.startsWith(scheme)) {
                throw new AicrException(ErrorCode.INVALID_REQUEST, "KMS keys (" + scheme + ") are not supported by aicr-j; "
                        + "export the public key and pass its PEM file to --key");
            }
        }
        PublicKey pk = PemKeys.readPublic(Path.of(key));
        return new SignerPolicy.Key(pk, PemKeys.identity(pk));
    }

    static byte[] readBundle(Path file) {
        try {
            if (Files.size(file) > SigstoreBundle.MAX_BYTES) {
                throw new AicrException(ErrorCode.INVALID_REQUEST, "sigstore bundle " + file.getFileName()
                        + " exceeds " + SigstoreBundle.MAX_BYTES + " bytes");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new AicrException(ErrorCode.NOT_FOUND, "sigstore bundle not found: " + file);
        } catch (IOException e) {
            throw new AicrException(ErrorCode.INTERNAL, "failed to read sigstore bundle " + file + ": " + e.getMessage());
        }
    }

    /** A chain failure usually means the local trusted root is older than the signature (spec §1.5). */
    static String withTrustHint(String message) {
        String m = message.toLowerCase(Locale.ROOT);
        if (m.contains("not verifiable against cas") || m.contains("certificate chain") || m.contains("unknown authority")
                || m.contains("does not match any provided transparency logs")) {
            return message + " (the trusted root may be out of date: run `aicr trust update`, or pass --trusted-root)";
        }
        return message;
    }

    /**
     * aicr-j's signed statement says when the tool had no release attestation; only then is
     * {@code attested} the most the bundle can reach (a stripped attestation still fails).
     */
    static boolean declaresNoBinaryAttestation(Statement.Parsed s) {
        return s.predicate().get("buildDefinition") instanceof Map<?, ?> bd
                && bd.get("internalParameters") instanceof Map<?, ?> ip
                && "none".equals(ip.get("binaryAttestation"));
    }

    @SuppressWarnings("unchecked")
    static String toolVersion(Statement.Parsed s) {
        if (s.predicate().get("buildDefinition") instanceof Map<?, ?> bd
                && bd.get("internalParameters") instanceof Map<?, ?> ip && ip.get("toolVersion") instanceof String v) {
            return v;
        }
        return "";
    }

    /** The first resolvedDependencies entry with a decodable sha256: the binary that made the bundle. */
    static byte[] binaryDigest(Statement.Parsed s) {
        if (s.predicate().get("buildDefinition") instanceof Map<?, ?> bd && bd.get("resolvedDependencies") instanceof List<?> deps) {
            for (Object d : deps) {
                if (d instanceof Map<?, ?> dm && dm.get("digest") instanceof Map<?, ?> dg && dg.get("sha256") instanceof String h
                        && !h.isEmpty()) {
                    try {
                        return java.util.HexFormat.of().parseHex(h);
                    } catch (IllegalArgumentException e) {
                        // not hex: the reference skips it
                    }
                }
            }
        }
        throw new AicrException(ErrorCode.NOT_FOUND, "no binary digest found in bundle attestation resolvedDependencies");
    }

    private static final class Builder {
        final List<String> errors = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        boolean checksumsPassed;
        int checksumFiles;
        boolean bundleAttested;
        boolean binaryAttested;
        boolean identityPinned;
        String bundleCreator = "";
        String binaryBuilder = "";
        String toolVersion = "";
        boolean hasExternalData;
        boolean noBinaryDeclared;

        VerifyResult level(TrustLevel level, String reason) {
            TrustLevel max = !checksumsPassed ? TrustLevel.UNKNOWN : !bundleAttested ? TrustLevel.UNVERIFIED
                    : hasExternalData || noBinaryDeclared ? TrustLevel.ATTESTED : TrustLevel.VERIFIED;
            return new VerifyResult(level, checksumsPassed, checksumFiles, bundleAttested, binaryAttested, identityPinned,
                    bundleCreator, binaryBuilder, toolVersion, hasExternalData, reason, List.copyOf(errors),
                    List.copyOf(warnings), max);
        }
    }
}
