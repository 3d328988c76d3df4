package aicr.io;

import java.util.List;

/**
 * Go's text/tabwriter with padding 2 and space padding: every column but the last is padded
 * to its widest cell plus two spaces.
 */
public final class TabWriter {
    private TabWriter() {
    }

    public static String format(List<String[]> rows) {
        int cols = 0;
        for (String[] r : rows) {
            cols = Math.max(cols, r.length);
        }
        int[] width = new int[cols];
        for (String[] r : rows) {
            for (int i = 0; i < r.length - 1; i++) {
                width[i] = Math.max(width[i], r[i].codePointCount(0, r[i].length()));
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                sb.append(r[i]);
                if (i < r.length - 1) {
                    sb.append(" ".repeat(width[i] + 2 - r[i].codePointCount(0, r[i].length())));
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
