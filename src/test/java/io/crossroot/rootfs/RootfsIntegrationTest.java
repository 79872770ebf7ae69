package io.crossroot.rootfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossroot.arch.Arch;
import io.crossroot.arch.ArchCatalog;
import io.crossroot.binfmt.BinfmtInstaller;
import io.crossroot.binfmt.BinfmtMisc;
import io.crossroot.binfmt.InstallOptions;
import io.crossroot.debian.DebianRepository;
import io.crossroot.debian.DownloadListener;
import io.crossroot.debian.Keyring;
import io.crossroot.debian.MirrorLocator;
import io.crossroot.debian.RepositoryConfig;
import io.crossroot.debian.resolve.Variant;
import io.crossroot.qemu.QemuInterpreters;
import io.crossroot.sandbox.ChrootSandbox;
import io.crossroot.util.Dirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builds a real minbase riscv64 trixie root from the host's mirror (needs root; registers binfmt if missing). */
@Tag("rootfs")
class RootfsIntegrationTest {
    @TempDir
    Path tmp;

    @Test
    void minbaseIsConsistentAndCanInstallMore() {
        Arch riscv64 = ArchCatalog.require("riscv64");
        DebianRepository repo = DebianRepository.open(RepositoryConfig.builder().mirror(MirrorLocator.hostDefault())
                .suite("trixie").keyrings(List.of(Keyring.DEBIAN_ARCHIVE)).build());
        ensureBinfmt(riscv64, repo);
        ChrootSandbox sandbox = new ChrootSandbox();
        Path out = tmp.resolve("minbase");

        RootfsResult result = new RootfsBuilder(repo, sandbox, DownloadListener.NONE, RootfsProgress.NONE)
                .build(new RootfsRequest("riscv64", Variant.MINBASE, List.of(), out));

        assertThat(result.packages()).containsKeys("apt", "dpkg", "base-files", "libc6");
        assertThat(tmp.toFile().list()).containsExactly("minbase"); // no staging directory left
        assertThat(out.resolve("usr/sbin/policy-rc.d")).doesNotExist();
        assertThat(Files.isSymbolicLink(out.resolve("bin"))).isTrue();
        RootfsVerifier verifier = new RootfsVerifier(sandbox);
        assertThat(verifier.problems(out, result.packages().keySet())).isEmpty();
        assertThat(verifier.installProblems(out, "netbase")).isEmpty();
    }

    /** Registers crossroot's qemu for the architecture, as "crossroot binfmt install" does, unless one exists. */
    private static void ensureBinfmt(Arch arch, DebianRepository repo) {
        BinfmtMisc kernel = BinfmtMisc.system();
        kernel.ensureMounted();
        byte[] header = arch.binfmtPattern().magic();
        if (kernel.match(header).isEmpty()) {
            var interpreters = new QemuInterpreters(repo, Dirs.cache(), DownloadListener.NONE).fetch(List.of(arch));
            BinfmtInstaller.system().install(List.of(arch), interpreters::pathFor, new InstallOptions(false, true, false));
        }
    }
}
