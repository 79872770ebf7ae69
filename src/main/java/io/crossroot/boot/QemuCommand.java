package io.crossroot.boot;

import io.crossroot.toolbox.Toolbox;
import io.crossroot.util.UserError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** The qemu-system command line for a {@link BootSpec}: headless, serial console on stdio, no reboot. */
public final class QemuCommand {
    private QemuCommand() {}

    public static String emulator(String arch) {
        return switch (arch) {
            case "riscv64" -> "qemu-system-riscv64";
            case "arm64" -> "qemu-system-aarch64";
            default -> throw new UserError("crossroot cannot boot " + arch + " images yet (riscv64 and arm64 only).");
        };
    }

    /** Arguments after the emulator's name, for the toolbox's QEMU; {@code dir} is the image's directory. */
    public static List<String> arguments(Toolbox toolbox, BootSpec spec, Path dir) {
        return arguments(
                spec,
                dir,
                path -> toolbox.file(path).toString(),
                toolbox.file("usr/share/qemu").toString());
    }

    /**
     * Arguments after the emulator's name: {@code firmware} says where QEMU finds a firmware file the spec names
     * (by its path in a Debian system), {@code dataDir} is QEMU's -L directory (null: the emulator's own).
     */
    public static List<String> arguments(BootSpec spec, Path dir, UnaryOperator<String> firmware, String dataDir) {
        List<String> a = new ArrayList<>();
        switch (spec.arch()) {
            case "riscv64" -> a.addAll(List.of("-machine", "virt", "-cpu", "rv64"));
            // cortex-a57 rather than max: TCG emulates max's pointer authentication slowly
            case "arm64" -> a.addAll(List.of("-machine", "virt", "-cpu", "cortex-a57"));
            default -> emulator(spec.arch());
        }
        a.addAll(List.of("-smp", "2", "-m", String.valueOf(spec.memoryMiB()), "-nographic", "-no-reboot"));
        if (dataDir != null) {
            a.addAll(List.of("-L", dataDir));
        }
        if (spec.bios() != null) {
            a.addAll(List.of("-bios", firmware.apply(spec.bios())));
        }
        if (spec.firmware() != null) {
            a.addAll(List.of("-kernel", firmware.apply(spec.firmware())));
        } else if (spec.kernel() != null) {
            a.addAll(List.of("-kernel", dir.resolve(spec.kernel()).toString()));
        }
        if (spec.initrd() != null) {
            a.addAll(List.of("-initrd", dir.resolve(spec.initrd()).toString()));
        }
        if (spec.append() != null) {
            a.addAll(List.of("-append", spec.append()));
        }
        a.addAll(List.of(
                "-drive",
                "file=" + dir.resolve(spec.image()) + ",format=" + spec.format() + ",if=none,id=hd0",
                "-device",
                "virtio-blk-device,drive=hd0",
                "-netdev",
                "user,id=net0",
                "-device",
                "virtio-net-device,netdev=net0"));
        return a;
    }

    /** The full command, run through the toolbox's loader. */
    public static List<String> command(Toolbox toolbox, BootSpec spec, Path dir) {
        return toolbox.command(emulator(spec.arch()), arguments(toolbox, spec, dir));
    }
}
