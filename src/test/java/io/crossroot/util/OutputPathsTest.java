package io.crossroot.util;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossroot.util.OutputPaths.Input;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputPathsTest {
    @TempDir
    Path tmp;

    @Test
    void systemDirectoriesAreNeverOutputs() {
        for (String p : List.of("/", "/usr", "/etc", "/bin", "/boot", "/var", "/home", "/tmp", "/var/lib")) {
            assertThat(OutputPaths.problem("-o", Path.of(p), List.of()))
                    .as(p)
                    .get()
                    .asString()
                    .contains("system directory")
                    .contains("-o " + p);
        }
        assertThat(OutputPaths.problem("-o", Path.of("/usr/lib/x.img"), List.of()))
                .get()
                .asString()
                .contains("inside the system directory /usr");
        assertThat(OutputPaths.problem("-o", Path.of("/etc/../etc/passwd"), List.of()))
                .isPresent();
        assertThat(OutputPaths.problem("-o", Path.of("/usr/local/images/x.img"), List.of()))
                .isEmpty();
        assertThat(OutputPaths.problem("-o", tmp.resolve("out"), List.of())).isEmpty();
    }

    @Test
    void aLinkToASystemDirectoryIsSeenThrough() throws Exception {
        Path link = Files.createSymbolicLink(tmp.resolve("etc-link"), Path.of("/etc"));
        assertThat(OutputPaths.problem("-o", link.resolve("new.img"), List.of()))
                .get()
                .asString()
                .contains("inside the system directory /etc");
    }

    @Test
    void anOutputMayNotOverlapAnInput() throws Exception {
        Path rootfs = Files.createDirectories(tmp.resolve("rootfs"));
        List<Input> inputs = List.of(new Input("--rootfs", rootfs));
        assertThat(OutputPaths.problem("-o", rootfs, inputs))
                .get()
                .asString()
                .contains("is the same path as the input --rootfs " + rootfs)
                .contains("Choose an output outside");
        assertThat(OutputPaths.problem("-o", rootfs.resolve("x.img"), inputs))
                .get()
                .asString()
                .contains("lies inside the input --rootfs");
        assertThat(OutputPaths.problem("-o", tmp, inputs)).get().asString().contains("contains the input --rootfs");
        Path link = Files.createSymbolicLink(tmp.resolve("alias"), rootfs);
        assertThat(OutputPaths.problem("-o", link.resolve("x.img"), inputs))
                .get()
                .asString()
                .contains("lies inside");
        assertThat(OutputPaths.problem("-o", tmp.resolve("rootfs.img"), inputs)).isEmpty();
    }
}
