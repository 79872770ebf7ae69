package io.crossroot.rootfs;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;

/**
 * Searches an initramfs image for a byte string. An image is a run of uncompressed newc cpio archives (early
 * microcode, firmware), each padded with zeros, then at most one compressed cpio archive (gzip, xz, zstd, bzip2,
 * lzma or lz4 frames); the scan walks the uncompressed archives by their headers, checking every length against
 * what is left, and searches the decompressed rest as a stream.
 */
final class InitramfsScan {
    private static final int HEADER = 110;
    private static final String TRAILER = "TRAILER!!!";

    private InitramfsScan() {}

    /** Whether {@code needle} occurs in a file name or content of {@code image}. */
    static boolean contains(Path image, byte[] needle) throws IOException {
        long size = Files.size(image);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(image), 1 << 16)) {
            long offset = 0;
            while (true) {
                in.mark(8);
                int first = in.read();
                if (first < 0) {
                    return false;
                }
                if (first == 0) { // padding between archives
                    offset++;
                    continue;
                }
                in.reset();
                if (first == '0') {
                    long[] read = {0};
                    if (cpioContains(in, needle, size - offset, read, image)) {
                        return true;
                    }
                    offset += read[0];
                    continue;
                }
                return compressedContains(in, needle, image, offset);
            }
        }
    }

    /** One uncompressed archive, up to its trailer; {@code read[0]} gets the bytes it took. */
    private static boolean cpioContains(InputStream in, byte[] needle, long left, long[] read, Path image)
            throws IOException {
        long used = 0;
        while (true) {
            byte[] header = readExactly(in, HEADER, left - used, image, used);
            String magic = new String(header, 0, 6, StandardCharsets.US_ASCII);
            if (!magic.equals("070701") && !magic.equals("070702")) {
                throw bad(image, "an uncompressed part is not a newc cpio archive (magic " + magic + ")");
            }
            long fileSize = hex(header, 54, image);
            long nameSize = hex(header, 94, image);
            used += HEADER;
            long namePadded = pad4(HEADER + nameSize) - HEADER;
            byte[] name = readExactly(in, namePadded, left - used, image, used);
            used += namePadded;
            long dataPadded = pad4(fileSize);
            if (dataPadded > left - used) {
                throw bad(image, "an entry claims " + fileSize + " bytes, more than the file holds");
            }
            boolean trailer =
                    new String(name, 0, (int) Math.max(0, nameSize - 1), StandardCharsets.US_ASCII).equals(TRAILER);
            boolean found = indexOf(name, needle) >= 0 || new StreamSearch(needle).feed(in, dataPadded, image);
            used += dataPadded;
            if (found) {
                return true;
            }
            if (trailer) {
                read[0] = used;
                return false;
            }
        }
    }

    private static boolean compressedContains(InputStream in, byte[] needle, Path image, long offset)
            throws IOException {
        InputStream decompressed;
        try {
            decompressed = new CompressorStreamFactory(true).createCompressorInputStream(in);
        } catch (CompressorException e) {
            throw bad(
                    image,
                    "the part at byte " + offset + " is neither a cpio archive nor in a compression "
                            + "format crossroot reads (" + e.getMessage() + ")");
        }
        return new StreamSearch(needle).feed(decompressed, Long.MAX_VALUE, image);
    }

    /** A search across chunk boundaries: keeps the last needle-length-minus-one bytes of each chunk. */
    private static final class StreamSearch {
        private final byte[] needle;

        StreamSearch(byte[] needle) {
            this.needle = needle;
        }

        /** Reads {@code length} bytes (or to the end when unbounded) and says whether the needle occurs. */
        boolean feed(InputStream in, long length, Path image) throws IOException {
            int keep = needle.length - 1;
            byte[] buffer = new byte[(1 << 16) + keep];
            int carried = 0;
            long left = length;
            boolean found = false;
            while (left > 0) {
                int n = in.read(buffer, carried, (int) Math.min(buffer.length - carried, left));
                if (n < 0) {
                    if (length == Long.MAX_VALUE) {
                        break;
                    }
                    throw bad(image, "it ends inside an entry");
                }
                left -= n;
                int filled = carried + n;
                if (!found && indexOf(buffer, filled, needle) >= 0) {
                    found = true; // read on: the caller continues after this entry
                }
                carried = Math.min(keep, filled);
                System.arraycopy(buffer, filled - carried, buffer, 0, carried);
            }
            return found;
        }
    }

    private static byte[] readExactly(InputStream in, long n, long left, Path image, long at) throws IOException {
        if (n > left || n > Integer.MAX_VALUE) {
            throw bad(image, "a cpio header or name at byte " + at + " runs past the end of the file");
        }
        byte[] b = in.readNBytes((int) n);
        if (b.length != n) {
            throw new EOFException(image + " ends inside a cpio header");
        }
        return b;
    }

    private static long hex(byte[] header, int at, Path image) throws IOException {
        try {
            return Long.parseLong(new String(header, at, 8, StandardCharsets.US_ASCII), 16);
        } catch (NumberFormatException e) {
            throw bad(image, "a cpio header has a field that is not hexadecimal");
        }
    }

    private static long pad4(long n) {
        return (n + 3) & ~3L;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        return indexOf(haystack, haystack.length, needle);
    }

    private static int indexOf(byte[] haystack, int length, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static IOException bad(Path image, String what) {
        return new IOException("Cannot read the initramfs " + image + ": " + what + ".");
    }
}
