package io.crossroot.boot;

import io.crossroot.disk.DiskLayoutFile;
import io.crossroot.disk.DiskPlan;
import io.crossroot.pkgbuild.BuildMachine;
import io.crossroot.sandbox.OutputLines;
import io.crossroot.toolbox.Toolbox;
import io.crossroot.util.ConfinedRoot;
import io.crossroot.util.TarEntries;
import io.crossroot.util.Trees;
import io.crossroot.util.UserError;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Package builds in a qemu-system virtual machine: the build root becomes an ext4 disk image booted with its own
 * kernel and initramfs (the direct-kernel profile), a script of crossroot's is its PID 1, runs the build command, and
 * writes the artifacts as a tar onto a second, empty disk, which the host reads back. Nothing is mounted on the host,
 * and QEMU is killed however the run ends.
 */
public final class VirtualBuildMachine implements BuildMachine {
    private static final String INIT = "/crossroot-build-machine";
    /** The virtio serial number by which the guest finds the disk that takes the artifacts. */
    private static final String OUTPUT_SERIAL = "crossroot-out";
    /** Free space on the root filesystem for the unpacked sources, the build tree and the packages. */
    private static final String LAYOUT =
            "partitions:\n" + "  - {name: root, type: linux, filesystem: ext4, mountpoint: /, headroom: 8G}\n";

    private static final long OUTPUT_BYTES = 8L << 30; // sparse: only what the tar writes takes space
    private static final int MEMORY_MIB = 4096;
    private static final Duration TIMEOUT = Duration.ofHours(24);

    private final Toolbox toolbox;

    public VirtualBuildMachine(Toolbox toolbox) {
        this.toolbox = toolbox;
    }

    @Override
    public List<String> bootPackages(String debianArch) {
        QemuCommand.emulator(debianArch); // refuses the architectures crossroot cannot boot
        // Debian's kernel metapackage of the architecture's generic flavour
        return List.of("linux-image-" + debianArch, "initramfs-tools");
    }

    @Override
    public Run run(
            Path root,
            List<String> command,
            Map<String, String> env,
            String home,
            List<String> artifacts,
            Consumer<String> log)
            throws IOException, InterruptedException {
        String nonce = nonce();
        Path dir = Files.createTempDirectory(root.toAbsolutePath().getParent(), "machine-");
        try {
            // 0700: the build user cannot read the nonce, so the build cannot print the line the host waits for
            new ConfinedRoot(root)
                    .write(INIT, init(command, env, home, artifacts, nonce).getBytes(StandardCharsets.UTF_8), 0700);
            log.accept("machine: writing the build root's disk image");
            DiskPlan plan = DiskPlan.of(
                    DiskLayoutFile.parseYaml(LAYOUT, "the build machine's layout"),
                    Instant.now().getEpochSecond());
            BootableDiskBuilder.Result disk = new BootableDiskBuilder(toolbox)
                    .build(plan, BootProfile.DIRECT_KERNEL, root, null, null, dir.resolve("root.img"), false);
            BootSpec direct = disk.boot();
            BootSpec spec = new BootSpec(
                    direct.arch(),
                    direct.profile(),
                    direct.image(),
                    direct.format(),
                    direct.kernel(),
                    direct.initrd(),
                    // panic=: an initramfs that cannot mount the root reboots, and so ends QEMU, instead of a shell
                    direct.append() + " init=" + INIT + " quiet panic=10",
                    direct.bios(),
                    direct.firmware(),
                    MEMORY_MIB);
            Path output = dir.resolve("artifacts.tar");
            try (RandomAccessFile f = new RandomAccessFile(output.toFile(), "rw")) {
                f.setLength(OUTPUT_BYTES);
            }
            List<String> outputDisk = List.of(
                    "-drive",
                    "file=" + output + ",format=raw,if=none,id=out",
                    "-device",
                    "virtio-blk-device,drive=out,serial=" + OUTPUT_SERIAL);
            log.accept("machine: booting " + QemuCommand.emulator(spec.arch()) + " (" + spec.memoryMiB() + " MiB)");
            Pattern done = Pattern.compile(Pattern.quote(doneMark(nonce)) + " (\\d+)\\.");
            BootOutcome outcome;
            long start = System.nanoTime();
            try (OutputLines console = new OutputLines(line -> log.accept(line.replace("\r", "")))) {
                outcome = new BootRunner(toolbox).boot(disk.bootImage(), spec, outputDisk, done, TIMEOUT, console);
            }
            Duration hostWall = Duration.ofNanos(System.nanoTime() - start);
            if (Thread.currentThread().isInterrupted() || outcome.reason().equals("interrupted")) {
                throw new InterruptedException();
            }
            if (!outcome.success()) {
                log.accept("machine: the build did not finish: " + outcome.reason());
                return new Run(1, hostWall);
            }
            int rc = Integer.parseInt(last(outcome.lastLines(), done).group(1));
            Matcher wall = last(outcome.lastLines(), Pattern.compile(Pattern.quote(wallMark(nonce)) + " (\\d+)"));
            copyBack(output, new ConfinedRoot(root), home, log);
            return new Run(rc, wall != null ? Duration.ofMillis(Long.parseLong(wall.group(1))) : hostWall);
        } finally {
            Trees.deleteQuietly(dir);
        }
    }

