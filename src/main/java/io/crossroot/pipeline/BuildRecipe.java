package io.crossroot.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.crossroot.arch.ArchCatalog;
import io.crossroot.boot.BootProfile;
import io.crossroot.debian.resolve.Variant;
import io.crossroot.disk.DiskLayoutFile;
import io.crossroot.oci.ImageReference;
import io.crossroot.util.InputProblems;
import io.crossroot.util.Json;
import io.crossroot.util.StrictYaml;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

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

        @JsonDeserialize(using = LayoutYaml.Reader.class) @JsonSerialize(using = LayoutYaml.Writer.class)
        String layout,

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
            return new ObjectMapper(new YAMLFactory()
                            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
                    .writeValueAsString(this);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static BuildRecipe parse(byte[] yaml, String source) {
        InputProblems problems = new InputProblems(source);
        JsonNode tree = StrictYaml.read(new String(yaml, StandardCharsets.UTF_8), SCHEMA, problems);
        problems.throwIfAny("Fix the recipe; crossroot's default recipe (--print-recipe) shows every key.");
        try {
            return Json.mapper().treeToValue(tree, BuildRecipe.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a checked recipe did not bind: " + e.getOriginalMessage(), e);
        }
    }

    /** Every key of a recipe, checked before the build starts: nothing fails half-way for a typo. */
    private static final StrictYaml.Type SCHEMA = StrictYaml.object()
            .required("arch", StrictYaml.text(ArchCatalog::require))
            .required("suite", StrictYaml.text())
            .required("variant", StrictYaml.text(Variant::fromName))
            .optional("include", StrictYaml.list(StrictYaml.text()))
            .required("hostname", StrictYaml.text(BuildRecipe::hostname))
            .optional("emptyRootPassword", StrictYaml.bool())
            .required("image", StrictYaml.object().required("tag", StrictYaml.text(ImageReference::parse)))
            .required("profile", StrictYaml.text(BootProfile::parse))
            .required("layout", BuildRecipe::layout)
            .optional("qcow2", StrictYaml.bool())
            .required(
                    "boot",
                    StrictYaml.object()
                            .required("expect", StrictYaml.text(Pattern::compile))
                            .required("timeoutSeconds", StrictYaml.integer(1, 24 * 3600)));

    /**
     * The layout is a disk layout document, nested as a mapping or (as older recipes spell it) a string holding it;
     * its problems are reported at their lines in the recipe, and the recipe keeps it as YAML text either way.
     */
    private static JsonNode layout(StrictYaml.Node node, String path, InputProblems problems) {
        if (node instanceof StrictYaml.Mapping) {
            JsonNode checked = DiskLayoutFile.SCHEMA.check(node, path, problems);
            if (checked == null) {
                return null;
            }
            String text = LayoutYaml.text(checked);
            DiskLayoutFile.check(text, problems.embedded(node.line(), "layout"));
            return TextNode.valueOf(text);
        }
        JsonNode text = StrictYaml.text().check(node, path, problems);
        if (text != null) {
            // a block scalar ("layout: |") starts on the line after its key, a plain or quoted one on the key's line
            boolean block = node instanceof StrictYaml.Scalar s && s.text().contains("\n");
            DiskLayoutFile.check(text.textValue(), problems.embedded(node.line() + (block ? 1 : 0), "layout"));
        }
        return text;
    }

    private static void hostname(String name) {
        if (!name.matches(
                        "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*")
                || name.length() > 253) {
            throw new IllegalArgumentException("'" + name + "' is not a host name (letters, digits, '-' and '.')");
        }
    }
}
