package io.crossroot.oci;

import io.crossroot.oci.tree.LayerEntry;
import io.crossroot.oci.tree.LayerSource;
import io.crossroot.util.FileRegionOutput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipEncoding;
import org.apache.commons.compress.archivers.zip.ZipEncodingHelper;

/**
 * Writes layer entries, one at a time as a source walks them, as a POSIX (pax) tar whose bytes depend only on the
 * entries and the clamp: no user or group names, mtimes clamped, whole seconds, pax records sorted.
 * <p>
 * Most entries need only a ustar block ({@link UstarHeader}); commons-compress formats the ustar block of the
 * rest. The pax header that carries what ustar cannot (long or non-ASCII names, big numbers, binary xattr values
 * such as file capabilities) is written here, because its stream writes pax values as text and puts the JVM's
 * user name in it. File bytes go straight to the output, and into a
 * {@link FileRegionOutput} the kernel copies them itself: the tar never passes a file through a tar stream's
 * 512-byte records.
 */
final class LayerTarWriter {
    private static final int BLOCK = UstarHeader.BLOCK;
    private static final int RECORD = BLOCK * 20; // the archive ends on a whole record, as tar(1) writes it
    private static final String XATTR_PREFIX = "SCHILY.xattr.";
    private static final long MAX_OCTAL_SIZE = TarConstants.MAXSIZE;
    private static final long MAX_OCTAL_ID = TarConstants.MAXID;
    private static final ZipEncoding UTF8 = ZipEncodingHelper.getZipEncoding(StandardCharsets.UTF_8.name());
    private static final byte[] ZEROS = new byte[RECORD];

    private final OutputStream out;
    private final OptionalLong clamp;
    private final byte[] buffer = new byte[64 << 10];
    private long written;
    private long newestMtime;
    private boolean any;

    /** @param clamp the latest mtime kept (SOURCE_DATE_EPOCH), or none: mtimes as they are */
    LayerTarWriter(OutputStream out, OptionalLong clamp) {
        this.out = out;
        this.clamp = clamp;
    }

    /** Writes {@code source} as a whole layer, entry by entry as it walks, and returns its newest mtime. */
    static long write(LayerSource source, OptionalLong clamp, OutputStream out) throws IOException {
        LayerTarWriter tar = new LayerTarWriter(out, clamp);
        source.forEachEntry(tar::add);
        return tar.finish();
    }

    /** Writes {@code entries} as a whole layer and returns its newest mtime (see {@link #finish}). */
    static long write(List<LayerEntry> entries, OptionalLong clamp, OutputStream out) throws IOException {
        LayerTarWriter tar = new LayerTarWriter(out, clamp);
        for (LayerEntry e : entries) {
            tar.add(e);
        }
        return tar.finish();
    }

    /**
     * The exact byte length {@link #write} will produce, without reading any file: a tar entry header needs its
     * size first, so a layer can then be streamed into an outer tar (docker-archive) in one pass.
     */
    static long size(List<LayerEntry> entries, OptionalLong clamp) {
        long n = 0;
        for (LayerEntry e : entries) {
            n += headerBlocks(e, clampedMtime(e, clamp)).length + padded(contentSize(e));
        }
        return padTo(n + 2 * BLOCK, RECORD);
    }

    void add(LayerEntry e) throws IOException {
        long mtime = clampedMtime(e, clamp);
        newestMtime = any ? Math.max(newestMtime, mtime) : mtime;
        any = true;
        write(headerBlocks(e, mtime));
        if (e.type() == LayerEntry.Type.FILE) {
            writeContent(e);
            writeZeros(padded(e.size()) - e.size());
        }
    }

    /** Ends the archive (two zero blocks, then zeros to a whole record) and returns the newest mtime written. */
    long finish() throws IOException {
        writeZeros(padTo(written + 2 * BLOCK, RECORD) - written);
        out.flush();
        return any ? newestMtime : 0;
    }

