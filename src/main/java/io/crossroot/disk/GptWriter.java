package io.crossroot.disk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Writes a GUID partition table (UEFI spec 2.10, chapter 5): protective MBR at LBA 0, primary header at LBA 1
 * with 128 entries of 128 bytes at LBA 2-33, and the backup entries and header in the disk's last 33 sectors.
 */
public final class GptWriter {
    public static final int ENTRY_COUNT = 128;
    public static final int ENTRY_SIZE = 128;
    public static final int HEADER_SIZE = 92;
    /** Sectors taken by the entry array: 128 * 128 / 512. */
    public static final long ENTRY_SECTORS = ENTRY_COUNT * ENTRY_SIZE / Sizes.SECTOR;

    public static final long FIRST_USABLE_LBA = 2 + ENTRY_SECTORS;
    private static final int NAME_BYTES = 72;

    private GptWriter() {}

    /** The last LBA a partition may use on a disk of {@code diskSectors}. */
    public static long lastUsableLba(long diskSectors) {
        return diskSectors - 2 - ENTRY_SECTORS;
    }

    public static void write(FileChannel ch, long diskSectors, Guid diskGuid, List<PlacedPartition> parts)
            throws IOException {
        if (parts.size() > ENTRY_COUNT) {
            throw new IllegalArgumentException("GPT holds at most " + ENTRY_COUNT + " partitions");
        }
        byte[] entries = entries(parts);
        long lastLba = diskSectors - 1;
        long backupEntriesLba = lastLba - ENTRY_SECTORS;
        writeAt(ch, 0, MbrWriter.protective(diskSectors));
        writeAt(ch, Sizes.SECTOR, header(1, lastLba, 2, diskSectors, diskGuid, entries));
        writeAt(ch, 2 * Sizes.SECTOR, entries);
        writeAt(ch, backupEntriesLba * Sizes.SECTOR, entries);
        writeAt(ch, lastLba * Sizes.SECTOR, header(lastLba, 1, backupEntriesLba, diskSectors, diskGuid, entries));
    }

    static byte[] entries(List<PlacedPartition> parts) {
        ByteBuffer b = ByteBuffer.allocate(ENTRY_COUNT * ENTRY_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < parts.size(); i++) {
            PlacedPartition p = parts.get(i);
            b.position(i * ENTRY_SIZE);
            b.put(p.type().gpt().mixedEndianBytes());
            b.put(p.uniqueGuid().mixedEndianBytes());
            b.putLong(p.firstLba());
            b.putLong(p.lastLba());
            b.putLong(p.bootable() ? 1L << 2 : 0); // bit 2: legacy BIOS bootable, what U-Boot's distro boot looks for
            byte[] name = p.name().getBytes(StandardCharsets.UTF_16LE);
            b.put(name, 0, Math.min(name.length, NAME_BYTES));
        }
        return b.array();
    }

    static byte[] header(
            long myLba, long alternateLba, long entriesLba, long diskSectors, Guid diskGuid, byte[] entries) {
        ByteBuffer b = ByteBuffer.allocate((int) Sizes.SECTOR).order(ByteOrder.LITTLE_ENDIAN);
        b.put("EFI PART".getBytes(StandardCharsets.US_ASCII));
        b.putInt(0x00010000);
        b.putInt(HEADER_SIZE);
        b.putInt(0); // header CRC, filled below
        b.putInt(0);
        b.putLong(myLba);
        b.putLong(alternateLba);
        b.putLong(FIRST_USABLE_LBA);
        b.putLong(lastUsableLba(diskSectors));
        b.put(diskGuid.mixedEndianBytes());
        b.putLong(entriesLba);
        b.putInt(ENTRY_COUNT);
        b.putInt(ENTRY_SIZE);
        b.putInt(crc32(entries, 0, entries.length));
        b.putInt(16, crc32(b.array(), 0, HEADER_SIZE));
        return b.array();
    }

    static int crc32(byte[] data, int off, int len) {
        CRC32 crc = new CRC32();
        crc.update(data, off, len);
        return (int) crc.getValue();
    }

    static void writeAt(FileChannel ch, long position, byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            position += ch.write(b, position);
        }
    }
}
