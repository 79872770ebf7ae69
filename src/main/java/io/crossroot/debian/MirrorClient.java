package io.crossroot.debian;

import io.crossroot.util.UserError;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads files of a mirror given as http://, https:// or file:// URI; knows nothing about Debian's layout. Every
 * HTTP read has a connect and a per-read timeout (a mirror that stalls mid-body fails instead of hanging), and a
 * failed transfer is tried again with backoff as its {@link DownloadPolicy} says.
 */
public final class MirrorClient {
    private static final int SMALL_FILE_LIMIT = 64 << 20;
    private static final int MAX_REDIRECTS = 10;

    private final URI base;
    private final boolean local;
    private final DownloadPolicy policy;

    /** Consumes one response body; its own IOExceptions (e.g. writing the cache) are not retried. */
    public interface BodyReader<T> {
        T read(InputStream body) throws IOException;
    }

    public MirrorClient(URI mirror, DownloadPolicy policy) {
        String scheme = mirror.getScheme() == null ? "" : mirror.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("file")) {
            throw new UserError("The mirror URL " + mirror + " is not supported: use an http://, https:// or "
                    + "file:// URL, e.g. --mirror file:///srv/debian/.");
        }
        String s = mirror.toString();
        this.base = URI.create(s.endsWith("/") ? s : s + "/");
        this.local = scheme.equals("file");
        this.policy = policy;
    }

    public URI base() {
        return base;
    }

    /** The URL of {@code path} (relative, already checked by {@link HashedFile} or built by us). */
    public URI resolve(String path) {
        return base.resolve(path);
    }

    /**
     * Gives the body of {@code url} to {@code reader} and returns its result. A failed transfer is tried again
     * (the reader starts over on a fresh body), then reported as {@link MirrorError}; a missing file is
     * {@link MirrorFileNotFoundError} with {@code notFoundAdvice}. The reader's own IOExceptions pass through.
     */
    public <T> T read(URI url, String notFoundAdvice, BodyReader<T> reader) throws IOException {
        if (local) {
            try (InputStream in = openFile(url, notFoundAdvice)) {
                return reader.read(in);
            } catch (TransferFailure e) {
                throw new MirrorError(url.toString(), e.getMessage(), e);
            }
        }
        TransferFailure last = null;
        for (int attempt = 1; attempt <= policy.attempts(); attempt++) {
            if (attempt > 1) {
                pause(url, policy.backoffBefore(attempt));
            }
            try (InputStream in = openHttp(url, notFoundAdvice)) {
                return reader.read(in);
            } catch (TransferFailure e) {
                last = e;
            }
        }
        throw new MirrorError(
                url.toString(),
                last.getMessage() + (policy.attempts() > 1 ? " (tried " + policy.attempts() + " times)" : ""),
                last);
    }

    /** Reads a whole small file (Release, signatures), refusing absurd sizes. */
    public byte[] readSmall(URI url, String notFoundAdvice) {
        try {
            return read(url, notFoundAdvice, in -> {
                byte[] bytes = in.readNBytes(SMALL_FILE_LIMIT + 1);
                if (bytes.length > SMALL_FILE_LIMIT) {
                    throw new MirrorError(
                            url.toString(),
                            "it is larger than " + SMALL_FILE_LIMIT + " bytes, which " + "no Release file is",
                            null);
                }
                return bytes;
            });
        } catch (IOException e) {
            throw new MirrorError(url.toString(), e.toString(), e); // not reached: the reader only reads
        }
    }

    private InputStream openFile(URI url, String notFoundAdvice) {
        try {
            return new TransferStream(Files.newInputStream(Path.of(url)), -1, null);
        } catch (NoSuchFileException e) {
            throw new MirrorFileNotFoundError(url.toString(), notFoundAdvice);
        } catch (IOException e) {
            throw new MirrorError(url.toString(), e.toString(), e);
        }
    }

    /** A 200 response's body, following redirects; throws TransferFailure for what another attempt may cure. */
    private InputStream openHttp(URI url, String notFoundAdvice) throws TransferFailure {
        List<URI> visited = new ArrayList<>();
        URI current = url;
        while (true) {
            visited.add(current);
            HttpURLConnection c = connect(url, current);
            int status;
            try {
                status = c.getResponseCode();
            } catch (IOException e) {
                c.disconnect();
                throw failure(e, 0, -1);
            }
            if (status == 200) {
                try {
                    return new TransferStream(c.getInputStream(), c.getContentLengthLong(), c);
                } catch (IOException e) {
                    c.disconnect();
                    throw failure(e, 0, -1);
                }
            }
            String location = c.getHeaderField("Location");
            c.disconnect();
            if (status == 404 || status == 410) {
                throw new MirrorFileNotFoundError(url.toString(), notFoundAdvice);
            }
            if (status >= 500 || status == 408 || status == 429) {
                throw new TransferFailure("the server answered HTTP " + status);
            }
            if (status < 300 || status >= 400 || status == 304 || status == 305) {
                throw new MirrorError(url.toString(), "the server answered HTTP " + status, null);
            }
            current = redirectTarget(url, current, location, visited);
        }
    }

    private static URI redirectTarget(URI url, URI current, String location, List<URI> visited) {
        if (location == null) {
            throw new MirrorError(url.toString(), "the server answered a redirect without a Location", null);
        }
        URI next;
        try {
            next = current.resolve(location.trim());
        } catch (IllegalArgumentException e) {
            throw new MirrorError(url.toString(), "the server redirects to a malformed URL " + location, null);
        }
        String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new MirrorError(
                    url.toString(), "the server redirects to " + next + ", which is not http or " + "https", null);
        }
        if (visited.contains(next)) {
            throw new MirrorError(
                    url.toString(),
                    "the server redirects in a loop ("
                            + visited.stream().map(URI::toString).collect(Collectors.joining(" -> ")) + " -> " + next
                            + "); the mirror is misconfigured",
                    null);
        }
        if (visited.size() > MAX_REDIRECTS) {
            throw new MirrorError(
                    url.toString(),
                    "the server redirected more than " + MAX_REDIRECTS + " times " + "(last to " + next + ")",
                    null);
        }
        return next;
    }

    private HttpURLConnection connect(URI url, URI current) throws TransferFailure {
        HttpURLConnection c;
        try {
            c = (HttpURLConnection) current.toURL().openConnection();
        } catch (IOException | IllegalArgumentException e) {
            throw new MirrorError(url.toString(), "cannot open " + current + ": " + e.getMessage(), e);
        }
        c.setConnectTimeout(Math.toIntExact(policy.connectTimeout().toMillis()));
        c.setReadTimeout(Math.toIntExact(policy.readTimeout().toMillis()));
        c.setInstanceFollowRedirects(false); // followed here, to name a loop and keep https -> http visible
        c.setUseCaches(false);
        c.setRequestProperty("User-Agent", "crossroot");
        return c;
    }

    private TransferFailure failure(IOException e, long received, long expected) {
        String at = received == 0 ? "" : " after " + received + (expected >= 0 ? " of " + expected : "") + " bytes";
        if (e instanceof SocketTimeoutException) {
            boolean connecting =
                    String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("connect");
            return new TransferFailure(
                    connecting
                            ? "no connection within " + seconds(policy.connectTimeout())
                            : "the transfer stalled: no data for " + seconds(policy.readTimeout()) + at);
        }
        String reason = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        return new TransferFailure(
                (received == 0 ? "the connection failed" : "the connection broke off" + at) + " (" + reason + ")");
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }

    private static void pause(URI url, Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MirrorError(url.toString(), "interrupted", e);
        }
    }

    /** A transfer that another attempt may complete: a stall, a reset, a truncated body, a server error. */
    private static final class TransferFailure extends IOException {
        TransferFailure(String message) {
            super(message);
        }
    }

    /**
     * A response body that reports its failures as {@link TransferFailure}, knows a body shorter than its
     * Content-Length for truncated, and drops the connection (rather than reusing it) unless read to its end.
     */
    private final class TransferStream extends FilterInputStream {
        private final long contentLength;
        private final HttpURLConnection connection;
        private long received;
        private boolean complete;

        TransferStream(InputStream in, long contentLength, HttpURLConnection connection) {
            super(in);
            this.contentLength = contentLength;
            this.connection = connection;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = in.read(b, off, len);
            } catch (IOException e) {
                throw failure(e, received, contentLength);
            }
            if (n < 0) {
                if (contentLength >= 0 && received < contentLength) {
                    throw new TransferFailure(
                            "the connection broke off after " + received + " of " + contentLength + " bytes");
                }
                complete = true;
            } else {
                received += n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            if (connection != null && !complete) {
                connection.disconnect();
            } else {
                in.close();
            }
        }
    }
}
