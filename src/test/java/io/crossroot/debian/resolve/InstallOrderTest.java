package io.crossroot.debian.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class InstallOrderTest {
    @Test
    void ordersDependenciesFirstAndBreaksTheLibcCycleDeterministically() {
        PackageIndex index = Fixtures.index(Fixtures.trixie());
        Resolution r = new Resolver(index).resolve(List.of("liblocale-gettext-perl"));
        InstallOrder order = InstallOrder.of(r.packages(), index.matcher());

        // libc6 and libgcc-s1 depend on each other: the cycle is broken by name, gcc-14-base goes before both
        assertThat(order.packages())
                .extracting(BinaryPackage::name)
                .containsExactly(
                        "gcc-14-base", "libc6", "libgcc-s1", "libcrypt1", "perl-base", "liblocale-gettext-perl");
        assertThat(order.brokenEdges()).extracting(Object::toString).containsExactly("libc6 depends on libgcc-s1");
        assertThat(order.edges())
                .extracting(Object::toString)
                .contains("perl-base pre-depends on libc6", "liblocale-gettext-perl pre-depends on perl-base");
    }

    @Test
    void isTheSameWhateverTheInputOrder() {
        PackageIndex index = Fixtures.index(Fixtures.trixie());
        List<BinaryPackage> set = new Resolver(index).resolve(Variant.ESSENTIAL).packages();
        List<BinaryPackage> reversed = new java.util.ArrayList<>(set);
        java.util.Collections.reverse(reversed);
        assertThat(InstallOrder.of(reversed, index.matcher()).packages())
                .isEqualTo(InstallOrder.of(set, index.matcher()).packages());
    }
}
