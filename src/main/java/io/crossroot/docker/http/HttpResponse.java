package io.crossroot.docker.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A response from the engine: status, lower-cased headers, and the body (already de-chunked). */
public record HttpResponse(int status, Map<String, String> headers, InputStream body) implements AutoCloseable {
    public boolean ok() {
        return status / 100 == 2;
    }

    public String bodyText() throws IOException {
        return new String(body.readAllBytes(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
