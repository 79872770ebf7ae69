package io.crossroot.boot;

import io.crossroot.disk.DiskPlan;
import io.crossroot.disk.Filesystem;
import io.crossroot.disk.GeneratedFile;
import io.crossroot.disk.PartitionIdentity;
import io.crossroot.util.ConfinedRoot;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** /etc/fstab (by filesystem UUID), /etc/hostname and root's password, for the image's root filesystem. */
public final class SystemFiles {
    private SystemFiles() {}

    public static List<GeneratedFile> of(DiskPlan plan, Path rootfs, SystemSettings settings) {
        List<GeneratedFile> out = new ArrayList<>();
        out.add(GeneratedFile.text("/etc/fstab", fstab(plan)));
        out.add(GeneratedFile.text("/etc/hostname", settings.hostname() + "\n"));
        if (settings.rootPasswordHash() != null) {
            out.add(new GeneratedFile(
                    "/etc/shadow", shadow(rootfs, settings.rootPasswordHash()).getBytes(StandardCharsets.UTF_8), 0640));
        }
        return out;
    }

    static String fstab(DiskPlan plan) {
        StringBuilder sb =
                new StringBuilder("# <file system> <mount point> <type> <options> <dump> <pass>  (crossroot)\n");
        for (PartitionIdentity p : plan.partitions()) {
            Filesystem fs = p.spec().filesystem();
            if (fs == Filesystem.SWAP) {
                sb.append("UUID=").append(p.fsUuidText()).append(" none swap sw 0 0\n");
            } else if (p.spec().mountpoint() != null && fs != Filesystem.NONE) {
                boolean root = p.spec().mountpoint().equals("/");
                String opts = fs == Filesystem.VFAT ? "umask=0077" : root ? "errors=remount-ro" : "defaults";
                sb.append("UUID=")
                        .append(p.fsUuidText())
                        .append(' ')
                        .append(p.spec().mountpoint())
                        .append(' ')
                        .append(fs.fstabType())
                        .append(' ')
                        .append(opts)
                        .append(" 0 ")
                        .append(root ? 1 : 2)
                        .append('\n');
            }
        }
        return sb.toString();
    }

    /** The rootfs's /etc/shadow (resolved inside it, never the host's) with root's password field replaced. */
    static String shadow(Path rootfs, String hash) {
        Path shadow = ConfinedRoot.resolve(rootfs, "/etc/shadow")
                .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                .orElseThrow(() -> new UserError(
                        "The root filesystem " + rootfs + " has no /etc/shadow (symlinks followed inside it), so "
                                + "crossroot cannot set root's password. Build a complete rootfs (it comes with the passwd "
                                + "package)."));
        try (InputStream in = ConfinedRoot.openRegular(shadow)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(l -> {
                        String[] f = l.split(":", -1);
                        if (f.length > 1 && f[0].equals("root")) {
                            f[1] = hash;
                            return String.join(":", f);
                        }
                        return l;
                    })
                    .collect(Collectors.joining("\n", "", "\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
