package io.crossroot.debian;

import io.crossroot.util.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/** Opens files of a mirror given as http://, https:// or file:// URI; knows nothing about Debian's layout. */
final class MirrorClient {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);

    private static final int SMALL_FILE_LIMIT = 64 << 20;

    private final URI base;
    private final HttpClient http;

    MirrorClient(URI mirror) {
        String scheme = mirror.getScheme() == null ? "" : mirror.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("file")) {
            throw new UserError("The mirror URL " + mirror + " is not supported: use an http://, https:// or "
                    + "file:// URL, e.g. --mirror file:///srv/debian/.");
        }
        String s = mirror.toString();
        this.base = URI.create(s.endsWith("/") ? s : s + "/");
        this.http = scheme.equals("file") ? null : HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
    }

    URI base() {
        return base;
    }

    /** The URL of {@code path} (relative, already checked by {@link HashedFile} or built by us). */
    URI resolve(String path) {
        return base.resolve(path);
    }

    /**
     * Opens {@code url} for reading; throws {@link MirrorFileNotFoundError} (with {@code notFoundAdvice}) when the
     * mirror does not have it, {@link MirrorError} for other failures.
     */
    InputStream open(URI url, String notFoundAdvice) {
        if (http == null) {
            try {
                return Files.newInputStream(Path.of(url));
            } catch (NoSuchFileException e) {
                throw new MirrorFileNotFoundError(url.toString(), notFoundAdvice);
            } catch (IOException e) {
                throw new MirrorError(url.toString(), e.toString(), e);
            }
        }
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(RESPONSE_TIMEOUT)
                .header("User-Agent", "crossroot")
                .GET()
                .build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new MirrorError(url.toString(), e.toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MirrorError(url.toString(), "interrupted", e);
        }
        int status = response.statusCode();
        if (status == 200) {
            return response.body();
        }
        closeQuietly(response.body());
        if (status == 404 || status == 410) {
            throw new MirrorFileNotFoundError(url.toString(), notFoundAdvice);
        }
        throw new MirrorError(url.toString(), "the server answered HTTP " + status, null);
    }

    /** Reads a whole small file (Release, signatures), refusing absurd sizes. */
    byte[] readSmall(URI url, String notFoundAdvice) {
        try (InputStream in = open(url, notFoundAdvice)) {
            byte[] bytes = in.readNBytes(SMALL_FILE_LIMIT + 1);
            if (bytes.length > SMALL_FILE_LIMIT) {
                throw new MirrorError(url.toString(), "it is larger than " + SMALL_FILE_LIMIT + " bytes, which no "
                        + "Release file is", null);
            }
            return bytes;
        } catch (IOException e) {
            throw new MirrorError(url.toString(), e.toString(), e);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the status already tells what went wrong
        }
    }
}
