package io.crossroot.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossroot.arch.ArchCatalog;
import io.crossroot.testing.BusyboxImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
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
        Path cache = Files.createDirectories(work.resolve("dnf-cache"));
        Path log = Files.createDirectories(work.resolve("dnf-log"));
        try {
            RpmFixtureRepo.run(
                    work,
                    Map.of(),
                    "dnf",
                    "-y",
                    "-q",
                    "--forcearch=riscv64",
                    "--installroot=" + root,
                    "--releasever=1",
                    "--repofrompath=fixture," + fixture.repo(),
                    "--repo=fixture",
                    "--setopt=reposdir=/dev/null",
                    "--setopt=cachedir=" + cache,
                    "--setopt=logdir=" + log,
                    "--setopt=fixture.gpgcheck=1",
                    "--setopt=fixture.repo_gpgcheck=1",
                    "--setopt=fixture.gpgkey=" + fixture.publicKey().toUri(),
                    "--setopt=install_weak_deps=True",
                    "--nodocs",
                    "install",
                    "hello");
        } finally {
            stopKeyAgents(cache);
        }
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

    /** dnf checks repomd.xml.asc with a gpg keyring in its cache; end that keyring's agent, no process stays. */
    private static void stopKeyAgents(Path cache) throws IOException, InterruptedException {
        List<Path> homes = new ArrayList<>();
        try (Stream<Path> all = Files.walk(cache)) {
            all.filter(p -> p.getFileName().toString().equals("pubring") && Files.isDirectory(p))
                    .forEach(homes::add);
        }
        for (Path home : homes) {
            RpmFixtureRepo.run(cache, Map.of(), "gpgconf", "--homedir", home.toString(), "--kill", "gpg-agent");
        }
    }
}
