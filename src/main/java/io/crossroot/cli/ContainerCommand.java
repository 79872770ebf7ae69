package io.crossroot.cli;

import io.crossroot.arch.ArchCatalog;
import io.crossroot.binfmt.BinfmtMisc;
import io.crossroot.docker.ContainerRunner;
import io.crossroot.docker.DockerClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "container",
        mixinStandardHelpOptions = true,
        subcommands = {ContainerCommand.Run.class},
        description = "Run foreign-architecture containers through the Docker (or Podman) API.")
final class ContainerCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing subcommand (run)");
    }

    @Command(
            name = "run",
            mixinStandardHelpOptions = true,
            description = "Run CMD in a new container of IMAGE, stream its output and remove the container "
                    + "afterwards. Checks that IMAGE is of architecture A and that a binfmt_misc entry runs A's programs. "
                    + "Exits with the command's exit code.")
    static final class Run implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--arch", required = true, paramLabel = "A", description = "The image's architecture.")
        String arch;

        @Parameters(
                index = "0",
                paramLabel = "IMAGE",
                description =
                        "Image name in the engine, e.g. demo:1.0: "
                                + "when it is not of architecture A, its A image demo:1.0-A (as 'image load' tags each platform).")
        String image;

        @Parameters(
                index = "1..*",
                paramLabel = "CMD",
                description = "Command and arguments (after --); default: the image's.")
        List<String> cmd = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            return new ContainerRunner(DockerClient.connect(), BinfmtMisc.system())
                    .run(ArchCatalog.require(arch), image, cmd, System.out, System.err);
        }
    }
}
