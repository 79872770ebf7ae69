package io.crossroot.disk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A Linux swap signature (what mkswap writes: version-1 header in the first 4 KiB page). */
final class SwapWriter implements FilesystemWriter {
    private static final int PAGE = 4096;

    @Override
    public long minimumSize(ContentSize content) {
        return Sizes.MIB;
    }

    @Override
    public long defaultHeadroom() {
        return 256 * Sizes.MIB;
    }

    @Override
    public void write(Path image, PlacedPartition where, PartitionIdentity id, PartitionContent content, Path workDir)
            throws IOException {
        ByteBuffer b = ByteBuffer.allocate(PAGE).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(1024, 1); // version
        b.putInt(1028, (int) (where.sizeBytes() / PAGE - 1)); // last page
        java.util.UUID u = id.fsUuid().uuid(); // libuuid byte order: big-endian
        b.order(ByteOrder.BIG_ENDIAN)
                .putLong(1036, u.getMostSignificantBits())
                .putLong(1044, u.getLeastSignificantBits());
        byte[] label = id.label().getBytes(StandardCharsets.UTF_8);
        b.put(1052, label, 0, Math.min(label.length, 15));
        b.put(PAGE - 10, "SWAPSPACE2".getBytes(StandardCharsets.US_ASCII));
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.WRITE)) {
            GptWriter.writeAt(ch, where.offsetBytes(), b.array());
        }
    }
}