    private void writeContent(LayerEntry e) throws IOException {
        Path file = e.content().file();
        if (file != null && out instanceof FileRegionOutput region) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                region.writeFile(channel, e.size());
                requireUnchanged(e, channel.size());
            } catch (java.io.EOFException shorter) {
                throw changed(e, shorter.getMessage());
            }
            written += e.size();
            return;
        }
        long copied = 0;
        try (InputStream in =
                file != null ? Files.newInputStream(file) : e.content().open()) {
            for (int n; (n = in.read(buffer)) > 0; copied += n) {
                if (copied + n > e.size()) {
                    requireUnchanged(e, copied + n);
                }
                write(buffer, n);
            }
        }
        requireUnchanged(e, copied);
    }

    private static void requireUnchanged(LayerEntry e, long size) throws IOException {
        if (size != e.size()) {
            throw changed(e, size + " bytes, expected " + e.size());
        }
    }

    private static IOException changed(LayerEntry e, String how) {
        return new IOException(e.name() + " changed while the layer was written (" + how + ")");
    }

    private void write(byte[] b) throws IOException {
        write(b, b.length);
    }

    private void write(byte[] b, int len) throws IOException {
        out.write(b, 0, len);
        written += len;
    }

    private void writeZeros(long n) throws IOException {
        for (long left = n; left > 0; left -= ZEROS.length) {
            write(ZEROS, (int) Math.min(left, ZEROS.length));
        }
    }

    private static long clampedMtime(LayerEntry e, OptionalLong clamp) {
        return clamp.isPresent() ? Math.min(e.mtimeSeconds(), clamp.getAsLong()) : e.mtimeSeconds();
    }

    private static long contentSize(LayerEntry e) {
        return e.type() == LayerEntry.Type.FILE ? e.size() : 0;
    }

    private static long padded(long n) {
        return padTo(n, BLOCK);
    }

    private static long padTo(long n, int unit) {
        return (n + unit - 1) / unit * unit;
    }

    /** An optional pax header (block and records, padded), then the ustar header block. */
    static byte[] headerBlocks(LayerEntry e, long mtime) {
        String name = tarName(e);
        Map<String, byte[]> records = paxRecords(e, name, mtime);
        if (records.isEmpty()) { // nearly every entry: formatted here, byte for byte as commons-compress would
            return UstarHeader.format(
                    name,
                    linkFlag(e.type()),
                    e.mode(),
                    e.uid(),
                    e.gid(),
                    contentSize(e),
                    mtime,
                    e.linkTarget(),
                    e.devMajor(),
                    e.devMinor());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(BLOCK * 3);
        byte[] body = paxBody(records);
        TarArchiveEntry pax = new TarArchiveEntry(
                "PaxHeaders.0/" + shortName(e.name()), TarConstants.LF_PAX_EXTENDED_HEADER_LC, true);
        pax.setUserName("");
        pax.setGroupName("");
        pax.setModTime(FileTime.from(0, TimeUnit.SECONDS));
        pax.setSize(body.length);
        out.writeBytes(format(pax));
        out.writeBytes(body);
        out.write(ZEROS, 0, (int) (padded(body.length) - body.length));
        out.writeBytes(format(ustar(e, name, mtime)));
        return out.toByteArray();
    }

    private static byte[] format(TarArchiveEntry t) {
        byte[] block = new byte[BLOCK];
        try {
            t.writeEntryHeader(block, UTF8, false); // false: numbers too big for octal are 0 here, and in pax
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // only for a name the encoding cannot take; UTF-8 takes all
        }
        return block;
    }

    private static String tarName(LayerEntry e) {
        return e.type() == LayerEntry.Type.DIRECTORY ? e.name() + "/" : e.name();
    }

    private static TarArchiveEntry ustar(LayerEntry e, String name, long mtime) {
        TarArchiveEntry t = new TarArchiveEntry(name, linkFlag(e.type()), true);
        t.setMode(e.mode());
        t.setUserId(e.uid());
        t.setGroupId(e.gid());
        t.setUserName(""); // the constructor fills in the JVM's user name
        t.setGroupName("");
        t.setModTime(FileTime.from(mtime, TimeUnit.SECONDS));
        if (e.linkTarget() != null) {
            t.setLinkName(e.linkTarget());
        }
        if (e.type() == LayerEntry.Type.FILE) {
            t.setSize(e.size());
        }
        if (e.type() == LayerEntry.Type.CHAR_DEVICE || e.type() == LayerEntry.Type.BLOCK_DEVICE) {
            t.setDevMajor(e.devMajor());
            t.setDevMinor(e.devMinor());
        }
        return t;
    }

    private static byte linkFlag(LayerEntry.Type type) {
        return switch (type) {
            case DIRECTORY -> TarConstants.LF_DIR;
            case FILE -> TarConstants.LF_NORMAL;
            case HARDLINK -> TarConstants.LF_LINK;
            case SYMLINK -> TarConstants.LF_SYMLINK;
            case CHAR_DEVICE -> TarConstants.LF_CHR;
            case BLOCK_DEVICE -> TarConstants.LF_BLK;
            case FIFO -> TarConstants.LF_FIFO;
        };
    }

    /** What the ustar header cannot hold, as pax records; sorted, so the bytes do not depend on the order found. */
    private static Map<String, byte[]> paxRecords(LayerEntry e, String name, long mtime) {
        Map<String, byte[]> records = new TreeMap<>();
        if (!UstarHeader.fitsNameField(name)) {
            records.put("path", name.getBytes(StandardCharsets.UTF_8));
        }
        if (e.linkTarget() != null && !UstarHeader.fitsNameField(e.linkTarget())) {
            records.put("linkpath", e.linkTarget().getBytes(StandardCharsets.UTF_8));
        }
        bigNumber(records, "size", contentSize(e), MAX_OCTAL_SIZE);
        bigNumber(records, "uid", e.uid() & 0xffffffffL, MAX_OCTAL_ID);
        bigNumber(records, "gid", e.gid() & 0xffffffffL, MAX_OCTAL_ID);
        bigNumber(records, "mtime", mtime, MAX_OCTAL_SIZE);
        bigNumber(records, "SCHILY.devmajor", e.devMajor(), MAX_OCTAL_ID);
        bigNumber(records, "SCHILY.devminor", e.devMinor(), MAX_OCTAL_ID);
        e.xattrs().forEach((k, v) -> records.put(XATTR_PREFIX + k, v));
        return records;
    }

    private static void bigNumber(Map<String, byte[]> records, String key, long value, long max) {
        if (value < 0 || value > max) {
            records.put(key, Long.toString(value).getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static String shortName(String name) {
        String base = name.substring(name.lastIndexOf('/') + 1);
        String ascii = base.replaceAll("[^A-Za-z0-9._-]", "_");
        return ascii.length() > 80 ? ascii.substring(0, 80) : ascii;
    }

    /** pax records: "LEN key=value\n" where LEN counts the whole record, itself included. */
    static byte[] paxBody(Map<String, byte[]> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        records.forEach((k, v) -> {
            int rest = 1 + k.getBytes(StandardCharsets.UTF_8).length + 1 + v.length + 1;
            int len = rest + Integer.toString(rest).length();
            if (Integer.toString(len).length() != Integer.toString(rest).length()) {
                len++;
            }
            out.writeBytes((len + " " + k + "=").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(v);
            out.write('\n');
        });
        return out.toByteArray();
    }
}
