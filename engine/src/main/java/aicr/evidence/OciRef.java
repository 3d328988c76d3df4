package aicr.evidence;

import aicr.bundle.oci.OciTarget;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.sigstore.Digests;

/**
 * An OCI reference as evidence commands take it: {@code [oci://]registry/repository} with a
 * tag, a digest, or both.
 */
public record OciRef(String registry, String repository, String tag, String digest) {

    public static OciRef parse(String ref) {
        String r = ref.startsWith(OciTarget.SCHEME) ? ref.substring(OciTarget.SCHEME.length()) : ref;
        String digest = "";
        int at = r.indexOf('@');
        if (at >= 0) {
            digest = r.substring(at + 1);
            r = r.substring(0, at);
            if (!Digests.isPrefixedSha256(digest)) {
                throw new AicrException(ErrorCode.INVALID_REQUEST, "invalid OCI reference " + ref
                        + ": digest must be sha256:<64 lowercase hex>");
            }
        }
        OciTarget t;
        try {
            t = OciTarget.parse(OciTarget.SCHEME + r);
        } catch (AicrException e) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "invalid OCI reference " + ref, e.getCause());
        }
        return new OciRef(t.registry(), t.repository(), t.tag(), digest);
    }

    public OciTarget target() {
        return new OciTarget(registry, repository, tag);
    }

    /** {@code registry/repository[:tag]}: how pointers and statements name a pushed bundle. */
    public String name() {
        return registry + "/" + repository + (tag.isEmpty() ? "" : ":" + tag);
    }

    public OciRef withTag(String t) {
        return new OciRef(registry, repository, t, digest);
    }
}
