package io.crossroot.docker.http;

import io.crossroot.util.FileRegionOutput;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Just enough HTTP/1.1 over a unix socket for the engine API: one request per connection (Connection: close),
 * request bodies (null: none) streamed chunked (files by sendfile), response bodies streamed as they arrive (logs follow, image load progress).
 */
public final class UnixHttpClient {
    private final EngineSocket socket;

    public UnixHttpClient(EngineSocket socket) {
        this.socket = socket;
    }

    public HttpResponse send(String method, String path, String contentType, RequestBody body) throws IOException {
        SocketChannel ch;
        try {
            ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            ch.connect(UnixDomainSocketAddress.of(socket.path()));
        } catch (IOException e) {
            throw socket.unreachable(e);
        }
        try {
            StringBuilder head = new StringBuilder()
                    .append(method)
                    .append(' ')
                    .append(path)
                    .append(" HTTP/1.1\r\n")
                    .append("Host: docker\r\nUser-Agent: crossroot\r\nConnection: close\r\n");
            if (body != null) {
                head.append("Content-Type: ").append(contentType).append("\r\nTransfer-Encoding: chunked\r\n");
            }
            writeFully(ch, ascii(head.append("\r\n").toString()));
            if (body != null) {
                // No last chunk when the body fails: the connection drops mid-body, and the engine discards what
                // it took. A body ended cleanly at an entry boundary would be taken as a whole, shorter archive.
                ChunkedOutputStream chunked = new ChunkedOutputStream(ch);
                body.writeTo(chunked);
                chunked.close();
            }
            return readResponse(new BufferedInputStream(closing(Channels.newInputStream(ch), ch), 1 << 16));
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static void writeFully(SocketChannel ch, ByteBuffer... buffers) throws IOException {
        while (buffers[buffers.length - 1].hasRemaining()) {
            ch.write(buffers);
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
                headers.put(
                        line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).trim());
            }
        }
        InputStream body = "chunked".equalsIgnoreCase(headers.get("transfer-encoding"))
                ? new ChunkedInputStream(in)
                : headers.containsKey("content-length")
                        ? new BoundedInputStream(in, Long.parseLong(headers.get("content-length")))
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

    /**
     * HTTP/1.1 chunked encoding straight onto the socket: small writes are gathered into chunks of up to 256 KiB,
     * and a file goes as one chunk the kernel copies (sendfile). close() writes the last chunk but leaves the
     * connection open.
     */
    private static final class ChunkedOutputStream extends OutputStream implements FileRegionOutput {
        // Below this a file is read into the chunk being gathered: a sendfile and a chunk of its own cost more.
        private static final int SEND_WHOLE_FROM = 64 << 10;
        private static final int FIRST_CHUNK = 4 << 10;
        private final SocketChannel ch;
        // Direct: file bytes are read into it, and it is written to the socket, without a copy through the heap.
        private final ByteBuffer data = ByteBuffer.allocateDirect(1 << 18);
        private int chunkLimit = FIRST_CHUNK;
        private boolean closed;

        ChunkedOutputStream(SocketChannel ch) {
            this.ch = ch;
            // The first chunks are small, each twice the last: the engine starts unpacking (it starts a process
            // for that) while the next ones are gathered, not only once 256 KiB of small files are read.
            data.limit(chunkLimit);
        }

        @Override
        public void write(int b) throws IOException {
            if (!data.hasRemaining()) {
                flush();
            }
            data.put((byte) b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len >= data.capacity()) {
                flush();
                writeFully(ch, size(len), ByteBuffer.wrap(b, off, len), crlf());
                return;
            }
            while (len > 0) {
                if (!data.hasRemaining()) {
                    flush();
                }
                int n = Math.min(len, data.remaining());
                data.put(b, off, n);
                off += n;
                len -= n;
            }
        }

        @Override
        public void writeFile(FileChannel file, long count) throws IOException {
            if (count < SEND_WHOLE_FROM) {
                gather(file, (int) count);
                return;
            }
            flush();
            writeFully(ch, size(count));
            for (long sent = 0; sent < count; ) {
                long n = file.transferTo(sent, count - sent, ch);
                if (n <= 0 && file.size() <= sent) {
                    throw new java.io.EOFException("a file being sent ended after " + sent + " of " + count + " bytes");
                }
                sent += Math.max(n, 0);
            }
            writeFully(ch, crlf());
        }

        private void gather(FileChannel file, int count) throws IOException {
            if (data.remaining() < count) {
                flush();
            }
            int start = data.position();
            data.limit(start + count);
            try {
                while (data.hasRemaining()) {
                    int n = file.read(data, data.position() - start); // the file offset: bytes read so far
                    if (n < 0) {
                        throw new java.io.EOFException("a file being sent ended after " + (count - data.remaining())
                                + " of " + count + " bytes");
                    }
                }
            } finally {
                data.limit(Math.max(chunkLimit, data.position()));
            }
        }

        /** Sends what is gathered as one chunk. */
        @Override
        public void flush() throws IOException {
            if (data.position() > 0) {
                data.flip();
                writeFully(ch, size(data.remaining()), data, crlf());
                chunkLimit = Math.min(chunkLimit * 2, data.capacity());
                data.clear().limit(chunkLimit);
            }
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                flush();
                writeFully(ch, ascii("0\r\n\r\n"));
                closed = true;
            }
        }

        private static ByteBuffer size(long n) {
            return ascii(Long.toHexString(n) + "\r\n");
        }

        private static ByteBuffer crlf() {
            return ascii("\r\n");
        }
    }
}
