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
     * naming one builds only that one's model, at every level (GROUPS): building a command's model (picocli reads
     * its annotations reflectively) costs milliseconds each, every command's a fifth of a second at each start.
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

    /** The subcommands of the commands that group others, in help order; added by Main as SUBCOMMANDS are. */
    static final java.util.Map<Class<?>, java.util.List<Class<?>>> GROUPS = java.util.Map.of(
            ArchCommand.class, java.util.List.of(ArchCommand.ListCommand.class),
            BinfmtCommand.class, java.util.List.of(BinfmtCommand.Status.class, BinfmtCommand.Install.class,
                    BinfmtCommand.Uninstall.class, BinfmtCommand.Verify.class),
            DiskCommand.class, java.util.List.of(DiskCommand.Build.class),
            ImageCommand.class, java.util.List.of(ImageCommand.Build.class, ImageCommand.Load.class),
            ContainerCommand.class, java.util.List.of(ContainerCommand.Run.class),
            PkgCommand.class, java.util.List.of(PkgCommand.Build.class, PkgCommand.Bench.class));

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
    }
}
