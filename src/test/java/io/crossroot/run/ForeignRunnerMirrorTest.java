package io.crossroot.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossroot.arch.Arch;
import io.crossroot.arch.ArchCatalog;
import io.crossroot.debian.DebianRepository;
import io.crossroot.debian.DownloadListener;
import io.crossroot.debian.HashedFile;
import io.crossroot.debian.Paragraph;
import io.crossroot.debian.RepositoryConfig;
import io.crossroot.debian.deb.DebFile;
import io.crossroot.debian.deb.DebUnpacker;
import io.crossroot.qemu.QemuInterpreters;
import io.crossroot.util.Dirs;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dynamically linked riscv64 program runs by hand with a sysroot holding Debian's riscv64 C library, and
 * the same program without one fails with an explanation. Uses the real mirror and qemu from it; needs no
 * binfmt entry.
 */
@Tag("mirror")
class ForeignRunnerMirrorTest {
    private static final Arch RISCV64 = ArchCatalog.require("riscv64");
    private static final Path TRUE = Path.of("src/test/resources/fixtures/elf/riscv64-true");

    @TempDir
    static Path sysroot;

    static Path qemu;
    static Path libc6Deb;

    @BeforeAll
    static void unpackCLibrary() {
        DebianRepository repo =
                DebianRepository.open(RepositoryConfig.builder().suite("trixie").build());
        List<Paragraph> wanted = new ArrayList<>();
        Set<String> names = Set.of("base-files", "libc6");
        repo.forEachPackage(List.of("main"), RISCV64.debian(), p -> {
            if (names.contains(p.get("Package"))) {
                wanted.add(p);
            }
        });
        assertThat(wanted).hasSize(2);
        DebUnpacker unpacker = new DebUnpacker(sysroot);
        for (Paragraph p : wanted) {
            Path deb = repo.fetch(HashedFile.ofPackage(p), DownloadListener.NONE);
            unpacker.unpack(DebFile.of(deb));
            if (p.get("Package").equals("libc6")) {
                libc6Deb = deb;
            }
        }
        qemu = new QemuInterpreters(repo, Dirs.cache(), DownloadListener.NONE)
                .fetch(List.of(RISCV64))
                .pathFor(RISCV64);
    }

    @Test
    void runsADynamicRiscv64ProgramWithTheSysrootAsLoaderPrefix(@TempDir Path out) throws Exception {
        ForeignRunner.check(TRUE, RISCV64, Optional.of(sysroot));
        Path log = out.resolve("log");
        int code = ForeignRunner.run(
                qemu, TRUE, List.of("--version"), Optional.of(sysroot), ProcessBuilder.Redirect.to(log.toFile()));
        assertThat(code).isZero();
        assertThat(Files.readString(log)).contains("GNU coreutils");
    }

    @Test
    void runsAProgramFoundInsideTheSysroot(@TempDir Path out) throws Exception {
        // glibc's libc.so.6 is itself a dynamically linked executable that prints its version
        Path libc = ForeignRunner.locate("/usr/lib/riscv64-linux-gnu/libc.so.6", Optional.of(sysroot));
        ForeignRunner.check(libc, RISCV64, Optional.of(sysroot));
        Path log = out.resolve("log");
        int code = ForeignRunner.run(
                qemu, libc, List.of(), Optional.of(sysroot), ProcessBuilder.Redirect.to(log.toFile()));
        assertThat(code).isZero();
        assertThat(Files.readString(log)).contains("GNU C Library");
    }

    @Test
    void withoutASysrootItExplainsTheMissingLoader() {
        assertThatThrownBy(() -> ForeignRunner.check(TRUE, RISCV64, Optional.empty()))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("dynamically linked")
                .hasMessageContaining("/lib/ld-linux-riscv64-lp64d.so.1")
                .hasMessageContaining("--sysroot");
    }

    @Test
    void anEmptySysrootNamesTheMissingLoader(@TempDir Path empty) {
        assertThatThrownBy(() -> ForeignRunner.check(TRUE, RISCV64, Optional.of(empty)))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("needs the loader /lib/ld-linux-riscv64-lp64d.so.1");
    }

