package io.crossroot.oci;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Turns layer entries into a compressed blob in a blob directory, hashing both forms in the same pass. */
final class LayerWriter {
    private LayerWriter() {}

    /** Writes the blob into {@code blobDir} (an OCI layout's blobs/sha256) under its digest. */
    static LayerBlob write(java.util.List<LayerEntry> entries, long epochSeconds, LayerCompression compression, Path blobDir)
            throws IOException {
        Files.createDirectories(blobDir);
        Path temp = Files.createTempFile(blobDir, ".layer-", ".part");
        try {
            HashingOutputStream compressed;
            HashingOutputStream tar;
            try (OutputStream file = Files.newOutputStream(temp)) {
                compressed = new HashingOutputStream(file);
                OutputStream compressor = compression.wrap(compressed);
                tar = new HashingOutputStream(compressor);
                LayerTarWriter.write(entries, epochSeconds, tar);
                compressor.close(); // flushes the compression trailer through the outer hash
            }
            Digest digest = compressed.digest();
            Files.move(temp, blobDir.resolve(digest.hex()), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            return new LayerBlob(digest, compressed.size(), tar.digest(), compression);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
