package io.crossroot.oci.tree;

import io.crossroot.util.HostProcess;
import io.crossroot.util.HostProgram;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a tree's file metadata (type, mode, owners, size, mtime, links) in one find run, as layer entries in layer
 * order. A JVM that stats a tree file by file through java.nio spends most of a layer's writing time in JDK code
 * it has not compiled yet; find reads a minbase tree in 50 ms.
 */
final class TreeStat {
    // type, permission bits (set-id and sticky included), numeric owners, size, mtime, links, device and inode;
    // then the name and the link target, each ended by a NUL, the one byte a name cannot hold
    private static final String FORMAT = "%y %m %U %G %s %T@ %n %D %i\\0%P\\0%l\\0";
    static final TreeRun.Kind<List<LayerEntry>> KIND = new TreeRun.Kind<>(
            "the file metadata",
            "find",
            tree -> HostProcess.of(HostProgram.FIND, tree.toString(), "-mindepth", "1", "-printf", FORMAT),
            true,
            TreeStat::parse);

    private TreeStat() {}

    /** The entries of {@code tree} (its root not included), without extended attributes, in layer order. */
    static List<LayerEntry> parse(InputStream findOutput, Path tree) throws IOException {
        byte[] report = findOutput.readAllBytes();
        Report reader = new Report(report, tree);
        List<Found> found = new ArrayList<>();
        while (reader.hasMore()) {
            Found f = reader.next();
            if (f.entry() != null) {
                found.add(f);
            }
        }
        // '/' orders before every other character, so sorting whole names gives the depth-first walk with each
        // directory's names sorted. Compared as the report's bytes: a mismatch found a word at a time is the one
        // byte compared one by one; UTF-8's byte order is the code point order, which LayerSource.ORDER (UTF-16)
        // differs from only where a name holds characters beyond U+FFFF, and LayerSource sorts by it once more.
        found.sort((a, b) -> {
            int i = Arrays.mismatch(report, a.nameFrom(), a.nameTo(), report, b.nameFrom(), b.nameTo());
            if (i < 0) {
                return 0;
            }
            int lengthA = a.nameTo() - a.nameFrom();
            int lengthB = b.nameTo() - b.nameFrom();
            if (i == lengthA || i == lengthB) {
                return Integer.compare(lengthA, lengthB);
            }
            int x = report[a.nameFrom() + i] & 0xff;
            int y = report[b.nameFrom() + i] & 0xff;
            return x == '/' ? -1 : y == '/' ? 1 : Integer.compare(x, y);
        });
        List<LayerEntry> entries = new ArrayList<>(found.size());
        for (Found f : found) {
            entries.add(f.entry());
        }
        return entries;
    }

    /** An entry (null for one an image leaves out) and where its name's bytes are in the report. */
    private record Found(LayerEntry entry, int nameFrom, int nameTo) {}

    /** find's report, read field by field straight from its bytes. */
    private static final class Report {
        private final byte[] b;
        private final Path tree;
        private final Names names;
        private int at;

        Report(byte[] b, Path tree) {
            this.b = b;
            this.tree = tree;
            this.names = new Names(tree);
        }

        boolean hasMore() {
            return at < b.length;
        }

        /** The next entry (none for one an image leaves out). */
        Found next() throws IOException {
            byte type = b[at];
            at += 2;
            int mode = (int) number(8, ' ') & 07777;
            int uid = (int) number(10, ' ');
            int gid = (int) number(10, ' ');
            long size = number(10, ' ');
            long mtime = seconds();
            long links = number(10, ' ');
            long device = number(10, ' ');
            long inode = number(10, '\0');
            int nameFrom = at;
            int nameTo = end();
            String name = names.decode(b, nameFrom, nameTo);
            at = nameTo + 1;
            int targetEnd = end();
            String target = type == 'l' ? names.decode(b, at, targetEnd) : null;
            at = targetEnd + 1;
            return new Found(
                    entry(type, name, mode, uid, gid, size, mtime, links, device, inode, target), nameFrom, nameTo);
        }

        private LayerEntry entry(
                byte type,
                String name,
                int mode,
                int uid,
                int gid,
                long size,
                long mtime,
                long links,
                long device,
                long inode,
                String target)
                throws IOException {
            var none = LayerEntry.noXattrs();
            return switch (type) {
                case 'd' ->
                    new LayerEntry(
                            name, LayerEntry.Type.DIRECTORY, mode, uid, gid, 0, mtime, null, 0, 0, none, null, null);
                case 'f' ->
                    new LayerEntry(
                            name,
                            LayerEntry.Type.FILE,
                            mode,
                            uid,
                            gid,
                            size,
                            mtime,
                            null,
                            0,
                            0,
                            none,
                            links > 1 ? device + ":" + inode : null,
                            LayerEntry.Content.ofFile(tree, name));
                case 'l' ->
                    new LayerEntry(
                            name, LayerEntry.Type.SYMLINK, mode, uid, gid, 0, mtime, target, 0, 0, none, null, null);
                case 'c', 'b' -> device(tree.resolve(name), name, type == 'c', mode, uid, gid, mtime);
                case 'p' ->
                    new LayerEntry(name, LayerEntry.Type.FIFO, mode, uid, gid, 0, mtime, null, 0, 0, none, null, null);
                default -> null; // sockets (and doors) belong to running programs, not to an image
            };
        }

