package aicr.sigstore;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The little ASN.1 DER this package needs without a crypto library: reading the elements of a
 * structure and writing TLVs (to wrap SEC1/PKCS#1 keys as PKCS#8, to read certificate
 * extensions).
 */
final class Der {
    private Der() {
    }

    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OID = 0x06;
    static final int UTF8_STRING = 0x0c;
    static final int SEQUENCE = 0x30;

    /** One element: its tag and content bytes. */
    record Element(int tag, byte[] content) {
    }

    /** The elements that follow one another in {@code b} (the content of a constructed element). */
    static List<Element> children(byte[] b) {
        List<Element> out = new ArrayList<>();
        int i = 0;
        while (i < b.length) {
            int tag = b[i++] & 0xff;
            if (i >= b.length) {
                throw new IllegalArgumentException("truncated DER");
            }
            int len = b[i++] & 0xff;
            if (len >= 0x80) {
                int n = len & 0x7f;
                if (n == 0 || n > 4 || i + n > b.length) {
                    throw new IllegalArgumentException("bad DER length");
                }
                len = 0;
                for (int k = 0; k < n; k++) {
                    len = (len << 8) | (b[i++] & 0xff);
                }
            }
            if (len < 0 || i + len > b.length) {
                throw new IllegalArgumentException("truncated DER");
            }
            byte[] c = new byte[len];
            System.arraycopy(b, i, c, 0, len);
            out.add(new Element(tag, c));
            i += len;
        }
        return out;
    }

    /** The single element {@code b} holds. */
    static Element single(byte[] b) {
        List<Element> c = children(b);
        if (c.size() != 1) {
            throw new IllegalArgumentException("expected one DER element");
        }
        return c.get(0);
    }

    static byte[] tlv(int tag, byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            content.writeBytes(p);
        }
        byte[] c = content.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream(c.length + 6);
        out.write(tag);
        if (c.length < 0x80) {
            out.write(c.length);
        } else {
            int n = c.length > 0xffffff ? 4 : c.length > 0xffff ? 3 : c.length > 0xff ? 2 : 1;
            out.write(0x80 | n);
            for (int k = n - 1; k >= 0; k--) {
                out.write(c.length >> (8 * k));
            }
        }
        out.writeBytes(c);
        return out.toByteArray();
    }

    /** The DER encoding of a dotted object identifier. */
    static byte[] oid(String dotted) {
        String[] p = dotted.split("\\.");
        ByteArrayOutputStream c = new ByteArrayOutputStream();
        c.write(Integer.parseInt(p[0]) * 40 + Integer.parseInt(p[1]));
        for (int i = 2; i < p.length; i++) {
            long v = Long.parseLong(p[i]);
            int groups = 1;
            for (long t = v >> 7; t > 0; t >>= 7) {
                groups++;
            }
            for (int g = groups - 1; g >= 0; g--) {
                c.write((int) ((v >> (7 * g)) & 0x7f) | (g > 0 ? 0x80 : 0));
            }
        }
        return tlv(OID, c.toByteArray());
    }
}
