package io.crossroot.docker;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Just enough HTTP/1.1 over a unix socket for the engine API: one request per connection (Connection: close),
 * request bodies (null: none) streamed chunked, response bodies streamed as they arrive (logs follow, image load progress).
 */
final class UnixHttpClient {
    private final EngineSocket socket;

    UnixHttpClient(EngineSocket socket) {
        this.socket = socket;
    }

    HttpResponse send(String method, String path, String contentType, RequestBody body) throws IOException {
        SocketChannel ch;
        try {
            ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            ch.connect(UnixDomainSocketAddress.of(socket.path()));
        } catch (IOException e) {
            throw socket.unreachable(e);
        }
        try {
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
            StringBuilder head = new StringBuilder()
                    .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                    .append("Host: docker\r\nUser-Agent: crossroot\r\nConnection: close\r\n");
            if (body != null) {
                head.append("Content-Type: ").append(contentType).append("\r\nTransfer-Encoding: chunked\r\n");
            }
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                try (ChunkedOutputStream chunked = new ChunkedOutputStream(out)) {
                    body.writeTo(chunked);
                }
            }
            out.flush();
            return readResponse(new BufferedInputStream(closing(Channels.newInputStream(ch), ch), 1 << 16));
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static HttpResponse readResponse(InputStream in) throws IOException {
        String status = HttpLines.readLine(in);
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("the engine answered with something other than HTTP: " + status);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line; !(line = HttpLines.readLine(in)).isEmpty(); ) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        InputStream body = "chunked".equalsIgnoreCase(headers.get("transfer-encoding")) ? new ChunkedInputStream(in)
                : headers.containsKey("content-length") ? new BoundedInputStream(in, Long.parseLong(headers.get("content-length")))
                : in;
        return new HttpResponse(Integer.parseInt(parts[1]), headers, body);
    }

    private static InputStream closing(InputStream in, SocketChannel ch) {
        return new FilterInputStream(in) {
            @Override
            public void close() throws IOException {
                ch.close();
            }
        };
    }

    /** HTTP/1.1 chunked encoding; close() writes the last chunk but leaves the connection open. */
    private static final class ChunkedOutputStream extends OutputStream {
        private final OutputStream out;

        ChunkedOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > 0) {
                out.write((Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(b, off, len);
                out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
        }

        @Override
        public void close() throws IOException {
            out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
    }
}
