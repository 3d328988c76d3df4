package aicr.io;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Mapping-key orders the reference's serializers use. Package-private helper of the writers. */
final class KeyOrder {

    private KeyOrder() {
    }

    /**
     * Byte order of the UTF-8 encodings (Go's string comparison): used by encoding/json for map
     * keys and by the reference's "sorted" YAML documents. Differs from {@link String#compareTo}
     * only for characters beyond U+FFFF versus U+E000..U+FFFF.
     */
    static final Comparator<String> BYTES = KeyOrder::compareUtf8;

    /**
     * yaml.v3's order for the keys of a Go map (sorter.go {@code keyList.Less}, string keys):
     * a "natural" order in which runs of digits compare numerically ({@code a2 < a10}), letters
     * compare by code point, and a non-letter sorts before a letter except right after a common
     * digit, where the letter comes first ({@code a1b < a10}).
     */
    static final Comparator<String> YAML_MAP = (a, b) -> {
        if (yamlLess(a, b)) {
            return -1;
        }
        return yamlLess(b, a) ? 1 : 0;
    };

    /** Runs sorted by insertion before merging; maps up to this size are sorted by insertion only. */
    private static final int RUN = 32;

    /**
     * Entries of {@code map} in the given key order; never throws for an inconsistent order.
     * Unlike List.sort this tolerates a comparator that is not a strict total order (yaml.v3's
     * natural order is not, for odd digit strings). Small maps, all real ones, are sorted by
     * insertion as before; larger ones by merging sorted runs, so that a hostile map with tens of
     * thousands of keys costs O(n log n), not O(n^2).
     */
    static <V> List<Map.Entry<String, V>> sorted(Map<String, V> map, Comparator<String> order) {
        List<Map.Entry<String, V>> entries = new ArrayList<>(map.entrySet());
        int n = entries.size();
        for (int lo = 0; lo < n; lo += RUN) {
            insertionSort(entries, lo, Math.min(lo + RUN, n), order);
        }
        if (n <= RUN) {
            return entries;
        }
        List<Map.Entry<String, V>> from = entries;
        List<Map.Entry<String, V>> to = new ArrayList<>(entries);
        for (int width = RUN; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                merge(from, to, lo, Math.min(lo + width, n), Math.min(lo + 2 * width, n), order);
            }
            List<Map.Entry<String, V>> t = from;
            from = to;
            to = t;
        }
        return from;
    }

    private static <V> void insertionSort(List<Map.Entry<String, V>> a, int lo, int hi, Comparator<String> order) {
        for (int i = lo + 1; i < hi; i++) {
            Map.Entry<String, V> e = a.get(i);
            int j = i - 1;
            while (j >= lo && order.compare(a.get(j).getKey(), e.getKey()) > 0) {
                a.set(j + 1, a.get(j));
                j--;
            }
            a.set(j + 1, e);
        }
    }

    /** Stable merge of the sorted ranges [lo, mid) and [mid, hi) of {@code from} into {@code to}. */
    private static <V> void merge(List<Map.Entry<String, V>> from, List<Map.Entry<String, V>> to, int lo, int mid, int hi,
                                  Comparator<String> order) {
        int i = lo;
        int j = mid;
        for (int k = lo; k < hi; k++) {
            if (i < mid && (j >= hi || order.compare(from.get(i).getKey(), from.get(j).getKey()) <= 0)) {
                to.set(k, from.get(i++));
            } else {
                to.set(k, from.get(j++));
            }
        }
    }

    private static int compareUtf8(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] y = b.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(x.length, y.length);
        for (int i = 0; i < n; i++) {
            int c = (x[i] & 0xFF) - (y[i] & 0xFF);
            if (c != 0) {
                return c;
            }
        }
        return x.length - y.length;
    }

    /** sorter.go keyList.Less for two string keys, on code points (Go runes). */
    private static boolean yamlLess(String a, String b) {
        int[] ar = a.codePoints().toArray();
        int[] br = b.codePoints().toArray();
        boolean digits = false;
        for (int i = 0; i < ar.length && i < br.length; i++) {
            if (ar[i] == br[i]) {
                digits = Character.isDigit(ar[i]);
                continue;
            }
            boolean al = Character.isLetter(ar[i]);
            boolean bl = Character.isLetter(br[i]);
            if (al && bl) {
                return ar[i] < br[i];
            }
            if (al || bl) {
                return digits ? al : bl;
            }
            long an = 0;
            long bn = 0;
            if (ar[i] == '0' || br[i] == '0') {
                // A zero inside a number that already has a non-zero digit is significant.
                for (int j = i - 1; j >= 0 && Character.isDigit(ar[j]); j--) {
                    if (ar[j] != '0') {
                        an = 1;
                        bn = 1;
                        break;
                    }
                }
            }
            int ai = i;
            for (; ai < ar.length && Character.isDigit(ar[ai]); ai++) {
                an = an * 10 + (ar[ai] - '0');
            }
            int bi = i;
            for (; bi < br.length && Character.isDigit(br[bi]); bi++) {
                bn = bn * 10 + (br[bi] - '0');
            }
            if (an != bn) {
                return an < bn;
            }
            if (ai != bi) {
                return ai < bi;
            }
            return ar[i] < br[i];
        }
        return ar.length < br.length;
    }
}
