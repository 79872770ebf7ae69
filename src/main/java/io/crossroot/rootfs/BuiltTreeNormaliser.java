package io.crossroot.rootfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Removes what makes two bootstraps of the same packages differ, as mmdebstrap's reproducible cleanup does: apt's
 * caches and lists (rebuilt by 'apt update'), the build's logs, ldconfig's aux cache (it records the inode and
 * ctime of each library), a machine id (each container must get its own), and, with SOURCE_DATE_EPOCH, the build
 * day in /etc/shadow (the password-change date) and every mtime past the epoch (clamped to it, as tar's
 * --clamp-mtime does). Only trees crossroot bootstrapped itself are touched, never a given --rootfs.
 */
public final class BuiltTreeNormaliser {
    private static final List<String> REMOVED_FILES = List.of(
            "var/cache/apt/pkgcache.bin",
            "var/cache/apt/srcpkgcache.bin",
            "var/cache/ldconfig/aux-cache",
            "var/log/dpkg.log",
            "var/log/alternatives.log",
            "var/log/bootstrap.log",
            "var/log/apt/history.log",
            "var/log/apt/term.log",
            "var/log/apt/eipp.log.xz",
            "var/lib/dbus/machine-id",
            "var/cache/debconf/config.dat-old",
            "var/cache/debconf/templates.dat-old",
            "var/lib/dpkg/status-old",
            "var/lib/dpkg/diversions-old");
    private static final List<String> EMPTIED_DIRS = List.of("var/lib/apt/lists", "var/cache/apt/archives");
    private static final List<String> SHADOW_FILES = List.of("etc/shadow", "etc/shadow-");
    private static final long SECONDS_PER_DAY = 86400;

    private BuiltTreeNormaliser() {}

    /** Both steps: {@link #removeBuildTraces} and, with an epoch, {@link #pinToEpoch}. */
    public static void normalise(Path root, OptionalLong sourceDateEpoch) throws IOException {
        removeBuildTraces(root);
        if (sourceDateEpoch.isPresent()) {
            pinToEpoch(root, sourceDateEpoch.getAsLong());
        }
    }

    /** What differs between two builds whatever their epoch: logs, caches, the machine id. */
    public static void removeBuildTraces(Path root) throws IOException {
        for (String f : REMOVED_FILES) {
            Files.deleteIfExists(root.resolve(f));
        }
        for (String d : EMPTIED_DIRS) {
            emptyDirectory(root.resolve(d));
        }
        Path machineId = root.resolve("etc/machine-id");
        if (Files.isRegularFile(machineId, LinkOption.NOFOLLOW_LINKS)) {
            Files.write(machineId, new byte[0]); // systemd fills an empty one in at first boot
        }
    }

    /**
     * Sets the build day in /etc/shadow to the epoch's and clamps every time stamp to the epoch, access times
     * included: mke2fs -d copies them into the inodes. Last, since deleting a file changes its directory's mtime.
     */
    public static void pinToEpoch(Path root, long epoch) throws IOException {
        for (String s : SHADOW_FILES) {
            setPasswordChangeDay(root.resolve(s), epoch / SECONDS_PER_DAY);
        }
        FileTime clamp = FileTime.from(epoch, TimeUnit.SECONDS);
        List<Path> paths;
        try (Stream<Path> s = Files.walk(root)) {
            paths = s.toList();
        }
        for (Path p : paths) {
            BasicFileAttributeView view =
                    Files.getFileAttributeView(p, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
            FileTime mtime = view.readAttributes().lastModifiedTime();
            FileTime kept = mtime.compareTo(clamp) > 0 ? clamp : truncatedToSeconds(mtime);
            view.setTimes(kept, kept, null);
        }
    }

    /** An mtime before the epoch keeps its second: deb members carry whole seconds, sub-seconds come from copies. */
    private static FileTime truncatedToSeconds(FileTime t) {
        return FileTime.from(t.to(TimeUnit.SECONDS), TimeUnit.SECONDS);
    }

    /** Deletes the files in {@code dir} but keeps its subdirectories (apt expects lists/partial) and 'lock'. */
    private static void emptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                if (!Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS)
                        && !f.getFileName().toString().equals("lock")) {
                    Files.delete(f);
                }
            }
        }
    }

    /** shadow(5): the third field is the day of the last password change, which useradd sets to today. */
    private static void setPasswordChangeDay(Path shadow, long day) throws IOException {
        if (!Files.isRegularFile(shadow, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        String text = Files.readString(shadow, StandardCharsets.UTF_8);
        String fixed = text.lines()
                .map(line -> {
                    String[] f = line.split(":", -1);
                    if (f.length > 2 && !f[2].isEmpty()) {
                        f[2] = Long.toString(day);
                    }
                    return String.join(":", f);
                })
                .collect(Collectors.joining("\n", "", text.endsWith("\n") ? "\n" : ""));
        Files.writeString(shadow, fixed, StandardCharsets.UTF_8); // keeps the file's mode and owner
    }
}
