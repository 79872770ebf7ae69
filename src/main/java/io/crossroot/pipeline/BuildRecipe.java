package io.crossroot.pipeline;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What `crossroot build` makes: a root file system, its container image, a bootable disk and the boot check.
 * The embedded default is a Debian trixie riscv64 system for QEMU's virt board.
 */
public record BuildRecipe(
        String arch,
        String suite,
        String variant,
        List<String> include,
        String hostname,
        boolean emptyRootPassword,
        Image image,
        String profile,
        @JsonDeserialize(using = LayoutYaml.Reader.class) @JsonSerialize(using = LayoutYaml.Writer.class) String layout,
        boolean qcow2,
        Boot boot) {

    public record Image(String tag) {}

    public record Boot(String expect, int timeoutSeconds) {}

    private static final String DEFAULT = "default-build.yaml";

    public BuildRecipe {
        include = include == null ? List.of() : List.copyOf(include);
    }

    public static BuildRecipe embeddedDefault() {
        try (InputStream in = BuildRecipe.class.getResourceAsStream(DEFAULT)) {
            return parse(in.readAllBytes(), "crossroot's default recipe");
        } catch (IOException e) {
            throw new IllegalStateException("the embedded default recipe is missing", e);
        }
    }

    public static BuildRecipe read(Path file) {
        try {
            return parse(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new UserError("Cannot read the build recipe " + file + ": " + e.getMessage() + ".", e);
        }
    }

    /** The recipe as YAML, layout included as a mapping; {@link #read} gives this recipe back. */
    public String toYaml() {
        try {
            return new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)).writeValueAsString(this);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static BuildRecipe parse(byte[] yaml, String source) {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        BuildRecipe r;
        try {
            r = mapper.readValue(yaml, BuildRecipe.class);
        } catch (JsonMappingException e) {
            JsonLocation at = e.getLocation();
            String field = e.getPath().isEmpty() ? "" : " field '" + e.getPath().get(e.getPath().size() - 1).getFieldName() + "'";
            throw new UserError(source + (at != null ? " line " + at.getLineNr() : "") + field + ": "
                    + e.getOriginalMessage().split("\n")[0] + ". Fix the recipe; crossroot's default recipe shows every field.", e);
        } catch (IOException e) {
            throw new UserError(source + " is not valid YAML: " + e.getMessage().split("\n")[0] + ".", e);
        }
        if (r == null) {
            throw new UserError(source + " holds no recipe (it is empty or only a YAML tag). Write one; "
                    + "'crossroot build --print-recipe' shows every field.");
        }
        for (var required : new Object[][] {{"arch", r.arch}, {"suite", r.suite}, {"profile", r.profile}, {"layout", r.layout}}) {
            if (required[1] == null) {
                throw new UserError(source + " has no '" + required[0] + "'. Add it; crossroot's default recipe shows every field.");
            }
        }
        return r;
    }
}
