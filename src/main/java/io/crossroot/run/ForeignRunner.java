package io.crossroot.run;

import io.crossroot.arch.Arch;
import io.crossroot.elf.ElfFile;
import io.crossroot.util.ConfinedRoot;
import io.crossroot.util.HostProcess;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Runs one foreign program by hand: the qemu interpreter with the sysroot as its loader prefix (-L), so a
 * dynamically linked binary finds its loader and libc in the sysroot, not on the host, also where only merged /usr
 * holds them ({@link LoaderPrefix}). Checks first, and explains in plain words what stops the program from running.
 */
public final class ForeignRunner {
    private ForeignRunner() {}

    /** The program as found (the host path, or the same path inside the sysroot). */
    public static Path locate(String program, Optional<Path> sysroot) {
        Path p = Path.of(program);
        if (Files.isRegularFile(p)) {
            return p;
        }
        if (sysroot.isPresent()) {
            Optional<Path> inside = ConfinedRoot.resolveMergedUsr(sysroot.get(), program);
            if (inside.isPresent() && Files.isRegularFile(inside.get())) {
                return inside.get();
            }
        }
        throw new UserError("No program at " + program
                + (sysroot.isPresent() ? " (on the host or inside " + sysroot.get() + ")" : "")
                + ". Give the path of a foreign executable.");
    }

    /** Checks that {@code program} can run as {@code arch} with {@code sysroot}; returns the parsed file. */
    public static ElfFile check(Path program, Arch arch, Optional<Path> sysroot) {
        ElfFile elf = ElfFile.read(program);
        Optional<Arch> actual = elf.arch();
        if (actual.isPresent() && !sameInterpreter(actual.get(), arch)) {
            throw new UserError(program + " is a " + actual.get().debian() + " program, not " + arch.debian()
                    + ". Run it with --arch " + actual.get().debian() + ".");
        }
        if (elf.interpreter().isEmpty()) {
            return elf;
        }
        String loader = elf.interpreter().get();
        if (sysroot.isEmpty()) {
            throw new UserError(program + " is dynamically linked: it needs the " + arch.debian() + " loader " + loader
                    + " and the libraries " + String.join(", ", elf.needed()) + ", which this host does not have. "
                    + "Pass --sysroot DIR with a " + arch.debian()
                    + " root filesystem (e.g. one made by 'crossroot rootfs').");
        }
        Path root = sysroot.get();
        if (!Files.isDirectory(root)) {
            throw new UserError("The sysroot " + root + " is not a directory. Pass the root of a " + arch.debian()
                    + " file system.");
        }
        LinkCheck.Result r = LinkCheck.check(elf, arch, root);
        if (r.loaderPath() == null) {
            throw new UserError(program + " needs the loader " + loader + ", which the sysroot " + root
                    + " does not have (no " + root + loader + "). The sysroot must hold " + arch.debian()
                    + "'s C library: install libc6:" + arch.debian() + " into it.");
        }
        if (!r.missing().isEmpty()) {
            throw new UserError(program + " cannot start with sysroot " + root + ": missing "
                    + r.missing().stream()
                            .map(m -> m.library() + " (needed by " + m.neededBy() + ")")
                            .collect(Collectors.joining(", "))
                    + ". Install the " + arch.debian() + " packages that ship them into the sysroot.");
        }
        return elf;
    }

    private static boolean sameInterpreter(Arch a, Arch b) {
        return a.equals(b)
                || a.qemu().equals(b.qemu()) && a.elf().machine() == b.elf().machine();
    }

    /** Runs the program with the terminal's stdin/stdout/stderr and returns its exit status. */
    public static int run(Path interpreter, Path program, List<String> args, Optional<Path> sysroot)
            throws IOException, InterruptedException {
        return run(interpreter, program, args, sysroot, ProcessBuilder.Redirect.INHERIT);
    }

    /** Runs the program with its stdout and stderr sent to {@code output}; returns its exit status. */
    public static int run(
            Path interpreter, Path program, List<String> args, Optional<Path> sysroot, ProcessBuilder.Redirect output)
            throws IOException, InterruptedException {
        if (sysroot.isEmpty()) {
            return run(List.of(interpreter.toString()), program, args, output);
        }
        try (LoaderPrefix prefix = LoaderPrefix.of(sysroot.get())) {
            return run(List.of(interpreter.toString(), "-L", prefix.path().toString()), program, args, output);
        }
    }

    private static int run(List<String> qemu, Path program, List<String> args, ProcessBuilder.Redirect output)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(qemu);
        cmd.add(program.toAbsolutePath().toString());
        cmd.addAll(args);
        Process p = HostProcess.start(HostProcess.fetched(
                        cmd,
                        () -> new UserError("The qemu interpreter "
                                + qemu.get(0)
                                + " that crossroot fetched from the mirror is gone or not executable. Delete it, so "
                                + "crossroot fetches it again."))
                .redirectInput(ProcessBuilder.Redirect.INHERIT)
                .redirectOutput(output)
                .redirectErrorStream(true));
        try {
            return p.waitFor();
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }
}
