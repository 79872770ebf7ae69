package io.crossroot.debian.deb;

import io.crossroot.debian.Compression;
import io.crossroot.debian.Deb822;
import io.crossroot.debian.Paragraph;
import io.crossroot.util.AtomicOutput;
import io.crossroot.util.DecoderFailures;
import io.crossroot.util.TarEntries;
import io.crossroot.util.UserError;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads a Debian binary package (deb(5)): an ar archive of debian-binary ("2.0"), control.tar[.COMP] and
 * data.tar[.COMP]. Every method streams the file from the start, so nothing large is held in memory; damage
 * anywhere surfaces as {@link DebFormatError} naming the file.
 */
public final class DebFile {
    /** Largest control-archive file read into memory; real ones (md5sums of huge packages) stay far below. */
    static final int CONTROL_FILE_LIMIT = 64 << 20;

    private final Path file;

    private DebFile(Path file) {
        this.file = file;
    }

    public static DebFile of(Path file) {
        return new DebFile(file);
    }

    public Path path() {
        return file;
    }

    /** The package's control paragraph (Package, Version, Depends, ...). */
    public Paragraph control() {
        byte[] control = controlFiles().get("control");
        if (control == null) {
            throw new DebFormatError(file, "its control archive has no control file");
        }
        return Deb822.parseOne(new String(control, StandardCharsets.UTF_8), file + " (control)");
    }

    /** The files of the control archive by name: control, md5sums, conffiles, postinst, ... */
    public Map<String, byte[]> controlFiles() {
        Map<String, byte[]> out = new LinkedHashMap<>();
        scan("control.tar", (entry, in) -> {
            String name = normalize(entry.getName());
            if (TarEntries.isRegularFile(entry) && !name.isEmpty() && !name.contains("/")) {
                byte[] bytes = in.readNBytes(CONTROL_FILE_LIMIT + 1);
                if (bytes.length > CONTROL_FILE_LIMIT) {
                    throw new DebFormatError(
                            file, "control file " + name + " is larger than " + CONTROL_FILE_LIMIT + " bytes");
                }
                out.put(name, bytes);
            }
            return true;
        });
        return out;
    }

    /** Calls {@code handler} for every entry of the data archive, in archive order. */
    public void forEachDataEntry(DataEntryHandler handler) {
        scan("data.tar", (entry, in) -> {
            handler.accept(entry, in);
            return true;
        });
    }

    /**
     * Writes the regular file at {@code pathInArchive} ("/usr/bin/x", "usr/bin/x" or "./usr/bin/x") to
     * {@code dest}, atomically. Fails if the package has no such regular file.
     */
    public void extract(String pathInArchive, Path dest) {
        String wanted = normalize(pathInArchive);
        boolean[] found = {false};
        scan("data.tar", (entry, in) -> {
            if (!normalize(entry.getName()).equals(wanted)) {
                return true;
            }
            if (!TarEntries.isRegularFile(entry)) {
                throw new UserError(file + ": " + pathInArchive + " is not a regular file"
                        + (entry.isSymbolicLink() ? " but a symbolic link to " + entry.getLinkName() : "")
                        + "; extract the file it points to instead.");
            }
            try (AtomicOutput out = AtomicOutput.open(dest)) {
                in.transferTo(out.stream());
                out.commit();
            }
            found[0] = true;
            return false;
        });
        if (!found[0]) {
            throw new UserError(file + " has no file " + pathInArchive + ". List its contents with " + "'dpkg-deb -c "
                    + file + "' to find the right path.");
        }
    }

    /** "./usr/bin/x", "/usr/bin/x", "usr/bin/x/" all become "usr/bin/x". */
    static String normalize(String name) {
        String n = name;
        while (n.startsWith("./") || n.startsWith("/")) {
            n = n.substring(n.startsWith("/") ? 1 : 2);
        }
        while (n.endsWith("/")) {
            n = n.substring(0, n.length() - 1);
        }
        return n.equals(".") ? "" : n;
    }

    private interface EntryVisitor {
        /** Returns false to stop reading. */
        boolean visit(TarArchiveEntry entry, InputStream content) throws IOException;
    }

    /** Walks the entries of the member "control.tar" or "data.tar" (any compression). */
    private void scan(String tarName, EntryVisitor visitor) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            ArReader ar = new ArReader(raw, Files.size(file), file);
            ArReader.Member member = members(ar, tarName);
            InputStream decoded = new DecoderFailures(
                    decode(member),
                    e -> new DebFormatError(file, member.name() + " is damaged (" + e.getMessage() + ")", e));
            TarArchiveInputStream tar = new TarArchiveInputStream(decoded);
            InputStream content = new FilterInputStream(tar) {
                @Override
                public void close() {
                    // handlers may close what they were given; the archive must stay open
                }
            };
            TarArchiveEntry entry;
            while ((entry = nextEntry(tar, member.name())) != null) {
                if (!visitor.visit(entry, content)) {
                    return;
                }
            }
            // Read the compressed stream to its end: xz and gzip check their CRCs only there.
            decoded.transferTo(OutputStream.nullOutputStream());
        } catch (UncheckedIOException e) {
            throw new UserError("Reading " + file + " failed: " + e.getCause().getMessage(), e);
        } catch (IOException e) {
            throw new UserError(
                    "Reading " + file + " failed: " + e.getMessage() + ". Check that it exists and is " + "readable.",
                    e);
        }
    }

    private TarArchiveEntry nextEntry(TarArchiveInputStream tar, String member) throws IOException {
        try {
            return tar.getNextEntry();
        } catch (IOException | RuntimeException e) {
            if (e instanceof DebFormatError d) {
                throw d;
            }
            throw new DebFormatError(file, member + " is damaged (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Checks the member sequence dpkg requires (debian-binary "2.x" first, control before data, members
     * starting with '_' ignored) and stops at {@code tarName}.
     */
    private ArReader.Member members(ArReader ar, String tarName) throws IOException {
        ArReader.Member first = ar.next();
        if (first == null || !first.name().equals("debian-binary")) {
            throw new DebFormatError(
                    file,
                    "its first member is " + (first == null ? "missing" : first.name()) + " instead of debian-binary");
        }
        String version = new String(first.data().readNBytes(64), StandardCharsets.US_ASCII);
        if (!version.matches("2\\.[0-9]+\n")) {
            throw new DebFormatError(file, "debian-binary says format '" + version.strip() + "', not 2.x");
        }
        boolean controlSeen = false;
        ArReader.Member m;
        while ((m = ar.next()) != null) {
            String name = m.name();
            if (name.startsWith("_")) {
                continue;
            }
            boolean isControl = name.startsWith("control.tar");
            boolean isData = name.startsWith("data.tar");
            if (!isControl && !isData) {
                throw new DebFormatError(file, "it has an unknown member " + name);
            }
            if (isData && !controlSeen) {
                throw new DebFormatError(file, "its data member comes before the control member");
            }
            controlSeen |= isControl;
            if (name.startsWith(tarName)) {
                return m;
            }
        }
        throw new DebFormatError(file, "it has no " + tarName + " member (the file is truncated)");
    }

    private InputStream decode(ArReader.Member member) {
        String suffix = member.name().replaceFirst("^(control|data)\\.tar", "");
        Optional<Compression> c = Compression.ofSuffix(suffix);
        if (c.isEmpty()) {
            throw new DebFormatError(file, "member " + member.name() + " uses an unknown compression");
        }
        try {
            return c.get().decode(member.data());
        } catch (IOException | RuntimeException e) {
            throw new DebFormatError(file, member.name() + " is damaged (" + e.getMessage() + ")", e);
        }
    }
}
