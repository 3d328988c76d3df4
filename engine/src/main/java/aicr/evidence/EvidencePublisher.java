package aicr.evidence;

import aicr.bundle.oci.EvidenceRegistry;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.log.Log;
import aicr.sigstore.Digests;
import aicr.sigstore.Statement;
import aicr.sigstore.signing.Signing;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pushes a summary bundle to a registry and, unless told not to, signs it keyless: a statement
 * whose subject is the pushed artifact (reference and manifest digest) with the bundle's
 * predicate, written next to the bundle as {@code attestation.intoto.jsonl} and attached to
 * the artifact as an OCI referrer (spec §7.5).
 */
public final class EvidencePublisher {
    private EvidencePublisher() {
    }

    /** Registry options. */
    public record Registry(boolean plainHttp, boolean insecureTls) {
    }

    /** What was pushed, and the signer when signed. */
    public record Published(String reference, String digest, Pointer.Signer signer) {
    }

    /** The push reference as given, checked; INVALID_REQUEST {@code invalid push reference}. */
    public static OciRef pushRef(String push) {
        try {
            OciRef r = OciRef.parse(push);
            if (!r.digest().isEmpty()) {
                throw new AicrException(ErrorCode.INVALID_REQUEST, "a push reference cannot name a digest");
            }
            return r;
        } catch (AicrException e) {
            throw AicrException.wrap(ErrorCode.INVALID_REQUEST, "invalid push reference", e);
        }
    }

    /**
     * @param summaryDir the summary bundle on disk (a signature is written into it)
     * @param files      its files (pushed as they are, statement included)
     * @param signer     null for {@code --no-sign}
     */
    public static Published publish(Path summaryDir, Map<String, byte[]> files, Predicate predicate, OciRef ref,
                                    Registry registry, Signing.Signer signer, String version) {
        OciRef target = ref.tag().isEmpty() ? ref.withTag(defaultTag(predicate)) : ref;
        Map<String, byte[]> pushed = new TreeMap<>(files);
        pushed.remove(EvidenceFiles.ATTESTATION);
        EvidenceRegistry reg = new EvidenceRegistry(target.target(), registry.plainHttp(), registry.insecureTls());
        EvidenceRegistry.Pushed p = reg.push(pushed, version);
        if (signer == null) {
            Log.info("evidence bundle pushed unsigned (--no-sign); sign it later with `aicr evidence sign`",
                    "reference", target.name(), "digest", p.digest());
            return new Published(target.name(), p.digest(), null);
        }
        Pointer.Signer who = sign(summaryDir, predicate, target, p, reg, signer);
        Log.info("evidence bundle pushed", "reference", target.name(), "digest", p.digest());
        return new Published(target.name(), p.digest(), who);
    }

    /** Signs an already pushed artifact and attaches the signature. */
    static Pointer.Signer sign(Path summaryDir, Predicate predicate, OciRef target, EvidenceRegistry.Pushed pushed,
                               EvidenceRegistry reg, Signing.Signer signer) {
        if (predicate.recipeName().isEmpty() || predicate.recipeDigest().isEmpty()) {
            throw new AicrException(ErrorCode.INVALID_REQUEST,
                    "predicate.recipe.{name,digest} must be populated for artifact-subject statement");
        }
        byte[] statement = new Statement(target.name(), pushed.digest().substring(Digests.PREFIX.length()),
                EvidenceFiles.PREDICATE_TYPE, predicate.tree()).toJson();
        Signing.Signed signed = signer.sign(statement);
        byte[] json = signed.bundle().toJson();
        EvidenceStore.writeFile(summaryDir.resolve(EvidenceFiles.ATTESTATION), json);
        String referrer = reg.attachSignature(pushed, json);
        Log.info("Sigstore bundle attached as OCI referrer", "referrerDigest", referrer, "mainArtifactDigest", pushed.digest());
        return new Pointer.Signer(signed.identity(), signed.issuer(), signed.logIndex());
    }

    /** {@code <recipe slug>-<first 12 hex of the manifest.json digest>}. */
    static String defaultTag(Predicate p) {
        String slug = p.recipeName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]", "-").replaceAll("^[-.]+|[-.]+$", "");
        if (slug.length() > 80) {
            slug = slug.substring(0, 80).replaceAll("[-.]+$", "");
        }
        if (slug.isEmpty()) {
            slug = "recipe";
        }
        String hex = p.manifestDigest().startsWith(Digests.PREFIX) ? p.manifestDigest().substring(Digests.PREFIX.length()) : "";
        return hex.length() >= 12 ? slug + "-" + hex.substring(0, 12) : slug;
    }
}
