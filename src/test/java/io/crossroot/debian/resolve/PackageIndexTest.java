package io.crossroot.debian.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossroot.debian.Deb822;
import io.crossroot.debian.Relation;
import io.crossroot.util.UserError;
import org.junit.jupiter.api.Test;

class PackageIndexTest {
    @Test
    void keepsOnlyTheTargetArchitectureAndAll() {
        PackageIndex amd64 = PackageIndex.of(Fixtures.trixie(), "amd64", "trixie/main");
        assertThat(amd64.names())
                .containsExactlyInAnyOrder(
                        "fluidr3mono-gm-soundfont",
                        "musescore-general-soundfont-small",
                        "planetblupi-music-midi",
                        "timgm6mb-soundfont",
                        "udhcpc");
    }

    @Test
    void listsVersionsHighestFirstAndProvidersInAptsOrder() {
        PackageIndex index = Fixtures.index(Fixtures.concat(Fixtures.trixie(), Fixtures.forky()));
        assertThat(index.versionsOf("busybox"))
                .extracting(p -> p.version().toString())
                .containsExactly("1:1.38.0-3+b1", "1:1.37.0-6+b9");
        assertThat(index.providersOf("awk"))
                .extracting(BinaryPackage::name)
                .startsWith("mawk", "mawk") // trixie and forky mawk are both Priority: required
                .endsWith("gawk", "original-awk");
        assertThat(index.candidates(Relation.of("busybox", null), "riscv64"))
                .extracting(BinaryPackage::toString)
                .containsExactly(
                        "busybox_1:1.38.0-3+b1_riscv64",
                        "busybox_1:1.37.0-6+b9_riscv64",
                        "busybox-static_1:1.37.0-6+b9_riscv64");
    }

    @Test
    void keepsTheParagraphAndItsDownloadFields() {
        BinaryPackage mawk = Fixtures.index(Fixtures.trixie()).newest("mawk").orElseThrow();
        assertThat(mawk.filename()).startsWith("pool/main/m/mawk/mawk_");
        assertThat(mawk.sha256()).hasSize(64);
        assertThat(mawk.size()).isPresent();
        assertThat(mawk.multiArch()).isEqualTo(MultiArch.FOREIGN);
        assertThat(mawk.paragraph().get("Section")).isEqualTo(mawk.section());
    }

    @Test
    void reportsADamagedStanza() {
        assertThatThrownBy(() -> BinaryPackage.from(Deb822.parseOne("Package: xy\nArchitecture: all\n", "test")))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("(xy) has no Version field");
        assertThatThrownBy(() -> BinaryPackage.from(Deb822.parseOne(
                                "Package: xy\nVersion: 1\nArchitecture: all\nDepends: a (>= \n", "test"))
                        .depends())
                .isInstanceOf(UserError.class)
                .hasMessageContaining("Package xy 1 in the index: The Depends field 'a (>=' is malformed");
    }
}
