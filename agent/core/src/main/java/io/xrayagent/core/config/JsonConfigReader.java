package io.xrayagent.core.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.xrayagent.core.log.AgentLog;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads {@code xray-agent.json} into flat key/value text: nested objects become dotted keys, so that
 * {@code {"instrumentation":{"jdk-httpserver":{"enabled":false}}}} and
 * {@code {"instrumentation.jdk-httpserver.enabled":false}} mean the same.
 *
 * <p>Streaming rather than data binding keeps the agent free of jackson-databind and its start-up cost.
 */
final class JsonConfigReader {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .build();

    private JsonConfigReader() {
    }

    /**
     * @param description names the file in the warnings about values that cannot be used
     * @throws IOException when the content is not a single JSON object
     */
    static Map<String, String> read(InputStream in, String description) throws IOException {
        Map<String, String> values = new LinkedHashMap<String, String>();
        JsonParser parser = FACTORY.createParser(in);
        try {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new JsonParseException(parser, "expected a JSON object");
            }
            readObject(parser, "", values, description);
            if (parser.nextToken() != null) {
                throw new JsonParseException(parser, "unexpected content after the JSON object");
            }
        } finally {
            parser.close();
        }
        return values;
    }

    private static void readObject(JsonParser parser, String prefix, Map<String, String> values, String description)
            throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = prefix + parser.currentName();
            JsonToken token = parser.nextToken();
            if (token == JsonToken.START_OBJECT) {
                readObject(parser, key + ".", values, description);
            } else if (token == JsonToken.START_ARRAY) {
                parser.skipChildren();
                AgentLog.warn("unsupported array value for key " + LogText.quote(key) + " in " + description
                        + "; ignored");
            } else if (token != JsonToken.VALUE_NULL) {
                values.put(key, parser.getText());
            }
        }
    }
}
