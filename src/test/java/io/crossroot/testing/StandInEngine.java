package io.crossroot.testing;

import io.crossroot.docker.http.EngineSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A stand-in for the engine API on a private unix socket: it answers what a streamed image load asks (ping,
 * import, inspect, config load, removal) as Docker does, and keeps every request as it arrived: tests use it to
 * see what the client sends when something fails, which a real engine does not show. Each connection is served on
 * its own thread: the config load stays open while the import runs.
 */
public final class StandInEngine implements AutoCloseable {
    private static final String LAST_CHUNK = "0\r\n\r\n";
    private static final String IMAGE = "sha256:" + "0".repeat(64);

    private final ServerSocketChannel server;
    private final Path socket;
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private volatile String refusedPrefix;
    private volatile String refusal;

    private StandInEngine(ServerSocketChannel server, Path socket) {
        this.server = server;
        this.socket = socket;
    }

    public static StandInEngine start(Path socket) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        StandInEngine engine = new StandInEngine(server, socket);
        Thread.ofPlatform().name("stand-in-engine").daemon().start(engine::acceptAll);
        return engine;
    }

    public EngineSocket socket() {
        return new EngineSocket(socket);
    }

    /** From now on, requests whose first line starts with {@code requestLine} get a 500 with {@code message}. */
    public void refuse(String requestLine, String message) {
        refusal = message;
        refusedPrefix = requestLine;
    }

    /** Every request so far (head and raw body, as ISO-8859-1) whose first line starts with {@code requestLine}. */
    public List<String> requests(String requestLine) {
        synchronized (requests) {
            return requests.stream().filter(r -> r.startsWith(requestLine)).toList();
        }
    }

    /**
     * The requests {@link #requests} gives, once there is at least one, or none after {@code timeout}: each
     * connection is served on its own thread, and a cut-off request is kept only when its client has hung up.
     */
    public List<String> awaitRequests(String requestLine, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (requests(requestLine).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return requests(requestLine);
    }

    /** Whether a request's chunked body ended with its last chunk (else the client cut it off). */
    public static boolean endedCleanly(String request) {
        return request.endsWith(LAST_CHUNK);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    private void acceptAll() {
        while (true) {
            try {
                SocketChannel c = server.accept();
                Thread.ofPlatform().name("stand-in-engine-connection").daemon().start(() -> answer(c));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** Reads one request (its head, and a chunked body to its last chunk or until the client hangs up), answers. */
    private void answer(SocketChannel c) {
        try (c) {
            Request r = new Request();
            ByteBuffer in = ByteBuffer.allocate(1 << 16);
            while (!r.complete() && c.read(in.clear()) > 0) {
                r.add(in.array(), in.position());
            }
            String request = r.text();
            requests.add(request);
            if (!r.complete()) {
                return; // cut off: there is no one to answer
            }
            String prefix = refusedPrefix;
            if (prefix != null && request.startsWith(prefix)) {
                reply(c, 500, "{\"message\":\"" + refusal + "\"}");
                return;
            }
            reply(c, 200, answerTo(request));
        } catch (IOException e) {
            // the client went away
        }
    }

    /** What Docker answers to each request of a streamed load (only the fields crossroot reads, and a number). */
    private static String answerTo(String request) {
        if (request.startsWith("GET /_ping")) {
            return "OK";
        }
        if (request.startsWith("POST /images/create")) {
            return "{\"status\":\"" + IMAGE + "\"}\n";
        }
        if (request.startsWith("POST /images/load")) {
            return "{\"stream\":\"Loaded image: " + loadedName(request) + "\\n\"}\n";
        }
        if (request.startsWith("GET /images/")) {
            return "{\"Id\":\"" + IMAGE + "\",\"Os\":\"linux\",\"Architecture\":\"riscv64\",\"Size\":3,"
                    + "\"RootFS\":{\"Type\":\"layers\",\"Layers\":[\"" + IMAGE + "\"]}}";
        }
        return "[]"; // DELETE /images/...: what was untagged and deleted
    }

    /** A request as it arrives: complete at the end of its head, or of its chunked body. */
    private static final class Request {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private Boolean chunked; // known once the head is in
        private String tail = "";

        void add(byte[] b, int n) {
            bytes.write(b, 0, n);
            tail = lastChars(tail + new String(b, 0, n, StandardCharsets.ISO_8859_1));
            if (chunked == null) {
                String sofar = text();
                int headEnd = sofar.indexOf("\r\n\r\n");
                if (headEnd >= 0) {
                    chunked = sofar.substring(0, headEnd).contains("chunked");
                    tail = lastChars(sofar.substring(headEnd + 4)); // the body's end, not the head's
                }
            }
        }

        private static String lastChars(String s) {
            return s.substring(Math.max(0, s.length() - LAST_CHUNK.length()));
        }

        boolean complete() {
            return chunked != null && (!chunked || tail.equals(LAST_CHUNK));
        }

        String text() {
            return bytes.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /** The first tag in the load's manifest.json, as Docker names what it loaded. */
    private static String loadedName(String request) {
        int tags = request.indexOf("\"RepoTags\":[\"");
        return tags < 0 ? IMAGE : request.substring(tags + 13, request.indexOf('"', tags + 13));
    }

    private static void reply(SocketChannel c, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + (status == 200 ? " OK" : " Internal Server Error") + "\r\nContent-Type: "
                + "application/json\r\nContent-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n";
        ByteBuffer[] out = {ByteBuffer.wrap(head.getBytes(StandardCharsets.ISO_8859_1)), ByteBuffer.wrap(bytes)};
        while (out[1].hasRemaining()) {
            c.write(out);
        }
    }
}
