package aicr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine's packages form a layered graph: no package reaches itself through another.
 * The graph is computed from the sources (imports and fully qualified names in code, comments
 * and literals ignored), so a new cycle fails here with the references that close it.
 */
class PackageCyclesTest {
    static final Path SOURCES = Path.of("src", "main", "java");

    @Test
    void noImportCycleBetweenPackages() throws IOException {
        Map<String, Map<String, Set<String>>> graph = PackageGraph.of(SOURCES);
        List<List<String>> cycles = PackageGraph.cycles(graph);
        StringBuilder why = new StringBuilder();
        for (List<String> c : cycles) {
            why.append("cycle ").append(c).append('\n');
            for (String a : c) {
                for (String b : c) {
                    Set<String> refs = graph.get(a).get(b);
                    if (refs != null) {
                        why.append("  ").append(a).append(" -> ").append(b).append(": ").append(refs).append('\n');
                    }
                }
            }
        }
        assertTrue(cycles.isEmpty(), why.toString());
    }

    /** The rule engine serves several stages; each rule kind plugs its own code in, never the reverse. */
    @Test
    void rulesKnowNoStage() throws IOException {
        Map<String, Map<String, Set<String>>> graph = PackageGraph.of(SOURCES);
        for (String p : List.of("aicr.rules", "aicr.rules.facts")) {
            for (String to : graph.get(p).keySet()) {
                assertTrue(!to.startsWith("aicr.validate") && !to.startsWith("aicr.bundle") && !to.startsWith("aicr.recipe")
                        && !to.startsWith("aicr.snapshot"), p + " -> " + to + ": " + graph.get(p).get(to));
            }
        }
    }

    @Test
    void graphSeesImportsAndQualifiedNamesButNotCommentsOrStrings() {
        Map<String, String> files = Map.of(
                "a/A.java", "package a;\nimport b.B;\nclass A { /* c.C */ String s = \"c.C\"; char q = '\"'; }",
                "b/B.java", "package b;\n// a.A\nclass B { Object o = new c.C(); String t = \"\"\"\n a.A \"\"\"; }",
                "c/C.java", "package c;\nimport static a.A.x;\nclass C { }");
        Map<String, Map<String, Set<String>>> g = PackageGraph.of(files);
        assertEquals(Set.of("b"), g.get("a").keySet());
        assertEquals(Set.of("c"), g.get("b").keySet());
        assertEquals(Set.of("a"), g.get("c").keySet());
        assertEquals(List.of(List.of("a", "b", "c")), PackageGraph.cycles(g));
    }

    /** Package → package → the references (file: name) that make the edge. */
    static final class PackageGraph {
        private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
        private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(?:static\\s+)?([\\w.]+)(?:\\.\\*)?\\s*;",
                Pattern.MULTILINE);
        private static final Pattern QUALIFIED = Pattern.compile("(?<![\\w.])([a-z]\\w*(?:\\.[a-z]\\w*)*)\\.[A-Z]\\w*");

        static Map<String, Map<String, Set<String>>> of(Path root) throws IOException {
            Map<String, String> files = new TreeMap<>();
            try (Stream<Path> s = Files.walk(root)) {
                for (Path p : s.filter(f -> f.toString().endsWith(".java")).toList()) {
                    files.put(root.relativize(p).toString(), Files.readString(p, StandardCharsets.UTF_8));
                }
            }
            return of(files);
        }

        static Map<String, Map<String, Set<String>>> of(Map<String, String> sources) {
            Map<String, String> code = new TreeMap<>();
            Map<String, String> packageOf = new HashMap<>();
            sources.forEach((file, src) -> {
                String c = codeOnly(src);
                Matcher m = PACKAGE.matcher(c);
                packageOf.put(file, m.find() ? m.group(1) : "");
                code.put(file, c);
            });
            Set<String> packages = new TreeSet<>(packageOf.values());
            Map<String, Map<String, Set<String>>> graph = new TreeMap<>();
            packages.forEach(p -> graph.put(p, new TreeMap<>()));
            code.forEach((file, c) -> {
                String from = packageOf.get(file);
                for (Pattern pattern : List.of(IMPORT, QUALIFIED)) {
                    Matcher m = pattern.matcher(c);
                    while (m.find()) {
                        String to = owningPackage(m.group(1), packages);
                        if (to != null && !to.equals(from)) {
                            graph.get(from).computeIfAbsent(to, k -> new TreeSet<>()).add(file + ": " + m.group(1));
                        }
                    }
                }
            });
            return graph;
        }

