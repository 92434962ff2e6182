package io.xrayagent.receiver;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON text into plain Java values: {@link LinkedHashMap} (keys in document order), {@link ArrayList},
 * {@link String}, {@link Long} for integral numbers, {@link Double} for the others, {@link Boolean} and null.
 *
 * <p>Plain collections rather than a tree model keep the receiver free of any data-binding library, so the
 * agent jar carries only Jackson's streaming core. An integer too large for a long becomes a Double: X-Ray
 * has no such field, and a lossy value is more useful to a reader than a rejected document.
 */
public final class Json {
    private static final JsonFactory FACTORY = new JsonFactory();

    private Json() {
    }

    public static Object parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("invalid JSON: no text");
        }
        try (JsonParser parser = FACTORY.createParser(text)) {
            return readDocument(parser);
        } catch (JsonProcessingException e) {
            throw invalid(e);
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getMessage(), e);
        }
    }

    /** Parses UTF-8 bytes directly, so malformed UTF-8 is rejected rather than silently replaced. */
    public static Object parse(byte[] utf8, int off, int len) {
        if (utf8 == null) {
            throw new IllegalArgumentException("invalid JSON: no bytes");
        }
        try (JsonParser parser = FACTORY.createParser(utf8, off, len)) {
            return readDocument(parser);
        } catch (JsonProcessingException e) {
            throw invalid(e);
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getMessage(), e);
        }
    }

    private static Object readDocument(JsonParser parser) throws IOException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            throw new IllegalArgumentException("invalid JSON: empty input");
        }
        Object value = readValue(parser, first);
        JsonToken trailing = parser.nextToken();
        if (trailing != null) {
            throw new IllegalArgumentException("invalid JSON: unexpected " + trailing.asString()
                    + " after the end of the value at " + location(parser));
        }
        return value;
    }

    private static Object readValue(JsonParser parser, JsonToken token) throws IOException {
        if (token == null) {
            throw new IllegalArgumentException("invalid JSON: unexpected end of input at " + location(parser));
        }
        switch (token) {
            case START_OBJECT:
                return readObject(parser);
            case START_ARRAY:
                return readArray(parser);
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    return parser.getDoubleValue();
                }
                return parser.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return parser.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IllegalArgumentException("invalid JSON: unexpected " + token + " at " + location(parser));
        }
    }

    private static Map<String, Object> readObject(JsonParser parser) throws IOException {
        Map<String, Object> object = new LinkedHashMap<String, Object>();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            object.put(name, readValue(parser, parser.nextToken()));
        }
        if (token != JsonToken.END_OBJECT) {
            throw new IllegalArgumentException("invalid JSON: unterminated object at " + location(parser));
        }
        return object;
    }

    private static List<Object> readArray(JsonParser parser) throws IOException {
        List<Object> array = new ArrayList<Object>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == null) {
                throw new IllegalArgumentException("invalid JSON: unterminated array at " + location(parser));
            }
            array.add(readValue(parser, token));
        }
        return array;
    }

    private static IllegalArgumentException invalid(JsonProcessingException e) {
        String where = e.getLocation() == null ? "" : " at " + e.getLocation().offsetDescription();
        return new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage() + where, e);
    }

    private static String location(JsonParser parser) {
        return parser.currentLocation().offsetDescription();
    }
}
