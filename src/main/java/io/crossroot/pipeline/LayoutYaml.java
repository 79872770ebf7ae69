package io.crossroot.pipeline;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;

/**
 * A recipe's {@code layout:} is a disk layout document. It is written as a nested mapping, and read either as one
 * or as a string holding the document (how older recipes spell it); the recipe keeps it as YAML text either way.
 */
final class LayoutYaml {
    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

    private LayoutYaml() {}

    /** A checked layout mapping as the YAML text the recipe keeps. */
    static String text(JsonNode mapping) {
        try {
            return YAML.writeValueAsString(mapping);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Reads a string as it is, a mapping as the YAML text of that mapping. */
    static final class Reader extends JsonDeserializer<String> {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                return p.getText();
            }
            if (p.currentToken() != JsonToken.START_OBJECT) {
                return (String) ctxt.handleUnexpectedToken(String.class, p);
            }
            JsonNode tree = p.readValueAsTree();
            return YAML.writeValueAsString(tree);
        }
    }

    /** Writes the layout text as the mapping it holds. */
    static final class Writer extends JsonSerializer<String> {
        @Override
        public void serialize(String layout, JsonGenerator gen, SerializerProvider provider) throws IOException {
            JsonNode tree = YAML.readTree(layout);
            if (tree == null || !tree.isObject()) {
                gen.writeString(layout); // not a mapping: nothing to nest, so it stays the text it is
            } else {
                gen.writeTree(tree);
            }
        }
    }
}
