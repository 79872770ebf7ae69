package io.crossroot.docker.http;

import java.io.IOException;
import java.io.OutputStream;

/** Writes a request body as it is sent, so a large image archive is never held in memory. */
@FunctionalInterface
public interface RequestBody {
    void writeTo(OutputStream out) throws IOException;
}
