package io.crossroot.pipeline;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
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
import io.crossroot.rpm.repo.RecipeRepos;
import io.crossroot.rpm.repo.RpmRepoSet;
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
 * The embedded default is a Debian trixie riscv64 system for QEMU's virt board; crossroot also ships recipes for
 * RPM distributions ({@link #SHIPPED}), whose root comes from rpm-md repositories ({@code repoType: rpm-md}).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record BuildRecipe(
        String arch,
        String distro,
        String suite,
        String variant,
        String repoType,
        List<String> repos,
        String releasever,
        List<String> gpgkeys,
        List<String> keyFingerprints,
        Boolean weakDeps,
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

    /** The recipes crossroot carries besides its default, by name (resources recipes/NAME.yaml). */
    public static final List<String> SHIPPED = List.of(
            "openeuler-24.03-riscv64",
            "openeuler-24.03-aarch64",
            "openeuler-24.03-x86_64",
            "fedora-43-aarch64",
            "fedora-43-x86_64",
            "fedora-43-riscv64");

    public BuildRecipe {
        include = include == null ? List.of() : List.copyOf(include);
        repos = repos == null ? List.of() : List.copyOf(repos);
        gpgkeys = gpgkeys == null ? List.of() : List.copyOf(gpgkeys);
        keyFingerprints = keyFingerprints == null ? List.of() : List.copyOf(keyFingerprints);
    }

    /** What the root is, for messages and inventories: the Debian suite, or an rpm-md recipe's distro label. */
    @JsonIgnore
    public String release() {
        return isRpmMd() ? (distro != null ? distro : RecipeRepos.RPM_MD) : suite;
    }

    /** Whether the root comes from rpm-md repositories rather than a Debian mirror. */
    @JsonIgnore
    public boolean isRpmMd() {
        return RecipeRepos.isRpmMd(repoType);
    }

    /** The rpm-md repositories of an rpm-md recipe. */
    @JsonIgnore
    public RpmRepoSet rpmRepos() {
        return new RpmRepoSet(repos, releasever, gpgkeys, keyFingerprints);
    }

    /** Whether weak dependencies are installed (dnf's default: yes). */
    @JsonIgnore
    public boolean installsWeakDeps() {
        return weakDeps == null || weakDeps;
    }

    /** A shipped recipe by name ({@link #SHIPPED}). */
    public static BuildRecipe shipped(String name) {
        if (!SHIPPED.contains(name)) {
            throw new UserError("crossroot ships no recipe named '" + name + "'; it ships " + String.join(", ", SHIPPED)
                    + " (or give a recipe file).");
        }
        try (InputStream in = BuildRecipe.class.getResourceAsStream("recipes/" + name + ".yaml")) {
            return parse(in.readAllBytes(), "crossroot's recipe " + name);
        } catch (IOException e) {
            throw new IllegalStateException("the shipped recipe " + name + " is missing", e);
        }
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
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UserError("The build recipe " + file + " does not exist. Give a recipe file, or the name of one "
                    + "crossroot ships: " + String.join(", ", SHIPPED) + ".");
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
        RecipeRepos.check(tree, source, true);
        try {
            return Json.mapper().treeToValue(tree, BuildRecipe.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a checked recipe did not bind: " + e.getOriginalMessage(), e);
        }
    }

    /** Every key of a recipe, checked before the build starts: nothing fails half-way for a typo. */
    private static final StrictYaml.Type SCHEMA = StrictYaml.object()
            .required("arch", StrictYaml.text(ArchCatalog::require))
            .optional("distro", StrictYaml.text())
            .optional("suite", StrictYaml.text())
            .optional("variant", StrictYaml.text(Variant::fromName))
            .optional("repoType", StrictYaml.text(RecipeRepos::repoType))
            .optional("repos", StrictYaml.list(StrictYaml.text()))
            .optional("releasever", StrictYaml.text())
            .optional("gpgkeys", StrictYaml.list(StrictYaml.text()))
            .optional("keyFingerprints", StrictYaml.list(StrictYaml.text(RecipeRepos::fingerprint)))
            .optional("weakDeps", StrictYaml.bool())
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