    @Test
    void aSysrootWithoutLibcNamesTheMissingLibrary(@TempDir Path partial) throws IOException {
        // the loader alone: libc.so.6 is missing
        Path lib = Files.createDirectories(partial.resolve("usr/lib"));
        Files.createSymbolicLink(partial.resolve("lib"), Path.of("usr/lib"));
        Files.copy(sysroot.resolve("usr/lib/ld-linux-riscv64-lp64d.so.1"), lib.resolve("ld-linux-riscv64-lp64d.so.1"));
        assertThatThrownBy(() -> ForeignRunner.check(TRUE, RISCV64, Optional.of(partial)))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("missing libc.so.6 (needed by riscv64-true)");
    }

    /** Only libc6 unpacked, as dpkg-deb -x does: the loader in usr/lib, and no lib -> usr/lib link (merged /usr). */
    private static Path libc6Only(Path dir) throws IOException {
        new DebUnpacker(Files.createDirectories(dir)).unpack(DebFile.of(libc6Deb));
        assertThat(dir.resolve("lib")).doesNotExist();
        return dir;
    }

    @Test
    void aSysrootOfMergedUsrPackagesWithoutTheLibLinkRunsAndIsLeftUntouched(@TempDir Path tmp) throws Exception {
        Path merged = libc6Only(tmp.resolve("sysroot"));
        Set<Path> tempBefore = prefixes();
        ForeignRunner.check(TRUE, RISCV64, Optional.of(merged));
        Path log = tmp.resolve("log");
        int code = ForeignRunner.run(
                qemu, TRUE, List.of("--version"), Optional.of(merged), ProcessBuilder.Redirect.to(log.toFile()));
        assertThat(code).as(Files.readString(log)).isZero();
        assertThat(Files.readString(log)).contains("GNU coreutils");
        assertThat(merged.resolve("lib")).doesNotExist();
        assertThat(prefixes()).isEqualTo(tempBefore);
    }

    @Test
    void aProgramIsFoundThroughTheMissingMergedUsrLink(@TempDir Path tmp) throws Exception {
        Path merged = libc6Only(tmp.resolve("sysroot"));
        Path libc = ForeignRunner.locate("/lib/riscv64-linux-gnu/libc.so.6", Optional.of(merged));
        assertThat(libc).isEqualTo(merged.resolve("usr/lib/riscv64-linux-gnu/libc.so.6"));
        Path log = tmp.resolve("log");
        int code =
                ForeignRunner.run(qemu, libc, List.of(), Optional.of(merged), ProcessBuilder.Redirect.to(log.toFile()));
        assertThat(code).as(Files.readString(log)).isZero();
        assertThat(Files.readString(log)).contains("GNU C Library");
    }

    @Test
    void theMergedUsrLinksNeverLeadOutOfTheSysroot(@TempDir Path tmp) throws IOException {
        // usr/lib leads to the full sysroot's loader on the host, once by an absolute link, once by climbing with ..
        Path hostLib = sysroot.resolve("usr/lib").toAbsolutePath();
        Path absolute = Files.createDirectories(tmp.resolve("absolute/usr"));
        Files.createSymbolicLink(absolute.resolve("lib"), hostLib);
        Path climbing = Files.createDirectories(tmp.resolve("climbing/usr"));
        Files.createSymbolicLink(climbing.resolve("lib"), Path.of("../".repeat(hostLib.getNameCount() + 2) + hostLib));
        for (Path root : List.of(absolute.getParent(), climbing.getParent())) {
            assertThat(LoaderPrefix.missingMergedUsrLinks(root)).isEmpty();
            assertThatThrownBy(() -> ForeignRunner.check(TRUE, RISCV64, Optional.of(root)))
                    .isInstanceOf(UserError.class)
                    .hasMessageContaining("needs the loader /lib/ld-linux-riscv64-lp64d.so.1");
        }
    }

    /** The temporary loader prefixes in the temporary directory now. */
    private static Set<Path> prefixes() throws IOException {
        try (var s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("crossroot-sysroot-"))
                    .collect(java.util.stream.Collectors.toSet());
        }
    }

    @Test
    void aProgramOfAnotherArchitectureIsRefused() {
        assertThatThrownBy(() -> ForeignRunner.check(
                        Path.of("src/test/resources/fixtures/elf/arm64-true"), RISCV64, Optional.of(sysroot)))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("arm64 program, not riscv64");
    }
}
