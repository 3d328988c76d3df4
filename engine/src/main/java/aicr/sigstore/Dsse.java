package aicr.sigstore;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Dead Simple Signing Envelope: what is signed is the pre-authentication encoding (PAE) of
 * the payload type and payload, never the payload alone.
 */
public final class Dsse {
    private Dsse() {
    }

    public static final String INTOTO_PAYLOAD_TYPE = "application/vnd.in-toto+json";

    /** {@code "DSSEv1" SP len(type) SP type SP len(payload) SP payload}, lengths as decimal byte counts. */
    public static byte[] pae(String payloadType, byte[] payload) {
        byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + type.length + 32);
        out.writeBytes(("DSSEv1 " + type.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(type);
        out.writeBytes((" " + payload.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /** An envelope: the payload bytes (not base64), its type and the raw signatures. */
    public record Envelope(byte[] payload, String payloadType, List<byte[]> signatures) {
        public byte[] pae() {
            return Dsse.pae(payloadType, payload);
        }
    }
}
