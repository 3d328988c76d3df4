package aicr.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Property-based fuzzing of the shared readers: random and mutated YAML and JSON (from the
 * catalog and from YAML's own token alphabet), random bytes for the UTF-8 decoder. Every try
 * must end in a document or in the reader's one exception type ({@link YamlSyntaxException},
 * with a one-line message), never another exception, a stack overflow or a hang; a parsed
 * document must convert to values and write back as YAML. A hang guard of 10 s per try (no
 * timing is asserted below it). Tries are bounded so the class runs in seconds.
 */
class ReaderFuzzTest {
    private static final ExecutorService GUARD = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fuzz-guard");
        t.setDaemon(true);
        return t;
    });

    @AfterContainer
    static void stop() {
        GUARD.shutdownNow();
    }

    /** Runs {@code parse} with the hang guard; returns the document or null when it was refused the allowed way. */
    private static Node parseOrRefuse(Supplier<Node> parse, String input) {
        Future<Node> f = GUARD.submit(parse::get);
        try {
            Node n = f.get(10, TimeUnit.SECONDS);
            if (n != null) {
                Values.of(n);
                YamlWriter.write(Values.of(n), true);
            }
            return n;
        } catch (TimeoutException e) {
            f.cancel(true);
            return fail("reader still running after 10 s on: " + abbreviate(input));
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof YamlSyntaxException y) {
                assertTrue(y.getMessage() != null && !y.getMessage().isEmpty(), "a refusal says why");
                return null;
            }
            throw new AssertionError("unexpected " + c + " on: " + abbreviate(input), c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 400 ? s.substring(0, 400) + "...(" + s.length() + " chars)" : s;
    }

    @Provide
    Arbitrary<String> yamlTokens() {
        Arbitrary<String> token = Arbitraries.oneOf(
                Arbitraries.of("{", "}", "[", "]", ": ", ", ", "- ", "\n", "\n  ", "\n    ", "&a ", "&b ", "*a", "*b", "<<: ",
                        "!!str ", "!!map ", "!!binary ", "!tag ", "? ", "|\n  ", ">-\n  ", "'", "\"", "#", "---\n", "...\n", "%YAML 1.2\n",
                        "\t", "\\", "~", "null", "true", "0x1F", "1e999", ".inf", "2026-01-01", "\u0000", "\uFEFF", "\u2028"),
                Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(6),
                Arbitraries.strings().all().ofMaxLength(3));
        return token.list().ofMaxSize(80).map(l -> String.join("", l));
    }

    @Property(tries = 400)
    void randomYamlParsesOrIsRefusedCleanly(@ForAll("yamlTokens") String text) {
        parseOrRefuse(() -> YamlReader.parse(text), text);
        parseOrRefuse(() -> {
            List<Node> all = YamlReader.parseAll(text);
            return all.isEmpty() ? null : all.get(0);
        }, text);
    }

    @Provide
    Arbitrary<String> jsonTokens() {
        Arbitrary<String> token = Arbitraries.oneOf(
                Arbitraries.of("{", "}", "[", "]", ":", ",", "\"k\"", "\"", "1", "-", "1e999", "1e-999", "0.5", "true", "null",
                        "\\u0000", "\\ud800", " ", "\n", "/*", "NaN", "9".repeat(30)),
                Arbitraries.strings().all().ofMaxLength(3));
        return token.list().ofMaxSize(80).map(l -> String.join("", l));
    }

    @Property(tries = 400)
    void randomJsonParsesOrIsRefusedCleanly(@ForAll("jsonTokens") String text) {
        parseOrRefuse(() -> JsonReader.parse(text), text);
    }

    /** Real documents of the catalog, mutated: bytes changed, lines duplicated or dropped, anchors and nesting inserted. */
    @Provide
    Arbitrary<String> mutatedCatalogYaml() {
        List<String> docs = catalogSamples();
        Arbitrary<String> base = Arbitraries.of(docs);
        return Combinators.combine(base, Arbitraries.integers().between(0, Integer.MAX_VALUE).list().ofMinSize(1).ofMaxSize(8),
                Arbitraries.of(Mutation.values()).list().ofMinSize(1).ofMaxSize(8)).as(ReaderFuzzTest::mutate);
    }

    enum Mutation { FLIP, DELETE, DUPLICATE_LINE, DROP_LINE, INSERT_ANCHOR, INSERT_ALIAS, DEEPEN, INDENT, CONTROL }

    static String mutate(String doc, List<Integer> where, List<Mutation> what) {
        StringBuilder sb = new StringBuilder(doc);
        for (int i = 0; i < what.size(); i++) {
            if (sb.length() == 0) {
                break;
            }
            int at = where.get(i % where.size()) % sb.length();
            int lineStart = sb.lastIndexOf("\n", at) + 1;
            int lineEnd = Math.max(lineStart, sb.indexOf("\n", lineStart) < 0 ? sb.length() : sb.indexOf("\n", lineStart));
            switch (what.get(i)) {
                case FLIP -> sb.setCharAt(at, (char) (sb.charAt(at) ^ (1 << (at % 7))));
                case DELETE -> sb.delete(at, Math.min(sb.length(), at + 1 + at % 5));
                case DUPLICATE_LINE -> sb.insert(lineStart, sb.substring(lineStart, lineEnd) + "\n");
                case DROP_LINE -> sb.delete(lineStart, Math.min(sb.length(), lineEnd + 1));
                case INSERT_ANCHOR -> sb.insert(at, " &x ");
                case INSERT_ALIAS -> sb.insert(at, " *x ");
                case DEEPEN -> sb.insert(at, "[".repeat(at % 400) + "]".repeat(at % 400));
                case INDENT -> sb.insert(lineStart, " ".repeat(1 + at % 3));
                case CONTROL -> sb.insert(at, (char) (at % 32));
            }
        }
        return sb.toString();
    }

    @Property(tries = 300)
    void mutatedCatalogDocumentsParseOrAreRefusedCleanly(@ForAll("mutatedCatalogYaml") String text) {
        parseOrRefuse(() -> YamlReader.parse(text), text);
    }

    /** Nested sequences and mappings around the limit: accepted up to it, refused past it, never a stack overflow. */
    @Property(tries = 60)
    void nestingIsAcceptedUpToTheLimitAndRefusedPastIt(@ForAll("depths") int depth, @ForAll boolean mapping,
                                                       @ForAll boolean json) {
        String open = mapping ? (json ? "{\"k\":" : "{k: ") : "[";
        String close = mapping ? "}" : "]";
        String text = HostileDocuments.nested(open, "1", close, depth);
        Node n = parseOrRefuse(() -> json ? JsonReader.parse(text) : YamlReader.parse(text), text);
        assertEquals(depth <= InputLimits.MAX_DEPTH, n != null, "depth " + depth);
    }

    @Provide
    Arbitrary<Integer> depths() {
        return Arbitraries.oneOf(Arbitraries.integers().between(1, 300), Arbitraries.integers().between(250, 262),
                Arbitraries.integers().between(1000, 20_000));
    }

    /** Alias bombs of random shape: refused by the expansion bound or small enough to expand; never slow. */
    @Property(tries = 40)
    void aliasBombsOfAnyShapeAreBounded(@ForAll("levels") int levels, @ForAll("widths") int width) {
        String text = HostileDocuments.laughs(levels, width, "{a: [x, y]}");
        Node n = parseOrRefuse(() -> YamlReader.parse(text), text);
        double expanded = 0;
        for (int i = 1; i <= levels; i++) {
            expanded += Math.pow(width, i) * 4;
        }
        if (expanded > 4 * InputLimits.MAX_ALIAS_EXPANSION || levels * width > InputLimits.MAX_ALIASES) {
            assertEquals(null, n, "an expansion of ~" + (long) expanded + " nodes must be refused");
        }
    }

    @Provide
    Arbitrary<Integer> levels() {
        return Arbitraries.integers().between(1, 30);
    }

    @Provide
    Arbitrary<Integer> widths() {
        return Arbitraries.integers().between(1, 60);
    }

    /** Random bytes: decoded, or refused with the offset of the first bad sequence (everything before it is valid). */
    @Property(tries = 500)
    void utf8DecodingIsStrictAndNamesTheOffset(@ForAll("bytes") byte[] bytes) {
        try {
            String s = InputSource.decode(bytes, "f");
            assertEquals(s, new String(bytes, StandardCharsets.UTF_8), "valid input decodes as the JDK decodes it");
        } catch (AicrException e) {
            assertEquals(ErrorCode.INVALID_REQUEST, e.code());
            String m = e.getMessage();
            int offset = Integer.parseInt(m.substring(m.lastIndexOf(' ') + 1));
            assertTrue(offset >= 0 && offset < bytes.length, m);
            byte[] prefix = java.util.Arrays.copyOf(bytes, offset);
            InputSource.decode(prefix, "prefix"); // must not throw: the bytes before the offset are valid
        }
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        Arbitrary<byte[]> mostlyText = Arbitraries.strings().all().ofMaxLength(40)
                .map(s -> s.getBytes(StandardCharsets.UTF_8))
                .flatMap(b -> Arbitraries.integers().between(0, Math.max(0, b.length - 1)).list().ofMaxSize(2).map(flips -> {
                    byte[] c = b.clone();
                    for (int i : flips) {
                        if (c.length > 0) {
                            c[i] = (byte) (c[i] | 0x80);
                        }
                    }
                    return c;
                }));
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(40);
        return Arbitraries.oneOf(mostlyText, random);
    }

    private static List<String> catalogSamples() {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.isDirectory(root.resolve("recipes"))) {
            root = root.getParent();
        }
        List<String> out = new ArrayList<>();
        for (String rel : List.of("recipes/registry.yaml", "recipes/overlays/base.yaml",
                "recipes/components/gpu-operator/values.yaml", "recipes/components/cert-manager/values.yaml")) {
            try {
                Path p = root.resolve(rel);
                if (Files.isRegularFile(p)) {
                    String text = Files.readString(p);
                    out.add(text.length() > 6000 ? text.substring(0, 6000) : text);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        assertTrue(out.size() >= 2, "catalog samples found under " + root);
        return out;
    }
}
