package io.crossroot.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.crossroot.arch.Arch;
import io.crossroot.arch.ArchCatalog;
import io.crossroot.debian.DebianRepository;
import io.crossroot.rootfs.RootfsProgress;
import io.crossroot.sandbox.ChrootSandbox;
import io.crossroot.testing.BusyboxImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A recipe's files: and run: on a busybox-only riscv64 tree, the command emulated in the chroot sandbox. */
@Tag("mirror")
class RecipeStepsTest {
    @TempDir
    Path tmp;

    @Test
    void filesAreCopiedInAndRunCommandsRunInsideUnderEmulation() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "the chroot sandbox and binfmt_misc need root");
        DebianRepository repo = BusyboxImage.repository();
        Arch riscv64 = ArchCatalog.require("riscv64");
        Path root = BusyboxImage.rootfs(repo, riscv64, tmp.resolve("root"));
        // The sandbox starts commands through /usr/bin/env, which busybox provides as an applet.
        Files.createDirectories(root.resolve("usr/bin"));
        Files.createSymbolicLink(root.resolve("usr/bin/env"), Path.of("../../bin/busybox"));
        BusyboxImage.ensureBinfmt(repo, List.of(riscv64));
        Path recipeDir = Files.createDirectories(tmp.resolve("recipe"));
        Files.writeString(recipeDir.resolve("greeting.txt"), "hello from the recipe\n");
        ImageRecipe recipe = new ImageRecipe(
                null,
                null,
                null,
                List.of("riscv64"),
                null,
                Map.of("greeting.txt", "/etc/greeting"),
                List.of(
                        "busybox sh -c 'echo hi > /etc/motd'",
                        "uname -m > /etc/machine; cat /etc/greeting >> /etc/machine"),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);

        new RecipeSteps(new ChrootSandbox(), RootfsProgress.NONE).apply(recipe, recipeDir, riscv64, root);

        assertThat(root.resolve("etc/motd")).hasContent("hi");
        assertThat(root.resolve("etc/machine")).hasContent("riscv64\nhello from the recipe");
    }
}
