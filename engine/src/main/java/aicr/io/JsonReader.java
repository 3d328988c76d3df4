package aicr.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON into {@link Node} trees with Go encoding/json semantics: every number is a
 * float64 ({@link Node.ScalarKind#FLOAT}), and a repeated key keeps the last value.
 */
public final class JsonReader {
    private JsonReader() {
    }

    private static final JsonFactory FACTORY = new JsonFactory();

    public static Node parse(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new YamlSyntaxException("unexpected end of JSON input");
            }
            Node n = read(p, t);
            if (p.nextToken() != null) {
                throw new YamlSyntaxException("invalid character after top-level value at line "
                        + p.currentLocation().getLineNr());
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new YamlSyntaxException("line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new YamlSyntaxException(e.getMessage(), e);
        }
    }

    private static Node read(JsonParser p, JsonToken t) throws IOException {
        int line = p.currentTokenLocation().getLineNr();
        switch (t) {
            case START_OBJECT: {
                Map<String, Node> m = new LinkedHashMap<>();
                while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
                    String key = p.currentName();
                    Node v = read(p, p.nextToken());
                    m.remove(key);
                    m.put(key, v);
                }
                return new Node.MapNode(Collections.unmodifiableMap(m), line);
            }
            case START_ARRAY: {
                List<Node> items = new ArrayList<>();
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    items.add(read(p, t));
                }
                return new Node.SeqNode(List.copyOf(items), line);
            }
            case VALUE_STRING:
                return new Node.ScalarNode(p.getText(), Node.ScalarKind.STR, line);
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return new Node.ScalarNode(p.getText(), Node.ScalarKind.FLOAT, line);
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new Node.ScalarNode(p.getText(), Node.ScalarKind.BOOL, line);
            case VALUE_NULL:
                return new Node.ScalarNode("null", Node.ScalarKind.NULL, line);
            default:
                throw new YamlSyntaxException("line " + line + ": unexpected token " + t);
        }
    }
}
