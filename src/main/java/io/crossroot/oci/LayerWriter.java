package io.crossroot.oci;

import io.crossroot.oci.tree.LayerSource;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.OptionalLong;

/** Turns layer entries into a compressed blob in a blob directory, hashing both forms in the same pass. */
final class LayerWriter {
    private LayerWriter() {}

    /** A written layer blob and the newest mtime in it. */
    record Written(LayerBlob blob, long newestMtime) {}

    /** Writes the blob into {@code blobDir} (an OCI layout's blobs/sha256) under its digest. */
    static Written write(LayerSource source, OptionalLong clamp, LayerCompression compression, Path blobDir)
            throws IOException {
        Files.createDirectories(blobDir);
        Path temp = Files.createTempFile(blobDir, ".layer-", ".part");
        try {
            HashingOutputStream compressed;
            HashingOutputStream tar;
            long newest;
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
                compressed = new HashingOutputStream(file);
                OutputStream compressor = compression.wrap(compressed);
                tar = new HashingOutputStream(compressor);
                newest = LayerTarWriter.write(source, clamp, tar);
                compressor.close(); // flushes the compression trailer through the outer hash
            }
            Digest digest = compressed.digest();
            Files.move(
                    temp,
                    blobDir.resolve(digest.hex()),
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            return new Written(new LayerBlob(digest, compressed.size(), tar.digest(), compression), newest);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
