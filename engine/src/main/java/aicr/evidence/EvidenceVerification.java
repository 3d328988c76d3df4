package aicr.evidence;

import aicr.bundle.oci.EvidenceRegistry;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.io.Struct;
import aicr.log.Log;
import aicr.sigstore.BundleVerifier;
import aicr.sigstore.Digests;
import aicr.sigstore.SignerPolicy;
import aicr.sigstore.SigstoreBundle;
import aicr.sigstore.Statement;
import aicr.sigstore.StringMatch;
import aicr.sigstore.TrustedRoot;
import aicr.sigstore.Verified;
import aicr.trust.TrustedRoots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code aicr evidence verify} (spec §7.6): materialize the bundle (directory, pointer or OCI
 * reference), verify its signature when it has one, read the predicate, check every file
 * against the manifest and the phase reports against the predicate. Problems are steps of the
 * result, not exceptions; only unusable input (a bad pointer, an unrecognizable input) throws.
 */
public final class EvidenceVerification {
    private EvidenceVerification() {
    }

    /**
     * @param expectedIssuer      literal OIDC issuer the signer must have, or null
     * @param expectedIdentity    regular expression the signer's identity must match, or null
     * @param bundleRef           {@code --bundle}: where to pull when a pointer names no bundle
     * @param trustedRoot         {@code --trusted-root} (aicr-j): public-good root to use instead of cache/shipped
     */
    public record Options(String input, String expectedIssuer, String expectedIdentity, String bundleRef,
                          boolean plainHttp, boolean insecureTls, boolean allowUnpinnedTag, Path trustedRoot) {
    }

    /** One verification step. */
    public record Step(int step, String name, String status, String detail, List<String[]> subRows) {
        Struct toStruct() {
            Struct s = new Struct().with("step", (long) step).with("name", name).with("status", status);
            if (!detail.isEmpty()) {
                s.with("detail", detail);
            }
            if (!subRows.isEmpty()) {
                List<Object> rows = new ArrayList<>();
                subRows.forEach(r -> rows.add(new Struct().with("key", r[0]).with("value", r[1])));
                s.with("subRows", rows);
            }
            return s;
        }
    }

    /** Why verification failed: class, detail, HTTP status and hint for registry failures. */
    public record Cause(String cls, String detail, int httpStatus, String hint) {
    }

    /** The outcome; {@code exit} 0 valid, 1 valid with recorded phase failures, 2 invalid. */
    public record Result(String input, Pointer pointer, Predicate predicate, Pointer.Signer signer, String recipeName,
                         String bundleDigest, List<Step> steps, int exit, boolean pending, Cause failureCause) {
    }

    static final String PASSED = "passed";
    static final String FAILED = "failed";
    static final String SKIPPED = "skipped";
    static final String INFORMATIONAL = "informational";

    private static final class Run {
        final List<Step> steps = new ArrayList<>();
        String input;
        Pointer pointer;
        Predicate predicate;
        Pointer.Signer signer;
        String bundleDigest = "";
        int exit;
        boolean pending;
        Cause cause;

        void record(int n, String status, String detail, List<String[]> rows) {
            String name = switch (n) {
                case 1 -> "materialize-bundle";
                case 2 -> "signature-verify";
                case 3 -> "predicate-parse";
                case 4 -> "manifest-hash-check";
                default -> "render-summary";
            };
            steps.add(new Step(n, name, status, detail, rows));
        }

        void fail(int n, AicrException e, List<String[]> rows) {
            record(n, FAILED, e.render(), rows);
            if (cause == null) {
                int status = EvidenceRegistry.httpStatus(e);
                String cls = switch (n) {
                    case 2 -> "signature";
                    case 3 -> "schema";
                    case 4 -> "integrity";
                    default -> "unknown";
                };
                String hint = "";
                if (status == 401 || status == 403) {
                    cls = "registry-forbidden";
                    hint = "registry not accessible (make the evidence package public, or provide registry credentials)";
                } else if (status == 404) {
                    cls = "not-found";
                    hint = "bundle not found at the referenced digest (was it pushed to this registry?)";
                } else if (status != 0) {
                    cls = "registry";
                }
                cause = new Cause(cls, e.render(), status, hint);
            }
            exit = 2;
        }

