package io.crossroot.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossroot.util.UserError;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DpkgStatusTest {
    private static final String STATUS = """
            Package: libc6
            Status: install ok installed
            Architecture: riscv64
            Source: glibc
            Version: 2.41-12

            Package: libgcc-s1
            Status: install ok installed
            Architecture: riscv64
            Source: gcc-14 (14.2.0-19)
            Version: 14.2.0-19

            Package: base-files
            Status: install ok installed
            Architecture: riscv64
            Version: 13.8

            Package: removed
            Status: deinstall ok config-files
            Architecture: riscv64
            Version: 1.0
            """;

    @TempDir
    Path tmp;

    @Test
    void listsInstalledPackagesWithTheirSources() throws IOException {
        Path root = rootWithStatus(STATUS);
        assertThat(DpkgStatus.read(root))
                .containsExactly(
                        new InstalledPackage("libc6", "2.41-12", "riscv64", "glibc", "2.41-12"),
                        new InstalledPackage("libgcc-s1", "14.2.0-19", "riscv64", "gcc-14", "14.2.0-19"),
                        new InstalledPackage("base-files", "13.8", "riscv64", "base-files", "13.8"));
    }

    @Test
    void aStatusFileLinkedOutOfTheRootIsNotRead() throws IOException {
        Path outside = Files.writeString(tmp.resolve("status-outside"), STATUS);
        Path root = tmp.resolve("root");
        Files.createDirectories(root.resolve("var/lib/dpkg"));
        Files.createSymbolicLink(root.resolve("var/lib/dpkg/status"), outside.toAbsolutePath());
        assertThatThrownBy(() -> DpkgStatus.read(root))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("has no dpkg status database");
    }

    @Test
    void aHugeStatusFileIsRefused() throws IOException {
        Path root = rootWithStatus(STATUS);
        try (RandomAccessFile f =
                new RandomAccessFile(root.resolve(DpkgStatus.PATH).toFile(), "rw")) {
            f.setLength(DpkgStatus.LIMIT + 1L); // sparse: no disk used
        }
        assertThatThrownBy(() -> DpkgStatus.read(root))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("larger than");
    }

    @Test
    void aStanzaWithoutItsIdentityIsADamagedDatabase() throws IOException {
        Path root = rootWithStatus("Package: x\nStatus: install ok installed\n");
        assertThatThrownBy(() -> DpkgStatus.read(root))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("damaged");
    }

    private Path rootWithStatus(String text) throws IOException {
        Path root = tmp.resolve("root");
        Path dir = Files.createDirectories(root.resolve("var/lib/dpkg"));
        Files.write(dir.resolve("status"), text.getBytes(StandardCharsets.UTF_8));
        return root;
    }
}
