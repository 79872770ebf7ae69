package io.crossroot.binfmt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossroot.arch.ArchCatalog;
import io.crossroot.util.UserError;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class BinfmtEntryTest {
    @Test
    void distributionQemuEntry() {
        BinfmtEntry e = BinfmtEntry.parse("qemu-aarch64", KernelTexts.read("qemu-aarch64"));
        assertThat(e.name()).isEqualTo("qemu-aarch64");
        assertThat(e.enabled()).isTrue();
        assertThat(e.interpreter()).isEqualTo("/usr/libexec/qemu-binfmt/aarch64-binfmt-P");
        assertThat(e.flags()).isEqualTo("PF");
        assertThat(e.hasFlag('F')).isTrue();
        assertThat(e.hasFlag('C')).isFalse();
        assertThat(e.offset()).isZero();
        assertThat(e.kind()).isEqualTo(BinfmtEntry.Kind.MAGIC);
        assertThat(e.pattern()).isEqualTo(ArchCatalog.require("arm64").binfmtPattern());
        assertThat(e.extension()).isNull();
    }

    @Test
    void offsetMaskAndAllFlags() {
        BinfmtEntry e = BinfmtEntry.parse("crossroot-probe-a", KernelTexts.read("offset-mask-pocf"));
        assertThat(e.flags()).isEqualTo("POCF");
        assertThat(e.offset()).isEqualTo(3);
        assertThat(e.pattern().magicHex()).isEqualTo("00112233");
        assertThat(e.pattern().maskHex()).isEqualTo("fffff0ff");
        // mask f0 on the third byte: 0x2a matches magic 0x22
        assertThat(e.matches(HexFormat.of().parseHex("aaaaaa00112a33"))).isTrue();
        assertThat(e.matches(HexFormat.of().parseHex("aaaaaa00113233"))).isFalse();
        assertThat(e.matches(HexFormat.of().parseHex("aaaaaa0011")))
                .as("header too short")
                .isFalse();
    }

    @Test
    void extensionEntryWithNoFlags() {
        BinfmtEntry e = BinfmtEntry.parse("crossroot-probe-b", KernelTexts.read("extension"));
        assertThat(e.kind()).isEqualTo(BinfmtEntry.Kind.EXTENSION);
        assertThat(e.extension()).isEqualTo("crtest");
        assertThat(e.flags()).isEmpty();
        assertThat(e.pattern()).isNull();
        assertThat(e.matches(new byte[128])).isFalse();
    }

    @Test
    void disabledEntryWithoutMaskMatchesExactly() {
        BinfmtEntry e = BinfmtEntry.parse("crossroot-probe-c", KernelTexts.read("disabled-no-mask"));
        assertThat(e.enabled()).isFalse();
        assertThat(e.pattern().maskHex()).isEqualTo("ffffffff");
        assertThat(e.matches(HexFormat.of().parseHex("00112233ff"))).isTrue();
    }

    @Test
    void garbageIsAClearError() {
        assertThatThrownBy(() -> BinfmtEntry.parse("x", "hello\n"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("Cannot understand the binfmt_misc entry 'x'");
        assertThatThrownBy(() -> BinfmtEntry.parse("x", "enabled\ninterpreter /a\nmagic zz\n"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("bad line \"magic zz\"");
    }

    @Test
    void claimsFilesOfAnArchEvenWithADifferentMask() {
        // Debian 12's s390x entry masks EI_OSABI with fc; the catalog's rule (qemu 10) too: both claim s390x files
        BinfmtEntry e = BinfmtEntry.parse("qemu-s390x", KernelTexts.read("qemu-s390x"));
        assertThat(e.claims(ArchCatalog.require("s390x").binfmtPattern(), 0)).isTrue();
        assertThat(e.claims(ArchCatalog.require("ppc64").binfmtPattern(), 0)).isFalse();
    }
}