    /**
     * The guest's PID 1: what a build expects beyond the kernel's devtmpfs (ptys, /dev/shm, /dev/fd), the command
     * with its own clock around it, then the artifacts onto the output disk, flushed before the line the host waits
     * for.
     */
    static String init(
            List<String> command, Map<String, String> env, String home, List<String> artifacts, String nonce) {
        String environment = env.entrySet().stream()
                .map(e -> BootSetup.shellQuote(e.getKey() + "=" + e.getValue()))
                .collect(Collectors.joining(" "));
        String argv = command.stream().map(BootSetup::shellQuote).collect(Collectors.joining(" "));
        long now = Instant.now().getEpochSecond();
        return "#!/bin/sh\n"
                + "# PID 1 of crossroot's build machine (pkg bench --modes system)\n"
                + "PATH=/usr/sbin:/usr/bin:/sbin:/bin; export PATH\n"
                + "mountpoint -q /proc || mount -t proc proc /proc\n"
                + "mountpoint -q /sys || mount -t sysfs sysfs /sys\n"
                + "mountpoint -q /dev || mount -t devtmpfs devtmpfs /dev\n"
                + "mkdir -p /dev/pts /dev/shm\n"
                + "mount -t devpts -o gid=5,mode=620,ptmxmode=666 devpts /dev/pts\n"
                + "mount -t tmpfs -o mode=1777 tmpfs /dev/shm\n"
                + "[ -e /dev/fd ] || ln -s /proc/self/fd /dev/fd\n"
                + "[ -e /dev/stdin ] || ln -s /proc/self/fd/0 /dev/stdin\n"
                + "[ -e /dev/stdout ] || ln -s /proc/self/fd/1 /dev/stdout\n"
                + "[ -e /dev/stderr ] || ln -s /proc/self/fd/2 /dev/stderr\n"
                // a guest without a real-time clock starts in 1970, and make would see every source in the future
                + "[ \"$(date +%s)\" -ge " + now + " ] || date -s @" + now + " >/dev/null\n"
                + "start=$(date +%s%N)\n"
                + "env -i " + environment + " " + argv + " </dev/null\n"
                + "rc=$?\n"
                + "end=$(date +%s%N)\n"
                + "echo \"" + wallMark(nonce) + " $(( (end - start) / 1000000 ))\"\n"
                + "out=\n"
                + "for d in /sys/block/*; do\n"
                + "    [ \"$(cat \"$d/serial\" 2>/dev/null)\" = " + OUTPUT_SERIAL + " ] && out=/dev/${d##*/}\n"
                + "done\n"
                + "cd " + BootSetup.shellQuote(home) + " && for f in " + String.join(" ", artifacts) + "; do\n"
                + "    [ -f \"$f\" ] && [ ! -L \"$f\" ] && printf '%s\\n' \"$f\"\n"
                + "done | tar -cf \"$out\" --no-recursion -T - || rc=1\n"
                + "sync\n"
                + "echo \"" + doneMark(nonce) + " $rc.\"\n"
                + "echo o > /proc/sysrq-trigger\n"
                + "sleep 600\n";
    }

    /**
     * The regular files of the output disk's tar, written under {@code home} inside the root. The tar is the guest's
     * word, so its names are checked and resolved inside the root, and links, devices and directories are skipped.
     */
    static void copyBack(Path output, ConfinedRoot root, String home, Consumer<String> log) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(output));
                TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                if (!TarEntries.isRegularFile(e)) {
                    continue; // only regular files come out
                }
                String name = ConfinedRoot.checkedName(e.getName(), "the build machine's output disk");
                Path target = root.target(home + "/" + name);
                try (OutputStream out = Files.newOutputStream(target, ConfinedRoot.writeOptions())) {
                    tar.transferTo(out);
                }
                log.accept("machine: copied out " + name + " (" + Files.size(target) + " bytes)");
            }
        } catch (IOException e) {
            throw new UserError(
                    "Could not read the artifacts the build machine wrote to " + output + ": " + e.getMessage());
        }
    }

    private static Matcher last(List<String> lines, Pattern p) {
        Matcher found = null;
        for (String line : lines) {
            Matcher m = p.matcher(line);
            if (m.find()) {
                found = m;
            }
        }
        return found;
    }

    private static String wallMark(String nonce) {
        return "crossroot-machine-wall-ms-" + nonce + ":";
    }

    private static String doneMark(String nonce) {
        return "crossroot-machine-done-" + nonce + ":";
    }

    /** Makes the lines the host waits for impossible for the build's own output to forge by chance. */
    private static String nonce() {
        byte[] b = new byte[6];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