        Result result() {
            return new Result(input, pointer, predicate, signer, predicate == null ? "" : predicate.recipeName(), bundleDigest,
                    List.copyOf(steps), exit, pending, cause);
        }
    }

    /** A bundle on disk, pulled or local, with the digest it was pulled by. */
    private record Materialized(Path dir, String shown, String digest, Path cleanup) {
    }

    public static Result run(Options o) {
        Run r = new Run();
        r.input = form(o.input());
        if (r.input.equals("pointer")) {
            r.pointer = Pointer.read(Path.of(o.input()));
        }
        Materialized m;
        try {
            m = materialize(o, r.input, r.pointer);
        } catch (AicrException e) {
            r.fail(1, e, List.of());
            return r.result();
        }
        try {
            r.bundleDigest = m.digest();
            r.record(1, PASSED, "bundle at " + m.shown(), List.of());
            predicateStep(r, m, signature(o, r, m));
            if (r.exit != 0) {
                r.pending = false;
            }
            r.record(5, INFORMATIONAL, "report assembled", List.of());
            return r.result();
        } finally {
            EvidenceStore.deleteTree(m.cleanup());
        }
    }

    /** dir, pointer or oci (spec §7.6 input forms). */
    static String form(String input) {
        if (input.startsWith("oci://")) {
            return "oci";
        }
        if (input.startsWith("http://") || input.startsWith("https://")) {
            throw new AicrException(ErrorCode.INVALID_REQUEST,
                    "http(s):// inputs are not supported — use oci://, a pointer file, or a local directory");
        }
        Path p = Path.of(input);
        if (Files.exists(p)) {
            if (Files.isDirectory(p)) {
                return "dir";
            }
            if (input.endsWith(".yaml") || input.endsWith(".yml")) {
                return "pointer";
            }
            throw new AicrException(ErrorCode.INVALID_REQUEST, "input " + input
                    + " is a file with an unrecognized extension (expected .yaml/.yml pointer)");
        }
        int slash = input.indexOf('/');
        if (slash > 0) {
            String first = input.substring(0, slash);
            if (!first.equals(".") && !first.equals("..") && (first.contains(".") || first.contains(":")
                    || first.equals("localhost")) && !input.contains(" ") && !input.contains("\t")) {
                return "oci";
            }
        }
        throw new AicrException(ErrorCode.INVALID_REQUEST, "input " + input
                + " is not a recognizable pointer / OCI ref / directory");
    }

