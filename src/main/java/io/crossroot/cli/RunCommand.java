package io.crossroot.cli;

import io.crossroot.arch.Arch;
import io.crossroot.arch.ArchCatalog;
import io.crossroot.elf.ElfFile;
import io.crossroot.qemu.QemuInterpreters;
import io.crossroot.run.ForeignRunner;
import io.crossroot.util.Dirs;
import io.crossroot.util.UserError;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Run a foreign program through qemu-user, with a sysroot as its loader prefix so a dynamically "
                + "linked program finds its loader and libraries there.")
final class RunCommand implements Callable<Integer> {
    @Option(
            names = "--arch",
            paramLabel = "A",
            description = "The program's architecture (default: read from the file).")
    String arch;

    @Option(names = "--sysroot", paramLabel = "DIR", description = "Root file system of the program's architecture.")
    Path sysroot;

    @Option(
            names = "--qemu-suite",
            defaultValue = "trixie",
            paramLabel = "SUITE",
            description = "Debian suite whose qemu interpreter to use (default: ${DEFAULT-VALUE}).")
    String qemuSuite;

    @Mixin
    RepositoryOptions repository;

    @Parameters(
            arity = "1..*",
            paramLabel = "PROG [ARGS]",
            description = "The program (a host path, or a path inside the sysroot) and its arguments.")
    List<String> command;

    @Override
    public Integer call() throws Exception {
        Optional<Path> root = Optional.ofNullable(sysroot);
        Path program = ForeignRunner.locate(command.get(0), root);
        Arch a = arch != null
                ? ArchCatalog.require(arch)
                : ElfFile.read(program)
                        .arch()
                        .orElseThrow(() ->
                                new UserError(program + " is for a machine crossroot does not know; pass --arch."));
        ForeignRunner.check(program, a, root);
        Path interpreter;
        try (DownloadProgress progress = new DownloadProgress()) {
            interpreter = new QemuInterpreters(repository.open(qemuSuite), Dirs.cache(), progress)
                    .fetch(List.of(a))
                    .pathFor(a);
        }
        return ForeignRunner.run(interpreter, program, command.subList(1, command.size()), root);
    }
}
