package io.crossroot.oci;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes layer entries as a POSIX (pax) tar whose bytes depend only on the entries and the epoch: no user or
 * group names, mtimes clamped to the epoch, whole seconds.
 */
final class LayerTarWriter {
    private static final String XATTR_PREFIX = "SCHILY.xattr.";
    private static final long MAX_OCTAL_SIZE = 077777777777L;
    private static final long MAX_OCTAL_ID = 07777777L;
    private static final byte[] ZEROS = new byte[1 << 16];

    private LayerTarWriter() {}

    static void write(List<LayerEntry> entries, long epochSeconds, OutputStream out) throws IOException {
        write(entries, epochSeconds, out, true);
    }

    /**
     * The exact byte length {@link #write} will produce, without reading any file: a tar entry header needs its
     * size first, so a layer can then be streamed into an outer tar (docker-archive) in one pass.
     */
    static long size(List<LayerEntry> entries, long epochSeconds) throws IOException {
        CountingSink sink = new CountingSink();
        write(entries, epochSeconds, sink, false);
        return sink.count;
    }

    private static void write(List<LayerEntry> entries, long epochSeconds, OutputStream out, boolean withContent)
            throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out, 512 * 20, StandardCharsets.UTF_8.name());
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
        for (LayerEntry e : entries) {
            TarArchiveEntry t = header(e, epochSeconds);
            if (e.xattrs().isEmpty()) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            } else {
                // commons-compress writes pax values as UTF-8 text, but capabilities are binary: this entry's
                // whole pax header (names included) is written here, and the stream must add none of its own.
                writeBinaryPaxHeader(tar, e);
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_TRUNCATE);
                tar.setAddPaxHeadersForNonAsciiNames(false);
            }
            tar.putArchiveEntry(t);
            if (e.type() == LayerEntry.Type.FILE && !withContent) {
                writeZeros(tar, e.size());
            } else if (e.type() == LayerEntry.Type.FILE) {
                try (InputStream in = e.content().open()) {
                    long copied = in.transferTo(tar);
                    if (copied != e.size()) {
                        throw new IOException(e.name() + " changed while the layer was written (" + copied
                                + " bytes, expected " + e.size() + ")");
                    }
                }
            }
            tar.closeArchiveEntry();
            tar.setAddPaxHeadersForNonAsciiNames(true);
        }
        tar.finish();
    }

    private static void writeZeros(OutputStream out, long n) throws IOException {
        for (long left = n; left > 0; left -= ZEROS.length) {
            out.write(ZEROS, 0, (int) Math.min(left, ZEROS.length));
        }
    }

    private static final class CountingSink extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }

    private static TarArchiveEntry header(LayerEntry e, long epochSeconds) {
        String name = e.type() == LayerEntry.Type.DIRECTORY ? e.name() + "/" : e.name();
        TarArchiveEntry t = new TarArchiveEntry(name, linkFlag(e.type()), true);
        t.setMode(e.mode());
        t.setUserId(e.uid());
        t.setGroupId(e.gid());
        t.setUserName(""); // the constructor fills in the JVM's user name
        t.setGroupName("");
        t.setModTime(FileTime.from(Math.min(e.mtimeSeconds(), epochSeconds), TimeUnit.SECONDS));
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

    private static void writeBinaryPaxHeader(TarArchiveOutputStream tar, LayerEntry e) throws IOException {
        Map<String, byte[]> records = new TreeMap<>();
        records.put("path", (e.type() == LayerEntry.Type.DIRECTORY ? e.name() + "/" : e.name()).getBytes(StandardCharsets.UTF_8));
        if (e.linkTarget() != null) {
            records.put("linkpath", e.linkTarget().getBytes(StandardCharsets.UTF_8));
        }
        bigNumber(records, "size", e.size(), MAX_OCTAL_SIZE);
        bigNumber(records, "uid", e.uid(), MAX_OCTAL_ID);
        bigNumber(records, "gid", e.gid(), MAX_OCTAL_ID);
        e.xattrs().forEach((k, v) -> records.put(XATTR_PREFIX + k, v));
        byte[] body = paxRecords(records);
        TarArchiveEntry pax = new TarArchiveEntry("PaxHeaders.0/" + shortName(e.name()),
                TarConstants.LF_PAX_EXTENDED_HEADER_LC, true);
        pax.setUserName("");
        pax.setGroupName("");
        pax.setModTime(FileTime.from(0, TimeUnit.SECONDS));
        pax.setSize(body.length);
        tar.putArchiveEntry(pax);
        tar.write(body);
        tar.closeArchiveEntry();
    }

    private static void bigNumber(Map<String, byte[]> records, String key, long value, long max) {
        if (value > max) {
            records.put(key, Long.toString(value).getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static String shortName(String name) {
        String base = name.substring(name.lastIndexOf('/') + 1);
        String ascii = base.replaceAll("[^A-Za-z0-9._-]", "_");
        return ascii.length() > 80 ? ascii.substring(0, 80) : ascii;
    }

    /** pax records: "LEN key=value\n" where LEN counts the whole record, itself included. */
    static byte[] paxRecords(Map<String, byte[]> records) {
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
