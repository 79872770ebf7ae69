package io.crossroot.docker.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossroot.testing.StandInEngine;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The request body as an engine receives it (a stand-in one): chunked, and ended only when it succeeded. */
class UnixHttpClientTest {
    private static final String IMPORT = "POST /images/create";

    @TempDir
    Path tmp;

    @Test
    void aBodyThatSucceedsEndsWithTheLastChunk() throws Exception {
        try (StandInEngine engine = StandInEngine.start(tmp.resolve("engine.sock"))) {
            send(engine, out -> out.write("first part".getBytes(StandardCharsets.UTF_8)));
            List<String> received = engine.requests(IMPORT);
            assertThat(received).hasSize(1);
            assertThat(received.get(0)).contains("Transfer-Encoding: chunked").contains("first part");
            assertThat(StandInEngine.endedCleanly(received.get(0))).isTrue();
        }
    }

    @Test
    void aBodyThatFailsIsCutOffNotEnded() throws Exception {
        // A tar cut at an entry boundary but ended cleanly reads as a whole, shorter archive: the engine would
        // import it. Cut off mid-body, the engine discards it.
        try (StandInEngine engine = StandInEngine.start(tmp.resolve("engine.sock"))) {
            assertThatThrownBy(() -> send(engine, out -> {
                        out.write("a whole entry".getBytes(StandardCharsets.UTF_8));
                        out.flush();
                        throw new IOException("the tree changed while the layer was written");
                    }))
                    .hasMessageContaining("the tree changed");
            List<String> received = engine.awaitRequests(IMPORT, Duration.ofSeconds(10));
            assertThat(received).hasSize(1);
            assertThat(received.get(0)).contains("a whole entry");
            assertThat(StandInEngine.endedCleanly(received.get(0))).isFalse();
        }
    }

    @Test
    void theFirstChunksAreSmallAndGrow() throws Exception {
        // The engine starts unpacking at the first bytes: they go out before 256 KiB of small files are gathered
        byte[] piece = new byte[1000];
        try (StandInEngine engine = StandInEngine.start(tmp.resolve("engine.sock"))) {
            send(engine, out -> {
                for (int i = 0; i < 1000; i++) {
                    out.write(piece);
                }
            });
            List<Integer> sizes = chunkSizes(engine.requests(IMPORT).get(0));
            assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(1000 * piece.length);
            assertThat(sizes.get(0)).isLessThanOrEqualTo(4096);
            assertThat(sizes.subList(0, 6)).isSorted();
            assertThat(sizes).contains(1 << 18); // then whole 256 KiB chunks
        }
    }

    /** The sizes of a chunked body's chunks, the last (empty) one left out. */
    private static List<Integer> chunkSizes(String request) {
        List<Integer> sizes = new java.util.ArrayList<>();
        int at = request.indexOf("\r\n\r\n") + 4;
        while (true) {
            int lineEnd = request.indexOf("\r\n", at);
            int size = Integer.parseInt(request.substring(at, lineEnd), 16);
            if (size == 0) {
                return sizes;
            }
            sizes.add(size);
            at = lineEnd + 2 + size + 2;
        }
    }

    private static void send(StandInEngine engine, RequestBody body) throws IOException {
        try (HttpResponse r = new UnixHttpClient(engine.socket())
                .send("POST", "/images/create?fromSrc=-", "application/x-tar", body)) {
            assertThat(r.status()).isEqualTo(200);
        }
    }

    @Test
    void chunkedBodiesAreDecoded() throws Exception {
        byte[] body = "3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n".getBytes();
        assertThat(new String(new ChunkedInputStream(new ByteArrayInputStream(body)).readAllBytes()))
                .isEqualTo("abcde");
    }
}
