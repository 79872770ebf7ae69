package io.crossroot.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossroot.util.ConfinedRoot;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tar the build machine leaves on its output disk is written by the guest, so it is hostile input: nothing in it
 * may reach the host outside the build root, and only regular files come out.
 */
class VirtualBuildMachineOutputTest {
    @TempDir
    Path dir;

    private Path root;
    private Path outside;
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(dir.resolve("root"));
        Files.createDirectories(root.resolve("build"));
        outside = Files.writeString(dir.resolve("outside"), "host file\n");
    }

    @Test
    void regularFilesComeOutUnderTheHome() throws IOException {
        Path tar = tar(t -> {
            file(t, "hello_1.0_riscv64.deb", "deb");
            file(t, "./hello_1.0_riscv64.buildinfo", "info");
        });
        VirtualBuildMachine.copyBack(tar, new ConfinedRoot(root), "/build", log::add);
        assertThat(root.resolve("build/hello_1.0_riscv64.deb")).hasContent("deb");
        assertThat(root.resolve("build/hello_1.0_riscv64.buildinfo")).hasContent("info");
        assertThat(log).contains("machine: copied out hello_1.0_riscv64.deb (3 bytes)");
    }

    @Test
    void aNameThatClimbsOutIsRefusedWithANamedError() throws IOException {
        Path tar = tar(t -> file(t, "../../" + outside.getFileName(), "pwned"));
        assertThatThrownBy(() -> VirtualBuildMachine.copyBack(tar, new ConfinedRoot(root), "/build", log::add))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("the build machine's output disk")
                .hasMessageContaining("unsafe path");
        assertThat(outside).hasContent("host file\n");
    }

    @Test
    void linksDevicesAndDirectoriesAreSkipped() throws IOException {
        Path tar = tar(t -> {
            entry(t, "evil-symlink", TarConstants.LF_SYMLINK, outside.toString());
            entry(t, "evil-hardlink", TarConstants.LF_LINK, outside.toString());
            entry(t, "evil-device", TarConstants.LF_CHR, null);
            entry(t, "evil-fifo", TarConstants.LF_FIFO, null);
            entry(t, "evil-dir/", TarConstants.LF_DIR, null);
            file(t, "ok.deb", "deb");
        });
        VirtualBuildMachine.copyBack(tar, new ConfinedRoot(root), "/build", log::add);
        try (var left = Files.list(root.resolve("build"))) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("ok.deb");
        }
        assertThat(outside).hasContent("host file\n");
    }

    @Test
    void aSymlinkInTheRootIsFollowedInsideItNeverOntoTheHost() throws IOException {
        // an absolute link in the root names the root's own file, as it would for a chrooted process
        Files.createSymbolicLink(root.resolve("build/result.deb"), outside);
        Path tar = tar(t -> file(t, "result.deb", "from the guest"));
        VirtualBuildMachine.copyBack(tar, new ConfinedRoot(root), "/build", log::add);
        assertThat(outside).hasContent("host file\n");
        assertThat(root.resolve(outside.toString().substring(1))).hasContent("from the guest");
    }

    @Test
    void aTruncatedTarIsAClearError() throws IOException {
        Path whole = tar(t -> file(t, "big.deb", "x".repeat(4096)));
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.tar"), java.util.Arrays.copyOf(bytes, 512 + 1000));
        assertThatThrownBy(() -> VirtualBuildMachine.copyBack(cut, new ConfinedRoot(root), "/build", log::add))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("Could not read the artifacts the build machine wrote");
    }

    private interface Entries {
        void write(TarArchiveOutputStream t) throws IOException;
    }

    private Path tar(Entries entries) throws IOException {
        Path tar = dir.resolve("out-" + System.nanoTime() + ".tar");
        try (OutputStream out = Files.newOutputStream(tar);
                TarArchiveOutputStream t = new TarArchiveOutputStream(out)) {
            entries.write(t);
        }
        return tar;
    }

    private static void file(TarArchiveOutputStream t, String name, String content) throws IOException {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(name, true);
        e.setSize(data.length);
        t.putArchiveEntry(e);
        t.write(data);
        t.closeArchiveEntry();
    }

    private static void entry(TarArchiveOutputStream t, String name, byte type, String link) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, type, true);
        if (link != null) {
            e.setLinkName(link);
        }
        t.putArchiveEntry(e);
        t.closeArchiveEntry();
    }
}
