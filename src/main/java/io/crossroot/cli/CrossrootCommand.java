package io.crossroot.cli;

import picocli.CommandLine.Command;

@Command(
        name = "crossroot",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Build, run and boot foreign-architecture Linux systems on an x86-64 host with "
                + "qemu-user, binfmt_misc and containers.",
        subcommands = {
            BuildCommand.class,
            LockCommand.class,
            ArchCommand.class,
            ElfCommand.class,
            BinfmtCommand.class,
            RunCommand.class,
            RootfsCommand.class,
            DiskCommand.class,
            BootCommand.class,
            ImageCommand.class,
            ContainerCommand.class,
            PkgCommand.class,
            picocli.CommandLine.HelpCommand.class
        })
public final class CrossrootCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
    }
}
