package io.crossroot.elf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossroot.util.UserError;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Damaged and non-ELF input gives one clear paragraph (ElfFormatError), never another exception. */
class ElfFileBadInputTest {
    @TempDir
    Path tmp;

    @Test
    @Timeout(60) // a regression hangs in open(2) instead of failing
    void aFifoIsRefusedInsteadOfWaitedOn() throws Exception {
        Path fifo = tmp.resolve("fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor())
                .isZero();
        assertThatThrownBy(() -> ElfFile.read(fifo))
                .isInstanceOf(ElfFormatError.class)
                .hasMessageStartingWith(fifo + " is not an ELF program")
                .hasMessageContaining("not a regular file");
    }

    @Test
    void truncatedInsideIdentification() throws IOException {
        Path p = cut(Fixtures.X86_64_TRUE, 10);
        assertThatThrownBy(() -> ElfFile.read(p))
                .isInstanceOf(ElfFormatError.class)
                .hasMessageStartingWith(p + " is not a valid ELF file: ELF identification")
                .hasMessageContaining("size 10 bytes")
                .hasMessageContaining("truncated");
    }

    @Test
    void truncatedInsideHeader() throws IOException {
        Path p = cut(Fixtures.X86_64_TRUE, 40);
        assertThatThrownBy(() -> ElfFile.read(p))
                .isInstanceOf(ElfFormatError.class)
                .hasMessageContaining(
                        "ELF header (64 bytes at offset 0) extends beyond the end of the file (size 40 " + "bytes)");
    }

    @Test
    void truncatedInsideProgramHeaders() throws IOException {
        Path p = cut(Fixtures.ARM64_TRUE, 64 + 56 * 3 + 10);
        assertThatThrownBy(() -> ElfFile.read(p))
                .isInstanceOf(ElfFormatError.class)
                .hasMessageContaining("program header table (9 entries) (504 bytes at offset 64) extends beyond the "
                        + "end of the file (size 242 bytes)")
                .hasMessageContaining("truncated");
    }

    @Test
    void truncatedInsideDynamicSection() throws IOException {
        for (Path fixture : new Path[] {Fixtures.X86_64_TRUE, Fixtures.ARMHF_TRUE, Fixtures.RISCV64_TRUE}) {
            Segment dyn = ElfFile.read(fixture).segments().stream()
                    .filter(s -> s.type() == Segment.PT_DYNAMIC)
                    .findFirst()
                    .orElseThrow();
            Path p = cut(fixture, dyn.offset() + 8);
            assertThatThrownBy(() -> ElfFile.read(p))
                    .as(fixture.toString())
                    .isInstanceOf(ElfFormatError.class)
                    .hasMessageContaining("dynamic section (" + dyn.fileSize() + " bytes at offset " + dyn.offset()
                            + ") extends beyond the end of the file");
        }
    }

    @Test
    void truncatedEverywhereNeverThrowsAnythingElse() throws IOException {
        byte[] whole = Files.readAllBytes(Fixtures.ARMEL_TRUE);
        for (int len = 0; len < whole.length; len += len < 600 ? 1 : 997) {
            Path p = tmp.resolve("cut");
            Files.write(p, Arrays.copyOf(whole, len));
            try {
                ElfFile.read(p);
            } catch (ElfFormatError expected) {
                assertThat(expected.getMessage()).startsWith(p.toString()).doesNotContain("\n");
            }
        }
    }

    @Test
    void absurdProgramHeaderCountIsRefused() throws IOException {
        byte[] b = Files.readAllBytes(Fixtures.X86_64_TRUE);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putShort(56, (short) 0xfff0); // e_phnum
        Path p = write("phnum", b);
        assertThatThrownBy(() -> ElfFile.read(p))
                .isInstanceOf(ElfFormatError.class)
                .hasMessageContaining("claims 65520 program headers")
                .hasMessageContaining("kernel's limit of 65536 bytes");
    }

    @Test
    void programHeaderCountPastEndOfFile() throws IOException {
        byte[] b = Files.readAllBytes(Fixtures.RISCV64_TRUE);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(32, 31_000); // e_phoff near the end
        Path p = write("phoff", b);
        assertThatThrownBy(() -> ElfFile.read(p))
                .isInstanceOf(ElfFormatError.class)
                .hasMessageContaining("program header table (11 entries) (616 bytes at offset 31000) extends beyond "
                        + "the end of the file (size 31208 bytes)");
    }

    @Test
    void hugeUnsignedOffsetIsBeyondTheEndNotNegative() throws IOException {
        byte[] b = Files.readAllBytes(Fixtures.RISCV64_TRUE);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(32, 0xffff_ffff_ffff_ff00L);
        Path p = write("phoff-huge", b);
        assertThatThrownBy(() -> ElfFile.read(p))
                .isInstanceOf(ElfFormatError.class)
                .hasMessageContaining("at offset 18446744073709551360");
    }

    @Test
    void tooSmallProgramHeaderEntries() throws IOException {
        byte[] b = Files.readAllBytes(Fixtures.X86_64_TRUE);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putShort(54, (short) 8); // e_phentsize
        Path p = write("phentsize", b);
        assertThatThrownBy(() -> ElfFile.read(p))
                .isInstanceOf(ElfFormatError.class)
                .hasMessageContaining("program header entries are 8 bytes");
    }

    @Test
    void interpreterPastEndOfFile() throws IOException {
        ElfBuilder eb = new ElfBuilder();
        eb.interpreter = "/lib/ld.so";
        byte[] b = eb.build();
        // PT_INTERP is the second program header; p_offset is 8 bytes into a 64-bit header
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(eb.phoff + 56 + 8, b.length - 2);
        Path p = write("interp", b);
        assertThatThrownBy(() -> ElfFile.read(p))
                .isInstanceOf(ElfFormatError.class)
                .hasMessageContaining("program interpreter path (PT_INTERP) (11 bytes at offset " + (b.length - 2));
    }

    @Test
    void neededStringOutsideStringTable() throws IOException {
        ElfBuilder eb = new ElfBuilder();
        eb.dynamic = true;
        eb.needed.add("libc.so.6");
        byte[] b = eb.build();
        // dynamic: [STRTAB, STRSZ, NEEDED, NULL]; NEEDED's value is at entry 2 + 8
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(eb.dynamicOffset + 2 * 16 + 8, 5000);
        Path p = write("needed", b);
        assertThatThrownBy(() -> ElfFile.read(p))
                .isInstanceOf(ElfFormatError.class)
                .hasMessageContaining("DT_NEEDED string index 5000 lies outside the dynamic string table");
    }

    @Test
    void badClassByte() throws IOException {
        byte[] b = Files.readAllBytes(Fixtures.X86_64_TRUE);
        b[4] = 7;
        Path p = write("class", b);
        assertThatThrownBy(() -> ElfFile.read(p))
                .isInstanceOf(ElfFormatError.class)
                .hasMessageContaining("ELF class byte is 7");
    }

    @Test
    void emptyFile() throws IOException {
        Path p = write("empty", new byte[0]);
        assertThatThrownBy(() -> ElfFile.read(p))
                .isInstanceOf(ElfFormatError.class)
                .hasMessage(p + " is not an ELF program: the file is empty. crossroot can only inspect ELF "
                        + "executables and shared libraries.");
    }

    @Test
    void scriptIsNamedAsScript() throws IOException {
        Path p = write("script", "#!/bin/sh\necho hi\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> ElfFile.read(p))
                .isInstanceOf(ElfFormatError.class)
                .hasMessageContaining("it is a script (#!/bin/sh)");
    }

    @Test
    void textFile() throws IOException {
        Path p = write("text", "hello world\nsecond line\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> ElfFile.read(p))
                .isInstanceOf(ElfFormatError.class)
                .hasMessageContaining("it looks like a text file (starting \"hello world\")");
    }

    @Test
    void binaryGarbage() throws IOException {
        Path p = write("zip", new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0, 9, 9});
        assertThatThrownBy(() -> ElfFile.read(p))
                .isInstanceOf(ElfFormatError.class)
                .hasMessageContaining("its first bytes are 50 4b 03 04 00 00 00 00");
    }

    @Test
    void directoryAndMissingFile() {
        assertThatThrownBy(() -> ElfFile.read(tmp))
                .isInstanceOf(ElfFormatError.class)
                .hasMessageContaining("it is a directory");
        assertThatThrownBy(() -> ElfFile.read(tmp.resolve("nope")))
                .isInstanceOf(UserError.class)
                .hasMessage(tmp.resolve("nope") + " does not exist.");
    }

    @Test
    void randomCorruptionGivesOnlyFormatErrors() throws IOException {
        Random rnd = new Random(42);
        for (Path fixture : Fixtures.ALL) {
            byte[] whole = Files.readAllBytes(fixture);
            for (int i = 0; i < 150; i++) {
                byte[] b = whole.clone();
                for (int k = 0; k < 4; k++) {
                    // mostly the header and program headers, sometimes anywhere
                    int pos =
                            rnd.nextInt(4) == 0 ? rnd.nextInt(b.length) : 4 + rnd.nextInt(Math.min(b.length, 700) - 4);
                    b[pos] = (byte) rnd.nextInt(256);
                }
                Path p = write("fuzz", b);
                try {
                    ElfFile.read(p);
                } catch (ElfFormatError expected) {
                    assertThat(expected.getMessage()).startsWith(p.toString());
                }
            }
        }
    }

    private Path cut(Path fixture, long length) throws IOException {
        byte[] b = Files.readAllBytes(fixture);
        return write(fixture.getFileName() + "-" + length, Arrays.copyOf(b, (int) length));
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = tmp.resolve(name);
        Files.write(p, bytes);
        return p;
    }
}
