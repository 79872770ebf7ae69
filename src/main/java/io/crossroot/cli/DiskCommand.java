package io.crossroot.cli;

import io.crossroot.boot.BootProfile;
import io.crossroot.boot.BootableDiskBuilder;
import io.crossroot.boot.SystemSettings;
import io.crossroot.debian.DebianRepository;
import io.crossroot.disk.DiskImage;
import io.crossroot.disk.DiskLayoutFile;
import io.crossroot.disk.DiskPlan;
import io.crossroot.disk.PlacedPartition;
import io.crossroot.disk.Sizes;
import io.crossroot.lock.LockedSet;
import io.crossroot.sbom.RootSbom;
import io.crossroot.toolbox.Toolbox;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "disk",
        mixinStandardHelpOptions = true,
        subcommands = DiskCommand.Build.class,
        description = "Partitioned disk images from a root filesystem, without loop devices or mounts.")
final class DiskCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing subcommand (build)");
    }

    @Command(
            name = "build",
            mixinStandardHelpOptions = true,
            description = "Build a raw (sparse) disk image from ROOTFS and a layout (YAML, or a genimage .cfg); "
                    + "with --profile also the boot configuration, IMAGE.boot.json and start_vm.sh.")
    static final class Build implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--rootfs", required = true, paramLabel = "DIR", description = "Root filesystem directory.")
        Path rootfs;

        @Option(names = "--layout", required = true, paramLabel = "FILE", description = "Layout YAML or genimage .cfg.")
        Path layout;

        @Option(
                names = {"-o", "--output"},
                required = true,
                paramLabel = "IMAGE",
                description = "Raw image to write.")
        Path output;

        @Option(names = "--qcow2", description = "Also write IMAGE with a .qcow2 suffix (and boot that one).")
        boolean qcow2;

        @Option(
                names = "--profile",
                defaultValue = "none",
                paramLabel = "NAME",
                description =
                        "Boot profile: direct-kernel, qemu-virt-riscv64, qemu-virt-arm64, none (default: ${DEFAULT-VALUE}).")
        String profile;

        @Option(
                names = "--hostname",
                defaultValue = "crossroot",
                description = "Host name (default: ${DEFAULT-VALUE}).")
        String hostname;

        @Option(
                names = "--root-password-hash",
                paramLabel = "CRYPT",
                description = "crypt(3) hash for root, e.g. from 'openssl passwd -6'.")
        String rootPasswordHash;

        @Option(names = "--empty-root-password", description = "Let root log in on the console without a password.")
        boolean emptyRootPassword;

        @Option(
                names = "--input-path",
                paramLabel = "DIR",
                description = "Where relative 'files' and raw 'image' names are found (default: ROOTFS/boot).")
        Path inputPath;

        @Option(
                names = "--source-date-epoch",
                paramLabel = "SECONDS",
                description = "Time stamp and UUID seed (default: $SOURCE_DATE_EPOCH, else 0).")
        Long epoch;

        @Mixin
        ToolboxOptions toolboxOptions;

        @Mixin
        LockOptions lock;

        @Mixin
        JsonOption json;

        @Mixin
        SbomOption sbom;

        @Override
        public Integer call() throws IOException {
            OutputChecks.of(spec)
                    .input("--rootfs", rootfs)
                    .input("--layout", layout)
                    .input("--input-path", inputPath)
                    .output("-o", output);
            if (!Files.isDirectory(rootfs)) {
                throw new UserError("The root filesystem " + rootfs + " is not a directory.");
            }
            BootProfile boot = parseProfile();
            DiskPlan plan = DiskPlan.of(DiskLayoutFile.read(layout), sourceDateEpoch());
            SystemSettings settings = boot != BootProfile.NONE || emptyRootPassword || rootPasswordHash != null
                    ? new SystemSettings(hostname, emptyRootPassword ? "" : rootPasswordHash)
                    : null;
            try (DownloadProgress downloads = new DownloadProgress()) {
                // a disk needs only the lock's toolbox; --update-lock re-resolves what the lock was made for
                DebianRepository tools = toolboxOptions.repository.open(toolboxOptions.suite);
                toolboxOptions.locked = lock.prepare(
                                spec, null, tools, tools, EnumSet.of(LockedSet.Role.TOOLBOX), downloads)
                        .orElse(null);
            }
            // read first: a root whose package database cannot be listed fails before the disk is written
            Map<Path, byte[]> inventory = RootSbom.documentsBeside(rootfs, output, sbom.format, sourceDateEpoch());
            Toolbox toolbox = toolboxOptions.open();
            long start = System.nanoTime();
            BootableDiskBuilder.Result r =
                    new BootableDiskBuilder(toolbox).build(plan, boot, rootfs, settings, inputPath, output, qcow2);
            RootSbom.write(inventory);
            report(r.image(), r.bootImage(), (System.nanoTime() - start) / 1_000_000);
            return 0;
        }

        private BootProfile parseProfile() {
            try {
                return BootProfile.parse(profile);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }

        private long sourceDateEpoch() {
            return epoch != null
                    ? epoch
                    : io.crossroot.oci.BuildOptions.fromEnvironment().orElse(0);
        }

        private void report(DiskImage image, Path bootImage, long millis) {
            json.print(() -> summary(image, bootImage, millis), out -> {
                out.println(image.path() + ": " + Sizes.human(image.sizeBytes()) + " "
                        + image.plan().layout().table() + (bootImage.equals(image.path()) ? "" : ", " + bootImage)
                        + " (" + millis + " ms)");
                List<List<String>> rows = new ArrayList<>();
                for (int i = 0; i < image.partitions().size(); i++) {
                    PlacedPartition p = image.partitions().get(i);
                    var id = image.plan().partitions().get(i);
                    rows.add(List.of(
                            p.name(),
                            p.type().name(),
                            String.valueOf(p.firstLba()),
                            Sizes.human(p.sizeBytes()),
                            id.spec().filesystem().fstabType(),
                            id.fsUuidText(),
                            id.spec().mountpoint() == null ? "-" : id.spec().mountpoint()));
                }
                Output.table(out, List.of("PARTITION", "TYPE", "START", "SIZE", "FS", "UUID", "MOUNT"), rows);
            });
        }

        private static Map<String, Object> summary(DiskImage image, Path bootImage, long millis) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("image", image.path().toString());
            m.put("bootImage", bootImage.toString());
            m.put("sizeBytes", image.sizeBytes());
            m.put("table", image.plan().layout().table());
            List<Map<String, Object>> partitions = new ArrayList<>();
            for (int i = 0; i < image.partitions().size(); i++) {
                PlacedPartition p = image.partitions().get(i);
                var id = image.plan().partitions().get(i);
                Map<String, Object> part = new LinkedHashMap<>();
                part.put("name", p.name());
                part.put("type", p.type().name());
                part.put("firstLba", p.firstLba());
                part.put("sizeBytes", p.sizeBytes());
                part.put("filesystem", id.spec().filesystem().fstabType());
                part.put("uuid", id.fsUuidText());
                part.put("mountpoint", id.spec().mountpoint());
                partitions.add(part);
            }
            m.put("partitions", partitions);
            m.put("millis", millis);
            return m;
        }
    }
}
