package io.crossroot.oci.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossroot.util.UserError;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A root file system tar from someone else (image build --rootfs X.tar) is checked as the .deb reader checks members. */
class HostileTarTest {
    @TempDir
    Path tmp;

    private interface Members {
        void write(TarArchiveOutputStream tar) throws IOException;
    }

    private Path tar(Members members) throws IOException {
        Path p = tmp.resolve("rootfs.tar");
        try (OutputStream out = Files.newOutputStream(p);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            members.write(tar);
        }
        return p;
    }

    private static void file(TarArchiveOutputStream tar, String name, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(bytes.length);
        tar.putArchiveEntry(e);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }

    private static void entry(TarArchiveOutputStream tar, String name, byte type, String link) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, type);
        if (link != null) {
            e.setLinkName(link);
        }
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
    }

    private List<LayerEntry> entries(Path tar) throws IOException {
        try (TarTree tree = TarTree.open(tar)) {
            return tree.entries();
        }
    }

    @Test
    void aDotDotMemberIsRefusedNamingTheTar() throws IOException {
        Path tar = tar(t -> {
            entry(t, "./", TarConstants.LF_DIR, null);
            file(t, "./../../etc/cron.d/evil", "* * * * * root id\n");
        });
        assertThatThrownBy(() -> entries(tar))
                .isInstanceOf(UserError.class)
                .hasMessageContaining(tar.toString())
                .hasMessageContaining("'./../../etc/cron.d/evil'");
    }

    @Test
    void anAbsoluteMemberStaysInsideTheLayer() throws IOException {
        Path tar = tar(t -> file(t, "/etc/hostname", "box\n"));
        assertThat(entries(tar)).extracting(LayerEntry::name).containsExactly("etc/hostname");
    }

    @Test
    void cyclicHardLinksAreRefusedNotOverflowed() throws IOException {
        Path tar = tar(t -> {
            entry(t, "a", TarConstants.LF_LINK, "b");
            entry(t, "b", TarConstants.LF_LINK, "a");
        });
        assertThatThrownBy(() -> entries(tar))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("hard link a points to b")
                .hasMessageContaining("not a regular file earlier");
    }

    @Test
    void aHardLinkToADirectoryIsRefused() throws IOException {
        Path tar = tar(t -> {
            entry(t, "etc/", TarConstants.LF_DIR, null);
            entry(t, "etc2", TarConstants.LF_LINK, "etc");
        });
        assertThatThrownBy(() -> entries(tar))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("hard link etc2 points to etc");
    }

    @Test
    void aHardLinkToALaterFileIsRefused() throws IOException {
        Path tar = tar(t -> {
            entry(t, "bin/sh", TarConstants.LF_LINK, "bin/dash");
            file(t, "bin/dash", "#!\n");
        });
        assertThatThrownBy(() -> entries(tar))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("hard link bin/sh points to bin/dash");
    }

    @Test
    void aHardLinkToAnEarlierFileSharesItsData() throws IOException {
        Path tar = tar(t -> {
            file(t, "usr/bin/gzip", "gzip");
            entry(t, "usr/bin/gunzip", TarConstants.LF_LINK, "./usr/bin/gzip");
        });
        LayerEntry link = entries(tar).stream()
                .filter(e -> e.name().equals("usr/bin/gunzip"))
                .findFirst()
                .orElseThrow();
        assertThat(link.type()).isEqualTo(LayerEntry.Type.FILE);
        assertThat(link.size()).isEqualTo(4);
    }
}
