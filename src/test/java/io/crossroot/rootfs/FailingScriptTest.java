package io.crossroot.rootfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossroot.arch.ArchCatalog;
import io.crossroot.debian.Deb822;
import io.crossroot.debian.DebianRepository;
import io.crossroot.debian.DownloadListener;
import io.crossroot.debian.RepositoryConfig;
import io.crossroot.debian.deb.UnpackedPackage;
import io.crossroot.qemu.ProbeBinaries;
import io.crossroot.sandbox.ChrootSandbox;
import io.crossroot.util.Dirs;
import io.crossroot.util.UserError;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broken package's postinst that talks a lot and fails: every line reaches the progress (the log), the error
 * quotes only the last 20. The root holds the host's static busybox, so no emulation is involved.
 */
@Tag("rootfs")
class FailingScriptTest {
    @Test
    void aFailedPostinstQuotesItsLastTwentyLines(@TempDir Path tmp) throws Exception {
        DebianRepository repo =
                DebianRepository.open(RepositoryConfig.builder().suite("trixie").build());
        Path busybox = new ProbeBinaries(repo, Dirs.cache(), DownloadListener.NONE).busybox(ArchCatalog.host());
        Path root = tmp.resolve("root");
        for (String dir : List.of("bin", "proc", "sys", "dev", "tmp", "var/lib/dpkg/info")) {
            Files.createDirectories(root.resolve(dir));
        }
        Files.copy(busybox, root.resolve("bin/busybox"));
        Files.setPosixFilePermissions(root.resolve("bin/busybox"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(root.resolve("bin/sh"), Path.of("busybox"));
        byte[] postinst = "#!/bin/sh\nfor i in $(/bin/busybox seq 1 60); do echo broken line $i; done\nexit 7\n"
                .getBytes(StandardCharsets.UTF_8);
        Files.write(root.resolve("var/lib/dpkg/info/broken.postinst"), postinst);
        Files.setPosixFilePermissions(
                root.resolve("var/lib/dpkg/info/broken.postinst"), PosixFilePermissions.fromString("rwxr-xr-x"));
        UnpackedPackage broken = new UnpackedPackage(
                Deb822.parseOne("Package: broken\nVersion: 1\nArchitecture: all\n", "test"),
                Map.of("postinst", postinst),
                List.of(),
                List.of());

        List<String> logged = Collections.synchronizedList(new ArrayList<>());
        RootfsProgress log = new RootfsProgress() {
            @Override
            public void output(String line) {
                logged.add(line);
            }
        };
        assertThatThrownBy(() ->
                        new MaintainerScripts(new ChrootSandbox(), root, log).postinstAll(List.of(broken), Map.of(), 1))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("broken's postinst failed with status 7")
                .hasMessageContaining("  broken line 41\n")
                .hasMessageContaining("  broken line 60\n")
                .hasMessageNotContaining("broken line 40\n");
        assertThat(logged).contains("broken line 1", "broken line 60");
    }
}
