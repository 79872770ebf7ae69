package io.crossroot.util;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one plain JSON mapper (thread-safe once built), made on first use: commands that read or write no JSON, and
 * the first moments of those that do, skip Jackson's start-up of some tens of milliseconds.
 */
public final class Json {
    private Json() {}

    private static final class Holder {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    public static ObjectMapper mapper() {
        return Holder.MAPPER;
    }
}
