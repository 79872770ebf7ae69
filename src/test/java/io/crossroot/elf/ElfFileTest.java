package io.crossroot.elf;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossroot.arch.Arch;
import io.crossroot.arch.ArchCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Expected values are from readelf -h -l -d on the fixtures (binutils 2.40). */
class ElfFileTest {
    @TempDir
    Path tmp;

    @Test
    void hostTrueIsDynamicX86_64() {
        ElfFile f = ElfFile.read(Fixtures.X86_64_TRUE);
        assertThat(f.elfClass()).isEqualTo(2);
        assertThat(f.bits()).isEqualTo(64);
        assertThat(f.dataEncoding()).isEqualTo(1);
        assertThat(f.bigEndian()).isFalse();
        assertThat(f.osAbi()).isZero();
        assertThat(f.type()).isEqualTo(ElfType.DYN);
        assertThat(f.machine()).isEqualTo(62);
        assertThat(f.flags()).isZero();
        assertThat(f.entry()).isEqualTo(0x23d0);
        assertThat(f.segments()).hasSize(13);
        assertThat(f.interpreter()).contains("/lib64/ld-linux-x86-64.so.2");
        assertThat(f.needed()).containsExactly("libc.so.6");
        assertThat(f.soname()).isEmpty();
        assertThat(f.runpath()).isEmpty();
        assertThat(f.rpath()).isEmpty();
        assertThat(f.linkage()).isEqualTo(Linkage.DYNAMIC);
        assertThat(f.isDynamic()).isTrue();
        assertThat(f.isStatic()).isFalse();
        assertThat(f.arch()).map(Arch::debian).contains("amd64");
    }

    @Test
    void arm64True() {
        ElfFile f = ElfFile.read(Fixtures.ARM64_TRUE);
        assertThat(f.bits()).isEqualTo(64);
        assertThat(f.type()).isEqualTo(ElfType.DYN);
        assertThat(f.machine()).isEqualTo(183);
        assertThat(f.entry()).isEqualTo(0x17c0);
        assertThat(f.segments()).hasSize(9);
        assertThat(f.interpreter()).contains("/lib/ld-linux-aarch64.so.1");
        assertThat(f.needed()).containsExactly("libc.so.6", "ld-linux-aarch64.so.1");
        assertThat(f.arch()).map(Arch::debian).contains("arm64");
    }

    @Test
    void riscv64TrueIsDynamic() {
        ElfFile f = ElfFile.read(Fixtures.RISCV64_TRUE);
        assertThat(f.machine()).isEqualTo(243);
        assertThat(f.flags()).isEqualTo(0x5);
        assertThat(f.entry()).isEqualTo(0x1c8c);
        assertThat(f.segments()).hasSize(11);
        assertThat(f.interpreter()).contains("/lib/ld-linux-riscv64-lp64d.so.1");
        assertThat(f.needed()).containsExactly("libc.so.6", "ld-linux-riscv64-lp64d.so.1");
        assertThat(f.arch()).map(Arch::debian).contains("riscv64");
    }

    @Test
    void riscv64MkshIsStatic() {
        ElfFile f = ElfFile.read(Fixtures.RISCV64_STATIC);
        assertThat(f.type()).isEqualTo(ElfType.EXEC);
        assertThat(f.machine()).isEqualTo(243);
        assertThat(f.flags()).isEqualTo(0x5);
        assertThat(f.entry()).isEqualTo(0x90b44);
        assertThat(f.segments()).hasSize(6);
        assertThat(f.interpreter()).isEmpty();
        assertThat(f.needed()).isEmpty();
        assertThat(f.linkage()).isEqualTo(Linkage.STATIC);
        assertThat(f.isStatic()).isTrue();
        assertThat(f.isDynamic()).isFalse();
        assertThat(f.arch()).map(Arch::debian).contains("riscv64");
    }

    @Test
    void armFloatAbiFlagsTellArmhfFromArmel() {
        ElfFile hf = ElfFile.read(Fixtures.ARMHF_TRUE);
        assertThat(hf.bits()).isEqualTo(32);
        assertThat(hf.machine()).isEqualTo(40);
        assertThat(hf.flags()).isEqualTo(0x5000400);
        assertThat(hf.entry()).isEqualTo(0xea9);
        assertThat(hf.interpreter()).contains("/lib/ld-linux-armhf.so.3");
        assertThat(hf.needed()).containsExactly("libc.so.6", "ld-linux-armhf.so.3");
        assertThat(hf.arch()).map(Arch::debian).contains("armhf");

        ElfFile el = ElfFile.read(Fixtures.ARMEL_TRUE);
        assertThat(el.flags()).isEqualTo(0x5000200);
        assertThat(el.entry()).isEqualTo(0xedc);
        assertThat(el.interpreter()).contains("/lib/ld-linux.so.3");
        assertThat(el.needed()).containsExactly("libc.so.6", "ld-linux.so.3");
        assertThat(el.arch()).map(Arch::debian).contains("armel");
    }

