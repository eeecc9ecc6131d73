package dev.migrationreview.github.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * GitHub's published REST description (the Octokit OpenAPI subset in src/test/resources/github), used to
 * check each request the app sends — method and path template exist, path and query parameters have the
 * right type and allowed values, the body has its required fields, allowed enum values, lengths and item
 * counts, and no field GitHub does not know — and to supply GitHub's example responses.
 */
public final class OpenApiContract {
    private final JsonNode spec;
    private final List<Template> templates = new ArrayList<>();

    /** A request matched to its operation, with its path parameters. */
    public record Operation(String operationId, String method, String template, Map<String, String> pathParams, JsonNode definition) {}

    private record Template(String method, String path, String[] segments, JsonNode definition) {}

    public OpenApiContract() {
        try (InputStream in = OpenApiContract.class.getResourceAsStream("/github/openapi-subset.json")) {
            spec = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        spec.path("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(m ->
                templates.add(new Template(m.getKey().toUpperCase(Locale.ROOT), p.getKey(), p.getKey().substring(1).split("/"), m.getValue()))));
    }

    /** The operation this request is, or a description of why it is none. */
    public Operation match(String method, String rawPath) {
        String[] parts = rawPath.substring(1).split("/", -1);
        Operation best = null;
        int bestLiterals = -1;
        for (Template t : templates) {
            if (!t.method().equals(method)) {
                continue;
            }
            Map<String, String> params = new LinkedHashMap<>();
            int literals = 0;
            boolean ok = true;
            int i = 0;
            for (int s = 0; s < t.segments().length && ok; s++) {
                String seg = t.segments()[s];
                boolean last = s == t.segments().length - 1;
                if (i >= parts.length) {
                    ok = false;
                } else if (seg.startsWith("{")) {
                    String name = seg.substring(1, seg.length() - 1);
                    boolean multi = last && parameter(t.definition(), name).map(p -> p.path("x-multi-segment").asBoolean()).orElse(false);
                    String value = multi ? String.join("/", java.util.Arrays.copyOfRange(parts, i, parts.length)) : parts[i];
                    if (value.isEmpty()) {
                        ok = false;
                    }
                    params.put(name, URLDecoder.decode(value, StandardCharsets.UTF_8));
                    i = multi ? parts.length : i + 1;
                } else {
                    ok = seg.equals(parts[i]);
                    literals++;
                    i++;
                }
            }
            if (ok && i == parts.length && literals > bestLiterals) {
                best = new Operation(t.definition().path("operationId").asText(), method, t.path(), params, t.definition());
                bestLiterals = literals;
            }
        }
        if (best == null) {
            throw new ContractViolation(method + " " + rawPath + " is not an operation in GitHub's REST description");
        }
        return best;
    }

    /** Checks parameters and body; throws {@link ContractViolation} naming the first problem. */
    public void validate(Operation op, Map<String, String> query, JsonNode body) {
        String where = op.method() + " " + op.template();
        for (JsonNode p : op.definition().path("parameters")) {
            JsonNode param = resolve(p);
            String name = param.path("name").asText();
            String in = param.path("in").asText();
            String value = "path".equals(in) ? op.pathParams().get(name) : "query".equals(in) ? query.get(name) : null;
            if (value == null) {
                if (param.path("required").asBoolean() && !"header".equals(in)) {
                    throw new ContractViolation(where + ": required " + in + " parameter '" + name + "' is missing");
                }
                continue;
            }
            checkScalar(where + " " + in + " parameter '" + name + "'", resolve(param.path("schema")), value);
        }
        for (String q : query.keySet()) {
            boolean known = false;
            for (JsonNode p : op.definition().path("parameters")) {
                JsonNode param = resolve(p);
                known |= "query".equals(param.path("in").asText()) && q.equals(param.path("name").asText());
            }
            if (!known) {
                throw new ContractViolation(where + ": query parameter '" + q + "' is not in GitHub's description");
            }
        }
        JsonNode requestBody = resolve(op.definition().path("requestBody"));
        if (requestBody.isMissingNode()) {
            if (body != null && !body.isNull() && !(body.isObject() && body.isEmpty()) && !"POST".equals(op.method())) {
                throw new ContractViolation(where + " takes no body, but one was sent");
            }
            return;
        }
        JsonNode schema = resolve(requestBody.path("content").path("application/json").path("schema"));
        if (body == null || body.isNull()) {
            if (requestBody.path("required").asBoolean()) {
                throw new ContractViolation(where + ": the request body is required");
            }
            return;
        }
        List<String> problems = new ArrayList<>();
        check(schema, body, "body", problems);
        if (!problems.isEmpty()) {
            throw new ContractViolation(where + ": " + String.join("; ", problems));
        }
    }

    /** A copy of GitHub's example response for this operation and status (the first example when several). */
    public Optional<JsonNode> example(Operation op, int status) {
        JsonNode response = resolve(op.definition().path("responses").path(String.valueOf(status)));
        JsonNode examples = response.path("content").path("application/json").path("examples");
        Iterator<JsonNode> it = examples.elements();
        if (!it.hasNext()) {
            return Optional.empty();
        }
        return Optional.of(resolve(it.next()).path("value").deepCopy());
    }

