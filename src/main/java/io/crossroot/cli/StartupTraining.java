package io.crossroot.cli;

import io.crossroot.arch.ArchCatalog;
import io.crossroot.debian.Deb822;
import io.crossroot.debian.DownloadListener;
import io.crossroot.debian.Version;
import io.crossroot.docker.DockerClient;
import io.crossroot.docker.EngineSocket;
import io.crossroot.docker.ImageLoader;
import io.crossroot.docker.LoadedImage;
import io.crossroot.docker.StandInEngine;
import io.crossroot.oci.BuildOptions;
import io.crossroot.oci.ImageConfig;
import io.crossroot.oci.ImageRecipe;
import io.crossroot.oci.ImageReference;
import io.crossroot.pipeline.BuildRecipe;
import io.crossroot.toolbox.Toolbox;
import io.crossroot.toolbox.ToolboxInstaller;
import io.crossroot.toolbox.ToolboxPackages;
import io.crossroot.util.Dirs;
import io.crossroot.util.PhaseTimer;
import io.crossroot.util.Trees;
import io.crossroot.util.UserError;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * The run the launcher makes once per jar with -XX:ArchiveClassesAtExit: it loads what commands load as they
 * start (every command's model and help, the recipe and JSON readers, the layer writer on a small tree, the
 * deb822 parser), so later starts map those classes from the archive instead of loading and verifying them.
 * It changes nothing outside a temporary directory it removes.
 */
public final class StartupTraining {
    private StartupTraining() {}

    public static void main(String[] args) throws Exception {
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
        CommandLine all = Main.newCommandLine(new String[0]);
        for (Map.Entry<String, CommandLine> command : all.getSubcommands().entrySet()) {
            Main.run(nowhere, nowhere, command.getKey(), "--help");
            for (String sub : command.getValue().getSubcommands().keySet()) {
                Main.run(nowhere, nowhere, command.getKey(), sub, "--help");
            }
        }
        Main.run(nowhere, nowhere, "arch", "list", "--json");
        BuildRecipe.embeddedDefault();
        io.crossroot.oci.RecipeReader.validate(ImageRecipe.empty().withArches(List.of("riscv64")), "training");
        Deb822.parseAll("Package: hello\nVersion: 2.10-5\nDepends: libc6 (>= 2.34)\n", "training");
        Version.parse("1:2.10-5+b1").compareTo(Version.parse("2.10-5"));
        Path dir = Files.createTempDirectory("crossroot-training-");
        try {
            Path tree = Files.createDirectories(dir.resolve("tree/etc"));
            Files.writeString(tree.resolve("hostname"), "training\n");
            Files.createSymbolicLink(dir.resolve("tree/link"), Path.of("etc/hostname"));
            fillLikeARootfs(dir.resolve("tree"));
            Main.run(nowhere, nowhere, "image", "build", "--arch", "riscv64", "--rootfs", tree.getParent().toString(),
                    "--tag", "crossroot-training:1", "-o", dir.resolve("oci").toString(), "--json");
            Main.run(nowhere, nowhere, "image", "build", "--arch", "riscv64", "--rootfs", tree.getParent().toString(),
                    "--tag", "crossroot-training:1", "-o", dir.resolve("oci-lines").toString());
            trainEngineClient(dir.resolve("engine.sock"), tree.getParent());
        } finally {
            Trees.deleteQuietly(dir);
        }
    }

    /**
     * Enough of a root filesystem's shapes that the layer code runs hot, as on a real tree: directories of small
     * files (read into the gathered chunk), a large one (sent by the kernel), a hard link.
     */
    private static void fillLikeARootfs(Path tree) throws java.io.IOException {
        byte[] text = "# training\n".repeat(40).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int d = 0; d < 8; d++) {
            Path docs = Files.createDirectories(tree.resolve("usr/share/doc/package-" + d));
            for (int f = 0; f < 40; f++) {
                Files.write(docs.resolve("file-" + f), text);
            }
        }
        Path lib = Files.createDirectories(tree.resolve("usr/lib"));
        Files.write(lib.resolve("libtraining.so.1"), new byte[256 << 10]);
        Files.createLink(lib.resolve("libtraining.so.1.0"), lib.resolve("libtraining.so.1"));
    }

    /** A streamed load through a stand-in engine: the HTTP, chunked-body, tar and JSON code an image load runs. */
    private static void trainEngineClient(Path socket, Path tree) throws Exception {
        try {
            EngineSocket.locate(); // the command's way to the engine, which this stand-in is not
        } catch (UserError e) {
            // a DOCKER_HOST crossroot cannot use: the command says so when it runs
        }
        Toolbox tools;
        try {
            tools = new ToolboxInstaller(() -> new RepositoryOptions().open("trixie"), "trixie", Dirs.cache(),
                    DownloadListener.NONE).install(ToolboxPackages.IMAGE, Map.of(), false);
        } catch (UserError e) {
            return; // no mirror to fetch getfattr from: the command says so when it runs
        }
        try (StandInEngine engine = StandInEngine.start(socket)) {
            LoadedImage loaded = new ImageLoader(new DockerClient(engine.socket())).loadTrees(
                    Map.of(ArchCatalog.require("riscv64"), tree), tools, ImageConfig.defaults(),
                    BuildOptions.defaults(), ImageReference.parse("crossroot-training:1"));
            PhaseTimer.summary(loaded.timings()); // the command's last lines
            PhaseTimer.inSeconds(loaded.timings());
        }
    }
}
