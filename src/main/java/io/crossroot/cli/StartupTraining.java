package io.crossroot.cli;

import io.crossroot.arch.ArchCatalog;
import io.crossroot.debian.Deb822;
import io.crossroot.debian.Version;
import io.crossroot.docker.DockerClient;
import io.crossroot.docker.EngineSocket;
import io.crossroot.oci.BuildOptions;
import io.crossroot.oci.ImageConfig;
import io.crossroot.oci.ImageRecipe;
import io.crossroot.oci.ImageReference;
import io.crossroot.oci.LayerSource;
import io.crossroot.oci.OciImageWriter;
import io.crossroot.oci.StreamedDockerArchive;
import io.crossroot.pipeline.BuildRecipe;
import io.crossroot.util.Trees;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
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
            ImageReference name = ImageReference.parse("crossroot-training:1");
            new OciImageWriter(ImageConfig.defaults(), BuildOptions.defaults())
                    .write(Map.of(ArchCatalog.require("riscv64"), dir.resolve("tree")), name, dir.resolve("oci"));
            StreamedDockerArchive archive = new StreamedDockerArchive(ImageConfig.defaults(), BuildOptions.defaults());
            try (LayerSource source = LayerSource.of(dir.resolve("tree"))) {
                archive.writeLayer(source, OutputStream.nullOutputStream());
            }
            trainEngineClient(dir.resolve("engine.sock"), dir.resolve("tree"), archive);
        } finally {
            Trees.deleteQuietly(dir);
        }
    }

    /**
     * A ping and an import against a stand-in engine on a private socket: the HTTP, chunked-body and JSON code an
     * image load runs, without touching a real engine.
     */
    private static void trainEngineClient(Path socket, Path tree, StreamedDockerArchive archive) throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Thread engine = Thread.ofPlatform().daemon().start(() -> answer(server));
            DockerClient client = new DockerClient(new EngineSocket(socket));
            client.ping();
            try (LayerSource source = LayerSource.of(tree)) {
                client.importImage(out -> archive.writeLayer(source, out));
            }
            engine.join(10_000);
        }
    }

    private static void answer(ServerSocketChannel server) {
        String[] bodies = {"OK", "{\"status\":\"sha256:" + "0".repeat(64) + "\"}\n"};
        for (String body : bodies) {
            try (SocketChannel c = server.accept()) {
                ByteBuffer in = ByteBuffer.allocate(1 << 16);
                // the request ends with its head (ping) or with the last chunk (import)
                String seen = "";
                while (!seen.endsWith(body.equals("OK") ? "\r\n\r\n" : "0\r\n\r\n") && c.read(in.clear()) > 0) {
                    seen = (seen + new String(in.array(), 0, in.position(), StandardCharsets.ISO_8859_1));
                    seen = seen.substring(Math.max(0, seen.length() - 16));
                }
                c.write(ByteBuffer.wrap(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length()
                        + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1)));
            } catch (IOException e) {
                return;
            }
        }
    }
}