    private static Materialized materialize(Options o, String form, Pointer pointer) {
        if (form.equals("dir")) {
            Path in = Path.of(o.input());
            Path nested = in.resolve(EvidenceFiles.SUMMARY_DIR);
            Path dir = Files.isDirectory(nested) ? nested : in;
            return new Materialized(dir, dir.toString(), "", null);
        }
        OciRef ref;
        String expectDigest = "";
        if (form.equals("pointer")) {
            if (!pointer.oci().isEmpty()) {
                OciRef named = OciRef.parse(pointer.oci());
                ref = new OciRef(named.registry(), named.repository(), named.tag(), pointer.digest());
                expectDigest = pointer.digest();
            } else if (o.bundleRef() != null && !o.bundleRef().isEmpty()) {
                ref = OciRef.parse(o.bundleRef());
            } else {
                throw new AicrException(ErrorCode.INVALID_REQUEST,
                        "pointer names no pushed bundle (bundle.oci is empty); pass --bundle <oci-ref>");
            }
        } else {
            ref = OciRef.parse(o.input());
        }
        if (ref.digest().isEmpty() && !o.allowUnpinnedTag()) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "OCI reference " + ref.name() + " is tag-only — refusing to "
                    + "pull an unpinned reference. Pin it with @sha256:<digest>, or pass --allow-unpinned-tag");
        }
        EvidenceRegistry reg = new EvidenceRegistry(ref.target(), o.plainHttp(), o.insecureTls());
        EvidenceRegistry.Pulled pulled = reg.pull(ref.digest().isEmpty() ? ref.tag() : ref.digest(), Evidence.MAX_BUNDLE_BYTES);
        if (!expectDigest.isEmpty() && !expectDigest.equals(pulled.digest())) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "pulled artifact digest " + pulled.digest()
                    + " does not match the pointer's " + expectDigest);
        }
        Map<String, byte[]> files = new java.util.TreeMap<>(pulled.files());
        files.remove(EvidenceFiles.ATTESTATION);
        byte[] sig = reg.signature(pulled.digest(), SigstoreBundle.MAX_BYTES);
        if (sig != null) {
            files.put(EvidenceFiles.ATTESTATION, sig);
        }
        Path tmp;
        try {
            tmp = Files.createTempDirectory("aicr-evidence-");
        } catch (java.io.IOException e) {
            throw new AicrException(ErrorCode.INTERNAL, "cannot create a temporary directory: " + e.getMessage());
        }
        Path dir = tmp.resolve(EvidenceFiles.SUMMARY_DIR);
        EvidenceStore.writeDirectory(dir, files);
        return new Materialized(dir, ref.registry() + "/" + ref.repository() + "@" + pulled.digest(), pulled.digest(), tmp);
    }

    /** Step 2; returns the verified predicate, or null (unsigned, or failed). */
    private static Predicate signature(Options o, Run r, Materialized m) {
        Path sig = m.dir().resolve(EvidenceFiles.ATTESTATION);
        Pointer.Signer claimed = r.pointer == null ? null : r.pointer.signer();
        if (!Files.exists(sig)) {
            if (claimed != null) {
                r.fail(2, new AicrException(ErrorCode.INVALID_REQUEST, "pointer claims a signer (" + claimed.identity()
                        + ", issuer " + claimed.issuer() + ") but the bundle carries no signature"), List.of());
                return null;
            }
            r.record(2, SKIPPED, "no signature attached (unsigned bundle — pending signature)", List.of());
            r.pending = true;
            return null;
        }
        try {
            byte[] json = readBounded(sig, SigstoreBundle.MAX_BYTES, "signature file");
            SigstoreBundle bundle = SigstoreBundle.parse(json);
            Statement.Parsed s = Statement.parse(bundle.envelope().payload());
            if (s.subjects().isEmpty()) {
                throw new AicrException(ErrorCode.INVALID_REQUEST, "Statement has no subject");
            }
            String subjectHex = s.subjects().get(0).digest().getOrDefault("sha256", "");
            if (subjectHex.isEmpty()) {
                throw new AicrException(ErrorCode.INVALID_REQUEST, "Statement subject has no sha256 digest");
            }
            if (!EvidenceFiles.PREDICATE_TYPE.equals(s.predicateType())) {
                throw new AicrException(ErrorCode.INVALID_REQUEST, "unexpected predicateType " + s.predicateType());
            }
            if (!m.digest().isEmpty() && !m.digest().equals(Digests.PREFIX + subjectHex)) {
                throw new AicrException(ErrorCode.INVALID_REQUEST, "signed subject digest (" + subjectHex
                        + ") does not match pulled artifact digest (" + m.digest().substring(Digests.PREFIX.length()) + ")");
            }
            SignerPolicy.Keyless policy = new SignerPolicy.Keyless(
                    o.expectedIssuer() == null || o.expectedIssuer().isEmpty() ? StringMatch.any()
                            : StringMatch.literal(o.expectedIssuer()),
                    o.expectedIdentity() == null || o.expectedIdentity().isEmpty() ? StringMatch.any()
                            : StringMatch.regex(o.expectedIdentity()));
            TrustedRoot root = TrustedRoots.publicGood(o.trustedRoot());
            Verified v;
            try {
                v = BundleVerifier.verify(json, Digests.unhexSha256(subjectHex, "statement subject digest"), policy, root);
            } catch (AicrException e) {
                String msg = e.getMessage().toLowerCase(Locale.ROOT);
                if (msg.contains("not verifiable against cas") || msg.contains("certificate chain") || msg.contains("x509")) {
                    throw new AicrException(ErrorCode.UNAUTHORIZED, "sigstore verification failed — trusted root may be "
                            + "stale. To fix: aicr trust update (or pass --trusted-root): " + e.getMessage());
                }
                throw new AicrException(ErrorCode.UNAUTHORIZED, "sigstore verification failed: " + e.getMessage());
            }
            Pointer.Signer actual = new Pointer.Signer(v.identity(), v.issuer(), v.logIndex());
            r.signer = actual;
            crossCheck(claimed, actual);
            if ((o.expectedIssuer() == null || o.expectedIssuer().isEmpty())
                    && (o.expectedIdentity() == null || o.expectedIdentity().isEmpty())) {
                Log.warn("signature verified but no signer pinned — any Fulcio identity will pass", "identity",
                        actual.identity(), "issuer", actual.issuer(),
                        "hint", "consider --expected-issuer / --expected-identity-regexp to fail on unexpected signers");
            }
            List<String[]> rows = actual.rekorLogIndex() > 0
                    ? List.<String[]>of(new String[]{"rekorLogIndex", Long.toString(actual.rekorLogIndex())}) : List.of();
            r.record(2, PASSED, "signer " + actual.identity() + " (issuer " + actual.issuer() + ")", rows);
            return new Predicate(v.statement().predicate());
        } catch (AicrException e) {
            r.fail(2, e, List.of());
            return null;
        }
    }

    private static void crossCheck(Pointer.Signer claimed, Pointer.Signer actual) {
        if (claimed == null) {
            return;
        }
        if (!claimed.identity().isEmpty() && !claimed.identity().equals(actual.identity())) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "signer identity mismatch: pointer claims " + claimed.identity()
                    + ", cert says " + actual.identity());
        }
        if (!claimed.issuer().isEmpty() && !claimed.issuer().equals(actual.issuer())) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "signer issuer mismatch: pointer claims " + claimed.issuer()
                    + ", cert says " + actual.issuer());
        }
        if (claimed.rekorLogIndex() != 0 && claimed.rekorLogIndex() != actual.rekorLogIndex()) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "Rekor log index mismatch: pointer claims "
                    + claimed.rekorLogIndex() + ", actual entry " + actual.rekorLogIndex());
        }
    }

    /** Steps 3 and 4. */
    private static void predicateStep(Run r, Materialized m, Predicate verified) {
        Predicate p = verified;
        if (p == null) {
            try {
                byte[] stmt = readBounded(m.dir().resolve(EvidenceFiles.STATEMENT), SigstoreBundle.MAX_BYTES,
                        "in-toto Statement");
                Statement.Parsed s = Statement.parse(stmt);
                if (!EvidenceFiles.PREDICATE_TYPE.equals(s.predicateType())) {
                    throw new AicrException(ErrorCode.INVALID_REQUEST, "unexpected predicateType " + s.predicateType());
                }
                p = new Predicate(s.predicate());
            } catch (AicrException e) {
                r.fail(3, e, List.of());
                return;
            }
        }
        r.predicate = p;
        r.record(3, PASSED, "predicate " + p.schemaVersion() + " for recipe " + p.recipeName() + " (from "
                + (verified != null ? "verified DSSE payload" : "unsigned statement.intoto.json") + ")", List.of());
        Inventory.Outcome inv = Inventory.check(m.dir(), p);
        if (inv.error() != null) {
            r.fail(4, inv.error(), inv.rows());
        } else {
            r.record(4, PASSED, "manifest digest matches predicate; all bundle files and phase report digests verified",
                    List.of());
            if (r.exit == 0 && p.anyPhaseFailed()) {
                r.exit = 1;
            }
        }
    }

    static byte[] readBounded(Path p, long max, String what) {
        try {
            if (Files.size(p) > max) {
                throw new AicrException(ErrorCode.INVALID_REQUEST, what + " exceeds maximum size — refusing to parse");
            }
            return Files.readAllBytes(p);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new AicrException(ErrorCode.NOT_FOUND, what + " not found: " + p.getFileName());
        } catch (java.io.IOException e) {
            throw new AicrException(ErrorCode.INTERNAL, "failed to read " + what + ": " + e.getMessage());
        }
    }
}
