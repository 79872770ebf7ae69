package io.crossroot.disk;

import io.crossroot.util.ConfinedRoot;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/** Copies a given file (a bootloader blob, a prebuilt filesystem) into the partition, or leaves it empty. */
final class RawWriter implements FilesystemWriter {
    private final Path inputPath;

    RawWriter(Path inputPath) {
        this.inputPath = inputPath;
    }

    /** The regular file {@code image} names inside the input path, resolved as in a chroot; null for none. */
    Path resolve(Path image) {
        if (image == null) {
            return null;
        }
        return (inputPath == null ? Optional.<Path>empty() : ConfinedRoot.resolve(inputPath, image.toString()))
                .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                .orElseThrow(() -> new UserError("A partition takes its bytes from " + image + ", which is not a "
                        + "regular file in "
                        + (inputPath == null
                                ? "the input path (the rootfs has no /boot; give " + "--input-path)"
                                : inputPath + " (names are resolved inside it, as in a chroot)")
                        + "."));
    }

    @Override
    public long minimumSize(ContentSize content) {
        return Sizes.alignUp(
                Math.max(content.bytes(), 1), Sizes.SECTOR); // a bootloader blob may fill a small partition
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
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
                FileChannel out = FileChannel.open(image, StandardOpenOption.WRITE)) {
            long pos = 0;
            while (pos < in.size()) {
                pos += in.transferTo(pos, in.size() - pos, out.position(where.offsetBytes() + pos));
            }
        }
    }
}
