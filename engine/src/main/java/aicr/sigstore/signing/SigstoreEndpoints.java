package aicr.sigstore.signing;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import java.net.URI;

/** The Fulcio CA and Rekor log a keyless signature goes through (public-good by default). */
public record SigstoreEndpoints(String fulcio, String rekor) {
    public static final String PUBLIC_FULCIO = "https://fulcio.sigstore.dev";
    public static final String PUBLIC_REKOR = "https://rekor.sigstore.dev";

    /** Flag values, else {@code AICR_FULCIO_URL}/{@code AICR_REKOR_URL}, else public-good; each checked. */
    public static SigstoreEndpoints of(String fulcioFlag, String rekorFlag) {
        String f = pick(fulcioFlag, "AICR_FULCIO_URL", PUBLIC_FULCIO);
        String r = pick(rekorFlag, "AICR_REKOR_URL", PUBLIC_REKOR);
        check("fulcio", f);
        check("rekor", r);
        return new SigstoreEndpoints(f.replaceAll("/+$", ""), r.replaceAll("/+$", ""));
    }

    public boolean publicRekor() {
        return rekor.equals(PUBLIC_REKOR);
    }

    private static String pick(String flag, String env, String dflt) {
        if (flag != null && !flag.isEmpty()) {
            return flag;
        }
        String e = System.getenv(env);
        return e != null && !e.isEmpty() ? e : dflt;
    }

    /** An absolute https URL with a host and no user-info (the reference's rule). */
    public static void check(String what, String url) {
        boolean ok;
        try {
            URI u = new URI(url);
            ok = "https".equals(u.getScheme()) && u.getHost() != null && !u.getHost().isEmpty() && u.getUserInfo() == null;
        } catch (java.net.URISyntaxException e) {
            ok = false;
        }
        if (!ok) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "invalid " + what + " URL " + aicr.gocompat.GoStrings.quote(url)
                    + ": must be an absolute https:// URL with a hostname and without embedded credentials");
        }
    }
}
