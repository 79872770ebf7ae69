package io.crossroot.boot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * start_vm.sh, written beside a bootable image: boots it with the serial console on the terminal. It names no
 * file outside its own directory (crossroot's cache may be cleaned, the directory copied to another machine): it
 * runs 'crossroot boot --interactive', whose toolbox brings QEMU and the firmware, or else the host's
 * qemu-system with the host's firmware, and says what it needs when it finds neither.
 */
public final class StartScript {
    public static final String NAME = "start_vm.sh";
    /** The environment variable crossroot's launcher sets to its own path, recorded as a fallback in the script. */
    static final String LAUNCHER_VARIABLE = "CROSSROOT_LAUNCHER";

    private static final Map<String, String> FIRMWARE_PACKAGES = Map.of(
            BootSetup.OPENSBI_DYNAMIC,
            "opensbi",
            BootSetup.UBOOT_RISCV64,
            "u-boot-qemu",
            BootSetup.EDK2_ARM64,
            "qemu-efi-aarch64");
    private static final String BIOS = "$bios";
    private static final String FIRMWARE = "$firmware";

    private StartScript() {}

    /** Writes DIR/start_vm.sh for {@code spec}, recording the launcher this crossroot runs from, if any. */
    public static void write(BootSpec spec, Path dir) throws IOException {
        Path f = dir.resolve(NAME);
        Files.writeString(f, text(spec, runningLauncher()));
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** The crossroot launcher of this run ($CROSSROOT_LAUNCHER, an absolute path), if there is one. */
    static Optional<Path> runningLauncher() {
        String launcher = System.getenv(LAUNCHER_VARIABLE);
        return launcher == null || !launcher.startsWith("/") ? Optional.empty() : Optional.of(Path.of(launcher));
    }

    static String text(BootSpec spec, Optional<Path> launcher) {
        String emulator = QemuCommand.emulator(spec.arch());
        String image = spec.image();
        StringBuilder s = new StringBuilder("#!/bin/sh\n");
        s.append("# Boots ")
                .append(image)
                .append(" (")
                .append(spec.arch())
                .append(", ")
                .append(spec.profile())
                .append(") with its serial console on this terminal; Ctrl-A X quits. Arguments go to QEMU.\n");
        s.append("# It needs one of:\n");
        s.append("#  - crossroot ($CROSSROOT, 'crossroot' on PATH")
                .append(launcher.map(l -> ", or " + l + " that wrote this script")
                        .orElse(""))
                .append(
                        "),\n#    which boots it with the QEMU and firmware of its toolbox ('crossroot boot --interactive');\n");
        s.append("#  - the host's ")
                .append(emulator)
                .append(" (Debian package ")
                .append(hostPackage(spec.arch()))
                .append(")");
        for (Firmware fw : firmware(spec)) {
            s.append(",\n#    with /")
                    .append(fw.path())
                    .append(" (Debian package ")
                    .append(fw.debianPackage())
                    .append("; ")
                    .append(fw.override())
                    .append("=FILE for another)");
        }
        s.append(".\n");
        s.append("cd \"$(dirname \"$0\")\" || exit 1\n");
        s.append("crossroot=${CROSSROOT:-}\n");
        s.append("[ -n \"$crossroot\" ] || crossroot=$(command -v crossroot) || crossroot=\n");
        launcher.ifPresent(l -> s.append("[ -n \"$crossroot\" ] || [ ! -x ")
                .append(BootSetup.shellQuote(l.toString()))
                .append(" ] || crossroot=")
                .append(BootSetup.shellQuote(l.toString()))
                .append('\n'));
        s.append("if [ -n \"$crossroot\" ]; then\n");
        s.append("    exec \"$crossroot\" boot --interactive ")
                .append(BootSetup.shellQuote(image))
                .append(" -- \"$@\"\n");
        s.append("fi\n");
        s.append("if command -v ").append(emulator).append(" >/dev/null 2>&1; then\n");
        for (Firmware fw : firmware(spec)) {
            String variable = fw.variable().substring(1);
            s.append("    ")
                    .append(variable)
                    .append("=${")
                    .append(fw.override())
                    .append(":-/")
                    .append(fw.path())
                    .append("}\n");
            s.append("    if [ ! -f \"$").append(variable).append("\" ]; then\n");
            s.append("        echo \"")
                    .append(NAME)
                    .append(": the host's ")
                    .append(emulator)
                    .append(" needs the firmware $")
                    .append(variable)
                    .append(" to boot ")
                    .append(image)
                    .append(": install Debian's ")
                    .append(fw.debianPackage())
                    .append(" package, set ")
                    .append(fw.override())
                    .append("=FILE, or run crossroot (CROSSROOT=/path/to/crossroot).\" >&2\n");
            s.append("        exit 1\n    fi\n");
        }
        List<String> args =
                QemuCommand.arguments(spec, Path.of(""), path -> path.equals(spec.bios()) ? BIOS : FIRMWARE, null);
        List<String> lines = new ArrayList<>(List.of(emulator));
        for (int i = 0; i < args.size(); i++) {
            // an option and its value on one line
            boolean hasValue = i + 1 < args.size() && !args.get(i + 1).startsWith("-");
            lines.add(quote(args.get(i)) + (hasValue ? " " + quote(args.get(++i)) : ""));
        }
        s.append("    exec ").append(String.join(" \\\n        ", lines)).append(" \"$@\"\n");
        s.append("fi\n");
        s.append("echo \"")
                .append(NAME)
                .append(": nothing here can boot ")
                .append(image)
                .append(": it needs crossroot " + "(put it on PATH or set CROSSROOT=/path/to/crossroot) or the host's ")
                .append(emulator)
                .append(" (Debian package ")
                .append(hostPackage(spec.arch()))
                .append(") with its firmware; see the " + "comment at the top of $0.\" >&2\n");
        s.append("exit 1\n");
        return s.toString();
    }

    /** A firmware file of the spec: its shell variable, its path in a Debian system, the variable overriding it. */
    private record Firmware(String variable, String path, String override) {
        String debianPackage() {
            return FIRMWARE_PACKAGES.getOrDefault(path, "firmware");
        }
    }

    private static List<Firmware> firmware(BootSpec spec) {
        List<Firmware> out = new ArrayList<>();
        if (spec.bios() != null) {
            out.add(new Firmware(BIOS, spec.bios(), "START_VM_BIOS"));
        }
        if (spec.firmware() != null) {
            out.add(new Firmware(FIRMWARE, spec.firmware(), "START_VM_FIRMWARE"));
        }
        return out;
    }

    private static String quote(String arg) {
        return arg.equals(BIOS) || arg.equals(FIRMWARE) ? "\"" + arg + "\"" : BootSetup.shellQuote(arg);
    }

    private static String hostPackage(String arch) {
        return arch.equals("arm64") ? "qemu-system-arm" : "qemu-system-misc";
    }
}
