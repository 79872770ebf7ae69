package io.crossroot.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The light tree path must give exactly what Jackson's mapper gives, which it stands in for. */
class JsonTest {
    @Test
    void writtenTreesAreTheMappersBytes() throws Exception {
        ObjectNode n = Json.object();
        n.put("created", "2024-01-01T00:00:00Z");
        n.put("schemaVersion", 2);
        n.put("size", 12_345_678_901L);
        n.put("huge", new BigInteger("123456789012345678901234567890"));
        n.put("ratio", 0.25);
        n.put("exact", new BigDecimal("1.50"));
        n.put("ok", true);
        n.putNull("nothing");
        n.putObject("config").putArray("Env").add("PATH=/usr/bin").add("quote \" backslash \\ tab \t ü \u2028 \u0001");
        n.putArray("empty");
        n.putObject("labels").put("org.opencontainers.image.title", "crossroot");
        n.putArray("mixed").add(1).add("two").addNull().add(false).addObject().put("k", "v");

        assertThat(Json.bytes(n)).isEqualTo(Json.mapper().writeValueAsBytes(n));
        assertThat(Json.bytes(Json.array())).isEqualTo("[]".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readTreesEqualTheMappersTrees() throws Exception {
        String[] documents = {
            "{\"status\":\"sha256:4ec9\",\"progressDetail\":{},\"id\":null}",
            "[{\"Id\":\"sha256:ab\",\"RepoTags\":[\"a:b\"],\"Size\":109496320,\"Created\":1700000000,"
                    + "\"Big\":123456789012345678901234567890,\"Float\":1.5e3,\"Neg\":-7,\"T\":true,\"F\":false}]",
            "{\"message\":\"No such image: x \\u00fc \\\"quoted\\\"\",\"nested\":{\"a\":[[],[{}]]}}",
            "\"just a string\"",
            "42",
            "{\"dup\":1,\"dup\":2}",
        };
        for (String doc : documents) {
            JsonNode light = Json.read(doc);
            assertThat(light).as(doc).isEqualTo(Json.mapper().readTree(doc));
            assertThat(Json.read(doc.getBytes(StandardCharsets.UTF_8))).as(doc).isEqualTo(light);
            assertThat(Json.bytes(light)).as(doc).isEqualTo(Json.mapper().writeValueAsBytes(light));
        }
        assertThat(Json.read("").isMissingNode()).isTrue();
        assertThat(Json.read("   ")).isEqualTo(Json.mapper().readTree("   "));
    }

    @Test
    void malformedJsonFailsAsTheMappersDoes() {
        assertThatThrownBy(() -> Json.read("{\"a\":")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> Json.read("{\"a\" 1}")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> Json.mapper().readTree("{\"a\" 1}")).isInstanceOf(IOException.class);
    }
}
