package io.crossroot.rpm.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossroot.util.UserError;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The payload's cpio reader on streams built here from the documented formats: rpm's stripped members (07070X,
 * which rpm writes only for files of 4 GiB or more), newc members, and hostile streams.
 */
class CpioReaderTest {
    /** Builds a cpio stream, padding as rpm's cpio.c does (to 4 bytes, counted from the stream's start). */
    static final class Stream {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Stream newc(String name, int mode, long nlink, byte[] data) {
            return newc(name, mode, nlink, data, name.length() + 1, true);
        }

        Stream newc(String name, int mode, long nlink, byte[] data, long nameSize, boolean nul) {
            pad();
            StringBuilder h = new StringBuilder("070701");
            long[] fields = {1, mode, 0, 0, nlink, 0, data.length, 0, 0, 0, 0, nameSize, 0};
            for (long f : fields) {
                h.append(String.format("%08x", f));
            }
            out.writeBytes(h.toString().getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(name.getBytes(StandardCharsets.UTF_8));
            if (nul) {
                out.write(0);
            }
            pad();
            out.writeBytes(data);
            return this;
        }

        Stream stripped(int index, byte[] data) {
            pad();
            out.writeBytes(("07070X" + String.format("%08x", index)).getBytes(StandardCharsets.US_ASCII));
            pad();
            out.writeBytes(data);
            return this;
        }

        Stream trailer() {
            return newc(CpioReader.TRAILER, 0, 1, new byte[0]);
        }

        private void pad() {
            while (out.size() % 4 != 0) {
                out.write(0);
            }
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.US_ASCII);

    private static CpioReader reader(byte[] stream) {
        return new CpioReader(new ByteArrayInputStream(stream), "test.rpm (payload)", index -> {
            if (index > 1) {
                throw new RpmFormatError("test.rpm", "no file " + index);
            }
            return index == 0 ? HELLO.length : 3;
        });
    }

    @Test
    void readsStrippedMembersWithSizesFromTheHeader() throws Exception {
        byte[] s = new Stream()
                .stripped(0, HELLO)
                .stripped(1, "abc".getBytes(StandardCharsets.US_ASCII))
                .trailer()
                .bytes();
        CpioReader r = reader(s);
        CpioEntry first = r.next();
        assertThat(first.isStripped()).isTrue();
        assertThat(first.fileIndex()).isZero();
        assertThat(first.size()).isEqualTo(5);
        assertThat(r.data().readAllBytes()).isEqualTo(HELLO);
        CpioEntry second = r.next();
        assertThat(second.fileIndex()).isEqualTo(1);
        // not read: next() skips the rest
        assertThat(r.next()).isNull();
        assertThat(r.next()).isNull();
    }

    @Test
    void readsNewcAndStrippedMembersMixed() throws Exception {
        byte[] s = new Stream()
                .newc("./usr/bin/x", 0100755, 1, HELLO)
                .stripped(1, "abc".getBytes(StandardCharsets.US_ASCII))
                .newc("./etc", 040755, 2, new byte[0])
                .trailer()
                .bytes();
        CpioReader r = reader(s);
        CpioEntry x = r.next();
        assertThat(x.name()).isEqualTo("usr/bin/x");
        assertThat(x.mode()).isEqualTo(0100755);
        assertThat(r.data().readAllBytes()).isEqualTo(HELLO);
        assertThat(r.next().fileIndex()).isEqualTo(1);
        assertThat(r.data().readAllBytes()).isEqualTo("abc".getBytes(StandardCharsets.US_ASCII));
        assertThat(r.next().name()).isEqualTo("etc");
        assertThat(r.next()).isNull();
    }

    @Test
    void aStreamCutShortIsRefused() throws Exception {
        byte[] s = new Stream().newc("./a", 0100644, 1, HELLO).trailer().bytes();
        for (int cut : new int[] {3, 60, 113, 116, 118}) {
            CpioReader r = reader(Arrays.copyOf(s, cut));
            assertThatThrownBy(() -> {
                        while (r.next() != null) {
                            r.data().readAllBytes();
                        }
                    })
                    .as("cut at " + cut)
                    .isInstanceOf(RpmFormatError.class)
                    .hasMessageContaining("test.rpm");
        }
    }

    @Test
    void aNameWithoutNulIsRefused() {
        byte[] s = new Stream()
                .newc("./abc", 0100644, 1, HELLO, 5, false)
                .trailer()
                .bytes();
        assertThatThrownBy(() -> reader(s).next())
                .isInstanceOf(RpmFormatError.class)
                .hasMessageContaining("NUL");
    }

    @Test
    void aSizeBeyondTheStreamIsRefusedWithoutAllocatingIt() throws Exception {
        byte[] s = new Stream().newc("./a", 0100644, 1, HELLO).bytes();
        byte[] huge = new String(s, StandardCharsets.ISO_8859_1)
                .replace(String.format("%08x", 5), "ffffffff")
                .getBytes(StandardCharsets.ISO_8859_1);
        CpioReader r = reader(huge);
        assertThat(r.next().size()).isEqualTo(0xffffffffL);
        assertThatThrownBy(() -> r.data().readAllBytes()).isInstanceOf(RpmFormatError.class);
    }

    @Test
    void hostileNamesAndFieldsAreRefused() {
        for (String name : new String[] {"./../etc/passwd", "usr/../../x", "a//b"}) {
            byte[] s = new Stream().newc(name, 0100644, 1, HELLO).trailer().bytes();
            assertThatThrownBy(() -> reader(s).next())
                    .as(name)
                    .isInstanceOf(UserError.class)
                    .hasMessageContaining("unsafe path");
        }
        byte[] badMagic = "070707".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> reader(badMagic).next())
                .isInstanceOf(RpmFormatError.class)
                .hasMessageContaining("magic");
        byte[] notHex = new Stream().newc("./a", 0100644, 1, HELLO).bytes();
        notHex[10] = 'g';
        assertThatThrownBy(() -> reader(notHex).next())
                .isInstanceOf(RpmFormatError.class)
                .hasMessageContaining("hexadecimal");
        byte[] longName =
                new Stream().newc("./a", 0100644, 1, HELLO, 1L << 30, true).bytes();
        assertThatThrownBy(() -> reader(longName).next()).isInstanceOf(RpmFormatError.class);
        byte[] badIndex = new Stream().stripped(7, HELLO).bytes();
        assertThatThrownBy(() -> reader(badIndex).next())
                .isInstanceOf(RpmFormatError.class)
                .hasMessageContaining("no file 7");
    }
}
