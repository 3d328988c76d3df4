package aicr.sigstore.signing;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.log.Log;
import aicr.sigstore.KeySigner;
import aicr.sigstore.PemKeys;
import aicr.sigstore.SigstoreBundle;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One way to sign in-toto statements, chosen and checked before any work is done: a local
 * PEM key ({@code --signing-key}), or keyless through Fulcio and Rekor with an OIDC token.
 */
public final class Signing {
    private Signing() {
    }

    /**
     * @param signingKey a PEM private key file, or null for keyless
     * @param token      where the OIDC token comes from (keyless)
     * @param endpoints  Fulcio and Rekor (keyless)
     * @param assumeYes  {@code --yes}: skip the disclosure prompt
     */
    public record Options(String signingKey, TokenSources.Options token, SigstoreEndpoints endpoints, boolean assumeYes) {
    }

    /** A signature: the bundle and what it proves about the signer. */
    public record Signed(SigstoreBundle bundle, String identity, String issuer, long logIndex, boolean transparencyLogged) {
        /** One line for the user: who signed, and whether a transparency log recorded it. */
        public String describe() {
            if (!transparencyLogged) {
                return "signed with key " + identity + "; no transparency-log entry: the signature is not publicly "
                        + "logged and its time is not proven";
            }
            return "signed as " + identity + " (issuer " + issuer + "), Rekor log index " + logIndex;
        }
    }

    /** A signer ready to use. */
    public interface Signer {
        Signed sign(byte[] statementJson);

        /** Who a provenance statement names as builder before signing: the key identity; "" keyless (reference D3). */
        String builderId();
    }

    /** Loads the key or settles the token source and shows the disclosure, so failures come before output. */
    public static Signer prepare(Options o) {
        if (o.signingKey() != null) {
            String lower = o.signingKey().toLowerCase(Locale.ROOT);
            if (lower.matches("^[a-z][a-z0-9+.-]*://.*")) {
                throw new AicrException(ErrorCode.INVALID_REQUEST, "unsupported --signing-key " + aicr.gocompat.GoStrings.quote(
                        o.signingKey()) + ": aicr-j signs with a local PEM private key file; KMS URIs (awskms://, gcpkms://, "
                        + "azurekms://) are not supported");
            }
            KeySigner key = new KeySigner(PemKeys.readPrivate(Path.of(o.signingKey())));
            return new Signer() {
                @Override
                public Signed sign(byte[] statement) {
                    return new Signed(key.sign(statement), key.identity(), "", 0, false);
                }

                @Override
                public String builderId() {
                    return key.identity();
                }
            };
        }
        if (o.token().interactive()) {
            Disclosure.gate(o.endpoints(), o.assumeYes());
        }
        KeylessSigner keyless = new KeylessSigner(o.endpoints());
        return new Signer() {
            @Override
            public Signed sign(byte[] statement) {
                IdentityToken token = TokenSources.resolve(o.token());
                Log.debug("keyless signing", "fulcio", o.endpoints().fulcio(), "rekor", o.endpoints().rekor(),
                        "token", token.source());
                KeylessSigner.Signed s = keyless.sign(statement, token);
                return new Signed(s.bundle(), s.signer().identity(), s.signer().issuer(), s.logIndex(), true);
            }

            @Override
            public String builderId() {
                return "";
            }
        };
    }
}
