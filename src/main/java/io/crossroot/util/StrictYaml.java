package io.crossroot.util;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads a YAML document against a schema and reports every unknown or duplicate key, wrong type, missing field
 * and bad value with its line, all at once, instead of Jackson's first failure (which also accepts duplicate keys).
 * What passes is a plain JSON tree that binds without surprises.
 */
public final class StrictYaml {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StrictYaml() {}

    /** A YAML value with the line it starts on. */
    public sealed interface Node {
        int line();
    }

    /** A scalar; {@code text} is null for an empty value or "null". */
    public record Scalar(JsonToken token, String text, int line) implements Node {}

    public record Sequence(List<Node> items, int line) implements Node {}

    public record Mapping(Map<String, Entry> entries, int line) implements Node {}

    public record Entry(int keyLine, Node value) {}

    /** Checks a node and converts it to plain JSON. */
    @FunctionalInterface
    public interface Type {
        /** The node as JSON, or null after adding to {@code problems} why it does not fit. */
        JsonNode check(Node node, String path, InputProblems problems);
    }

    /**
     * Parses {@code text} and checks it against {@code schema}; a syntax error is a problem too. Returns the checked
     * tree, or null when there were problems (they are in {@code problems}).
     */
    public static JsonNode read(String text, Type schema, InputProblems problems) {
        Node root = parse(text, problems);
        if (root == null) {
            return null;
        }
        JsonNode checked = schema.check(root, "", problems);
        return problems.isEmpty() ? checked : null;
    }

