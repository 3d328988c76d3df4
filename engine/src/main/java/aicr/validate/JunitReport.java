package aicr.validate;

import aicr.io.Struct;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CTRF report as JUnit XML ({@code validate --junit FILE}), for CI systems that show JUnit
 * results: one {@code testsuite} per CTRF suite in report order ({@code readiness}, then the
 * phases), one {@code testcase} per test. {@code failed} is a {@code <failure>}, {@code other}
 * (could not be evaluated) an {@code <error>}, {@code skipped} and {@code pending}
 * {@code <skipped>}. The rule that decided a readiness test and the rule set's digest are
 * {@code <property>} elements. No times unless the report has them, so the file is as
 * reproducible as the report.
 */
public final class JunitReport {
    private JunitReport() {
    }

    public static String render(CtrfReport report) {
        Map<String, List<CtrfReport.Test>> suites = new LinkedHashMap<>();
        for (CtrfReport.Test t : report.tests()) {
            String suite = t.suite().isEmpty() ? "validation" : String.join("/", t.suite());
            suites.computeIfAbsent(suite, k -> new ArrayList<>()).add(t);
        }
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<testsuites name=\"aicr validate\" tests=\"").append(report.tests().size())
                .append("\" failures=\"").append(report.count(CtrfReport.FAILED))
                .append("\" errors=\"").append(report.count(CtrfReport.OTHER))
                .append("\" skipped=\"").append(report.count(CtrfReport.SKIPPED) + report.count(CtrfReport.PENDING))
                .append("\">\n");
        for (Map.Entry<String, List<CtrfReport.Test>> e : suites.entrySet()) {
            List<CtrfReport.Test> ts = e.getValue();
            sb.append("  <testsuite name=\"").append(attr(e.getKey())).append("\" tests=\"").append(ts.size())
                    .append("\" failures=\"").append(count(ts, CtrfReport.FAILED))
                    .append("\" errors=\"").append(count(ts, CtrfReport.OTHER))
                    .append("\" skipped=\"").append(count(ts, CtrfReport.SKIPPED) + count(ts, CtrfReport.PENDING))
                    .append("\">\n");
            if (e.getKey().equals(Phases.READINESS) && report.extra() != null
                    && report.extra().get("ruleSet") instanceof Struct rs) {
                sb.append("    <properties>\n");
                for (String k : List.of("kind", "digest", "shippedDigest")) {
                    if (rs.get(k) != null) {
                        property(sb, "      ", "ruleSet." + k, String.valueOf(rs.get(k)));
                    }
                }
                sb.append("    </properties>\n");
            }
            for (CtrfReport.Test t : ts) {
                testcase(sb, e.getKey(), t);
            }
            sb.append("  </testsuite>\n");
        }
        sb.append("</testsuites>\n");
        return sb.toString();
    }

    private static void testcase(StringBuilder sb, String suite, CtrfReport.Test t) {
        sb.append("    <testcase classname=\"").append(attr(suite)).append("\" name=\"").append(attr(t.name()))
                .append("\" time=\"").append(t.durationMs() / 1000).append('.')
                .append(String.format("%03d", t.durationMs() % 1000)).append('"');
        List<String[]> props = new ArrayList<>();
        if (t.extra() != null) {
            for (String k : List.of("rule", "ruleFile", "severity", "expected", "actual")) {
                if (t.extra().get(k) != null) {
                    props.add(new String[]{k, String.valueOf(t.extra().get(k))});
                }
            }
        }
        String message = t.message() == null ? "" : t.message();
        String body = switch (t.status()) {
            case CtrfReport.FAILED -> "<failure message=\"" + attr(message) + "\">" + text(message) + "</failure>";
            case CtrfReport.OTHER -> "<error message=\"" + attr(message) + "\">" + text(message) + "</error>";
            case CtrfReport.SKIPPED, CtrfReport.PENDING -> "<skipped message=\"" + attr(message) + "\"/>";
            default -> "";
        };
        if (props.isEmpty() && body.isEmpty()) {
            sb.append("/>\n");
            return;
        }
        sb.append(">\n");
        if (!props.isEmpty()) {
            sb.append("      <properties>\n");
            for (String[] p : props) {
                property(sb, "        ", p[0], p[1]);
            }
            sb.append("      </properties>\n");
        }
        if (!body.isEmpty()) {
            sb.append("      ").append(body).append('\n');
        }
        sb.append("    </testcase>\n");
    }

    private static void property(StringBuilder sb, String indent, String name, String value) {
        sb.append(indent).append("<property name=\"").append(attr(name)).append("\" value=\"").append(attr(value))
                .append("\"/>\n");
    }

    private static long count(List<CtrfReport.Test> ts, String status) {
        return ts.stream().filter(t -> t.status().equals(status)).count();
    }

    /** Character data: {@code & < >} escaped, characters XML 1.0 cannot carry replaced. */
    static String text(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                default -> sb.appendCodePoint(legal(c) ? c : 0xFFFD);
            }
        });
        return sb.toString();
    }

    /** An attribute value: also quotes, and line ends as character references. */
    static String attr(String s) {
        return text(s).replace("\"", "&quot;").replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;");
    }

    private static boolean legal(int c) {
        return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }
}
