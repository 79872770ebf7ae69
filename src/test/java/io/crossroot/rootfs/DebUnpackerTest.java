package io.crossroot.rootfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossroot.debian.Fixtures;
import io.crossroot.debian.deb.DebFile;
import io.crossroot.debian.deb.DebUnpacker;
import io.crossroot.debian.deb.UnpackedPackage;
import io.crossroot.rootfs.TestDebs.Member;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DebUnpackerTest {
    @TempDir
    Path tmp;

    @Test
    void unpacksARealPackageAsDpkgWould() throws IOException {
        Path root = Files.createDirectory(tmp.resolve("root"));
        UnpackedPackage p = new DebUnpacker(root).unpack(DebFile.of(Fixtures.path("netbase_6.5_all.deb")));

        assertThat(p.name()).isEqualTo("netbase");
        assertThat(p.paths()).first().isEqualTo("/.");
        assertThat(p.paths()).contains("/etc", "/etc/services", "/usr/share/doc/netbase/copyright");
        assertThat(p.conffiles()).contains("/etc/services", "/etc/protocols");
        // conffiles wait for "dpkg --configure" under their .dpkg-new name
        assertThat(root.resolve("etc/services")).doesNotExist();
        assertThat(root.resolve("etc/services.dpkg-new")).isRegularFile();
        assertThat(Files.getAttribute(root.resolve("etc/services.dpkg-new"), "unix:mode"))
                .isEqualTo(0100644);
        assertThat(Files.getAttribute(root.resolve("usr/share/doc/netbase"), "unix:mode"))
                .isEqualTo(040755);
        assertThat(Files.getAttribute(root.resolve("usr/share/doc/netbase/copyright"), "unix:uid"))
                .isEqualTo(0);
        assertThat(p.controlFiles()).containsKeys("md5sums", "conffiles").doesNotContainKey("control");
    }

    @Test
    void keepsSetuidModesSymlinksAndHardLinks() throws IOException {
        Path root = Files.createDirectory(tmp.resolve("root"));
        Path deb = TestDebs.deb(
                tmp.resolve("t.deb"),
                "tt",
                Member.dir("./usr/"),
                Member.dir("./usr/bin/"),
                Member.setuid("./usr/bin/su", "x"),
                Member.symlink("./usr/bin/sh", "dash"),
                Member.hardlink("./usr/bin/su2", "./usr/bin/su"));
        UnpackedPackage p = new DebUnpacker(root).unpack(DebFile.of(deb));

        assertThat(Files.getAttribute(root.resolve("usr/bin/su"), "unix:mode")).isEqualTo(0104755);
        assertThat(Files.readSymbolicLink(root.resolve("usr/bin/sh")).toString())
                .isEqualTo("dash");
        assertThat(Files.getAttribute(root.resolve("usr/bin/su2"), "unix:nlink"))
                .isEqualTo(2);
        // a package without md5sums gets them computed, as dpkg does
        assertThat(new String(p.controlFiles().get("md5sums"), StandardCharsets.UTF_8))
                .contains("9dd4e461268c8034f5c8564e155c67a6  usr/bin/su");
    }

    @Test
    void unpacksThroughSymlinksButNeverOutOfTheRoot() throws IOException {
        Path root = Files.createDirectory(tmp.resolve("root"));
        Path outside = Files.createDirectory(tmp.resolve("outside"));
        Path deb = TestDebs.deb(
                tmp.resolve("t.deb"),
                "tt",
                Member.dir("./usr/"),
                Member.dir("./usr/lib/"),
                Member.symlink("./lib", "usr/lib"),
                Member.file("./lib/a", "a"),
                Member.dir("./outside/"),
                Member.symlink("./up", "../../../../outside"),
                Member.file("./up/b", "b"),
                Member.symlink("./abs", "/usr/lib"),
                Member.dir("./abs/"),
                Member.file("./abs/c", "c"));
        new DebUnpacker(root).unpack(DebFile.of(deb));

        assertThat(root.resolve("usr/lib/a")).hasContent("a"); // merged /usr: through the link
        assertThat(root.resolve("outside/b")).hasContent("b"); // ".." stops at the root
        assertThat(outside).isEmptyDirectory();
        assertThat(root.resolve("usr/lib/c")).hasContent("c"); // an absolute link points into the root
        assertThat(Path.of("/usr/lib/c")).doesNotExist();
    }

    @Test
    void danglingLinksAsDirectoriesAreRefused() throws IOException {
        Path root = Files.createDirectory(tmp.resolve("root"));
        Path outside = Files.createDirectory(tmp.resolve("outside"));
        Path deb = TestDebs.deb(
                tmp.resolve("t.deb"), "tt", Member.symlink("./abs", outside.toString()), Member.file("./abs/c", "c"));
        assertThatThrownBy(() -> new DebUnpacker(root).unpack(DebFile.of(deb)))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("does not exist inside the root");
        assertThat(outside).isEmptyDirectory();
    }

    @Test
    void rejectsDotDotMembers() throws IOException {
        Path root = Files.createDirectory(tmp.resolve("root"));
        for (String evil : new String[] {"../evil", "./usr/../../evil", "./a/./b"}) {
            Path deb = TestDebs.deb(tmp.resolve("evil.deb"), "evil", Member.file(evil, "x"));
            assertThatThrownBy(() -> new DebUnpacker(root).unpack(DebFile.of(deb)))
                    .isInstanceOf(UserError.class)
                    .hasMessageContaining("unsafe path");
        }
        assertThat(tmp.resolve("evil")).doesNotExist();
    }

    @Test
    void hardLinksMustPointInsideThePackage() throws IOException {
        Path root = Files.createDirectory(tmp.resolve("root"));
        Path deb = TestDebs.deb(tmp.resolve("t.deb"), "tt", Member.hardlink("./x", "../../etc/passwd"));
        assertThatThrownBy(() -> new DebUnpacker(root).unpack(DebFile.of(deb))).isInstanceOf(UserError.class);
        assertThat(root.resolve("x")).doesNotExist();
        assertThat(Files.exists(root.resolve("x"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    }
}
