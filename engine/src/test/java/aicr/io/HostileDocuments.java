package aicr.io;

/** Generators of hostile documents shared by the reader tests and the CLI's hostile-input corpus. */
public final class HostileDocuments {
    private HostileDocuments() {
    }

    /**
     * "Billion laughs": {@code l0} is {@code root}, and each of {@code levels} further keys names
     * the previous one {@code width} times, so the document expands to about width^levels nodes.
     */
    public static String laughs(int levels, int width, String root) {
        StringBuilder sb = new StringBuilder("l0: &l0 ").append(root).append('\n');
        for (int i = 1; i <= levels; i++) {
            sb.append('l').append(i).append(": &l").append(i).append(" [");
            for (int j = 0; j < width; j++) {
                sb.append(j == 0 ? "" : ", ").append("*l").append(i - 1);
            }
            sb.append("]\n");
        }
        return sb.toString();
    }

    /** {@code open} repeated {@code depth} times, {@code inner}, then {@code close} as often. */
    public static String nested(String open, String inner, String close, int depth) {
        return open.repeat(depth) + inner + close.repeat(depth);
    }
}
