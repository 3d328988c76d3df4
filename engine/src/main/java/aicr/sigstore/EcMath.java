package aicr.sigstore;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;

/**
 * Derives an EC public key from its private key (Q = d·G) on a prime curve: PEM private keys
 * do not always carry the public point, and the JDK has no API for the multiplication. Runs
 * once per signing; speed and side channels do not matter for a key already on disk.
 */
final class EcMath {
    private EcMath() {
    }

    static PublicKey publicKey(ECPrivateKey key) throws GeneralSecurityException {
        ECParameterSpec p = key.getParams();
        BigInteger prime = ((ECFieldFp) p.getCurve().getField()).getP();
        BigInteger a = p.getCurve().getA();
        ECPoint q = multiply(p.getGenerator(), key.getS(), a, prime);
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(q, p));
    }

    private static ECPoint multiply(ECPoint g, BigInteger k, BigInteger a, BigInteger prime) {
        ECPoint r = ECPoint.POINT_INFINITY;
        ECPoint addend = g;
        for (int i = 0; i < k.bitLength(); i++) {
            if (k.testBit(i)) {
                r = add(r, addend, a, prime);
            }
            addend = add(addend, addend, a, prime);
        }
        return r;
    }

    private static ECPoint add(ECPoint p1, ECPoint p2, BigInteger a, BigInteger prime) {
        if (p1.equals(ECPoint.POINT_INFINITY)) {
            return p2;
        }
        if (p2.equals(ECPoint.POINT_INFINITY)) {
            return p1;
        }
        BigInteger x1 = p1.getAffineX();
        BigInteger y1 = p1.getAffineY();
        BigInteger x2 = p2.getAffineX();
        BigInteger y2 = p2.getAffineY();
        BigInteger lambda;
        if (x1.equals(x2)) {
            if (!y1.equals(y2) || y1.signum() == 0) {
                return ECPoint.POINT_INFINITY;
            }
            lambda = x1.pow(2).multiply(BigInteger.valueOf(3)).add(a)
                    .multiply(y1.shiftLeft(1).modInverse(prime)).mod(prime);
        } else {
            lambda = y2.subtract(y1).multiply(x2.subtract(x1).modInverse(prime)).mod(prime);
        }
        BigInteger x3 = lambda.pow(2).subtract(x1).subtract(x2).mod(prime);
        BigInteger y3 = lambda.multiply(x1.subtract(x3)).subtract(y1).mod(prime);
        return new ECPoint(x3, y3);
    }
}
