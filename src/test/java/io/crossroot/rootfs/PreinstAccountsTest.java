package io.crossroot.rootfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossroot.arch.ArchCatalog;
import io.crossroot.debian.DebianRepository;
import io.crossroot.debian.DownloadListener;
import io.crossroot.debian.HashedFile;
import io.crossroot.debian.RepositoryConfig;
import io.crossroot.debian.deb.UnpackedPackage;
import io.crossroot.debian.resolve.BinaryPackage;
import io.crossroot.debian.resolve.InstallOrder;
import io.crossroot.debian.resolve.PackageIndex;
import io.crossroot.debian.resolve.RelationMatcher;
import io.crossroot.debian.resolve.Resolver;
import io.crossroot.debian.resolve.Variant;
import io.crossroot.qemu.EmulationSetup;
import io.crossroot.sandbox.ChrootSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The preinsts of a real minbase riscv64 trixie set, run under emulation as a build runs them. libc6's preinst
 * starts debconf, which looks up root's home directory: base-passwd's preinst must have written /etc/passwd by
 * then, or Perl warns "Use of uninitialized value ... Debconf/Config.pm".
 */
@Tag("rootfs")
class PreinstAccountsTest {
    @Test
    void basePasswdWritesTheAccountsBeforeAnyOtherPreinstRuns(@TempDir Path tmp) throws Exception {
        DebianRepository repo =
                DebianRepository.open(RepositoryConfig.builder().suite("trixie").build());
        EmulationSetup.ensure(repo, List.of(ArchCatalog.require("riscv64")), DownloadListener.NONE);
        PackageIndex index = PackageIndex.fromParagraphs(repo.packages("main", "riscv64"), "riscv64", "trixie/main");
        InstallOrder install = InstallOrder.of(
                new Resolver(index).resolve(Variant.MINBASE).packages(), new RelationMatcher("riscv64"));
        List<BinaryPackage> order = RootfsBuilder.unpackOrder(install.packages());
        List<Path> debs = new VerifiedDebs(repo, DownloadListener.NONE)
                .fetch(order.stream()
                        .map(p -> HashedFile.ofPackage(p.paragraph()))
                        .toList());
        Path root = Files.createDirectories(tmp.resolve("root"));
        List<UnpackedPackage> unpacked = OrderedUnpack.run(root, order, debs, RootfsProgress.NONE);
        new DpkgDatabase(root).write(unpacked);
        UnpackedPackage libc6 = unpacked.stream()
                .filter(p -> p.name().equals("libc6"))
                .findFirst()
                .orElseThrow();
        assertThat(libc6.controlFiles().get("preinst")).asString().contains("/usr/share/debconf/confmodule");

        List<String> output = Collections.synchronizedList(new ArrayList<>());
        RootfsProgress recording = new RootfsProgress() {
            @Override
            public void output(String line) {
                output.add(line);
            }
        };
        new MaintainerScripts(new ChrootSandbox(), root, recording)
                .preinstAll(unpacked, RootfsBuilder.dependencies(order, install.edges()), 2);

        assertThat(output).noneMatch(line -> line.contains("Use of uninitialized value"));
        assertThat(root.resolve("etc/passwd")).content().startsWith("root:");
    }
}