    @Test
    void everyDynamicFixtureAsksForItsArchitecturesCatalogLoader() {
        for (Path p : Fixtures.ALL) {
            ElfFile f = ElfFile.read(p);
            Arch a = f.arch().orElseThrow();
            f.interpreter().ifPresent(i -> assertThat(i).as(p.toString()).isEqualTo(a.loader()));
        }
    }

    @Test
    void headerBytesAreTheFirst128BytesAndMatchTheArchsBinfmtRule() throws IOException {
        for (Path p : Fixtures.ALL) {
            ElfFile f = ElfFile.read(p);
            byte[] expected = Arrays.copyOf(Files.readAllBytes(p), 128);
            assertThat(f.headerBytes()).isEqualTo(expected);
            assertThat(f.arch().orElseThrow().binfmtPattern().matches(f.headerBytes(), 0))
                    .as(p.toString())
                    .isTrue();
        }
    }

    @Test
    void bigEndian64() throws IOException {
        ElfBuilder b = new ElfBuilder().bigEndian();
        b.machine = 22; // s390
        b.type = 3;
        b.interpreter = "/lib/ld64.so.1";
        b.dynamic = true;
        b.needed.addAll(List.of("libc.so.6", "libm.so.6"));
        b.runpath = "$ORIGIN/../lib";
        ElfFile f = ElfFile.read(write("s390x", b.build()));
        assertThat(f.bigEndian()).isTrue();
        assertThat(f.machine()).isEqualTo(22);
        assertThat(f.interpreter()).contains("/lib/ld64.so.1");
        assertThat(f.needed()).containsExactly("libc.so.6", "libm.so.6");
        assertThat(f.runpath()).contains("$ORIGIN/../lib");
        assertThat(f.arch()).map(Arch::debian).contains("s390x");
    }

    @Test
    void bigEndian32WithRpathAndSoname() throws IOException {
        ElfBuilder b = new ElfBuilder().is32().bigEndian();
        b.machine = 8;
        b.type = 3;
        b.dynamic = true;
        b.soname = "libfoo.so.1";
        b.rpath = "/opt/foo/lib";
        b.needed.add("libc.so.6");
        ElfFile f = ElfFile.read(write("mips", b.build()));
        assertThat(f.bits()).isEqualTo(32);
        assertThat(f.soname()).contains("libfoo.so.1");
        assertThat(f.rpath()).contains("/opt/foo/lib");
        assertThat(f.linkage()).isEqualTo(Linkage.SHARED_LIBRARY);
        assertThat(f.arch()).isEmpty(); // 32-bit big-endian MIPS is not in the catalog
    }

    @Test
    void dynWithoutInterpreterIsStaticPie() throws IOException {
        ElfBuilder b = new ElfBuilder();
        b.type = 3;
        b.dynamic = true;
        b.flags1 = 0x08000000L; // DF_1_PIE
        ElfFile f = ElfFile.read(write("static-pie", b.build()));
        assertThat(f.linkage()).isEqualTo(Linkage.STATIC_PIE);
        assertThat(f.isStaticPie()).isTrue();
        assertThat(f.isStatic()).isTrue();
        assertThat(f.interpreter()).isEmpty();
    }

    @Test
    void relocatableObjectIsNotExecutable() throws IOException {
        ElfBuilder b = new ElfBuilder();
        b.type = 1;
        ElfFile f = ElfFile.read(write("obj.o", b.build()));
        assertThat(f.type()).isEqualTo(ElfType.REL);
        assertThat(f.linkage()).isEqualTo(Linkage.NOT_EXECUTABLE);
    }

    @Test
    void archMapsThroughTheCatalog() {
        ElfFile f = ElfFile.read(Fixtures.ARMHF_TRUE);
        assertThat(f.arch()).isEqualTo(ArchCatalog.forElf(f.elfClass(), f.dataEncoding(), f.machine(), f.flags()));
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = tmp.resolve(name);
        Files.write(p, bytes);
        return p;
    }
}
