package io.crossroot.debian;

import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.tukaani.xz.LZMAInputStream;
import org.tukaani.xz.XZInputStream;

/** The compressions Debian uses for indexes and .deb members, chosen by file-name suffix as apt and dpkg do. */
public enum Compression {
    NONE(""),
    GZIP(".gz"),
    XZ(".xz"),
    ZSTD(".zst"),
    BZIP2(".bz2"),
    LZMA(".lzma");

    private final String suffix;

    Compression(String suffix) {
        this.suffix = suffix;
    }

    public String suffix() {
        return suffix;
    }

    /** The compression named by {@code name}'s suffix; NONE when it has no compression suffix. */
    public static Compression ofFileName(String name) {
        for (Compression c : values()) {
            if (c != NONE && name.endsWith(c.suffix)) {
                return c;
            }
        }
        return NONE;
    }

    /** The compression whose suffix is exactly {@code suffix} ("" for none), if crossroot knows it. */
    public static Optional<Compression> ofSuffix(String suffix) {
        for (Compression c : values()) {
            if (c.suffix.equals(suffix)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** Wraps {@code in} in a decoder; closing the result closes {@code in}. */
    public InputStream decode(InputStream in) throws IOException {
        InputStream buffered = new BufferedInputStream(in, 1 << 16);
        return switch (this) {
            case NONE -> buffered;
            case GZIP -> new GZIPInputStream(buffered, 1 << 16);
            case XZ -> new XZInputStream(buffered);
            case ZSTD -> new ZstdInputStream(buffered);
            case BZIP2 -> new BZip2CompressorInputStream(buffered, true);
            case LZMA -> new LZMAInputStream(buffered);
        };
    }
}
