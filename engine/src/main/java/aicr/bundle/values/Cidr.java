package aicr.bundle.values;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** CIDR checks for source ranges: canonical prefixes only (no host bits), no IPv4-in-IPv6. */
final class Cidr {
    private Cidr() {
    }

    /** A parsed prefix: address bytes and prefix length. */
    record Prefix(byte[] address, int bits) {
        boolean isCanonical() {
            BigInteger a = new BigInteger(1, address);
            int total = address.length * 8;
            BigInteger hostMask = BigInteger.ONE.shiftLeft(total - bits).subtract(BigInteger.ONE);
            return a.and(hostMask).signum() == 0;
        }
    }

    static Prefix parse(String raw) {
        String s = raw.strip();
        int slash = s.indexOf('/');
        if (slash < 0) {
            return null;
        }
        String addr = s.substring(0, slash);
        String bitsText = s.substring(slash + 1);
        if (bitsText.isEmpty() || bitsText.length() > 3 || !bitsText.chars().allMatch(Character::isDigit)
                || (bitsText.length() > 1 && bitsText.charAt(0) == '0')) {
            return null;
        }
        int bits = Integer.parseInt(bitsText);
        byte[] bytes;
        if (addr.indexOf(':') >= 0) {
            if (addr.indexOf('%') >= 0 || !addr.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
                return null;
            }
            try {
                InetAddress a = InetAddress.getByName(addr);
                if (a instanceof Inet4Address) {
                    return null; // IPv4-mapped IPv6 is rejected, as Go's netip does for prefixes here
                }
                bytes = a.getAddress();
            } catch (UnknownHostException e) {
                return null;
            }
        } else {
            bytes = ipv4(addr);
            if (bytes == null) {
                return null;
            }
        }
        if (bits > bytes.length * 8) {
            return null;
        }
        return new Prefix(bytes, bits);
    }

    private static byte[] ipv4(String a) {
        String[] parts = a.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)
                    || (p.length() > 1 && p.charAt(0) == '0')) {
                return null;
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    static boolean isValid(String cidr) {
        Prefix p = parse(cidr);
        return p != null && p.isCanonical();
    }

    static boolean isAnySource(String cidr) {
        Prefix p = parse(cidr);
        return p != null && p.bits() == 0;
    }
}
