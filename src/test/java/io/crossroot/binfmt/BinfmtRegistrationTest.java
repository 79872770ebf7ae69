package io.crossroot.binfmt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossroot.arch.ArchCatalog;
import io.crossroot.arch.BinfmtPattern;
import io.crossroot.util.UserError;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BinfmtRegistrationTest {
    private static final Path QEMU = Path.of("/var/cache/crossroot/qemu/qemu-riscv64");

    @Test
    void registerLineUsesEscapedMagicAndMask() {
        BinfmtRegistration r = BinfmtRegistration.forArch(ArchCatalog.require("riscv64"), QEMU, "FPO");
        assertThat(r.name()).isEqualTo("qemu-riscv64");
        assertThat(r.flags()).isEqualTo("POF");
        assertThat(r.registerLine())
                .isEqualTo(":qemu-riscv64:M:0:"
                        + "\\x7f\\x45\\x4c\\x46\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\xf3\\x00:"
                        + "\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff:"
                        + "/var/cache/crossroot/qemu/qemu-riscv64:POF");
    }

    @Test
    void credentialsImplyOpenBinaryAsTheKernelShowsIt() {
        assertThat(BinfmtFlags.canonical("CF")).isEqualTo("OCF");
        assertThat(BinfmtFlags.canonical("fcpo")).isEqualTo("POCF");
        assertThat(BinfmtFlags.canonical("")).isEmpty();
    }

    @Test
    void armelAndArmhfShareOneEntry() {
        BinfmtRegistration el = BinfmtRegistration.forArch(ArchCatalog.require("armel"), QEMU, "F");
        BinfmtRegistration hf = BinfmtRegistration.forArch(ArchCatalog.require("armhf"), QEMU, "F");
        assertThat(el).isEqualTo(hf);
        assertThat(el.name()).isEqualTo("qemu-arm");
    }

    @Test
    void rejectsWhatTheKernelWould() {
        BinfmtPattern p = ArchCatalog.require("riscv64").binfmtPattern();
        assertThatThrownBy(() -> new BinfmtRegistration("a/b", 0, p, QEMU, "F"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("cannot name a binfmt_misc entry");
        assertThatThrownBy(() -> new BinfmtRegistration("a:b", 0, p, QEMU, "F")).isInstanceOf(UserError.class);
        assertThatThrownBy(() -> new BinfmtRegistration("register", 0, p, QEMU, "F"))
                .isInstanceOf(UserError.class);
        assertThatThrownBy(() -> new BinfmtRegistration("x", 0, p, QEMU, "FX"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("Invalid binfmt_misc flag 'X'");
        assertThatThrownBy(() -> new BinfmtRegistration("x", 0, p, Path.of("qemu"), "F"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("absolute path");
        assertThatThrownBy(() -> new BinfmtRegistration("x", 0, p, Path.of("/" + "q".repeat(127)), "F"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("at most 127");
        assertThatThrownBy(() -> new BinfmtRegistration("x", 120, p, QEMU, "F"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("first 128 bytes");
        assertThat(new BinfmtRegistration("x", 0, p, Path.of("/" + "q".repeat(126)), "F").interpreter())
                .isEqualTo(Path.of("/" + "q".repeat(126))); // 127 characters: the longest the kernel takes
    }

    @Test
    void recognisesItsOwnEntryAndConflictingOnes() {
        BinfmtRegistration r = BinfmtRegistration.forArch(ArchCatalog.require("arm64"), QEMU, "POF");
        BinfmtEntry distro = BinfmtEntry.parse("qemu-aarch64", KernelTexts.read("qemu-aarch64"));
        assertThat(r.isRegisteredAs(distro)).isFalse(); // other interpreter and flags
        BinfmtEntry renamed =
                new BinfmtEntry("aarch64-other", true, distro.interpreter(), "F", 0, distro.pattern(), null);
        assertThat(r.conflictsWith(renamed)).isTrue();
        assertThat(r.conflictsWith(distro))
                .as("same name is a replacement, not a conflict")
                .isFalse();
        BinfmtEntry disabled = new BinfmtEntry("aarch64-off", false, "/x", "F", 0, distro.pattern(), null);
        assertThat(r.conflictsWith(disabled)).isFalse();
        BinfmtEntry jar = BinfmtEntry.parse("jar", KernelTexts.read("jar"));
        assertThat(r.conflictsWith(jar)).isFalse();
        BinfmtEntry mine = new BinfmtEntry("qemu-aarch64", true, QEMU.toString(), "POF", 0, r.pattern(), null);
        assertThat(r.isRegisteredAs(mine)).isTrue();
    }
}