        /** The longest known package that prefixes a name (a class or member may follow it). */
        private static String owningPackage(String name, Set<String> packages) {
            String n = name;
            while (true) {
                if (packages.contains(n)) {
                    return n;
                }
                int dot = n.lastIndexOf('.');
                if (dot < 0) {
                    return null;
                }
                n = n.substring(0, dot);
            }
        }

        /** Source text with comments, string and character literals and text blocks blanked. */
        static String codeOnly(String src) {
            StringBuilder out = new StringBuilder(src.length());
            int i = 0;
            int n = src.length();
            while (i < n) {
                char c = src.charAt(i);
                if (c == '/' && i + 1 < n && src.charAt(i + 1) == '/') {
                    while (i < n && src.charAt(i) != '\n') {
                        i++;
                    }
                } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '*') {
                    int end = src.indexOf("*/", i + 2);
                    i = end < 0 ? n : end + 2;
                    out.append(' ');
                } else if (src.startsWith("\"\"\"", i)) {
                    int end = src.indexOf("\"\"\"", i + 3);
                    while (end > 0 && src.charAt(end - 1) == '\\') {
                        end = src.indexOf("\"\"\"", end + 1);
                    }
                    i = end < 0 ? n : end + 3;
                    out.append("\"\"");
                } else if (c == '"' || c == '\'') {
                    i++;
                    while (i < n && src.charAt(i) != c && src.charAt(i) != '\n') {
                        i += src.charAt(i) == '\\' ? 2 : 1;
                    }
                    i++;
                    out.append(c).append(c);
                } else {
                    out.append(c);
                    i++;
                }
            }
            return out.toString();
        }

        /** Strongly connected components of more than one package (Tarjan), each sorted, in name order. */
        static List<List<String>> cycles(Map<String, Map<String, Set<String>>> graph) {
            Map<String, Integer> index = new HashMap<>();
            Map<String, Integer> low = new HashMap<>();
            Deque<String> stack = new ArrayDeque<>();
            Set<String> onStack = new java.util.HashSet<>();
            List<List<String>> out = new ArrayList<>();
            for (String v : graph.keySet()) {
                if (!index.containsKey(v)) {
                    strongConnect(v, graph, index, low, stack, onStack, out);
                }
            }
            out.sort(java.util.Comparator.comparing(l -> l.get(0)));
            return out;
        }

        private static void strongConnect(String v, Map<String, Map<String, Set<String>>> graph, Map<String, Integer> index,
                                          Map<String, Integer> low, Deque<String> stack, Set<String> onStack,
                                          List<List<String>> out) {
            index.put(v, index.size());
            low.put(v, index.get(v));
            stack.push(v);
            onStack.add(v);
            for (String w : graph.getOrDefault(v, Map.of()).keySet()) {
                if (!index.containsKey(w)) {
                    strongConnect(w, graph, index, low, stack, onStack, out);
                    low.put(v, Math.min(low.get(v), low.get(w)));
                } else if (onStack.contains(w)) {
                    low.put(v, Math.min(low.get(v), index.get(w)));
                }
            }
            if (low.get(v).equals(index.get(v))) {
                List<String> component = new ArrayList<>();
                String w;
                do {
                    w = stack.pop();
                    onStack.remove(w);
                    component.add(w);
                } while (!w.equals(v));
                if (component.size() > 1) {
                    component.sort(null);
                    out.add(component);
                }
            }
        }
    }
}
