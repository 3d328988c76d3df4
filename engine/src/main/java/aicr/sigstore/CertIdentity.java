package aicr.sigstore;

import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.io.ByteArrayInputStream;
import java.util.Collection;
import java.util.List;

/**
 * Who a Fulcio certificate names: the identity is the first e-mail SAN, else the first URI
 * SAN; the OIDC issuer is extension {@code 1.3.6.1.4.1.57264.1.8} (a DER UTF8String), else the
 * legacy {@code 1.3.6.1.4.1.57264.1.1} (raw bytes). Malformed values read as "".
 */
public record CertIdentity(String identity, String issuer) {
    static final String ISSUER_V2 = "1.3.6.1.4.1.57264.1.8";
    static final String ISSUER_V1 = "1.3.6.1.4.1.57264.1.1";

    public static X509Certificate parse(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new aicr.errors.AicrException(aicr.errors.ErrorCode.INVALID_REQUEST,
                    "invalid sigstore bundle: certificate does not parse: " + e.getMessage());
        }
    }

    public static CertIdentity of(X509Certificate cert) {
        return new CertIdentity(san(cert), issuer(cert));
    }

    static String san(X509Certificate cert) {
        try {
            Collection<List<?>> names = cert.getSubjectAlternativeNames();
            if (names == null) {
                return "";
            }
            for (int type : new int[]{1, 6}) {
                for (List<?> n : names) {
                    if (n.size() >= 2 && n.get(0) instanceof Integer t && t == type && n.get(1) instanceof String s) {
                        return s;
                    }
                }
            }
        } catch (CertificateParsingException e) {
            return "";
        }
        return "";
    }

    static String issuer(X509Certificate cert) {
        try {
            byte[] v2 = cert.getExtensionValue(ISSUER_V2);
            if (v2 != null) {
                Der.Element utf8 = Der.single(Der.single(v2).content());
                if (utf8.tag() == Der.UTF8_STRING) {
                    return new String(utf8.content(), StandardCharsets.UTF_8);
                }
            }
            byte[] v1 = cert.getExtensionValue(ISSUER_V1);
            if (v1 != null) {
                return new String(Der.single(v1).content(), StandardCharsets.UTF_8);
            }
        } catch (IllegalArgumentException e) {
            return "";
        }
        return "";
    }
}
