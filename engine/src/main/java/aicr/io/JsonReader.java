package aicr.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON into {@link Node} trees with Go encoding/json semantics: every number is a
 * float64 ({@link Node.ScalarKind#FLOAT}), and a repeated key keeps the last value; a number
 * a float64 cannot hold ({@code 1e999999}) is refused with Go's message. Nesting is bounded by
 * {@link InputLimits#MAX_DEPTH} (Jackson's own constraint stays as a backstop above it).
 */
public final class JsonReader {
    private JsonReader() {
    }

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(InputLimits.MAX_DEPTH + 8).build())
            .build();

    public static Node parse(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new YamlSyntaxException("unexpected end of JSON input");
            }
            Node n = read(p, t, 1);
            if (p.nextToken() != null) {
                throw new YamlSyntaxException("invalid character after top-level value at line "
                        + p.currentLocation().getLineNr());
            }
            return n;
        } catch (StreamConstraintsException e) {
            throw YamlSyntaxException.limit(e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ": ";
            throw new YamlSyntaxException(where + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new YamlSyntaxException(e.getMessage(), e);
        }
    }

    private static Node read(JsonParser p, JsonToken t, int depth) throws IOException {
        int line = p.currentTokenLocation().getLineNr();
        if (depth > InputLimits.MAX_DEPTH && (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY)) {
            throw YamlSyntaxException.limit("line " + line + ": nesting exceeds " + InputLimits.MAX_DEPTH + " levels");
        }
        switch (t) {
            case START_OBJECT: {
                Map<String, Node> m = new LinkedHashMap<>();
                while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
                    String key = p.currentName();
                    Node v = read(p, p.nextToken(), depth + 1);
                    m.remove(key);
                    m.put(key, v);
                }
                return new Node.MapNode(Collections.unmodifiableMap(m), line);
            }
            case START_ARRAY: {
                List<Node> items = new ArrayList<>();
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    items.add(read(p, t, depth + 1));
                }
                return new Node.SeqNode(List.copyOf(items), line);
            }
            case VALUE_STRING:
                return new Node.ScalarNode(p.getText(), Node.ScalarKind.STR, line);
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return new Node.ScalarNode(float64(p.getText()), Node.ScalarKind.FLOAT, line);
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new Node.ScalarNode(p.getText(), Node.ScalarKind.BOOL, line);
            case VALUE_NULL:
                return new Node.ScalarNode("null", Node.ScalarKind.NULL, line);
            default:
                throw new YamlSyntaxException("line " + line + ": unexpected token " + t);
        }
    }

    /**
     * The literal of a JSON number Go can decode into a float64: one whose magnitude overflows
     * (Go's ParseFloat range error) is refused as encoding/json refuses it. Only long literals
     * or ones with an exponent can overflow, so the common case costs a length check.
     */
    private static String float64(String text) {
        if (text.length() > 15 || text.indexOf('e') >= 0 || text.indexOf('E') >= 0) {
            if (Double.isInfinite(Double.parseDouble(text))) {
                throw new YamlSyntaxException("json: cannot unmarshal number " + text + " into Go value of type float64");
            }
        }
        return text;
    }
}
