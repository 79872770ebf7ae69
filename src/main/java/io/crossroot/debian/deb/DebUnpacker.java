package io.crossroot.debian.deb;

import io.crossroot.debian.Deb822;
import io.crossroot.debian.PackageNames;
import io.crossroot.debian.Paragraph;
import io.crossroot.util.ConfinedRoot;
import io.crossroot.util.HostProcess;
import io.crossroot.util.HostProgram;
import io.crossroot.util.TarEntries;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * Unpacks .debs natively, as "dpkg --unpack" would place their files: exact modes (setuid and setgid included),
 * numeric owners, mtimes, symlinks, hard links, device nodes; later packages overwrite earlier files (dpkg's
 * Replaces), an existing symlink to a directory stays (merged /usr). Conffiles go to NAME.dpkg-new, which
 * "dpkg --configure" moves into place. Needs root for the owners and device nodes.
 */
public final class DebUnpacker {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
    private static final int TYPE_MASK = 07777;

    private final ConfinedRoot root;

    public DebUnpacker(Path root) {
        this.root = new ConfinedRoot(root);
    }

    public UnpackedPackage unpack(DebFile deb) {
        return unpack(deb, deb::forEachDataEntry);
    }

    /** Reads the data entries from {@code data} (e.g. decoded ahead of time) instead of from {@code deb}. */
    public UnpackedPackage unpack(DebFile deb, Consumer<DataEntryHandler> data) {
        Map<String, byte[]> control = new LinkedHashMap<>(deb.controlFiles());
        byte[] controlText = control.remove("control");
        if (controlText == null) {
            throw corrupt(deb.path(), "its control archive has no control file");
        }
        Paragraph paragraph =
                Deb822.parseOne(new String(controlText, StandardCharsets.UTF_8), deb.path() + " (control)");
        // The name and architecture name dpkg's info files; the version goes into the status file.
        PackageNames.name(paragraph.get("Package"), deb.path());
        PackageNames.architecture(paragraph.getOrDefault("Architecture", "all"), deb.path());
        PackageNames.version(paragraph.get("Version"), deb.path());
        List<String> conffiles = conffiles(control.get("conffiles"));
        boolean needMd5 = !control.containsKey("md5sums");
        Set<String> conffileSet = new HashSet<>(conffiles);
        List<String> paths = new ArrayList<>();
        StringBuilder md5sums = new StringBuilder();
        paths.add("/.");
        data.accept((entry, in) -> {
            String name = ConfinedRoot.checkedName(entry.getName(), deb.path());
            if (name.isEmpty()) {
                return;
            }
            paths.add("/" + name);
            boolean conffile = conffileSet.contains("/" + name);
            String md5 = place(entry, name, in, conffile, needMd5 && !conffile, deb);
            if (md5 != null) {
                md5sums.append(md5).append("  ").append(name).append('\n');
            }
        });
        if (needMd5) {
            // dpkg computes the checksums of packages that ship none; "dpkg --audit" expects them.
            control.put("md5sums", md5sums.toString().getBytes(StandardCharsets.UTF_8));
        }
        return new UnpackedPackage(paragraph, control, paths, conffiles);
    }

