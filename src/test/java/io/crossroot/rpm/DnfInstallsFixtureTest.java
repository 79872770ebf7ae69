package io.crossroot.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossroot.arch.ArchCatalog;
import io.crossroot.testing.BusyboxImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's dnf installs the fixture into a riscv64 root, running its scriptlets under crossroot's binfmt entry:
 * proof that the fixture is a repository a real installer accepts, and the oracle crossroot's own RPM installer
 * will be held to (the command line below is the one that works on Debian 12's dnf 4.14).
 */
@Tag("mirror")
class DnfInstallsFixtureTest {
    @TempDir
    Path work;

    @Test
    void dnfInstallsHelloWithItsDependenciesAndScriptlets() throws IOException, InterruptedException {
        RpmFixtureRepo fixture = RpmFixtureRepo.get();
        BusyboxImage.ensureBinfmt(BusyboxImage.repository(), List.of(ArchCatalog.require("riscv64")));
        Path root = Files.createDirectories(work.resolve("root"));
        DnfFixtureInstall.install(fixture, work, root, true, List.of(), List.of("hello"));
        // %pre added the user that owns the configuration file
        assertThat(Files.readString(root.resolve("etc/passwd"))).contains("hello:x:990:990:");
        assertThat(Files.getAttribute(root.resolve("etc/hello.conf"), "unix:uid"))
                .isEqualTo(990);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("etc/hello.conf"))))
                .isEqualTo("rw-r-----");
        // the shell %post ran the dynamically linked riscv64 hello, the Lua %post and the file trigger ran
        assertThat(Files.readString(root.resolve("var/log/hello-post"))).isEqualTo("Hello, world!\n");
        assertThat(Files.readString(root.resolve("var/log/busybox-lua-post"))).contains("Lua scriptlet");
        assertThat(Files.readString(root.resolve("var/log/glibc-post"))).contains("install count 1");
        assertThat(Files.readAllLines(root.resolve("var/log/busybox-filetrigger")))
                .contains("/usr/bin/busybox", "/usr/bin/hello");
        assertThat(Files.readSymbolicLink(root.resolve("lib"))).isEqualTo(Path.of("usr/lib"));
    }
}
