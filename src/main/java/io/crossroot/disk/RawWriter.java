package io.crossroot.disk;

import io.crossroot.util.UserError;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Copies a given file (a bootloader blob, a prebuilt filesystem) into the partition, or leaves it empty. */
final class RawWriter implements FilesystemWriter {
    private final Path inputPath;

    RawWriter(Path inputPath) {
        this.inputPath = inputPath;
    }

    Path resolve(Path image) {
        return image == null ? null : inputPath.resolve(image);
    }

    @Override
    public long minimumSize(ContentSize content) {
        return Sizes.alignUp(Math.max(content.bytes(), 1), Sizes.SECTOR); // a bootloader blob may fill a small partition
    }

    @Override
    public long defaultHeadroom() {
        return 0;
    }

    @Override
    public void write(Path image, PlacedPartition where, PartitionIdentity id, PartitionContent content, Path workDir)
            throws IOException {
        Path file = resolve(id.spec().image());
        if (file == null) {
            return;
        }
        if (!Files.isRegularFile(file)) {
            throw new UserError("Partition " + where.name() + " takes its bytes from " + file + ", which does not exist.");
        }
        try (FileChannel in = FileChannel.open(file); FileChannel out = FileChannel.open(image, StandardOpenOption.WRITE)) {
            long pos = 0;
            while (pos < in.size()) {
                pos += in.transferTo(pos, in.size() - pos, out.position(where.offsetBytes() + pos));
            }
        }
    }
}
