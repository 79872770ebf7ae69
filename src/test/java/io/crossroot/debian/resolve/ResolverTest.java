package io.crossroot.debian.resolve;

import static io.crossroot.debian.resolve.Fixtures.concat;
import static io.crossroot.debian.resolve.Fixtures.forky;
import static io.crossroot.debian.resolve.Fixtures.index;
import static io.crossroot.debian.resolve.Fixtures.trixie;
import static io.crossroot.debian.resolve.Fixtures.trixieWithout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossroot.debian.Deb822;
import io.crossroot.util.UserError;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResolverTest {
    private static Resolution resolve(List<BinaryPackage> packages, String... requested) {
        return new Resolver(index(packages)).resolve(List.of(requested));
    }

    @Test
    void followsPreDependsAndDependsThroughTheClosure() {
        Resolution r = resolve(trixie(), "liblocale-gettext-perl");
        // perlapi-5.40.0 is virtual, provided by perl-base; libc6 and libgcc-s1 depend on each other
        assertThat(r.names())
                .containsExactlyInAnyOrder(
                        "liblocale-gettext-perl", "perl-base", "libc6", "libgcc-s1", "gcc-14-base", "libcrypt1");
        assertThat(r.chain("gcc-14-base"))
                .containsExactly("liblocale-gettext-perl", "perl-base", "libc6", "libgcc-s1", "gcc-14-base");
        assertThat(r.reason("perl-base").via()).isEqualTo("Pre-Depends: perl-base (>= 5.40.0-6)");
        assertThat(r.why("libcrypt1")).isEqualTo("liblocale-gettext-perl (requested) -> perl-base -> libcrypt1");
    }

    @Test
    void givesAVirtualPackageToTheProviderAptWouldPick() {
        // base-files pre-depends on awk: mawk (Priority: required) beats gawk and original-awk (optional)
        Resolution r = resolve(trixie(), "base-files");
        assertThat(r.names()).contains("mawk").doesNotContain("gawk", "original-awk");
        assertThat(r.reason("mawk")).isEqualTo(new Reason("base-files", "Pre-Depends: awk"));
    }

    @Test
    void prefersAProviderThatIsAlreadyChosen() {
        Resolution r = resolve(trixie(), "original-awk", "base-files");
        assertThat(r.names()).contains("original-awk").doesNotContain("mawk", "gawk");
    }

    @Test
    void backtracksWhenAChoiceCannotBeCompleted() {
        // without mawk, gawk comes first by name but its libraries are missing: take it back, use original-awk
        Resolution r = resolve(trixieWithout("mawk"), "base-files");
        assertThat(r.names()).contains("original-awk").doesNotContain("gawk");
        assertThat(r.why("original-awk")).isEqualTo("base-files (requested) -> original-awk");
    }

    @Test
    void takesTheFirstAlternativeThatCanBeInstalled() {
        assertThat(resolve(trixie(), "udhcpc").names()).contains("busybox").doesNotContain("busybox-static");
        assertThat(resolve(trixie(), "planetblupi-music-midi").names())
                .contains("fluidr3mono-gm-soundfont")
                .doesNotContain("timgm6mb-soundfont");
    }

    @Test
    void prefersAnAlternativeAlreadyChosenAndNeverAddsAConflictingOne() {
        // busybox-static satisfies udhcpc's second alternative; busybox, the first, would conflict with it
        Resolution r = resolve(trixie(), "udhcpc", "busybox-static");
        assertThat(r.names()).containsExactlyInAnyOrder("udhcpc", "busybox-static");
    }

    @Test
    void refusesConflictingRequestsNamingBothSides() {
        assertThatThrownBy(() -> resolve(trixie(), "busybox-static", "busybox (>> 1:1.37.0)"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("busybox (>> 1:1.37.0) (requested) cannot be installed")
                .hasMessageContaining("conflicts with")
                .hasMessageContaining("busybox-static 1:1.37.0-6+b9 (riscv64) (busybox-static (requested))");
    }

    @Test
    void anUnversionedProvidesDoesNotHitAVersionedConflicts() {
        // fluidr3mono-gm-soundfont: Conflicts: musescore-general-soundfont (<< 0.1.3-1~); the -small package
        // provides that name without a version, so the two can be installed together (as dpkg allows)
        Resolution r = resolve(trixie(), "musescore-general-soundfont-small", "planetblupi-music-midi");
        assertThat(r.names()).contains("musescore-general-soundfont-small", "fluidr3mono-gm-soundfont");
    }

    @Test
    void versionedProvidesSatisfyVersionedDependencies() {
        assertThat(resolve(trixie(), "libgcc1 (>= 1:10)").names()).contains("libgcc-s1");
        assertThatThrownBy(() -> resolve(trixie(), "libgcc1 (>= 1:20)"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("libgcc1 is provided only by libgcc-s1 14.2.0-19 (riscv64), none of which "
                        + "satisfies libgcc1 (>= 1:20)");
    }

    @Test
    void picksTheHighestVersionThatSatisfies() {
        Resolution r = resolve(concat(trixie(), forky()), "mawk");
        assertThat(r.get("mawk").orElseThrow().version()).hasToString("1.3.4.20260302-2");
    }

    @Test
    void fallsBackToALowerVersionWhenTheHighestCannotBeInstalled() {
        // forky's busybox needs libc6 (>= 2.42); trixie's libc6 is 2.41
        Resolution r = resolve(concat(trixie(), forky()), "udhcpc");
        assertThat(r.get("busybox").orElseThrow().version()).hasToString("1:1.37.0-6+b9");
    }

    @Test
    void explainsAnUnsatisfiableVersionWithTheChain() {
        List<BinaryPackage> packages = concat(trixieWithout("busybox", "busybox-static"), forky());
        assertThatThrownBy(() -> resolve(packages, "udhcpc"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("udhcpc depends on busybox (>> 1:1.37.0) | busybox-static (>> 1:1.37.0) but "
                        + "none of the alternatives can be installed")
                .hasMessageContaining("no package named busybox-static in trixie/main for riscv64")
                .hasMessageContaining("busybox depends on libc6 (>= 2.42) but the index has only 2.41-12+deb13u5; "
                        + "busybox was pulled by: udhcpc (requested) -> busybox");
    }

    @Test
    void namesAnUnknownPackageWithSuiteAndArchitecture() {
        assertThatThrownBy(() -> resolve(trixie(), "no-such-package"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("no package named no-such-package in trixie/main for riscv64");
        // the variant asks for apt, which the fixture lacks
        assertThatThrownBy(() -> new Resolver(index(trixie())).resolve(Variant.MINBASE))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("apt (variant minbase) cannot be installed: no package named apt in "
                        + "trixie/main for riscv64");
    }

    @Test
    void anyQualifierNeedsMultiArchAllowed() {
        assertThatThrownBy(() -> resolve(trixie(), "perl-base:any"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("perl-base 5.40.1-6+deb13u1 (riscv64) is not Multi-Arch: allowed");
    }

    @Test
    void essentialVariantStartsFromEssentialYes() {
        Resolution r = new Resolver(index(trixie())).resolve(Variant.ESSENTIAL);
        assertThat(r.names())
                .containsExactly("base-files", "perl-base", "mawk", "libc6", "libgcc-s1", "gcc-14-base", "libcrypt1");
        assertThat(r.reason("perl-base")).isEqualTo(Reason.root("Essential: yes"));
    }

    @Test
    void customVariantIsOnlyTheRequestedClosure() {
        Resolution r = new Resolver(index(trixie())).resolve(Variant.CUSTOM, List.of("liblocale-gettext-perl"));
        assertThat(r.names()).doesNotContain("base-files", "mawk");
        assertThat(r.names())
                .containsExactlyInAnyOrderElementsOf(
                        resolve(trixie(), "liblocale-gettext-perl").names());
        assertThat(Variant.fromName("custom")).isEqualTo(Variant.CUSTOM);
    }

    @Test
    void skipsACandidateThatConflictsWithTheSetAndTakesTheNextAlternative() {
        // Synthetic on purpose: no small real closure has a dependency whose first alternative conflicts with
        // an earlier choice while a later, unchosen alternative fits.
        String text = """
                Package: mta-user
                Version: 1
                Architecture: all
                Depends: exim | postfix

                Package: exim
                Version: 4.98-1
                Architecture: riscv64

                Package: postfix
                Version: 3.10-1
                Architecture: riscv64

                Package: other-mta
                Version: 1
                Architecture: riscv64
                Conflicts: exim
                """;
        PackageIndex synthetic = PackageIndex.fromParagraphs(Deb822.parseAll(text, "synthetic"), "riscv64", "test");
        Resolution r = new Resolver(synthetic).resolve(List.of("other-mta", "mta-user"));
        assertThat(r.names()).containsExactly("other-mta", "mta-user", "postfix");
    }
}
