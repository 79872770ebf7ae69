package io.crossroot.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

/**
 * A small root filesystem with every kind of entry a layer must keep: setuid file, symlink, hard link, device
 * node, fifo, a file capability, a long name, foreign owners. {@code program} becomes bin/busybox.
 */
public final class SampleTree {
    public static final long OLD_MTIME = 1_000_000_000L;
    static final long NEW_MTIME = 2_000_000_000L;

    private SampleTree() {}

    public static Path create(Path root, Path program) throws IOException, InterruptedException {
        Files.createDirectories(root.resolve("bin"));
        Files.createDirectories(root.resolve("etc"));
        Files.createDirectories(root.resolve("dev"));
        Files.copy(program, root.resolve("bin/busybox"));
        Files.setPosixFilePermissions(root.resolve("bin/busybox"), PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String applet : List.of("sh", "uname", "cat", "ls", "id", "stat", "getfattr")) {
            Files.createSymbolicLink(root.resolve("bin/" + applet), Path.of("busybox"));
        }
        Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
        Files.createLink(root.resolve("etc/passwd-hardlink"), root.resolve("etc/passwd"));
        Path suid = root.resolve("bin/su-helper");
        Files.writeString(suid, "#!/bin/sh\n");
        run("chmod", "4755", suid.toString());
        Path ping = root.resolve("bin/ping");
        Files.writeString(ping, "ping\n");
        run("setcap", "cap_net_raw+ep", ping.toString());
        run("mknod", "-m", "666", root.resolve("dev/null").toString(), "c", "1", "3");
        run("mkfifo", root.resolve("dev/initctl").toString());
        Path deep = root.resolve("usr/share/" + "long-directory-name-".repeat(6));
        Files.createDirectories(deep);
        Files.writeString(deep.resolve("file-with-a-long-name-" + "x".repeat(80)), "long\n");
        Path owned = root.resolve("etc/owned");
        Files.writeString(owned, "owned by 1234:5678\n");
        run("chown", "1234:5678", owned.toString());
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.toList()) {
                setMtime(p, p.getFileName().toString().equals("passwd") ? NEW_MTIME : OLD_MTIME);
            }
        }
        return root;
    }

    private static void setMtime(Path p, long seconds) throws IOException, InterruptedException {
        run("touch", "-h", "-d", "@" + seconds, p.toString());
    }

    /** Runs {@code cmd} and returns its output; fails on a non-zero exit. */
    public static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
        return out;
    }
}
