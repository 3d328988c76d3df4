package aicr.cli;

import java.io.PrintStream;

/** The stdout/stderr of the running command (swapped by in-process tests). */
final class Streams {
    private Streams() {
    }

    private static PrintStream out = System.out;
    private static PrintStream err = System.err;

    static void set(PrintStream o, PrintStream e) {
        out = o;
        err = e;
    }

    static PrintStream out() {
        return out;
    }

    static PrintStream err() {
        return err;
    }
}
