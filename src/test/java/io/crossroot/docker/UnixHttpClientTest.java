package io.crossroot.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The request body as an engine receives it, on a private socket: chunked, and ended only when it succeeded. */
class UnixHttpClientTest {
    private static final String LAST_CHUNK = "0\r\n\r\n";

    @TempDir
    Path tmp;
    private CompletableFuture<String> lastReceived;

    @Test
    void aBodyThatSucceedsEndsWithTheLastChunk() throws Exception {
        String received = exchange(out -> out.write("first part".getBytes(StandardCharsets.UTF_8)));
        assertThat(received).contains("Transfer-Encoding: chunked").contains("first part").endsWith(LAST_CHUNK);
    }

    @Test
    void aBodyThatFailsIsCutOffNotEnded() throws Exception {
        // A tar cut at an entry boundary but ended cleanly reads as a whole, shorter archive: the engine would
        // import it. Cut off mid-body, the engine discards it.
        assertThatThrownBy(() -> exchange(out -> {
            out.write("a whole entry".getBytes(StandardCharsets.UTF_8));
            out.flush();
            throw new IOException("the tree changed while the layer was written");
        })).hasMessageContaining("the tree changed");
        assertThat(lastReceived.get(10, TimeUnit.SECONDS)).contains("a whole entry").doesNotEndWith(LAST_CHUNK);
    }

    /** Sends one POST with {@code body} to a stand-in engine and returns all it received. */
    private String exchange(RequestBody body) throws Exception {
        Path socket = tmp.resolve("engine.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            lastReceived = CompletableFuture.supplyAsync(() -> receive(server));
            try (HttpResponse r = new UnixHttpClient(new EngineSocket(socket)).send("POST", "/images/create?fromSrc=-",
                    "application/x-tar", body)) {
                assertThat(r.status()).isEqualTo(200);
            } finally {
                // the stand-in may not even have accepted yet: closing the server now would refuse it
                lastReceived.handle((received, failure) -> received).get(10, TimeUnit.SECONDS);
            }
            return lastReceived.get(10, TimeUnit.SECONDS);
        }
    }

    /** Reads until the client's last chunk (then answers 200) or until it hangs up. */
    private static String receive(ServerSocketChannel server) {
        try (SocketChannel c = server.accept()) {
            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(1 << 16);
            while (c.read(buf.clear()) > 0) {
                seen.write(buf.array(), 0, buf.position());
                if (seen.toString(StandardCharsets.ISO_8859_1).endsWith(LAST_CHUNK)) {
                    byte[] ok = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
                    c.write(ByteBuffer.wrap(ok));
                    break;
                }
            }
            return seen.toString(StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
