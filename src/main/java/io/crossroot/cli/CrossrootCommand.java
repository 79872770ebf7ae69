package io.crossroot.cli;

import picocli.CommandLine.Command;

@Command(
        name = "crossroot",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Build, run and boot foreign-architecture Linux systems on an x86-64 host with "
                + "qemu-user, binfmt_misc and containers.")
public final class CrossrootCommand implements Runnable {
    /**
     * The subcommands, in the order help lists them. Main adds them (not the annotation) so that a command line
     * naming one builds only that one's model: picocli's classes predate class-data sharing, and building every
     * command's model cost a fifth of a second at each start.
     */
    static final java.util.List<Class<?>> SUBCOMMANDS = java.util.List.of(
            BuildCommand.class,
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
            picocli.CommandLine.HelpCommand.class);

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
    }
}
