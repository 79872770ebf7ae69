package io.crossroot.rootfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuiltTreeNormaliserTest {
    @TempDir
    Path root;

    private Path write(String name, String content) throws Exception {
        Path p = root.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, content);
    }

    @Test
    void dropsCachesLogsAndMachineIdAndPinsShadowDates() throws Exception {
        write("var/cache/apt/pkgcache.bin", "x");
        write("var/lib/apt/lists/deb_dists_trixie_InRelease", "x");
        write("var/lib/apt/lists/lock", "");
        Files.createDirectories(root.resolve("var/lib/apt/lists/partial"));
        write("var/log/dpkg.log", "2026-11-26 01:00:00 install\n");
        write("var/cache/ldconfig/aux-cache", "x");
        write("etc/machine-id", "0123456789abcdef0123456789abcdef\n");
        write("etc/shadow", "root:*:20418:0:99999:7:::\nnobody:*:20418:0:99999:7:::\n");

        BuiltTreeNormaliser.normalise(root, OptionalLong.of(86400L * 20000 + 5));

        assertThat(root.resolve("var/cache/apt/pkgcache.bin")).doesNotExist();
        assertThat(root.resolve("var/log/dpkg.log")).doesNotExist();
        assertThat(root.resolve("var/cache/ldconfig/aux-cache")).doesNotExist();
        assertThat(root.resolve("var/lib/apt/lists").toFile().list()).containsExactlyInAnyOrder("lock", "partial");
        assertThat(root.resolve("etc/machine-id")).isEmptyFile();
        assertThat(root.resolve("etc/shadow")).hasContent("root:*:20000:0:99999:7:::\nnobody:*:20000:0:99999:7:::\n");
    }

    @Test
    void pinningClampsNewerTimesToTheEpochAndKeepsOlderOnesToTheSecond() throws Exception {
        long epoch = 1_700_000_000L;
        Path shipped = write("usr/share/doc/x/copyright", "x");
        Files.setLastModifiedTime(shipped, FileTime.from(Instant.ofEpochSecond(epoch - 1000, 123_000_000)));
        Path built = write("etc/ld.so.cache", "y");
        Path link = root.resolve("etc/localtime");
        Files.createSymbolicLink(link, Path.of("/usr/share/zoneinfo/Etc/UTC")); // dangling on the host

        BuiltTreeNormaliser.pinToEpoch(root, epoch);

        assertThat(mtime(shipped)).isEqualTo(FileTime.from(epoch - 1000, TimeUnit.SECONDS));
        assertThat(mtime(built)).isEqualTo(FileTime.from(epoch, TimeUnit.SECONDS));
        assertThat(mtime(link)).isEqualTo(FileTime.from(epoch, TimeUnit.SECONDS));
        assertThat(mtime(root.resolve("etc"))).isEqualTo(FileTime.from(epoch, TimeUnit.SECONDS));
        assertThat(Files.readAttributes(built, BasicFileAttributes.class).lastAccessTime())
                .isEqualTo(FileTime.from(epoch, TimeUnit.SECONDS));
    }

    private static FileTime mtime(Path p) throws Exception {
        return Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS);
    }

    @Test
    void withoutAnEpochShadowIsLeftAlone() throws Exception {
        write("etc/shadow", "root:*:20418:0:99999:7:::\n");
        BuiltTreeNormaliser.normalise(root, OptionalLong.empty());
        assertThat(root.resolve("etc/shadow")).hasContent("root:*:20418:0:99999:7:::\n");
    }
}