    /** The conffiles list: one absolute path per line, optionally after flags such as "remove-on-upgrade". */
    static List<String> conffiles(byte[] text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String line : new String(text, StandardCharsets.UTF_8).split("\n")) {
            String[] words = line.strip().split("\\s+");
            String last = words[words.length - 1];
            if (last.startsWith("/") && !line.strip().startsWith("remove-on-upgrade")) {
                out.add(last);
            }
        }
        return out;
    }

    /** Places one entry; returns the MD5 of a regular file when {@code digest} is asked for. */
    private String place(TarArchiveEntry e, String name, InputStream in, boolean conffile, boolean digest, DebFile deb)
            throws IOException {
        Path target = root.locate(conffile ? name + ".dpkg-new" : name);
        if (e.isDirectory()) {
            if (Files.isDirectory(target)) {
                if (Files.isSymbolicLink(target)) {
                    return null; // e.g. /lib -> usr/lib: dpkg keeps the link and unpacks through it
                }
            } else {
                clear(target, name, deb);
                Files.createDirectory(target);
            }
            owner(target, e);
            mode(target, e);
            mtime(target, e);
            return null;
        }
        clear(target, name, deb);
        String md5 = null;
        if (e.isSymbolicLink()) {
            Files.createSymbolicLink(target, Path.of(e.getLinkName()));
            owner(target, e);
            mtime(target, e);
            return null;
        } else if (e.isLink()) {
            Path source = root.existing(ConfinedRoot.checkedName(e.getLinkName(), deb.path()));
            if (source == null || !Files.isRegularFile(source, NOFOLLOW)) {
                throw corrupt(
                        deb.path(),
                        "hard link " + name + " points to " + e.getLinkName()
                                + ", which the package did not ship before it");
            }
            Files.createLink(target, source);
            return null;
        } else if (TarEntries.isRegularFile(e)) {
            md5 = write(target, in, digest);
        } else if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
            mknod(target, e);
        } else {
            throw corrupt(deb.path(), "entry " + name + " has an unsupported type");
        }
        owner(target, e);
        mode(target, e); // after chown, which clears setuid and setgid
        mtime(target, e);
        return md5;
    }

    /** Removes what a later package replaces; a directory cannot be replaced by a file (dpkg refuses too). */
    private void clear(Path target, String name, DebFile deb) throws IOException {
        if (!Files.exists(target, NOFOLLOW)) {
            return;
        }
        if (Files.isDirectory(target, NOFOLLOW)) {
            throw new UserError(deb.path() + " ships /" + name + " as a non-directory, but an earlier package "
                    + "installed a directory there. The package set is inconsistent; report it to Debian.");
        }
        if (Files.isSymbolicLink(target)) {
            root.invalidate(); // the link may have been a parent directory of later paths
        }
        Files.delete(target);
    }

    private static String write(Path target, InputStream in, boolean digest) throws IOException {
        // CREATE_NEW (O_EXCL) never follows a symlink planted at the target.
        try (OutputStream raw =
                Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            if (!digest) {
                in.transferTo(raw);
                return null;
            }
            MessageDigest md5 = md5();
            in.transferTo(new DigestOutputStream(raw, md5));
            return HexFormat.of().formatHex(md5.digest());
        }
    }

    /** Worded like DebFormatError, whose constructors are the reader's own. */
    static UserError corrupt(Path deb, String detail) {
        return new UserError(deb + " is not a valid Debian package: " + detail + ". The file is damaged; delete it "
                + "and run again to download it anew.");
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void mknod(Path target, TarArchiveEntry e) throws IOException {
        String type = e.isFIFO() ? "p" : e.isCharacterDevice() ? "c" : "b";
        List<String> args = new ArrayList<>(List.of(target.toString(), type));
        if (!e.isFIFO()) {
            args.add(String.valueOf(e.getDevMajor()));
            args.add(String.valueOf(e.getDevMinor()));
        }
        try {
            Process p =
                    HostProcess.start(HostProcess.of(HostProgram.MKNOD, args).redirectErrorStream(true));
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.waitFor() != 0) {
                throw new UserError(
                        "Could not create the device node " + target + ": " + out + ". Run crossroot " + "as root.");
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while creating " + target, ie);
        }
    }

    private static void owner(Path p, TarArchiveEntry e) throws IOException {
        // Numeric ids: Debian's static ids (root, tty, shadow, ...) are what the packages were built with.
        Files.setAttribute(p, "unix:uid", (int) e.getLongUserId(), NOFOLLOW);
        Files.setAttribute(p, "unix:gid", (int) e.getLongGroupId(), NOFOLLOW);
    }

    private static void mode(Path p, TarArchiveEntry e) throws IOException {
        Files.setAttribute(p, "unix:mode", e.getMode() & TYPE_MASK, NOFOLLOW);
    }

    private static void mtime(Path p, TarArchiveEntry e) throws IOException {
        FileTime t = FileTime.from(e.getLastModifiedTime().toInstant());
        Files.getFileAttributeView(p, BasicFileAttributeView.class, NOFOLLOW).setTimes(t, null, null);
    }
}
