package io.crossroot.binfmt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossroot.arch.ArchCatalog;
import io.crossroot.elf.ElfFile;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BinfmtMisc on a directory of real entry texts: parsing and what it writes (the kernel is not involved). */
class BinfmtMiscFakeTreeTest {
    @TempDir
    Path tmp;

    @Test
    void listsEveryEntryButRegisterAndStatus() throws IOException {
        BinfmtMisc m =
                new BinfmtMisc(KernelTexts.fakeTree(tmp, "qemu-aarch64", "jar", "extension", "disabled-no-mask"));
        assertThat(m.isMounted()).isTrue();
        assertThat(m.globallyEnabled()).isTrue();
        assertThat(m.list())
                .extracting(BinfmtEntry::name)
                .containsExactlyInAnyOrder("qemu-aarch64", "jar", "extension", "disabled-no-mask");
        assertThat(m.find("jar")).map(BinfmtEntry::interpreter).contains("/usr/bin/jexec");
        assertThat(m.find("missing")).isEmpty();
    }

    @Test
    void matchesAnArm64ProgramToTheQemuEntry() throws IOException {
        BinfmtMisc m = new BinfmtMisc(KernelTexts.fakeTree(tmp, "qemu-aarch64", "qemu-s390x", "jar"));
        byte[] header = ElfFile.read(Path.of("src/test/resources/fixtures/elf/arm64-true"))
                .headerBytes();
        BinfmtMatch match = m.match(header).orElseThrow();
        assertThat(match.entry().name()).isEqualTo("qemu-aarch64");
        assertThat(match.interpreter()).isEqualTo("/usr/libexec/qemu-binfmt/aarch64-binfmt-P");
        assertThat(match.ambiguous()).isFalse();
        byte[] riscv = ElfFile.read(Path.of("src/test/resources/fixtures/elf/riscv64-true"))
                .headerBytes();
        assertThat(m.match(riscv)).isEmpty();
    }

    @Test
    void globallyDisabledMatchesNothing() throws IOException {
        BinfmtMisc m = new BinfmtMisc(KernelTexts.fakeTree(tmp, "qemu-aarch64"));
        Files.writeString(tmp.resolve("status"), "disabled\n");
        byte[] header = ElfFile.read(Path.of("src/test/resources/fixtures/elf/arm64-true"))
                .headerBytes();
        assertThat(m.match(header)).isEmpty();
    }

    @Test
    void registerWritesOneRegisterLine() throws IOException {
        BinfmtMisc m = new BinfmtMisc(KernelTexts.fakeTree(tmp));
        BinfmtRegistration r =
                BinfmtRegistration.forArch(ArchCatalog.require("s390x"), Path.of("/opt/qemu-s390x"), "POF");
        m.register(r);
        assertThat(Files.readString(tmp.resolve("register"))).isEqualTo(r.registerLine());
    }

    @Test
    void registerRefusesAnExistingName() throws IOException {
        BinfmtMisc m = new BinfmtMisc(KernelTexts.fakeTree(tmp, "qemu-aarch64"));
        BinfmtRegistration r = new BinfmtRegistration(
                "qemu-aarch64", 0, ArchCatalog.require("arm64").binfmtPattern(), Path.of("/opt/q"), "F");
        assertThatThrownBy(() -> m.register(r))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("already has an entry named 'qemu-aarch64'");
    }

    @Test
    void removeAndDisableWriteToTheEntryFile() throws IOException {
        BinfmtMisc m = new BinfmtMisc(KernelTexts.fakeTree(tmp, "jar", "qemu-aarch64"));
        m.setEnabled("jar", false);
        assertThat(Files.readString(tmp.resolve("jar"))).startsWith("0");
        m.remove("qemu-aarch64");
        assertThat(Files.readString(tmp.resolve("qemu-aarch64"))).startsWith("-1");
        m.remove("not-there"); // nothing to do
        assertThatThrownBy(() -> m.setEnabled("not-there", true))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("no binfmt_misc entry named 'not-there'");
    }

    @Test
    void conflictsFindTheDistributionEntry() throws IOException {
        BinfmtMisc m = new BinfmtMisc(KernelTexts.fakeTree(tmp, "qemu-aarch64", "jar"));
        Files.writeString(tmp.resolve("aarch64-elsewhere"), KernelTexts.read("qemu-aarch64"));
        BinfmtRegistration r = BinfmtRegistration.forArch(ArchCatalog.require("arm64"), Path.of("/opt/q"), "POF");
        assertThat(m.conflicts(r)).extracting(BinfmtEntry::name).containsExactly("aarch64-elsewhere");
    }

    @Test
    void notMountedIsAClearError() {
        BinfmtMisc m = new BinfmtMisc(tmp.resolve("none"));
        assertThat(m.isMounted()).isFalse();
        assertThatThrownBy(m::list).isInstanceOf(UserError.class).hasMessageContaining("binfmt_misc is not mounted at");
        assertThatThrownBy(m::ensureMounted)
                .isInstanceOf(UserError.class)
                .hasMessageContaining("does not exist: this kernel has no binfmt_misc support loaded");
    }
}
