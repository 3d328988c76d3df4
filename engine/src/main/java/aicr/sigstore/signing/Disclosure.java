package aicr.sigstore.signing;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.log.Log;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Before interactive keyless signing publishes a person's identity in a certificate and a
 * transparency log, say so and, at a terminal, ask. {@code --yes} / {@code AICR_ASSUME_YES}
 * skip the question; without a terminal the notice is written and signing goes on.
 */
public final class Disclosure {
    private Disclosure() {
    }

    private static final String RULE = "\u2500".repeat(69);

    public static void gate(SigstoreEndpoints endpoints, boolean assumeYes) {
        PrintStream err = Log.stream();
        err.println(RULE);
        err.println("  Keyless signing \u2014 identity disclosure");
        err.println(RULE);
        err.println("Keyless signing signs you in through OIDC and exchanges your identity for a");
        err.println("short-lived signing certificate. Endpoints:");
        err.println("  Fulcio (CA):   " + endpoints.fulcio());
        err.println("  Rekor (log):   " + endpoints.rekor());
        err.println();
        err.println("The certificate carries your identity (e-mail address and OIDC issuer). It is");
        err.println("recorded in the Rekor transparency log and travels with the signed artifact.");
        err.println();
        if (endpoints.publicRekor()) {
            err.println("This is the PUBLIC Sigstore log: entries are public, append-only and permanent;");
            err.println("they cannot be removed. To keep a personal identity out of it, sign with a CI or");
            err.println("service identity (--identity-token), a key (--signing-key), or point");
            err.println("--fulcio-url/--rekor-url at a private Sigstore instance.");
        } else {
            err.println("These are private endpoints: who can read the log depends on their operator.");
        }
        err.println(RULE);
        if (assumeYes || envTrue("AICR_ASSUME_YES")) {
            err.println("Proceeding without confirmation (--yes / AICR_ASSUME_YES set).");
            return;
        }
        if (System.console() == null) {
            err.println("Non-interactive stdin detected; emitting disclosure and proceeding.");
            return;
        }
        err.print("Proceed with interactive keyless signing and publish this identity? [y/N]: ");
        err.flush();
        String answer;
        try {
            answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            answer = null;
        }
        String a = answer == null ? "" : answer.strip().toLowerCase(Locale.ROOT);
        if (!a.equals("y") && !a.equals("yes")) {
            throw new AicrException(ErrorCode.SERVICE_UNAVAILABLE, "keyless signing declined at the identity-disclosure "
                    + "prompt; no identity was published (re-run with --yes / AICR_ASSUME_YES to skip this prompt, or "
                    + "supply --identity-token)");
        }
    }

    static boolean envTrue(String name) {
        String v = System.getenv(name);
        return v != null && (v.equals("1") || v.equalsIgnoreCase("true"));
    }
}
