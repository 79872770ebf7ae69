package io.crossroot.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossroot.arch.ArchCatalog;
import io.crossroot.rootfs.RootfsProgress;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recipe's 'files:' whose sources or destinations use '..' or go through symlinks of the image or the recipe's
 * directory: read from a real recipe file and copied by the real step, they land inside the image (as in a chroot)
 * or fail with an error naming them; the host sentinel the hostile paths aim at stays as it was.
 */
class HostileRecipeFilesTest {
    @TempDir
    Path tmp;

    Path image;
    Path recipeDir;
    Path host; // stands for the host: outside the image and the recipe's directory
    Path sentinel;

    @BeforeEach
    void setUp() throws IOException {
        image = Files.createDirectories(tmp.resolve("image"));
        Files.createDirectories(image.resolve("etc"));
        recipeDir = Files.createDirectories(tmp.resolve("recipe"));
        Files.writeString(recipeDir.resolve("payload.txt"), "from the recipe\n");
        host = Files.createDirectory(tmp.resolve("host"));
        sentinel = Files.writeString(host.resolve("sentinel"), "host file\n");
    }

    private void apply(String files) throws Exception {
        Path recipe = Files.writeString(recipeDir.resolve("recipe.yaml"), "arches: [riscv64]\nfiles:\n" + files);
        ImageRecipe r = RecipeReader.read(recipe);
        new RecipeSteps(null, RootfsProgress.NONE).apply(r, recipeDir, ArchCatalog.require("riscv64"), image);
    }

    private void assertHostUntouched() throws IOException {
        try (Stream<Path> s = Files.list(host)) {
            assertThat(s.toList()).containsExactly(sentinel);
        }
        assertThat(sentinel).hasContent("host file");
    }

    /** Where a chroot of the image sees the host path {@code p}. */
    private Path inImage(Path p) {
        return image.resolve(p.getRoot().relativize(p));
    }

    @Test
    void dotDotDestinationsStopAtTheImagesRoot() throws Exception {
        String up = "../../../../../../.." + host;
        apply("  payload.txt: \"" + up + "/sentinel\"\n  ./payload.txt: \"/" + up + "/new\"\n");
        assertHostUntouched();
        assertThat(inImage(host).resolve("sentinel")).hasContent("from the recipe");
        assertThat(inImage(host).resolve("new")).hasContent("from the recipe");
    }

    @Test
    void destinationsThroughTheImagesSymlinksStayInside() throws Exception {
        Files.createSymbolicLink(image.resolve("etc/dir"), host); // absolute: names a host directory
        Files.createSymbolicLink(image.resolve("etc/file"), sentinel); // absolute: names a host file
        Files.createSymbolicLink(image.resolve("etc/up"), Path.of("../../../../../../.." + host));
        apply("  payload.txt: /etc/dir/new\n  recipe.yaml: /etc/file\n  ./payload.txt: /etc/up/\n");
        assertHostUntouched();
        assertThat(inImage(host).resolve("new")).hasContent("from the recipe");
        assertThat(inImage(host).resolve("payload.txt")).hasContent("from the recipe");
        assertThat(inImage(sentinel)).content().contains("arches: [riscv64]");
    }

    @Test
    void sourcesOutsideTheRecipesDirectoryAreNotCopiedIn() throws Exception {
        Files.createSymbolicLink(recipeDir.resolve("secret"), sentinel);
        for (String source : new String[] {"../host/sentinel", "secret", host + "/sentinel"}) {
            assertThatThrownBy(() -> apply("  \"" + source + "\": /etc/copied\n"))
                    .as(source)
                    .isInstanceOf(UserError.class)
                    .hasMessageContaining("'" + source + "' does not exist in " + recipeDir);
        }
        assertThat(image.resolve("etc/copied")).doesNotExist();
        assertHostUntouched();
    }
}
