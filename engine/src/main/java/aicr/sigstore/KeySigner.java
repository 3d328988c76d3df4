package aicr.sigstore;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.List;

/**
 * Signs statements with a local private key: a DSSE envelope over the in-toto payload in a
 * Sigstore bundle v0.3 that names the key by hint (sha256 of its PKIX encoding). No Fulcio
 * certificate and no transparency-log entry: the bundle proves who signed, not when.
 */
public final class KeySigner {
    private final PemKeys.Signing key;

    public KeySigner(PemKeys.Signing key) {
        this.key = key;
    }

    public String identity() {
        return PemKeys.identity(key.publicKey());
    }

    public SigstoreBundle sign(byte[] statementJson) {
        Dsse.Envelope unsigned = new Dsse.Envelope(statementJson, Dsse.INTOTO_PAYLOAD_TYPE, List.of());
        try {
            Signature s = Signature.getInstance(key.algorithm());
            s.initSign(key.key());
            s.update(unsigned.pae());
            byte[] sig = s.sign();
            return SigstoreBundle.keySigned(Digests.sha256(key.publicKey().getEncoded()),
                    new Dsse.Envelope(statementJson, Dsse.INTOTO_PAYLOAD_TYPE, List.of(sig)));
        } catch (GeneralSecurityException e) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "signing with the key failed: " + e.getMessage());
        }
    }
}
