package io.crossroot.debian;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Debian mirror served over HTTP on 127.0.0.1 from real files, with faults injected per path: the way real
 * mirrors fail (a sync in progress, a dropped connection, a stall, a misconfigured redirect).
 */
public final class LoopbackMirror implements AutoCloseable {
    private static final String PREFIX = "/debian/";
    private static final String REDIRECTED = "redirected/";

    public enum Fault {
        /** HTTP 404. */
        NOT_FOUND,
        /** The full length announced, one byte in the middle flipped. */
        CORRUPT,
        /** The full length announced, half the body sent, then the connection closed. */
        TRUNCATE,
        /** The full length announced, half the body sent, then nothing until the mirror is closed. */
        STALL,
        /** HTTP 503. */
        SERVER_ERROR,
        /** A redirect to another URL that redirects back. */
        REDIRECT_LOOP
    }

    private record Injected(Fault fault, AtomicInteger remaining) {}

    private final HttpServer server;
    private final ExecutorService handlers;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, Injected> faults = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    public LoopbackMirror() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        handlers = Executors.newCachedThreadPool(
                Thread.ofPlatform().daemon().name("loopback-mirror-", 0).factory());
        server.setExecutor(handlers);
        server.createContext(PREFIX, this::handle);
        server.start();
    }

    /** The mirror root, e.g. http://127.0.0.1:PORT/debian/. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PREFIX);
    }

    public URI url(String path) {
        return uri().resolve(path);
    }

    public LoopbackMirror put(String path, byte[] bytes) {
        files.put(path, bytes);
        return this;
    }

    /** The next {@code times} requests of {@code path} fail with {@code fault}; later ones are served. */
    public LoopbackMirror fail(String path, Fault fault, int times) {
        faults.put(path, new Injected(fault, new AtomicInteger(times)));
        return this;
    }

    /** Every request of {@code path} fails with {@code fault}. */
    public LoopbackMirror fail(String path, Fault fault) {
        return fail(path, fault, Integer.MAX_VALUE);
    }

    /** How many times {@code path} was asked for. */
    public int requests(String path) {
        AtomicInteger n = requests.get(path);
        return n == null ? 0 : n.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            if (path.startsWith(REDIRECTED)) {
                redirect(exchange, path.substring(REDIRECTED.length()));
                return;
            }
            requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            Injected injected = faults.get(path);
            Fault fault = injected != null && injected.remaining().getAndDecrement() > 0 ? injected.fault() : null;
            byte[] body = files.get(path);
            if (fault == Fault.NOT_FOUND || body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else if (fault == Fault.SERVER_ERROR) {
                exchange.sendResponseHeaders(503, -1);
            } else if (fault == Fault.REDIRECT_LOOP) {
                redirect(exchange, REDIRECTED + path);
            } else if (fault == Fault.CORRUPT) {
                byte[] bad = body.clone();
                bad[bad.length / 2] ^= 1;
                send(exchange, bad);
            } else if (fault == Fault.TRUNCATE || fault == Fault.STALL) {
                exchange.sendResponseHeaders(200, body.length);
                OutputStream out = exchange.getResponseBody();
                out.write(body, 0, body.length / 2);
                out.flush();
                if (fault == Fault.STALL) {
                    closing.await();
                } // closing the exchange with bytes missing drops the connection mid-body
            } else {
                send(exchange, body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // a cut-short body ("insufficient bytes written") or a client that went away: what the faults want
        }
    }

    private void redirect(HttpExchange exchange, String to) throws IOException {
        exchange.getResponseHeaders().set("Location", PREFIX + to);
        exchange.sendResponseHeaders(302, -1);
    }

    private static void send(HttpExchange exchange, byte[] body) throws IOException {
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }
}
