package io.xrayagent.testing;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.regex.JDKRegularExpressionFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks segment documents against the official X-Ray schema (draft-04), read from the test class path.
 *
 * <p>About the {@code name} rule: the schema gives a long ECMAScript {@code pattern} plus a
 * {@code java_pattern}. The validator is pinned to the JDK's regex engine here, which compiles the ECMAScript
 * pattern as written and applies it correctly (SchemaValidatorTest covers ordinary, Unicode and punctuation
 * names, and rejects an empty name or one with {@code !}). {@code java_pattern} is not a JSON Schema keyword,
 * so no validator applies it, and it could not serve as a substitute anyway: it is unanchored at the start,
 * so every string has a matching suffix.
 *
 * <p>The schema is a lower bound (see the protocol reference, section 15): it predates {@code aws.xray},
 * {@code http.request.traced} and other fields, which it lets through because it does not forbid extra
 * properties outside {@code annotations}.
 */
public final class SchemaValidator {
    private static final String SCHEMA_RESOURCE = "/schema/xray-segmentdocument-schema-v1.0.0.json";
    // The name pattern alone is thousands of characters: quoted in full, it would bury the other errors.
    private static final int MAX_ERROR_CHARS = 500;
    private static final Schema SCHEMA = load();

    private SchemaValidator() {
    }

    /** One line per violation, empty when the document conforms. Invalid JSON is reported as an error too. */
    public static List<String> errors(String documentJson) {
        List<Error> errors;
        try {
            errors = SCHEMA.validate(documentJson, InputFormat.JSON);
        } catch (RuntimeException e) {
            List<String> parseError = new ArrayList<String>();
            String message = String.valueOf(e.getMessage());
            int newline = message.indexOf('\n');
            parseError.add("not valid JSON: " + (newline < 0 ? message : message.substring(0, newline)));
            return parseError;
        }
        List<String> lines = new ArrayList<String>(errors.size());
        for (Error error : errors) {
            lines.add(describe(error));
        }
        return lines;
    }

    public static void assertValid(String documentJson) {
        List<String> errors = errors(documentJson);
        if (!errors.isEmpty()) {
            StringBuilder message = new StringBuilder("segment document violates the X-Ray schema:");
            for (String error : errors) {
                message.append("\n  ").append(error);
            }
            message.append("\ndocument: ").append(documentJson);
            throw new AssertionError(message.toString());
        }
    }

    private static String describe(Error error) {
        String location = String.valueOf(error.getInstanceLocation());
        String where = location.isEmpty() ? "$" : location;
        if ("pattern".equals(error.getKeyword())) {
            return where + ": " + error.getInstanceNode() + " does not match the schema's pattern at "
                    + error.getSchemaLocation();
        }
        String message = where + ": " + error.getMessage();
        return message.length() <= MAX_ERROR_CHARS ? message : message.substring(0, MAX_ERROR_CHARS) + "...";
    }

    private static Schema load() {
        InputStream in = SchemaValidator.class.getResourceAsStream(SCHEMA_RESOURCE);
        if (in == null) {
            throw new IllegalStateException(SCHEMA_RESOURCE + " is not on the test class path");
        }
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                .regularExpressionFactory(JDKRegularExpressionFactory.getInstance())
                .locale(Locale.ROOT)
                .build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4,
                builder -> builder.schemaRegistryConfig(config));
        try {
            try {
                Schema schema = registry.getSchema(in, InputFormat.JSON);
                schema.initializeValidators();
                return schema;
            } finally {
                in.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
