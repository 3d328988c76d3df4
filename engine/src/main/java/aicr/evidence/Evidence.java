package aicr.evidence;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.io.JsonReader;
import aicr.io.Values;
import aicr.io.YamlSyntaxException;
import aicr.log.Log;
import aicr.sigstore.Statement;
import aicr.sigstore.signing.Signing;
import aicr.validate.ValidateRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * The evidence commands: {@code validate --emit-attestation} (and {@code --push}),
 * {@code evidence publish}. Signing options are settled before anything is written.
 */
public final class Evidence {
    private Evidence() {
    }

    static final long MAX_BUNDLE_BYTES = 64L << 20;

    /**
     * @param push    OCI reference to push to, or null
     * @param signing how to sign after pushing; null for {@code --no-sign} (or no push)
     */
    public record EmitOptions(Path outDir, Path bom, boolean full, String push, EvidencePublisher.Registry registry,
                              Signing.Options signing) {
    }

    /** Checks what can be checked before validation runs: the push reference and the signer. */
    public static Signing.Signer prepare(EmitOptions o) {
        if (o.push() != null) {
            EvidencePublisher.pushRef(o.push());
            return o.signing() == null ? null : Signing.prepare(o.signing());
        }
        return null;
    }

    /** After validation: build and write the bundle, push and sign when asked, write the pointer. */
    public static void emit(ValidateRun.Validated v, EmitOptions o, Signing.Signer signer, String version) {
        EvidenceBuilder.Bundle b = EvidenceBuilder.build(new EvidenceBuilder.Inputs(v.recipe(), v.snapshot(), v.phases(),
                v.reports(), v.catalog(), v.timestamps(), o.bom(), o.full(), version, Instant.now()));
        Path summary = o.outDir().resolve(EvidenceFiles.SUMMARY_DIR);
        EvidenceStore.writeDirectory(summary, b.files());
        Log.info("evidence bundle built", "summaryDir", summary, "recipe", b.recipeName(), "subjectDigest", b.subjectDigest());
        Pointer pointer = new Pointer(EvidenceFiles.SCHEMA_VERSION, b.recipeName(), b.predicate().attestedAt(), "", "",
                EvidenceFiles.PREDICATE_TYPE, null);
        if (o.push() != null) {
            EvidencePublisher.Published p = EvidencePublisher.publish(summary, b.files(), b.predicate(),
                    EvidencePublisher.pushRef(o.push()), o.registry(), signer, version);
            pointer = pointer.withBundle(p.reference(), p.digest()).withSigner(p.signer());
        }
        writePointer(o.outDir().resolve(EvidenceFiles.POINTER), pointer);
    }

    static void writePointer(Path file, Pointer p) {
        EvidenceStore.writeFile(file, p.toYaml());
        Log.info("evidence pointer written", "path", file, "copyTo", p.signer() == null
                ? "(sign and push the bundle, then commit under recipes/evidence/<recipe>/<source>/)" : p.canonicalPath());
    }

    /** {@code aicr evidence publish DIR --push REF}: push an emitted bundle (and sign it unless {@code signer} is null). */
    public static Pointer publish(Path dir, String push, EvidencePublisher.Registry registry, Signing.Signer signer,
                                  String version) {
        OciRef ref = EvidencePublisher.pushRef(push);
        Path summary = summaryDir(dir);
        Map<String, byte[]> files = EvidenceStore.readDirectory(summary, MAX_BUNDLE_BYTES);
        Predicate predicate = unsignedPredicate(files);
        EvidencePublisher.Published p = EvidencePublisher.publish(summary, files, predicate, ref, registry, signer, version);
        Pointer pointer = new Pointer(EvidenceFiles.SCHEMA_VERSION, predicate.recipeName(), predicate.attestedAt(),
                p.reference(), p.digest(), EvidenceFiles.PREDICATE_TYPE, p.signer());
        writePointer(summary.toAbsolutePath().getParent().resolve(EvidenceFiles.POINTER), pointer);
        return pointer;
    }

