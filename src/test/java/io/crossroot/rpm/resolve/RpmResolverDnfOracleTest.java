package io.crossroot.rpm.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossroot.rpm.DnfFixtureInstall;
import io.crossroot.rpm.RpmFixtureRepo;
import io.crossroot.rpm.repo.RepoTrust;
import io.crossroot.rpm.repo.RpmMdRepository;
import io.crossroot.rpm.repo.RpmPackage;
import io.crossroot.rpm.repo.RpmRepoConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The resolver against dnf on the real signed fixture repository: for each request, with weak dependencies on and
 * off, crossroot resolves the NEVRA set that dnf installs (rpm -qa in dnf's root). dnf runs without scriptlets,
 * which do not change what it installs, so no emulation is needed.
 */
@Tag("mirror")
class RpmResolverDnfOracleTest {
    @TempDir
    Path work;

    @ParameterizedTest(name = "{0}, weak deps {1}")
    @CsvSource({
        "hello, true",
        "hello, false",
        "@crossroot-minimal, true",
        "@crossroot-minimal, false",
        "/usr/bin/grep, true",
        "greeting, false",
    })
    void resolvesWhatDnfInstalls(String request, boolean weakDeps) throws Exception {
        RpmFixtureRepo fixture = RpmFixtureRepo.get();
        Path root = Files.createDirectories(work.resolve("root"));
        DnfFixtureInstall.install(
                fixture, work, root, weakDeps, List.of("--setopt=tsflags=noscripts,notriggers"), List.of(request));
        RpmMdRepository repo = RpmMdRepository.open(new RpmRepoConfig(
                fixture.uri(), List.of(fixture.publicKey()), RepoTrust.SIGNED_REPOMD, work.resolve("cache")));
        RpmIndex index = RpmIndex.of("riscv64", List.of(repo));
        RpmResolver resolver = new RpmResolver(index);
        RpmResolution resolution = (weakDeps ? resolver : resolver.noWeakDeps()).resolve(List.of(request));

        assertThat(resolution.nevras()).isEqualTo(DnfFixtureInstall.installedNevras(work, root));
        // every package comes after what its scriptlets require; hello's Requires(pre) /usr/bin/grep is busybox
        List<String> order = RpmInstallOrder.of(resolution, index).packages().stream()
                .map(RpmPackage::name)
                .toList();
        if (order.contains("hello")) {
            assertThat(order.indexOf("busybox")).isLessThan(order.indexOf("hello"));
            assertThat(order.indexOf("glibc")).isLessThan(order.indexOf("hello"));
        }
        assertThat(order.get(0)).isEqualTo("filesystem");
    }
}
