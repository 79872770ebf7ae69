package io.crossroot.disk;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.UUID;

/** A GPT/filesystem GUID, with the mixed-endian on-disk encoding that GPT and UEFI use. */
public record Guid(UUID uuid) {
    public static Guid parse(String text) {
        try {
            return new Guid(UUID.fromString(text.strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a GUID (expected 8-4-4-4-12 hex digits)");
        }
    }

    /**
     * A GUID derived from a name and a seed (SOURCE_DATE_EPOCH), so that rebuilding the same layout gives the
     * same identifiers while two partitions or two epochs never share one. RFC 9562 version 8 (custom).
     */
    public static Guid derived(String name, long seed) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256")
                    .digest(("crossroot-guid\0" + name + "\0" + seed).getBytes(StandardCharsets.UTF_8));
            h[6] = (byte) ((h[6] & 0x0f) | 0x80);
            h[8] = (byte) ((h[8] & 0x3f) | 0x80);
            ByteBuffer b = ByteBuffer.wrap(h);
            return new Guid(new UUID(b.getLong(), b.getLong()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** GPT byte order: the first three fields little-endian, the last eight bytes as written. */
    public byte[] mixedEndianBytes() {
        ByteBuffer big =
                ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        byte[] be = big.array();
        ByteBuffer out = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(ByteBuffer.wrap(be, 0, 4).getInt());
        out.putShort(ByteBuffer.wrap(be, 4, 2).getShort());
        out.putShort(ByteBuffer.wrap(be, 6, 2).getShort());
        out.put(be, 8, 8);
        return out.array();
    }

    /** The low 32 bits, e.g. for a FAT volume id or an MBR disk signature. */
    public int low32() {
        return (int) uuid.getLeastSignificantBits();
    }

    @Override
    public String toString() {
        return uuid.toString().toUpperCase(Locale.ROOT);
    }

    public String lower() {
        return uuid.toString();
    }
}
