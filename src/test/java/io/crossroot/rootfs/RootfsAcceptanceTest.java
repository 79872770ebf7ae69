package io.crossroot.rootfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossroot.arch.ArchCatalog;
import io.crossroot.debian.DebianRepository;
import io.crossroot.debian.DownloadListener;
import io.crossroot.debian.Keyring;
import io.crossroot.debian.MirrorLocator;
import io.crossroot.debian.RepositoryConfig;
import io.crossroot.debian.resolve.Variant;
import io.crossroot.qemu.EmulationSetup;
import io.crossroot.sandbox.ChrootSandbox;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Long builds (minutes each under emulation): the bootable kernel set and another architecture. */
@Tag("acceptance")
class RootfsAcceptanceTest {
    @TempDir
    Path tmp;

    @Test
    void riscv64KernelSetGetsAnInitramfsAndNativeDepmodWritesWhatEmulatedDepmodWrites() throws Exception {
        List<String> kernelSet = List.of("linux-image-riscv64", "initramfs-tools", "systemd-sysv");
        RootfsResult result = build("riscv64", kernelSet, true);

        File[] initrds = result.output().resolve("boot").toFile().listFiles((d, n) -> n.startsWith("initrd.img-"));
        assertThat(initrds).isNotEmpty();
        assertThat(initrds[0].length()).isGreaterThan(1 << 20);
        assertThat(new RootfsVerifier(new ChrootSandbox())
                        .problems(result.output(), result.packages().keySet()))
                .isEmpty();

        RootfsResult emulated = build("riscv64", kernelSet, false);
        Path modules = onlyChild(result.output().resolve("usr/lib/modules"));
        Path emulatedModules = onlyChild(emulated.output().resolve("usr/lib/modules"));
        assertThat(Files.readAllLines(modules.resolve("modules.alias"))).hasSizeGreaterThan(1000);
        for (String index : List.of(
                "modules.dep",
                "modules.dep.bin",
                "modules.alias",
                "modules.alias.bin",
                "modules.symbols",
                "modules.softdep",
                "modules.devname")) {
            assertThat(modules.resolve(index)).as(index).hasSameBinaryContentAs(emulatedModules.resolve(index));
        }
    }

    private static Path onlyChild(Path dir) throws Exception {
        try (var s = Files.list(dir)) {
            List<Path> children = s.toList();
            assertThat(children).hasSize(1);
            return children.get(0);
        }
    }

    @Test
    void arm64MinbaseIsConsistent() {
        RootfsResult result = build("arm64", List.of(), true);

        RootfsVerifier verifier = new RootfsVerifier(new ChrootSandbox());
        assertThat(verifier.problems(result.output(), result.packages().keySet()))
                .isEmpty();
        assertThat(verifier.installProblems(result.output(), "netbase")).isEmpty();
    }

    private RootfsResult build(String arch, List<String> include, boolean nativeHelpers) {
        DebianRepository repo = DebianRepository.open(RepositoryConfig.builder()
                .mirror(MirrorLocator.hostDefault())
                .suite("trixie")
                .keyrings(List.of(Keyring.DEBIAN_ARCHIVE))
                .build());
        EmulationSetup.ensure(repo, List.of(ArchCatalog.require(arch)), DownloadListener.NONE);
        return new RootfsBuilder(repo, new ChrootSandbox(), DownloadListener.NONE, RootfsProgress.NONE)
                .cachePolicy(RootfsBuilder.CachePolicy.OFF)
                .nativeHelpers(nativeHelpers)
                .build(new RootfsRequest(
                        arch, Variant.MINBASE, include, tmp.resolve(arch + (nativeHelpers ? "" : "-emulated"))));
    }
}
