package io.crossroot.image;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.crossroot.arch.ArchCatalog;
import io.crossroot.debian.resolve.Variant;
import io.crossroot.oci.ImageReference;
import io.crossroot.rpm.repo.RecipeRepos;
import io.crossroot.util.InputProblems;
import io.crossroot.util.Json;
import io.crossroot.util.StrictYaml;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads an image recipe strictly: every unknown or duplicate key, wrong type and bad value (an unknown
 * architecture, an invalid tag) is reported with its line before anything is built.
 */
public final class RecipeReader {
    /** Built on first read only: a build from flags alone validates without it. */
    private static final class Schema {
        static final StrictYaml.Type RECIPE = StrictYaml.object()
                .optional("distro", StrictYaml.text())
                .optional("suite", StrictYaml.text())
                .optional("variant", StrictYaml.text(Variant::fromName))
                .optional("arches", StrictYaml.list(StrictYaml.text(ArchCatalog::require)))
                .optional("packages", StrictYaml.list(StrictYaml.text()))
                .optional("files", StrictYaml.map(key -> {}, StrictYaml.text()))
                .optional("run", StrictYaml.list(StrictYaml.text()))
                .optional("env", StrictYaml.map(RecipeReader::envName, StrictYaml.text()))
                .optional("cmd", StrictYaml.list(StrictYaml.text()))
                .optional("workdir", StrictYaml.text())
                .optional("labels", StrictYaml.map(key -> {}, StrictYaml.text()))
                .optional("tag", StrictYaml.text(ImageReference::parse))
                .optional("scripts", StrictYaml.bool())
                .optional("skipScriptsOf", StrictYaml.list(StrictYaml.text()))
                .optional("repoType", StrictYaml.text(RecipeRepos::repoType))
                .optional("repos", StrictYaml.list(StrictYaml.text()))
                .optional("releasever", StrictYaml.text())
                .optional("gpgkeys", StrictYaml.list(StrictYaml.text()))
                .optional("keyFingerprints", StrictYaml.list(StrictYaml.text(RecipeRepos::fingerprint)))
                .optional("weakDeps", StrictYaml.bool());
    }

    private RecipeReader() {}

    public static ImageRecipe read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UserError("Cannot read the recipe " + file + ": " + e.getMessage() + ".", e);
        }
        InputProblems problems = new InputProblems(file.toString());
        JsonNode tree = StrictYaml.read(text, Schema.RECIPE, problems);
        problems.throwIfAny("Fix the recipe; examples/ shows every key.");
        RecipeRepos.check(tree, file.toString(), false);
        ImageRecipe recipe;
        try {
            recipe = Json.mapper().treeToValue(tree, ImageRecipe.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a checked recipe did not bind: " + e.getOriginalMessage(), e);
        }
        return validate(recipe, file.toString());
    }

    /** Checks what command-line flags may have changed: a known distribution, some known architectures. */
    public static ImageRecipe validate(ImageRecipe r, String origin) {
        if (!r.isRpmMd() && !ImageRecipe.DEBIAN.equals(r.distro())) {
            throw new UserError(origin + ": field 'distro' is '" + r.distro() + "', but a Debian mirror gives only "
                    + "'debian'; for an RPM distribution add 'repoType: rpm-md' with its repos and gpgkeys.");
        }
        if (r.isRpmMd() && !r.scripts()) {
            throw new UserError(origin + ": a build without scripts ('scripts: false', --no-scripts) is offered for "
                    + "Debian recipes only for now; drop it from this rpm-md recipe.");
        }
        if (r.arches().isEmpty()) {
            throw new UserError(origin + ": no architectures: set 'arches:' (e.g. [riscv64, arm64]) or give --arch.");
        }
        r.arches().forEach(ArchCatalog::require);
        if (!r.scripts() && !r.run().isEmpty()) {
            throw new UserError(
                    origin + ": 'run:' commands run inside the image under emulation, which a build "
                            + "without scripts ('scripts: false', --no-scripts) never starts. Drop them, or build with scripts.");
        }
        if (r.scripts() && !r.skipScriptsOf().isEmpty()) {
            throw new UserError(origin + ": 'skipScriptsOf' (--skip-scripts-of) applies only to a build without "
                    + "scripts: add 'scripts: false' (--no-scripts), or drop it.");
        }
        return r;
    }

    private static void envName(String name) {
        if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(
                    "'" + name + "' cannot name an environment variable (empty, '=' or NUL)");
        }
    }
}
