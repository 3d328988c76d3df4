package aicr.io;

import static aicr.fuzz.SeededFuzz.alphanumeric;
import static aicr.fuzz.SeededFuzz.anyChars;
import static aicr.fuzz.SeededFuzz.between;
import static aicr.fuzz.SeededFuzz.forAll;
import static aicr.fuzz.SeededFuzz.listOf;
import static aicr.fuzz.SeededFuzz.oneOf;

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
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Randomised, seeded fuzzing of the shared readers: random and mutated YAML and JSON (from the
 * catalog and from YAML's own token alphabet), random bytes for the UTF-8 decoder. Every try
 * must end in a document or in the reader's one exception type ({@link YamlSyntaxException},
 * with a one-line message), never another exception, a stack overflow or a hang; a parsed
 * document must convert to values and write back as YAML. A hang guard of 10 s per try (no
 * timing is asserted below it). Tries are bounded so the class runs in seconds.
 *
 * <p>Inputs come from {@link aicr.fuzz.SeededFuzz}: the same on every run unless
 * {@code -Daicr.fuzz.seed} says otherwise; a failure names the seed, the try and the input.
 */
class ReaderFuzzTest {
    /** The default seed; its nesting tries include the depths 255, 256 and 257 (the limit and either side). */
    private static final ExecutorService GUARD = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fuzz-guard");
        t.setDaemon(true);
        return t;
    });

    @AfterAll
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

    private static final List<String> YAML_TOKENS = List.of("{", "}", "[", "]", ": ", ", ", "- ", "\n", "\n  ", "\n    ",
            "&a ", "&b ", "*a", "*b", "<<: ", "!!str ", "!!map ", "!!binary ", "!tag ", "? ", "|\n  ", ">-\n  ", "'", "\"",
            "#", "---\n", "...\n", "%YAML 1.2\n", "\t", "\\", "~", "null", "true", "0x1F", "1e999", ".inf", "2026-01-01",
            "\u0000", "\uFEFF", "\u2028");

    static String yamlTokens(Random r) {
        return String.join("", listOf(r, 0, 80, t -> switch (t.nextInt(3)) {
            case 0 -> oneOf(t, YAML_TOKENS);
            case 1 -> alphanumeric(t, 1, 6);
            default -> anyChars(t, 3);
        }));
    }

    @Test
    void randomYamlParsesOrIsRefusedCleanly() {
        forAll("randomYamlParsesOrIsRefusedCleanly", 400, ReaderFuzzTest::yamlTokens, text -> {
            parseOrRefuse(() -> YamlReader.parse(text), text);
            parseOrRefuse(() -> {
                List<Node> all = YamlReader.parseAll(text);
                return all.isEmpty() ? null : all.get(0);
            }, text);
        });
    }

    private static final List<String> JSON_TOKENS = List.of("{", "}", "[", "]", ":", ",", "\"k\"", "\"", "1", "-", "1e999",
            "1e-999", "0.5", "true", "null", "\\u0000", "\\ud800", " ", "\n", "/*", "NaN", "9".repeat(30));

    static String jsonTokens(Random r) {
        return String.join("", listOf(r, 0, 80, t -> t.nextBoolean() ? oneOf(t, JSON_TOKENS) : anyChars(t, 3)));
    }

    @Test
    void randomJsonParsesOrIsRefusedCleanly() {
        forAll("randomJsonParsesOrIsRefusedCleanly", 400, ReaderFuzzTest::jsonTokens,
                text -> parseOrRefuse(() -> JsonReader.parse(text), text));
    }

    /** Real documents of the catalog, mutated: bytes changed, lines duplicated or dropped, anchors and nesting inserted. */
    static Function<Random, String> mutatedCatalogYaml() {
        List<String> docs = catalogSamples();
        List<Mutation> kinds = List.of(Mutation.values());
        return r -> mutate(oneOf(r, docs), listOf(r, 1, 8, t -> between(t, 0, Integer.MAX_VALUE)),
                listOf(r, 1, 8, t -> oneOf(t, kinds)));
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

    @Test
    void mutatedCatalogDocumentsParseOrAreRefusedCleanly() {
        forAll("mutatedCatalogDocumentsParseOrAreRefusedCleanly", 300, mutatedCatalogYaml(),
                text -> parseOrRefuse(() -> YamlReader.parse(text), text));
    }

    record Nesting(int depth, boolean mapping, boolean json) {
    }

    static int depth(Random r) {
        return switch (r.nextInt(3)) {
            case 0 -> between(r, 1, 300);
            case 1 -> between(r, 250, 262);
            default -> between(r, 1000, 20_000);
        };
    }

    /** Nested sequences and mappings around the limit: accepted up to it, refused past it, never a stack overflow. */
    @Test
    void nestingIsAcceptedUpToTheLimitAndRefusedPastIt() {
        forAll("nestingIsAcceptedUpToTheLimitAndRefusedPastIt", 60,
                r -> new Nesting(depth(r), r.nextBoolean(), r.nextBoolean()), in -> {
                    String open = in.mapping() ? (in.json() ? "{\"k\":" : "{k: ") : "[";
                    String close = in.mapping() ? "}" : "]";
                    String text = HostileDocuments.nested(open, "1", close, in.depth());
                    Node n = parseOrRefuse(() -> in.json() ? JsonReader.parse(text) : YamlReader.parse(text), text);
                    assertEquals(in.depth() <= InputLimits.MAX_DEPTH, n != null, "depth " + in.depth());
                });
    }

    record AliasBomb(int levels, int width) {
    }

    /** Alias bombs of random shape: refused by the expansion bound or small enough to expand; never slow. */
    @Test
    void aliasBombsOfAnyShapeAreBounded() {
        forAll("aliasBombsOfAnyShapeAreBounded", 40, r -> new AliasBomb(between(r, 1, 30), between(r, 1, 60)), in -> {
            int levels = in.levels();
            int width = in.width();
            String text = HostileDocuments.laughs(levels, width, "{a: [x, y]}");
            Node n = parseOrRefuse(() -> YamlReader.parse(text), text);
            double expanded = 0;
            for (int i = 1; i <= levels; i++) {
                expanded += Math.pow(width, i) * 4;
            }
            if (expanded > 4 * InputLimits.MAX_ALIAS_EXPANSION || levels * width > InputLimits.MAX_ALIASES) {
                assertEquals(null, n, "an expansion of ~" + (long) expanded + " nodes must be refused");
            }
        });
    }

    /** Random bytes: decoded, or refused with the offset of the first bad sequence (everything before it is valid). */
    @Test
    void utf8DecodingIsStrictAndNamesTheOffset() {
        forAll("utf8DecodingIsStrictAndNamesTheOffset", 500, ReaderFuzzTest::bytes, bytes -> {
            try {
                String s = InputSource.decode(bytes, "f");
                assertEquals(s, new String(bytes, StandardCharsets.UTF_8), "valid input decodes as the JDK decodes it");
            } catch (AicrException e) {
                assertEquals(ErrorCode.INVALID_REQUEST, e.code());
                String m = e.getMessage();
                int offset = Integer.parseInt(m.substring(m.lastIndexOf(' ') + 1));
                assertTrue(offset >= 0 && offset < bytes.length, m);
                byte[] prefix = Arrays.copyOf(bytes, offset);
                InputSource.decode(prefix, "prefix"); // must not throw: the bytes before the offset are valid
            }
        });
    }

    /** Half mostly text (UTF-8 of any chars, up to two bytes given the high bit), half any bytes; up to 40 chars or bytes. */
    static byte[] bytes(Random r) {
        if (r.nextBoolean()) {
            byte[] c = anyChars(r, 40).getBytes(StandardCharsets.UTF_8);
            for (int i : listOf(r, 0, 2, t -> between(t, 0, Math.max(0, c.length - 1)))) {
                if (c.length > 0) {
                    c[i] = (byte) (c[i] | 0x80);
                }
            }
            return c;
        }
        byte[] b = new byte[between(r, 0, 40)];
        r.nextBytes(b);
        return b;
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
