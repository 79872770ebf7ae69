package io.crossroot.oci;

import com.github.luben.zstd.ZstdOutputStream;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/** How a layer blob is compressed. Both writers are deterministic: same tar bytes, same blob bytes. */
public enum LayerCompression {
    GZIP("application/vnd.oci.image.layer.v1.tar+gzip", "application/vnd.docker.image.rootfs.diff.tar.gzip"),
    ZSTD("application/vnd.oci.image.layer.v1.tar+zstd", "application/vnd.oci.image.layer.v1.tar+zstd"),
    /** For a local load only: skips compressing what the engine unpacks at once. */
    NONE("application/vnd.oci.image.layer.v1.tar", "application/vnd.docker.image.rootfs.diff.tar");

    private static final int ZSTD_LEVEL = 3;

    private final String ociMediaType;
    private final String dockerMediaType;

    LayerCompression(String ociMediaType, String dockerMediaType) {
        this.ociMediaType = ociMediaType;
        this.dockerMediaType = dockerMediaType;
    }

    public String ociMediaType() {
        return ociMediaType;
    }

    public String dockerMediaType() {
        return dockerMediaType;
    }

    public static LayerCompression parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserError("Unknown layer compression '" + name + "': use gzip, zstd or none.");
        }
    }

    OutputStream wrap(OutputStream out) throws IOException {
        return switch (this) {
            // Java's gzip header has mtime 0, no file name and a fixed OS byte; the level is pinned here.
            case GZIP ->
                new GZIPOutputStream(out, 1 << 16) {
                    {
                        def.setLevel(Deflater.DEFAULT_COMPRESSION);
                    }
                };
            // One thread and no dictionary: zstd's output then depends only on the input and the level.
            case ZSTD ->
                new ZstdOutputStream(out, ZSTD_LEVEL).setChecksum(false).setWorkers(0);
            case NONE ->
                new java.io.FilterOutputStream(out) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                    }
                };
        };
    }
}