        /** A whole number in {@code radix}, ended by {@code end}. */
        private long number(int radix, char end) throws IOException {
            int start = at;
            long n = 0;
            for (; at < b.length && b[at] != end; at++) {
                int digit = b[at] - '0'; // find prints decimal and octal digits only
                if (digit < 0 || digit >= radix) {
                    throw malformed(start);
                }
                n = n * radix + digit;
            }
            if (at == start || at >= b.length) {
                throw malformed(start);
            }
            at++;
            return n;
        }

        /**
         * %T@: find prints the seconds and the nanoseconds of the mtime as "SECONDS.NANOSECONDS" (-2.5 for half a
         * second after -2), so the whole seconds, which are what stat gives and a tar keeps, come before the point.
         */
        private long seconds() throws IOException {
            int start = at;
            boolean negative = b[at] == '-';
            at += negative ? 1 : 0;
            long whole = 0;
            boolean afterPoint = false;
            for (; at < b.length && b[at] != ' '; at++) {
                if (b[at] == '.' && !afterPoint) {
                    afterPoint = true;
                } else if (b[at] < '0' || b[at] > '9') {
                    throw malformed(start);
                } else if (!afterPoint) {
                    whole = whole * 10 + (b[at] - '0');
                }
            }
            if (at == start || at >= b.length) {
                throw malformed(start);
            }
            at++;
            return negative ? -whole : whole;
        }

        /** Where the field at the current position ends (its NUL). */
        private int end() throws IOException {
            for (int i = at; i < b.length; i++) {
                if (b[i] == 0) {
                    return i;
                }
            }
            throw new IOException("find's report on " + tree + " ended in the middle of an entry");
        }

        private IOException malformed(int start) {
            int stop = Math.min(b.length, start + 40);
            return new IOException("find's report on " + tree + " has an unexpected field at byte " + start + ": '"
                    + new String(b, start, stop - start, StandardCharsets.ISO_8859_1) + "'");
        }
    }

    /** find cannot print a device's number: device nodes (a handful, if any) are read one by one. */
    private static LayerEntry device(Path file, String name, boolean character, int mode, int uid, int gid, long mtime)
            throws IOException {
        long rdev = (Long) Files.getAttribute(file, "unix:rdev", LinkOption.NOFOLLOW_LINKS);
        return new LayerEntry(
                name,
                character ? LayerEntry.Type.CHAR_DEVICE : LayerEntry.Type.BLOCK_DEVICE,
                mode,
                uid,
                gid,
                0,
                mtime,
                null,
                major(rdev),
                minor(rdev),
                LayerEntry.noXattrs(),
                null,
                null);
    }

    // glibc's gnu_dev_major/gnu_dev_minor
    static int major(long rdev) {
        return (int) (((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL));
    }

    static int minor(long rdev) {
        return (int) ((rdev & 0xff) | ((rdev >>> 12) & ~0xffL));
    }

    /**
     * File names decode as java.nio.file decodes them (sun.jnu.encoding, from the locale), so each resolves back to
     * its file. A name that encoding cannot hold would silently turn into another one: that is an error instead.
     */
    private static final class Names {
        private final Path tree;
        private final Charset charset = fileNameCharset();
        private final CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);

        Names(Path tree) {
            this.tree = tree;
        }

        String decode(byte[] b, int from, int to) throws IOException {
            for (int i = from; i < to; i++) {
                if (b[i] < 0) {
                    return decodeNonAscii(b, from, to);
                }
            }
            return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
        }

        private String decodeNonAscii(byte[] b, int from, int to) throws IOException {
            try {
                return decoder.decode(ByteBuffer.wrap(b, from, to - from)).toString();
            } catch (CharacterCodingException e) {
                throw new IOException(tree + " holds a file name that is not valid " + charset + " ('"
                        + new String(b, from, to - from, charset)
                        + "'), the file-name encoding of this system's locale. "
                        + "Rename the file, or run crossroot under a locale whose encoding holds the name.");
            }
        }

        private static Charset fileNameCharset() {
            try {
                return Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
            } catch (IllegalArgumentException e) {
                return StandardCharsets.UTF_8;
            }
        }
    }
}
