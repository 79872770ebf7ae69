package io.crossroot.rpm.file;

import io.crossroot.util.ConfinedRoot;
import io.crossroot.util.DecoderFailures;
import io.crossroot.util.UserError;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An .rpm file: the 96-byte lead, the signature header (padded to 8 bytes), the main header and the compressed
 * cpio payload. {@link #open} reads and checks the three headers; {@link #forEachPayloadEntry} streams the payload,
 * so nothing large is held in memory. Damage anywhere surfaces as {@link RpmFormatError} naming the file.
 */
public final class RpmFile {
    static final int LEAD_SIZE = 96;
    private static final byte[] LEAD_MAGIC = {(byte) 0xed, (byte) 0xab, (byte) 0xee, (byte) 0xdb};
    private static final int HEADER_STYLE_SIGNATURE = 5;
    private static final int LEAD_SOURCE = 1;

    private final Path file;
    private final boolean source;
    private final HeaderStructure signature;
    private final RpmHeader header;
    private final long headerOffset;
    private final long payloadOffset;
    private final long fileSize;

    private RpmFile(
            Path file,
            boolean source,
            HeaderStructure signature,
            RpmHeader header,
            long headerOffset,
            long payloadOffset,
            long fileSize) {
        this.file = file;
        this.source = source;
        this.signature = signature;
        this.header = header;
        this.headerOffset = headerOffset;
        this.payloadOffset = payloadOffset;
        this.fileSize = fileSize;
    }

    /** Reads the lead and both headers of {@code file}. */
    public static RpmFile open(Path file) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            long size = Files.size(file);
            byte[] lead = in.readNBytes(LEAD_SIZE);
            if (lead.length < LEAD_SIZE || !Arrays.equals(lead, 0, 4, LEAD_MAGIC, 0, 4)) {
                throw new RpmFormatError(file, "it does not start with the RPM lead (magic ED AB EE DB)");
            }
            ByteBuffer b = ByteBuffer.wrap(lead);
            int major = lead[4];
            if (major != 3 && major != 4) {
                throw new RpmFormatError(file, "its lead says format version " + major + ", not 3 or 4");
            }
            if (b.getShort(78) != HEADER_STYLE_SIGNATURE) {
                throw new RpmFormatError(
                        file,
                        "its lead says signature type " + b.getShort(78)
                                + ", not the header-style signature (5) of every rpm since 1997");
            }
            HeaderStructure sig = HeaderStructure.read(in, size - LEAD_SIZE, file + " (signature header)");
            long afterSig = LEAD_SIZE + sig.size();
            long pad = (8 - (afterSig & 7)) & 7;
            skip(in, pad, file);
            long headerOffset = afterSig + pad;
            HeaderStructure main = HeaderStructure.read(in, size - headerOffset, file + " (header)");
            return new RpmFile(
                    file,
                    b.getShort(6) == LEAD_SOURCE,
                    sig,
                    new RpmHeader(main, file),
                    headerOffset,
                    headerOffset + main.size(),
                    size);
        } catch (IOException e) {
            throw new UserError(
                    "Reading " + file + " failed: " + e.getMessage() + ". Check that it exists and is " + "readable.",
                    e);
        }
    }

    public Path path() {
        return file;
    }

    /** A source package (.src.rpm), whose payload is sources and a spec, not files to install. */
    public boolean isSource() {
        return source;
    }

    public RpmHeader header() {
        return header;
    }

    public HeaderStructure signature() {
        return signature;
    }

    /** Where the main header starts: header digests and signatures cover the file from here. */
    public long headerOffset() {
        return headerOffset;
    }

    /** Where the compressed payload starts. */
    public long payloadOffset() {
        return payloadOffset;
    }

    public long size() {
        return fileSize;
    }

    /**
     * Opens the file at the main header: what the old header+payload signatures (PGP, GPG, MD5) cover. The main
     * header read from it must be the one {@link #open} read, so a file replaced since cannot slip in.
     */
    InputStream openAtHeader() throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            skip(in, headerOffset, file);
            return in;
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * Streams the payload: every member matched to its header file and handed to {@code handler} in payload order.
     * A member the header does not list, a duplicate, a type or size that disagrees with the header, a file the
     * header lists but the payload lacks (ghosts excepted) or a payload digest mismatch fails with a clear error.
     */
    public void forEachPayloadEntry(PayloadHandler handler) {
        Map<String, RpmFileEntry> byName = new HashMap<>();
        for (RpmFileEntry f : header.files()) {
            byName.put(ConfinedRoot.checkedName(f.path(), file), f);
        }
        String what = file + " (payload)";
        if (!header.payloadFormat().equals("cpio")) {
            throw new RpmFormatError(file, "its payload format is '" + header.payloadFormat() + "', not cpio");
        }
        Optional<RpmHeader.Digest> expected = header.payloadDigest();
        try (InputStream in = openAtHeader()) {
            byte[] again = in.readNBytes(header.structure().size());
            if (!Arrays.equals(again, header.structure().bytes())) {
                throw new RpmFormatError(file, "its header changed while it was being read");
            }
            MessageDigest md = expected.map(d -> DigestAlgorithm.create(d.algorithm(), file))
                    .orElse(null);
            InputStream raw = md == null ? in : new DigestInputStream(in, md);
            InputStream decoded = new DecoderFailures(
                    decode(raw), e -> new RpmFormatError(what, "its payload is damaged (" + e.getMessage() + ")", e));
            CpioReader cpio = new CpioReader(decoded, what, index -> {
                if (index >= header.files().size()) {
                    throw new RpmFormatError(
                            what,
                            "a stripped member names file " + index + " of only "
                                    + header.files().size());
                }
                return header.files().get(index).size();
            });
            Set<Integer> seen = new HashSet<>();
            CpioEntry member;
            while ((member = cpio.next()) != null) {
                RpmFileEntry f =
                        member.isStripped() ? header.files().get(member.fileIndex()) : byName.get(member.name());
                if (f == null) {
                    throw new RpmFormatError(
                            what, "payload member " + member.name() + " is not in the header's " + "file list");
                }
                if (!seen.add(f.index())) {
                    throw new RpmFormatError(what, "payload member " + f.path() + " appears twice");
                }
                check(member, f, what);
                handler.accept(f, member, cpio.data());
            }
            for (RpmFileEntry f : header.files()) {
                if (!f.isGhost() && !seen.contains(f.index())) {
                    throw new RpmFormatError(what, "the header lists " + f.path() + " but the payload lacks it");
                }
            }
            // Read both streams to their ends: decoders check their CRCs there, the payload digest covers it all.
            cpio.drain();
            raw.transferTo(OutputStream.nullOutputStream());
            if (md != null) {
                String actual = RpmHeader.hex(md.digest());
                if (!actual.equalsIgnoreCase(expected.get().hex())) {
                    throw new RpmDigestMismatchError(
                            file,
                            "payload digest (PAYLOADDIGEST)",
                            expected.get().hex(),
                            actual);
                }
            }
        } catch (IOException e) {
            throw new UserError(
                    "Reading " + file + " failed: " + e.getMessage() + ". Check that it exists and is " + "readable.",
                    e);
        }
    }

    private static void check(CpioEntry member, RpmFileEntry f, Object what) {
        if (member.isStripped()) {
            return; // its size came from the header and it has no metadata of its own
        }
        if ((member.mode() & RpmFileEntry.S_IFMT) != (f.mode() & RpmFileEntry.S_IFMT)) {
            throw new RpmFormatError(
                    what,
                    "payload member " + f.path() + " has type "
                            + Integer.toOctalString(member.mode()) + " but the header says "
                            + Integer.toOctalString(f.mode()));
        }
        if (f.isRegularFile() && member.size() != f.size() && !(member.size() == 0 && member.nlink() > 1)) {
            throw new RpmFormatError(
                    what,
                    "payload member " + f.path() + " holds " + member.size() + " bytes but the header says "
                            + f.size());
        }
        if (f.isSymlink() && member.size() > CpioReader.MAX_NAME) {
            throw new RpmFormatError(what, "symlink " + f.path() + " has a target of " + member.size() + " bytes");
        }
    }

    private InputStream decode(InputStream raw) {
        try {
            return header.payloadCompression().decode(raw);
        } catch (IOException | RuntimeException e) {
            if (e instanceof UserError u) {
                throw u;
            }
            throw new RpmFormatError(file, "its payload cannot be decompressed (" + e.getMessage() + ")", e);
        }
    }

    private static void skip(InputStream in, long n, Path file) throws IOException {
        try {
            in.skipNBytes(n);
        } catch (EOFException e) {
            throw new RpmFormatError(file, "it ends before its header");
        }
    }
}
