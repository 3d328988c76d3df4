package aicr.bundle.oci;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.gocompat.GoStrings;
import java.util.regex.Pattern;

/**
 * An {@code oci://registry/repository[:tag]} output target.
 *
 * @param tag "" when the reference names no tag (the CLI version is used then)
 */
public record OciTarget(String registry, String repository, String tag) {
    public static final String SCHEME = "oci://";
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");

    public static boolean isOci(String target) {
        return target.startsWith(SCHEME);
    }

    /** Parses the reference with Docker reference rules (lower-case repository path, optional tag, no digest). */
    public static OciTarget parse(String target) {
        String ref = target.substring(SCHEME.length());
        if (ref.contains("@")) {
            throw invalid(target, "digest references are not supported for output");
        }
        int slash = ref.indexOf('/');
        if (slash <= 0 || slash == ref.length() - 1) {
            throw invalid(target, "expected oci://registry/repository[:tag]");
        }
        String registry = ref.substring(0, slash);
        String rest = ref.substring(slash + 1);
        String tag = "";
        int colon = rest.lastIndexOf(':');
        if (colon >= 0) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw invalid(target, "invalid tag " + GoStrings.quote(tag));
            }
        }
        for (String c : rest.split("/", -1)) {
            if (!PATH_COMPONENT.matcher(c).matches()) {
                throw invalid(target, "invalid repository " + GoStrings.quote(rest));
            }
        }
        return new OciTarget(registry, rest, tag);
    }

    private static AicrException invalid(String target, String why) {
        return new AicrException(ErrorCode.INVALID_REQUEST, "invalid --output value",
                new IllegalArgumentException("invalid OCI reference " + GoStrings.quote(target) + ": " + why));
    }

    public OciTarget withTag(String t) {
        return new OciTarget(registry, repository, t);
    }

    /** The last path segment of the repository: the argocd-helm chart name. */
    public String chartName() {
        int i = repository.lastIndexOf('/');
        return i < 0 ? repository : repository.substring(i + 1);
    }

    /** {@code oci://<registry>[/<repository minus its last segment>]}: where argocd-helm children live. */
    public String parentNamespace() {
        int i = repository.lastIndexOf('/');
        return SCHEME + registry + (i < 0 ? "" : "/" + repository.substring(0, i));
    }

    @Override
    public String toString() {
        return SCHEME + registry + "/" + repository + (tag.isEmpty() ? "" : ":" + tag);
    }
}