    /**
     * {@code aicr evidence sign POINTER}: sign a bundle pushed unsigned, attach the signature and
     * fill the pointer's signer block in place; {@code relocate} then moves the pointer to its
     * canonical path under {@code recipes/evidence/} (relative to the working directory).
     *
     * @return where the pointer is now
     */
    public static Path sign(Path pointerFile, boolean relocate, EvidencePublisher.Registry registry, Signing.Options signing) {
        Pointer p = Pointer.read(pointerFile);
        if (p.signer() != null) {
            if (relocate) {
                return relocate(pointerFile, p);
            }
            throw new AicrException(ErrorCode.CONFLICT, "pointer is already signed; refusing to overwrite its signer block");
        }
        if (p.oci().isEmpty() || p.digest().isEmpty()) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "pointer has no pushed bundle to sign (bundle.oci/bundle.digest "
                    + "are empty); push it first with `aicr evidence publish --no-sign`");
        }
        Signing.Signer signer = Signing.prepare(signing);
        OciRef named = OciRef.parse(p.oci());
        aicr.bundle.oci.EvidenceRegistry reg = new aicr.bundle.oci.EvidenceRegistry(named.target(), registry.plainHttp(),
                registry.insecureTls());
        aicr.bundle.oci.EvidenceRegistry.Pulled pulled = reg.pull(p.digest(), MAX_BUNDLE_BYTES);
        if (!pulled.digest().equals(p.digest())) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "pulled artifact digest " + pulled.digest()
                    + " does not match the pointer's " + p.digest());
        }
        Predicate predicate = unsignedPredicate(pulled.files());
        Path scratch;
        try {
            scratch = Files.createTempDirectory("aicr-evidence-sign-");
        } catch (java.io.IOException e) {
            throw new AicrException(ErrorCode.INTERNAL, "cannot create a temporary directory: " + e.getMessage());
        }
        try {
            Pointer.Signer who = EvidencePublisher.sign(scratch, predicate, named, pulled.asSubject(named.name()), reg, signer);
            Pointer signed = p.withSigner(who);
            writePointer(pointerFile, signed);
            return relocate ? relocate(pointerFile, signed) : pointerFile;
        } finally {
            EvidenceStore.deleteTree(scratch);
        }
    }

    /** Moves a signed pointer to its canonical path (hard link, then unlink); refuses to overwrite different bytes. */
    static Path relocate(Path pointerFile, Pointer p) {
        if (p.signer() == null) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "only a signed pointer can be relocated");
        }
        if (!p.recipe().matches("[A-Za-z0-9._-]+") || !aicr.sigstore.Digests.isPrefixedSha256(p.digest())) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "pointer recipe or digest is not path-safe");
        }
        Path dest = Path.of(p.canonicalPath());
        try {
            if (Files.exists(dest)) {
                if (java.util.Arrays.equals(Files.readAllBytes(dest), Files.readAllBytes(pointerFile))) {
                    if (!Files.isSameFile(dest, pointerFile)) {
                        Files.delete(pointerFile);
                    }
                    return dest;
                }
                throw new AicrException(ErrorCode.CONFLICT, "canonical pointer path already exists with different content, "
                        + "refusing to overwrite: " + dest);
            }
            Files.createDirectories(dest.toAbsolutePath().getParent());
            Files.createLink(dest, pointerFile);
            Files.delete(pointerFile);
            Log.info("pointer relocated", "path", dest);
            return dest;
        } catch (java.io.IOException e) {
            throw new AicrException(ErrorCode.INTERNAL, "failed to relocate pointer: " + e.getMessage());
        }
    }

    /** The emit directory or the summary bundle itself; INVALID_REQUEST when neither looks like one. */
    static Path summaryDir(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new AicrException(Files.exists(dir) ? ErrorCode.INVALID_REQUEST : ErrorCode.NOT_FOUND,
                    "bundle directory not found: " + dir);
        }
        if (isSummary(dir)) {
            return dir;
        }
        Path nested = dir.resolve(EvidenceFiles.SUMMARY_DIR);
        if (isSummary(nested)) {
            return nested;
        }
        throw new AicrException(ErrorCode.INVALID_REQUEST, "directory " + dir + " does not look like a summary bundle "
                + "(no recipe.yaml / manifest.json at root or under summary-bundle/)");
    }

    private static boolean isSummary(Path d) {
        return Files.isRegularFile(d.resolve(EvidenceFiles.RECIPE)) && Files.isRegularFile(d.resolve(EvidenceFiles.MANIFEST));
    }

    /** The predicate of {@code statement.intoto.json}: the v1 type with a recipe name and digest. */
    static Predicate unsignedPredicate(Map<String, byte[]> files) {
        byte[] stmt = files.get(EvidenceFiles.STATEMENT);
        if (stmt == null) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "summary bundle has no " + EvidenceFiles.STATEMENT);
        }
        Statement.Parsed s = Statement.parse(stmt);
        if (!EvidenceFiles.PREDICATE_TYPE.equals(s.predicateType())) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "unexpected predicateType " + s.predicateType());
        }
        Predicate p = new Predicate(s.predicate());
        if (p.recipeName().isEmpty() || p.recipeDigest().isEmpty()) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "statement predicate has no recipe name and digest");
        }
        return p;
    }

    static Map<String, Object> json(byte[] b) {
        try {
            return Values.mapOf(JsonReader.parse(new String(b, StandardCharsets.UTF_8)));
        } catch (YamlSyntaxException e) {
            return null;
        }
    }
}