    /** The document's tree (an empty document is an empty mapping), or null after a syntax problem. */
    public static Node parse(String text, InputProblems problems) {
        try (JsonParser p = new YAMLFactory().createParser(text)) {
            if (p.nextToken() == null) {
                return new Mapping(Map.of(), 1);
            }
            Node root = node(p, problems);
            if (p.nextToken() != null) {
                problems.add(line(p), "a second YAML document starts here; give one document only");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            problems.add(
                    at == null ? 0 : at.getLineNr(),
                    "not valid YAML: " + e.getOriginalMessage().split("\n")[0]);
            return null;
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail", e);
        }
    }

    private static Node node(JsonParser p, InputProblems problems) throws IOException {
        int line = line(p);
        return switch (p.currentToken()) {
            case START_OBJECT -> {
                Map<String, Entry> entries = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    int keyLine = line(p);
                    p.nextToken();
                    Node value = node(p, problems);
                    if (value instanceof Mapping nested) {
                        value = new Mapping(nested.entries(), keyLine); // "image:" is where a missing key belongs
                    }
                    Entry first = entries.putIfAbsent(key, new Entry(keyLine, value));
                    if (first != null) {
                        problems.add(
                                keyLine,
                                "key '" + key + "' appears twice (first on line " + first.keyLine() + "); keep one");
                    }
                }
                yield new Mapping(entries, line);
            }
            case START_ARRAY -> {
                List<Node> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(node(p, problems));
                }
                yield new Sequence(items, line);
            }
            case VALUE_NULL -> new Scalar(JsonToken.VALUE_NULL, null, line);
            default -> new Scalar(p.currentToken(), p.getText(), line);
        };
    }

    private static int line(JsonParser p) {
        JsonLocation at = p.currentTokenLocation();
        return at == null ? 0 : at.getLineNr();
    }

    /** Any scalar but a boolean, as text: numbers keep the digits written ("1.10" stays "1.10"). */
    public static Type text() {
        return text(value -> {});
    }

    /**
     * Text that {@code check} accepts; it rejects a value by throwing an IllegalArgumentException or a UserError,
     * whose message becomes the problem.
     */
    public static Type text(Consumer<String> check) {
        return (node, path, problems) -> {
            if (!(node instanceof Scalar s)
                    || s.text() == null
                    || s.token() == JsonToken.VALUE_TRUE
                    || s.token() == JsonToken.VALUE_FALSE) {
                return wrongType(node, path, "text", problems);
            }
            return valid(s.text(), check, node.line(), name(path), problems) ? NODES.textNode(s.text()) : null;
        };
    }

    public static Type bool() {
        return (node, path, problems) ->
                node instanceof Scalar s && (s.token() == JsonToken.VALUE_TRUE || s.token() == JsonToken.VALUE_FALSE)
                        ? NODES.booleanNode(s.token() == JsonToken.VALUE_TRUE)
                        : wrongType(node, path, "true or false", problems);
    }

    public static Type integer(long min, long max) {
        return (node, path, problems) -> {
            if (!(node instanceof Scalar s) || s.token() != JsonToken.VALUE_NUMBER_INT) {
                return wrongType(node, path, "a whole number from " + min + " to " + max, problems);
            }
            long value;
            try {
                value = Long.parseLong(s.text().replace("_", ""));
            } catch (NumberFormatException e) {
                value = Long.MAX_VALUE;
            }
            if (value < min || value > max) {
                problems.add(node.line(), name(path) + " is " + s.text() + ", outside " + min + " to " + max);
                return null;
            }
            return NODES.numberNode(value);
        };
    }

    public static Type list(Type item) {
        return (node, path, problems) -> {
            if (!(node instanceof Sequence seq)) {
                return wrongType(node, path, "a list", problems);
            }
            ArrayNode out = NODES.arrayNode();
            for (int i = 0; i < seq.items().size(); i++) {
                out.add(nullToMissing(item.check(seq.items().get(i), path + "[" + i + "]", problems)));
            }
            return out;
        };
    }

    /** A mapping with free keys (environment variables, labels) that {@code keyCheck} accepts. */
    public static Type map(Consumer<String> keyCheck, Type value) {
        return (node, path, problems) -> {
            if (!(node instanceof Mapping m)) {
                return wrongType(node, path, "a mapping of key: value", problems);
            }
            ObjectNode out = NODES.objectNode();
            m.entries().forEach((key, entry) -> {
                if (valid(key, keyCheck, entry.keyLine(), "key '" + key + "' in " + name(path), problems)) {
                    out.set(key, nullToMissing(value.check(entry.value(), join(path, key), problems)));
                }
            });
            return out;
        };
    }

    public static ObjectType object() {
        return new ObjectType();
    }

    /** A mapping with known keys, some required. */
    public static final class ObjectType implements Type {
        private final Map<String, Type> types = new LinkedHashMap<>();
        private final List<String> required = new ArrayList<>();

        private ObjectType() {}

        public ObjectType required(String key, Type type) {
            required.add(key);
            return optional(key, type);
        }

        public ObjectType optional(String key, Type type) {
            types.put(key, type);
            return this;
        }

        @Override
        public JsonNode check(Node node, String path, InputProblems problems) {
            if (!(node instanceof Mapping m)) {
                return wrongType(node, path, "a mapping with the keys " + String.join(", ", types.keySet()), problems);
            }
            ObjectNode out = NODES.objectNode();
            m.entries().forEach((key, entry) -> {
                Type type = types.get(key);
                if (type == null) {
                    problems.add(
                            entry.keyLine(),
                            "unknown key '" + key + "'" + (path.isEmpty() ? "" : " in " + name(path)) + " (known keys: "
                                    + String.join(", ", types.keySet()) + ")");
                } else {
                    out.set(key, nullToMissing(type.check(entry.value(), join(path, key), problems)));
                }
            });
            for (String key : required) {
                if (!m.entries().containsKey(key)) {
                    problems.add(m.line(), "required key '" + join(path, key) + "' is missing");
                }
            }
            return out;
        }
    }

    private static boolean valid(String value, Consumer<String> check, int line, String what, InputProblems problems) {
        try {
            check.accept(value);
            return true;
        } catch (IllegalArgumentException | UserError e) {
            String why = e.getMessage() == null
                    ? e.getClass().getSimpleName()
                    : e.getMessage().split("\n")[0];
            problems.add(line, what + ": " + (why.endsWith(".") ? why.substring(0, why.length() - 1) : why));
            return false;
        }
    }

    private static JsonNode wrongType(Node node, String path, String expected, InputProblems problems) {
        problems.add(node.line(), name(path) + " must be " + expected + ", not " + describe(node));
        return null;
    }

    private static String describe(Node node) {
        return switch (node) {
            case Mapping m -> "a mapping";
            case Sequence s -> "a list";
            case Scalar s when s.text() == null -> "empty";
            case Scalar s when s.token() == JsonToken.VALUE_TRUE || s.token() == JsonToken.VALUE_FALSE -> s.text();
            case Scalar s when s.token() == JsonToken.VALUE_STRING -> "the text '" + s.text() + "'";
            case Scalar s -> s.text();
        };
    }

    private static JsonNode nullToMissing(JsonNode n) {
        return n == null ? NODES.nullNode() : n;
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String name(String path) {
        return path.isEmpty() ? "the document" : "'" + path + "'";
    }
}
