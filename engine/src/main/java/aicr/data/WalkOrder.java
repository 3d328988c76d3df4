package aicr.data;

import java.util.Comparator;

/**
 * The order in which Go's fs.WalkDir visits files: directory entries sorted by name at every
 * level, so {@code a/x.yaml} comes before {@code a-b.yaml}. The order matters because later
 * overlays with the same name replace earlier ones. The API server lists bundle zip entries
 * in the same order, as the reference's filepath.Walk does.
 */
public final class WalkOrder {
    private WalkOrder() {
    }

    public static final Comparator<String> COMPARATOR = (a, b) -> {
        String[] x = a.split("/");
        String[] y = b.split("/");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = x[i].compareTo(y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    };
}