    /** The example whose key is {@code name}. */
    public Optional<JsonNode> example(Operation op, int status, String name) {
        JsonNode response = resolve(op.definition().path("responses").path(String.valueOf(status)));
        JsonNode example = response.path("content").path("application/json").path("examples").path(name);
        return example.isMissingNode() ? Optional.empty() : Optional.of(resolve(example).path("value").deepCopy());
    }

    private void check(JsonNode schemaRef, JsonNode value, String at, List<String> problems) {
        JsonNode schema = resolve(schemaRef);
        if (value.isNull()) {
            if (!schema.path("nullable").asBoolean()) {
                problems.add(at + " is null");
            }
            return;
        }
        for (String combinator : List.of("anyOf", "oneOf")) {
            if (schema.has(combinator)) {
                List<String> last = null;
                boolean any = false;
                for (JsonNode alternative : schema.get(combinator)) {
                    List<String> p = new ArrayList<>();
                    checkObject(resolve(alternative), value, at, p, true);
                    if (p.isEmpty()) {
                        any = true;
                        break;
                    }
                    last = p;
                }
                if (!any) {
                    problems.add(at + " matches none of the allowed shapes (" + String.join("; ", last) + ")");
                }
            }
        }
        String type = schema.path("type").asText("");
        switch (type) {
            case "object" -> {
                if (!value.isObject()) {
                    problems.add(at + " should be an object");
                    return;
                }
                checkObject(schema, value, at, problems, false);
            }
            case "array" -> {
                if (!value.isArray()) {
                    problems.add(at + " should be an array");
                    return;
                }
                if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
                    problems.add(at + " has " + value.size() + " items, more than the " + schema.get("maxItems").asInt() + " allowed");
                }
                for (int i = 0; i < value.size(); i++) {
                    check(schema.path("items"), value.get(i), at + "[" + i + "]", problems);
                }
            }
            case "string" -> {
                if (!value.isTextual()) {
                    problems.add(at + " should be a string");
                    return;
                }
                checkEnumAndLength(schema, value.asText(), at, problems);
            }
            case "integer" -> {
                if (!value.isIntegralNumber()) {
                    problems.add(at + " should be an integer");
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    problems.add(at + " should be a boolean");
                }
            }
            default -> checkObject(schema, value, at, problems, true);
        }
    }

    private void checkObject(JsonNode schema, JsonNode value, String at, List<String> problems, boolean lenient) {
        if (!value.isObject()) {
            return;
        }
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText())) {
                problems.add(at + "." + required.asText() + " is required");
            }
        }
        JsonNode properties = schema.path("properties");
        Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (properties.has(f.getKey())) {
                JsonNode propertySchema = resolve(properties.get(f.getKey()));
                if (lenient && !propertySchema.has("type")) {
                    if (f.getValue().isTextual()) {
                        checkEnumAndLength(propertySchema, f.getValue().asText(), at + "." + f.getKey(), problems);
                    }
                } else {
                    check(propertySchema, f.getValue(), at + "." + f.getKey(), problems);
                }
            } else if (!lenient && properties.size() > 0 && !schema.path("additionalProperties").asBoolean(false)) {
                problems.add(at + "." + f.getKey() + " is not a field GitHub knows");
            }
        }
    }

    private static void checkEnumAndLength(JsonNode schema, String text, String at, List<String> problems) {
        if (schema.has("enum")) {
            boolean allowed = false;
            for (JsonNode e : schema.get("enum")) {
                allowed |= e.asText().equals(text);
            }
            if (!allowed) {
                problems.add(at + " is '" + text + "', not one of " + schema.get("enum"));
            }
        }
        if (schema.has("maxLength") && text.length() > schema.get("maxLength").asInt()) {
            problems.add(at + " is " + text.length() + " characters, more than the " + schema.get("maxLength").asInt() + " allowed");
        }
    }

    private static void checkScalar(String what, JsonNode schema, String value) {
        if ("integer".equals(schema.path("type").asText())) {
            try {
                Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new ContractViolation(what + " should be an integer, was '" + value + "'");
            }
        }
        if ("boolean".equals(schema.path("type").asText()) && !value.equals("true") && !value.equals("false")) {
            throw new ContractViolation(what + " should be true or false, was '" + value + "'");
        }
        List<String> problems = new ArrayList<>();
        checkEnumAndLength(schema, value, what, problems);
        if (!problems.isEmpty()) {
            throw new ContractViolation(String.join("; ", problems));
        }
    }

    private Optional<JsonNode> parameter(JsonNode definition, String name) {
        for (JsonNode p : definition.path("parameters")) {
            JsonNode param = resolve(p);
            if (name.equals(param.path("name").asText())) {
                return Optional.of(param);
            }
        }
        return Optional.empty();
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        while (current != null && current.has("$ref")) {
            JsonNode target = spec;
            for (String part : current.get("$ref").asText().substring(2).split("/")) {
                target = target.path(part.replace("~1", "/").replace("~0", "~"));
            }
            current = target;
        }
        return current;
    }

    /** A request the app sent that GitHub's description does not allow. */
    public static final class ContractViolation extends RuntimeException {
        public ContractViolation(String message) {
            super(message);
        }
    }
}
