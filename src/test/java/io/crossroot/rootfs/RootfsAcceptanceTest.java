package io.crossroot.rootfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossroot.debian.DebianRepository;
import io.crossroot.debian.DownloadListener;
import io.crossroot.debian.Keyring;
import io.crossroot.debian.MirrorLocator;
import io.crossroot.debian.RepositoryConfig;
import io.crossroot.debian.resolve.Variant;
import io.crossroot.sandbox.ChrootSandbox;
import java.io.File;
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
    void riscv64KernelSetGetsAnInitramfs() {
        RootfsResult result = build("riscv64", List.of("linux-image-riscv64", "initramfs-tools", "systemd-sysv"));

        File[] initrds = result.output().resolve("boot").toFile().listFiles((d, n) -> n.startsWith("initrd.img-"));
        assertThat(initrds).isNotEmpty();
        assertThat(initrds[0].length()).isGreaterThan(1 << 20);
        assertThat(new RootfsVerifier(new ChrootSandbox()).problems(result.output(), result.packages().keySet()))
                .isEmpty();
    }

    @Test
    void arm64MinbaseIsConsistent() {
        RootfsResult result = build("arm64", List.of());

        RootfsVerifier verifier = new RootfsVerifier(new ChrootSandbox());
        assertThat(verifier.problems(result.output(), result.packages().keySet())).isEmpty();
        assertThat(verifier.installProblems(result.output(), "netbase")).isEmpty();
    }

    private RootfsResult build(String arch, List<String> include) {
        DebianRepository repo = DebianRepository.open(RepositoryConfig.builder().mirror(MirrorLocator.hostDefault())
                .suite("trixie").keyrings(List.of(Keyring.DEBIAN_ARCHIVE)).build());
        return new RootfsBuilder(repo, new ChrootSandbox(), DownloadListener.NONE, RootfsProgress.NONE)
                .build(new RootfsRequest(arch, Variant.MINBASE, include, tmp.resolve(arch)));
    }
}
