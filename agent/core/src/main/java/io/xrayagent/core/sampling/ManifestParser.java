package io.xrayagent.core.sampling;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a local sampling rules manifest (versions 1 and 2, the X-Ray SDKs' format) and rejects anything the
 * SDKs would reject, plus unknown fields: a misspelt {@code url_path} must fail loudly rather than leave a
 * rule that silently never matches.
 *
 * <p>Every error is an {@link IllegalArgumentException} whose message names the place ({@code default},
 * {@code rules[2]}) and the field.
 */
final class ManifestParser {
    private static final int MAX_SHOWN_STRING = 60;

    /** {@code //} comments because the Java SDK's manifests may carry them; duplicates are surely mistakes. */
    private static final JsonFactory JSON = new JsonFactoryBuilder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private ManifestParser() {
    }

    static SamplingManifest parse(String json) {
        if (json == null) {
            throw new IllegalArgumentException("the manifest is null");
        }
        // Editors on Windows like to save a byte-order mark, which is not JSON.
        String text = !json.isEmpty() && json.charAt(0) == '\uFEFF' ? json.substring(1) : json;
        try (JsonParser parser = JSON.createParser(text)) {
            return readManifest(parser);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed JSON" + position(e.getLocation()) + ": "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("the manifest could not be read: " + e.getMessage(), e);
        }
    }

    private static SamplingManifest readManifest(JsonParser parser) throws IOException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            throw invalid("the manifest is empty");
        }
        if (first != JsonToken.START_OBJECT) {
            throw invalid("the manifest must be a JSON object, got " + describe(parser));
        }
        Integer version = null;
        RawRule defaultRule = null;
        List<RawRule> rules = new ArrayList<RawRule>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            if ("version".equals(field)) {
                version = readVersion(parser);
            } else if ("default".equals(field)) {
                defaultRule = readRule(parser, "default", true);
            } else if ("rules".equals(field)) {
                rules = readRules(parser);
            } else {
                throw invalid("unknown field '" + field + "' (a manifest has only version, default and rules)");
            }
        }
        if (parser.nextToken() != null) {
            throw invalid("unexpected content after the manifest's closing brace" + position(
                    parser.currentTokenLocation()));
        }
        if (version == null) {
            throw invalid("'version' is missing (must be 1 or 2)");
        }
        if (defaultRule == null) {
            throw invalid("'default' is missing");
        }
        List<RuleDefinition> definitions = new ArrayList<RuleDefinition>(rules.size());
        for (int i = 0; i < rules.size(); i++) {
            definitions.add(rules.get(i).toRule(version, i));
        }
        return new SamplingManifest(version, defaultRule.toDefaultRule(), definitions);
    }

    private static int readVersion(JsonParser parser) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT
                && parser.getNumberType() == JsonParser.NumberType.INT) {
            int version = parser.getIntValue();
            if (version == 1 || version == 2) {
                return version;
            }
        }
        throw invalid("'version' must be 1 or 2, got " + describe(parser));
    }

    private static List<RawRule> readRules(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw invalid("'rules' must be a JSON array, got " + describe(parser));
        }
        List<RawRule> rules = new ArrayList<RawRule>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            rules.add(readRule(parser, "rules[" + rules.size() + "]", false));
        }
        return rules;
    }

    private static RawRule readRule(JsonParser parser, String where, boolean isDefault) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw invalid(where + " must be a JSON object, got " + describe(parser));
        }
        RawRule rule = new RawRule(where);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            if (isDefault && !isDefaultRuleField(field) && isRuleField(field)) {
                throw invalid(where + ": '" + field + "' is not allowed on the default rule, which applies to"
                        + " every request (it takes only fixed_target, rate and description)");
            }
            switch (field) {
                case "description":
                    rule.description = readString(parser, where, field);
                    break;
                case "id":
                    rule.id = readId(parser, where);
                    break;
                case "host":
                    rule.host = readString(parser, where, field);
                    break;
                case "service_name":
                    rule.serviceName = readString(parser, where, field);
                    break;
                case "http_method":
                    rule.httpMethod = readString(parser, where, field);
                    break;
                case "url_path":
                    rule.urlPath = readString(parser, where, field);
                    break;
                case "fixed_target":
                    rule.fixedTarget = readFixedTarget(parser, where);
                    break;
                case "rate":
                    rule.rate = readRate(parser, where);
                    break;
                default:
                    throw invalid(where + ": unknown field '" + field + "'");
            }
        }
        return rule;
    }

    private static boolean isDefaultRuleField(String field) {
        return field.equals("fixed_target") || field.equals("rate") || field.equals("description");
    }

    private static boolean isRuleField(String field) {
        switch (field) {
            case "description":
            case "id":
            case "host":
            case "service_name":
            case "http_method":
            case "url_path":
            case "fixed_target":
            case "rate":
                return true;
            default:
                return false;
        }
    }

    private static String readString(JsonParser parser, String where, String field) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            throw invalid(where + ": '" + field + "' must be a string, got " + describe(parser));
        }
        return parser.getText();
    }

    /** Strings or integers: the Go SDK's examples number their rules. */
    private static String readId(JsonParser parser, String where) throws IOException {
        JsonToken token = parser.currentToken();
        if (token != JsonToken.VALUE_STRING && token != JsonToken.VALUE_NUMBER_INT) {
            throw invalid(where + ": 'id' must be a string or an integer, got " + describe(parser));
        }
        return parser.getText();
    }

    private static int readFixedTarget(JsonParser parser, String where) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT
                && parser.getNumberType() == JsonParser.NumberType.INT) {
            int value = parser.getIntValue();
            if (value >= 0) {
                return value;
            }
        }
        throw invalid(where + ": 'fixed_target' must be an integer from 0 to " + Integer.MAX_VALUE + ", got "
                + describe(parser));
    }

    private static double readRate(JsonParser parser, String where) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            double value = parser.getDoubleValue();
            if (value >= 0.0 && value <= 1.0) {
                return value;
            }
        }
        throw invalid(where + ": 'rate' must be a number from 0 to 1, got " + describe(parser));
    }

    /** The offending value as the user wrote it, so the message can be matched to the file. */
    private static String describe(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == null) {
            return "nothing";
        }
        switch (token) {
            case START_OBJECT:
                return "an object";
            case START_ARRAY:
                return "an array";
            case VALUE_STRING:
                String text = parser.getText();
                return text.length() > MAX_SHOWN_STRING
                        ? '"' + text.substring(0, MAX_SHOWN_STRING) + "...\""
                        : '"' + text + '"';
            default:
                return parser.getText();
        }
    }

    private static String position(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static IllegalArgumentException invalid(String message) {
        return new IllegalArgumentException(message);
    }

    /** A rule's fields as read, checked only once the manifest's version is known (it may come last). */
    private static final class RawRule {
        final String where;
        String description;
        String id;
        String host;
        String serviceName;
        String httpMethod;
        String urlPath;
        Integer fixedTarget;
        Double rate;

        RawRule(String where) {
            this.where = where;
        }

        RuleDefinition toDefaultRule() {
            requireAllowance();
            return RuleDefinition.defaultRule(fixedTarget, rate);
        }

        RuleDefinition toRule(int version, int index) {
            String hostPattern;
            if (version == 1) {
                if (host != null) {
                    throw invalid(where + ": 'host' is not allowed in version 1 (use 'service_name', which is"
                            + " matched against the host)");
                }
                hostPattern = require(serviceName, "service_name", " in version 1");
            } else {
                if (serviceName != null) {
                    throw invalid(where + ": 'service_name' is not allowed in version 2 (use 'host')");
                }
                hostPattern = require(host, "host", " in version 2");
            }
            String method = require(httpMethod, "http_method", "");
            String path = require(urlPath, "url_path", "");
            requireAllowance();
            return new RuleDefinition(name(index), hostPattern, method, path, fixedTarget, rate);
        }

        private void requireAllowance() {
            if (fixedTarget == null) {
                throw invalid(where + ": 'fixed_target' is required");
            }
            if (rate == null) {
                throw invalid(where + ": 'rate' is required");
            }
        }

        private String require(String value, String field, String qualifier) {
            if (value == null) {
                throw invalid(where + ": '" + field + "' is required" + qualifier);
            }
            return value;
        }

        private String name(int index) {
            if (description != null && !description.trim().isEmpty()) {
                return description;
            }
            if (id != null && !id.trim().isEmpty()) {
                return id;
            }
            return "rule-" + index;
        }
    }
}
