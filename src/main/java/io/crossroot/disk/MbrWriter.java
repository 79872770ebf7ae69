package io.crossroot.disk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.List;

/** Writes a classic DOS partition table (up to four primary partitions) or GPT's protective MBR. */
public final class MbrWriter {
    public static final int MAX_PRIMARY = 4;
    private static final int TABLE_OFFSET = 446;
    private static final int DISK_SIGNATURE_OFFSET = 440;
    private static final long MAX_LBA32 = 0xffffffffL;

    private MbrWriter() {}

    public static void write(FileChannel ch, int diskSignature, List<PlacedPartition> parts) throws IOException {
        if (parts.size() > MAX_PRIMARY) {
            throw new IllegalArgumentException("an MBR table holds at most " + MAX_PRIMARY
                    + " partitions, the layout has " + parts.size() + "; use table: gpt");
        }
        ByteBuffer b = sector();
        b.putInt(DISK_SIGNATURE_OFFSET, diskSignature);
        for (int i = 0; i < parts.size(); i++) {
            PlacedPartition p = parts.get(i);
            if (p.lastLba() > MAX_LBA32) {
                throw new IllegalArgumentException(
                        "partition " + p.name() + " ends beyond 2 TiB, which MBR cannot address; use table: gpt");
            }
            entry(b, i, p.bootable(), p.type().mbr(), p.firstLba(), p.sectors());
        }
        GptWriter.writeAt(ch, 0, b.array());
    }

    /** LBA 0 of a GPT disk: one 0xEE partition covering the disk, so MBR-only tools leave it alone. */
    static byte[] protective(long diskSectors) {
        ByteBuffer b = sector();
        entry(b, 0, false, 0xee, 1, Math.min(diskSectors - 1, MAX_LBA32));
        // UEFI 2.10 table 5-4: StartingCHS 0x000200, EndingCHS 0xFFFFFF
        b.put(TABLE_OFFSET + 1, (byte) 0).put(TABLE_OFFSET + 2, (byte) 2).put(TABLE_OFFSET + 3, (byte) 0);
        b.put(TABLE_OFFSET + 5, (byte) 0xff);
        return b.array();
    }

    private static ByteBuffer sector() {
        ByteBuffer b = ByteBuffer.allocate((int) Sizes.SECTOR).order(ByteOrder.LITTLE_ENDIAN);
        b.put(510, (byte) 0x55).put(511, (byte) 0xaa);
        return b;
    }

    private static void entry(ByteBuffer b, int index, boolean bootable, int type, long firstLba, long sectors) {
        int o = TABLE_OFFSET + 16 * index;
        b.put(o, (byte) (bootable ? 0x80 : 0));
        // CHS fields: "beyond CHS range" markers, as every modern partitioner writes them
        b.put(o + 1, (byte) 0xfe).put(o + 2, (byte) 0xff).put(o + 3, (byte) 0xff);
        b.put(o + 4, (byte) type);
        b.put(o + 5, (byte) 0xfe).put(o + 6, (byte) 0xff).put(o + 7, (byte) 0xff);
        b.putInt(o + 8, (int) firstLba);
        b.putInt(o + 12, (int) sectors);
    }
}
