package io.crossroot.rpm.file;

import io.crossroot.util.ConfinedRoot;
import io.crossroot.util.HostProcess;
import io.crossroot.util.HostProgram;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Unpacks .rpm files natively into a root, placing files as "rpm --install" would (scriptlets aside): modes with
 * setuid and setgid, owners by name from the root's own /etc/passwd and /etc/group, mtimes, symlinks, hard links
 * (whose data rpm puts on the group's last member), device nodes, file capabilities; ghosts are not created. Every
 * path goes through {@link ConfinedRoot}, so none leaves the root. Needs root for owners and device nodes.
 */
public final class RpmUnpack {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    private final ConfinedRoot root;
    private final CapabilityWriter capabilities;

    public RpmUnpack(Path root, CapabilityWriter capabilities) {
        this.root = new ConfinedRoot(root);
        this.capabilities = capabilities;
    }

    /** Unpacks {@code rpm}; a file an earlier package placed at the same path is replaced, a directory kept. */
    public UnpackedRpm unpack(RpmFile rpm) {
        if (rpm.isSource()) {
            throw new UserError(rpm.path() + " is a source package; only binary packages can be installed.");
        }
        RpmHeader header = rpm.header();
        List<String> written = new ArrayList<>();
        List<String> config = new ArrayList<>();
        List<String> ghosts = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Map<String, RpmFileEntry> directories = new LinkedHashMap<>();
        Map<Long, List<RpmFileEntry>> linkGroups = hardLinkGroups(header);
        Map<Long, Path> linkData = new HashMap<>();
        Map<Long, List<RpmFileEntry>> linkPending = new HashMap<>();
        try {
            RootAccounts accounts = RootAccounts.of(root);
            Owners owners = new Owners(accounts, warnings, rpm.path());
            rpm.forEachPayloadEntry((f, member, data) -> {
                String name = ConfinedRoot.checkedName(f.path(), rpm.path());
                if (name.isEmpty()) {
                    return;
                }
                written.add(f.path());
                if (f.isConfig()) {
                    config.add(f.path());
                }
                if (f.isDirectory()) {
                    directory(f, name, owners, rpm);
                    directories.put(name, f);
                    return;
                }
                long group = linkKey(f);
                List<RpmFileEntry> members = f.isRegularFile() ? linkGroups.get(group) : null;
                if (members == null || members.size() < 2) {
                    place(f, name, data, owners, rpm);
                    return;
                }
                Path first = linkData.get(group);
                if (first != null) {
                    link(f, name, first, rpm);
                    return;
                }
                List<RpmFileEntry> pending = linkPending.computeIfAbsent(group, k -> new ArrayList<>());
                boolean last = pending.size() + 1 == members.size();
                if (member.size() == 0 && !last && f.size() != 0) {
                    pending.add(f); // its data comes with a later member of the group
                    return;
                }
                Path p = place(f, name, data, owners, rpm);
                linkData.put(group, p);
                for (RpmFileEntry other : pending) {
                    link(other, ConfinedRoot.checkedName(other.path(), rpm.path()), p, rpm);
                }
                pending.clear();
            });
            for (Map.Entry<Long, List<RpmFileEntry>> e : linkPending.entrySet()) {
                if (!e.getValue().isEmpty()) {
                    throw new RpmFormatError(
                            rpm.path(),
                            "hard link " + e.getValue().get(0).path() + " never received its data in the payload");
                }
            }
            // Directory times last: creating their entries changed them.
            for (Map.Entry<String, RpmFileEntry> d : directories.entrySet()) {
                Path p = root.existing(d.getKey());
                if (p != null && !Files.isSymbolicLink(p)) {
                    mtime(p, d.getValue());
                }
            }
        } catch (IOException e) {
            throw new UserError(
                    "Unpacking " + rpm.path() + " into " + root.root() + " failed: " + e.getMessage()
                            + ". Check the free space and that crossroot runs as root.",
                    e);
        }
        for (RpmFileEntry f : header.files()) {
            if (f.isGhost()) {
                ghosts.add(f.path());
            }
        }
        return new UnpackedRpm(header, written, config, ghosts, warnings);
    }

    /** Regular files that share device and inode, by that pair; rpm creates them as one file with several names. */
    private static Map<Long, List<RpmFileEntry>> hardLinkGroups(RpmHeader header) {
        Map<Long, List<RpmFileEntry>> out = new HashMap<>();
        for (RpmFileEntry f : header.files()) {
            if (f.isRegularFile() && !f.isGhost() && f.inode() != 0) {
                out.computeIfAbsent(linkKey(f), k -> new ArrayList<>()).add(f);
            }
        }
        return out;
    }

    private static long linkKey(RpmFileEntry f) {
        return f.device() << 32 | (f.inode() & 0xffffffffL);
    }

    private void directory(RpmFileEntry f, String name, Owners owners, RpmFile rpm) throws IOException {
        Path target = root.locate(name);
        if (Files.isDirectory(target)) {
            if (Files.isSymbolicLink(target)) {
                return; // /lib -> usr/lib: the link stays and files go through it, as rpm does
            }
        } else {
            clear(target, name, rpm);
            Files.createDirectory(target);
        }
        owners.apply(target, f);
        Files.setAttribute(target, "unix:mode", f.permissions(), NOFOLLOW);
    }

    private Path place(RpmFileEntry f, String name, InputStream data, Owners owners, RpmFile rpm) throws IOException {
        Path target = root.locate(name);
        clear(target, name, rpm);
        if (f.isSymlink()) {
            if (f.linkTarget().isEmpty() || f.linkTarget().indexOf('\0') >= 0) {
                throw new RpmFormatError(rpm.path(), "symlink " + f.path() + " has no target in the header");
            }
            Files.createSymbolicLink(target, Path.of(f.linkTarget()));
            owners.apply(target, f);
            mtime(target, f);
            return target;
        }
        if (f.isRegularFile()) {
            // CREATE_NEW (O_EXCL) never follows a symlink planted at the target.
            try (OutputStream out =
                    Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                data.transferTo(out);
            }
        } else if (f.isSpecial()) {
            mknod(target, f);
        } else {
            throw new RpmFormatError(
                    rpm.path(), "file " + f.path() + " has the unsupported type " + Integer.toOctalString(f.mode()));
        }
        owners.apply(target, f);
        Files.setAttribute(target, "unix:mode", f.permissions(), NOFOLLOW); // after chown, which clears setuid
        if (!f.capabilities().isEmpty()) {
            byte[] caps = FileCapabilities.encode(f.capabilities(), rpm.path());
            if (caps != null) {
                capabilities.set(target, caps); // after chown too, which drops security.capability
            }
        }
        mtime(target, f);
        return target;
    }

    private void link(RpmFileEntry f, String name, Path existing, RpmFile rpm) throws IOException {
        Path target = root.locate(name);
        clear(target, name, rpm);
        Files.createLink(target, existing);
    }

    /** Removes what a later package replaces; a directory cannot become a file (rpm refuses too). */
    private void clear(Path target, String name, RpmFile rpm) throws IOException {
        if (!Files.exists(target, NOFOLLOW)) {
            return;
        }
        if (Files.isDirectory(target, NOFOLLOW)) {
            throw new UserError(rpm.path() + " ships /" + name + " as a non-directory, but a directory is already "
                    + "there in " + root.root() + ". The package set is inconsistent (rpm refuses it too).");
        }
        if (Files.isSymbolicLink(target)) {
            root.invalidate(); // the link may have been a parent directory of later paths
        }
        Files.delete(target);
    }

    private static void mtime(Path p, RpmFileEntry f) throws IOException {
        FileTime t = FileTime.fromMillis(f.mtime() * 1000);
        Files.getFileAttributeView(p, BasicFileAttributeView.class, NOFOLLOW).setTimes(t, null, null);
    }

    private static void mknod(Path target, RpmFileEntry f) throws IOException {
        int type = f.mode() & RpmFileEntry.S_IFMT;
        List<String> args = new ArrayList<>(List.of(target.toString()));
        if (type == RpmFileEntry.S_IFIFO) {
            args.add("p");
        } else {
            args.add(type == RpmFileEntry.S_IFCHR ? "c" : "b");
            args.add(String.valueOf((f.rdev() >> 8) & 0xff));
            args.add(String.valueOf(f.rdev() & 0xff));
        }
        try {
            Process p =
                    HostProcess.start(HostProcess.of(HostProgram.MKNOD, args).redirectErrorStream(true));
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.waitFor() != 0) {
                throw new UserError(
                        "Could not create the device node " + target + ": " + out + ". Run crossroot " + "as root.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while creating " + target, e);
        }
    }

    /** Owners by name, root for names the root lacks (with rpm's warning, once per name). */
    private record Owners(RootAccounts accounts, List<String> warnings, Path rpm) {
        void apply(Path p, RpmFileEntry f) throws IOException {
            Files.setAttribute(p, "unix:uid", id(accounts.uid(f.user()), "user", f.user()), NOFOLLOW);
            Files.setAttribute(p, "unix:gid", id(accounts.gid(f.group()), "group", f.group()), NOFOLLOW);
        }

        private int id(Integer id, String kind, String name) {
            if (id != null) {
                return id;
            }
            String warning = kind + " " + name + " does not exist in the root - using root (" + rpm + ")";
            if (!warnings.contains(warning)) {
                warnings.add(warning);
            }
            return 0;
        }
    }
}
