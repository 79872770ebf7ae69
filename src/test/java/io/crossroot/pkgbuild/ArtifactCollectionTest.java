package io.crossroot.pkgbuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dpkg-buildpackage leaves its results beside the source tree, in the build user's home. */
class ArtifactCollectionTest {
    @Test
    void collectsTheDebsBuildinfoAndChangesFromTheHomeDirectory(
            @TempDir Path home, @TempDir Path out, @TempDir Path tree) throws IOException {
        for (String f : new String[] {
            "hello_2.12.3-1_riscv64.deb",
            "hello-dbgsym_2.12.3-1_riscv64.deb",
            "hello_2.12.3-1_riscv64.buildinfo",
            "hello_2.12.3-1_riscv64.changes",
            "hello_2.12.3-1.dsc"
        }) {
            Files.writeString(home.resolve(f), f);
        }
        Files.createDirectories(home.resolve("hello-2.12.3/debian"));
        Files.writeString(home.resolve("hello-2.12.3/debian/not-an-artifact.deb"), "x");
        Files.createDirectories(tree.resolve("debian"));
        Files.copy(
                Path.of("src/test/resources/fixtures/pkgbuild/hello-2.12.3-1.debian-control"),
                tree.resolve("debian/control"));
        Files.writeString(tree.resolve("debian/changelog"), "hello (2.12.3-1) unstable; urgency=medium\n");
        DebianPackageBuild format = new DebianPackageBuild(SourceTree.load(tree), "riscv64", Set.of());
        var collected = PackageBuilder.collect(home, format, out);
        assertThat(collected)
                .extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder(
                        "hello_2.12.3-1_riscv64.deb", "hello-dbgsym_2.12.3-1_riscv64.deb",
                        "hello_2.12.3-1_riscv64.buildinfo", "hello_2.12.3-1_riscv64.changes");
        assertThat(out.resolve("hello_2.12.3-1_riscv64.deb")).hasContent("hello_2.12.3-1_riscv64.deb");
    }
}
