package aicr.rules;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The metadata of a compiled rule base, stored next to its classes (in the jar for shipped
 * rules, in the cache for --rules directories) so that loading needs no YAML parsing.
 * One record per line, tab-separated, with {@code \t \n \\} escaped.
 */
record Index(List<FileEntry> files, List<RuleInfo> rules, List<String> models, String digest) {

    /** The digest ({@link RuleSet}) of {@code files}; kept in the index so that loading needs no hashing. */
    static String digestOf(List<FileEntry> files) {
        java.util.Map<String, String> hashes = new java.util.HashMap<>();
        files.forEach(f -> hashes.put(f.path(), f.sha256()));
        return RuleSet.digest(hashes);
    }

    /**
     * A rule file: its id, path, reference text, declared operator tokens and implemented
     * functions, its metadata, and the SHA-256 of its canonical content ({@link RuleSet}).
     */
    record FileEntry(String id, String path, String reference, List<String> operators, List<String> implemented,
                     String severity, String summary, String sha256, boolean shipped) {
    }

    static Index of(List<RuleFile> files, List<String> models, boolean shipped) {
        List<FileEntry> fs = new ArrayList<>();
        List<RuleInfo> rs = new ArrayList<>();
        for (RuleFile f : files) {
            fs.add(new FileEntry(f.id(), f.path(), f.reference(), f.operators(), f.implemented(), f.severity(),
                    f.summary(), RuleSet.fileHash(f.source()), shipped));
            for (RuleFile.RuleDef r : f.rules()) {
                rs.add(new RuleInfo(r.id(), f.id(), f.kind(), r.severity() != null ? r.severity() : f.severity(),
                        r.summary() != null ? r.summary() : f.summary(), f.path(), r.line(), shipped));
            }
        }
        return new Index(fs, rs, models, digestOf(fs));
    }

    byte[] write() {
        StringBuilder sb = new StringBuilder();
        line(sb, "digest", digest);
        for (FileEntry f : files) {
            line(sb, "file", f.id(), f.path(), f.reference(), String.join("\u001f", f.operators()),
                    String.join("\u001f", f.implemented()), f.severity(), f.summary(), f.sha256(),
                    Boolean.toString(f.shipped()));
        }
        for (RuleInfo r : rules) {
            line(sb, "rule", r.id(), r.fileId(), r.kind().id(), r.severity(), r.summary(), r.file(),
                    Integer.toString(r.line()), Boolean.toString(r.shipped()));
        }
        for (String m : models) {
            line(sb, "model", m);
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static Index read(byte[] bytes) {
        List<FileEntry> fs = new ArrayList<>();
        List<RuleInfo> rs = new ArrayList<>();
        List<String> ms = new ArrayList<>();
        String digest = null;
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] p = line.split("\t", -1);
            for (int i = 0; i < p.length; i++) {
                p[i] = unescape(p[i]);
            }
            switch (p[0]) {
                case "file" -> fs.add(new FileEntry(p[1], p[2], p[3], list(p[4]), list(p[5]), p[6], p[7], p[8],
                        Boolean.parseBoolean(p[9])));
                case "rule" -> rs.add(new RuleInfo(p[1], p[2], RuleKind.of(p[3]), p[4], p[5], p[6],
                        Integer.parseInt(p[7]), Boolean.parseBoolean(p[8])));
                case "model" -> ms.add(p[1]);
                case "digest" -> digest = p[1];
                default -> throw new IllegalStateException("bad rule index line: " + line);
            }
        }
        return new Index(fs, rs, ms, digest != null ? digest : digestOf(fs));
    }

    private static List<String> list(String joined) {
        return joined.isEmpty() ? List.of() : List.of(joined.split("\u001f", -1));
    }

    private static void line(StringBuilder sb, String... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                sb.append('\t');
            }
            sb.append(escape(fields[i]));
        }
        sb.append('\n');
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                sb.append(switch (n) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> n;
                });
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
