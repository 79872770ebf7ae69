package io.crossroot.boot;

import io.crossroot.disk.DiskImage;
import io.crossroot.disk.DiskImageBuilder;
import io.crossroot.disk.DiskPlan;
import io.crossroot.disk.GeneratedFile;
import io.crossroot.toolbox.Toolbox;
import io.crossroot.util.ConfinedRoot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a root file system into a disk image ready for a board profile, in one pipeline: system files (fstab
 * by UUID, hostname, root password), the profile's boot files, the partitioned image, optionally its qcow2
 * copy, and the boot descriptions (one per disk file) plus start_vm.sh beside it.
 */
public final class BootableDiskBuilder {
    private final Toolbox toolbox;

    public BootableDiskBuilder(Toolbox toolbox) {
        this.toolbox = toolbox;
    }

    /** What was built: the raw image, the image to boot (raw or qcow2) and how to boot it. */
    public record Result(DiskImage image, Path bootImage, BootSpec boot) {}

    /**
     * @param settings   hostname and root password hash; null to leave the root file system's own
     * @param inputPath  where relative layout file names are found; null for the rootfs's /boot
     */
    public Result build(
            DiskPlan plan,
            BootProfile profile,
            Path rootfs,
            SystemSettings settings,
            Path inputPath,
            Path output,
            boolean qcow2)
            throws IOException {
        BootSetup setup = new BootSetup(profile, rootfs, plan);
        List<GeneratedFile> files = new ArrayList<>();
        if (settings != null) {
            files.addAll(SystemFiles.of(plan, rootfs, settings));
        }
        files.addAll(setup.files(toolbox));
        DiskImageBuilder builder = new DiskImageBuilder(toolbox);
        // /boot as the rootfs itself sees it: its symlink, if any, never leads to a host directory
        Path input = inputPath != null
                ? inputPath
                : ConfinedRoot.resolve(rootfs, "/boot").orElse(null);
        DiskImage image = builder.build(plan, rootfs, input, files, output);
        Path bootImage = output;
        String format = "raw";
        if (qcow2) {
            bootImage =
                    output.resolveSibling(output.getFileName().toString().replaceFirst("\\.(img|raw)$", "") + ".qcow2");
            builder.toQcow2(output, bootImage);
            format = "qcow2";
        }
        BootSpec spec = setup.finish(toolbox, image, bootImage, format);
        if (spec != null && qcow2) {
            // the raw disk is the same disk: 'crossroot boot' takes either
            spec.forImage(output.getFileName().toString(), "raw").write(output);
        }
        return new Result(image, bootImage, spec);
    }
}
