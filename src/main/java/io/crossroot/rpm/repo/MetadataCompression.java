package io.crossroot.rpm.repo;

import io.crossroot.debian.Compression;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The compression of a metadata file, told by its first bytes as librepo does (file names lie: Fedora's
 * primary.xml.zst and openEuler's primary.xml.gz are both just "primary" in repomd.xml).
 */
final class MetadataCompression {
    private static final byte[] GZIP = {0x1f, (byte) 0x8b};
    private static final byte[] XZ = {(byte) 0xfd, '7', 'z', 'X', 'Z', 0};
    private static final byte[] ZSTD = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd};
    private static final byte[] BZIP2 = {'B', 'Z', 'h'};
    private static final byte[] ZCHUNK = {0, 'Z', 'C', 'K', '1'};

    private MetadataCompression() {}

    /** The compression whose magic starts {@code head}; NONE for anything else. */
    static Compression detect(byte[] head) {
        if (startsWith(head, GZIP)) {
            return Compression.GZIP;
        }
        if (startsWith(head, XZ)) {
            return Compression.XZ;
        }
        if (startsWith(head, ZSTD)) {
            return Compression.ZSTD;
        }
        if (startsWith(head, BZIP2)) {
            return Compression.BZIP2;
        }
        return Compression.NONE;
    }

    /** {@code in} decompressed as its magic says; a zchunk file, which crossroot cannot read, is refused. */
    static InputStream decode(InputStream in, String source) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        buffered.mark(8);
        byte[] head = buffered.readNBytes(6);
        buffered.reset();
        if (startsWith(head, ZCHUNK)) {
            throw new RpmMetadataError(source + " is zchunk-compressed, which crossroot does not read. The repository "
                    + "lists a gz, xz or zstd variant of each file as well; if this one has none, report it.");
        }
        return detect(head).decode(buffered);
    }

    private static boolean startsWith(byte[] head, byte[] magic) {
        return head.length >= magic.length && Arrays.equals(head, 0, magic.length, magic, 0, magic.length);
    }
}
