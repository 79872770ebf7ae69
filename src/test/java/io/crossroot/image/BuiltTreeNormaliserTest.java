package io.crossroot.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
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
    void withoutAnEpochShadowIsLeftAlone() throws Exception {
        write("etc/shadow", "root:*:20418:0:99999:7:::\n");
        BuiltTreeNormaliser.normalise(root, OptionalLong.empty());
        assertThat(root.resolve("etc/shadow")).hasContent("root:*:20418:0:99999:7:::\n");
    }
}
