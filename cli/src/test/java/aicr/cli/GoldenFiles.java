package aicr.cli;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.approvaltests.Approvals;
import org.approvaltests.core.ApprovalFailureReporter;
import org.approvaltests.core.Options;
import org.approvaltests.namer.ApprovalNamer;

/**
 * Approval testing against files in golden/ (not beside the test sources): the approved file
 * is {@code <dir>/<name>.approved.<ext>}; a mismatch writes {@code .received.} next to it and
 * fails with a line diff, readable in CI logs. Approve by moving received over approved.
 */
final class GoldenFiles {
    private GoldenFiles() {
    }

    static void verify(Path dir, String name, String ext, String text) {
        Options opts = new Options().withReporter(new LineDiff()).forFile().withNamer(new Namer(dir, name))
                .forFile().withExtension(ext);
        Approvals.verify(text, opts);
    }

    private record Namer(Path dir, String name) implements ApprovalNamer {
        @Override
        public File getApprovedFile(String extension) {
            return dir.resolve(name + ".approved" + extension).toFile();
        }

        @Override
        public File getReceivedFile(String extension) {
            return dir.resolve(name + ".received" + extension).toFile();
        }

        @Override
        public ApprovalNamer addAdditionalInformation(String info) {
            return this;
        }

        @Override
        public String getAdditionalInformation() {
            return "";
        }

        @Override
        public String getApprovalName() {
            return name;
        }

        @Override
        public String getSourceFilePath() {
            return dir.toString() + File.separator;
        }
    }

    /** Fails with a unified-style line diff of approved (-) and received (+). */
    static final class LineDiff implements ApprovalFailureReporter {
        @Override
        public boolean report(String received, String approved) {
            throw new AssertionError("golden mismatch: " + approved + "\n" + diff(read(approved), read(received))
                    + "(to approve: mv " + received + " " + approved + ")");
        }

        private static List<String> read(String f) {
            try {
                File file = new File(f);
                return file.exists() ? java.nio.file.Files.readAllLines(file.toPath()) : List.of();
            } catch (java.io.IOException e) {
                return List.of("<unreadable: " + e.getMessage() + ">");
            }
        }

        /** LCS-based line diff; fine for report-sized files. */
        static String diff(List<String> a, List<String> b) {
            int[][] l = new int[a.size() + 1][b.size() + 1];
            for (int i = a.size() - 1; i >= 0; i--) {
                for (int j = b.size() - 1; j >= 0; j--) {
                    l[i][j] = a.get(i).equals(b.get(j)) ? l[i + 1][j + 1] + 1 : Math.max(l[i + 1][j], l[i][j + 1]);
                }
            }
            List<String> out = new ArrayList<>();
            int i = 0;
            int j = 0;
            while (i < a.size() || j < b.size()) {
                if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                    out.add("  " + a.get(i));
                    i++;
                    j++;
                } else if (j < b.size() && (i == a.size() || l[i][j + 1] >= l[i + 1][j])) {
                    out.add("+ " + b.get(j++));
                } else {
                    out.add("- " + a.get(i++));
                }
            }
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < out.size(); k++) {
                boolean near = false;
                for (int d = Math.max(0, k - 3); d <= Math.min(out.size() - 1, k + 3); d++) {
                    near |= !out.get(d).startsWith("  ");
                }
                if (near) {
                    sb.append(out.get(k)).append('\n');
                }
            }
            return sb.toString();
        }
    }
}
