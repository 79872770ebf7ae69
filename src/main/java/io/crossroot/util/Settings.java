package io.crossroot.util;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The user's crossroot configuration file (YAML), e.g.
 * <pre>
 * mirror: http://mirror.example/debian/
 * keyrings: [/usr/share/keyrings/debian-archive-keyring.gpg]
 * </pre>
 * Command-line options override it; it overrides the host's apt configuration.
 */
public record Settings(Optional<URI> mirror, List<Path> keyrings) {
    public static Settings none() {
        return new Settings(Optional.empty(), List.of());
    }

    /** Reads {@link Dirs#configFile()} when it exists. */
    public static Settings load() {
        return load(Dirs.configFile());
    }

    public static Settings load(Path file) {
        if (!Files.isRegularFile(file)) {
            return none();
        }
        try {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
            if (root == null || root.isMissingNode() || root.isNull()) {
                return none();
            }
            if (!root.isObject()) {
                throw new UserError(
                        "The crossroot config file " + file + " must be a YAML mapping (e.g. 'mirror: URL').");
            }
            Optional<URI> mirror = Optional.empty();
            JsonNode m = root.get("mirror");
            if (m != null && !m.isNull()) {
                mirror = Optional.of(URI.create(m.asText().endsWith("/") ? m.asText() : m.asText() + "/"));
            }
            List<Path> keyrings = new ArrayList<>();
            JsonNode k = root.get("keyrings");
            if (k != null && k.isArray()) {
                k.forEach(n -> keyrings.add(Path.of(n.asText())));
            }
            return new Settings(mirror, List.copyOf(keyrings));
        } catch (IOException | IllegalArgumentException e) {
            throw new UserError(
                    "Cannot read the crossroot config file " + file + ": " + e.getMessage() + ". Fix or remove it.", e);
        }
    }
}
