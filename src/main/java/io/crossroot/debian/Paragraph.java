package io.crossroot.debian;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One deb822 paragraph: field names are case-insensitive (as dpkg treats them) and keep their order. Values
 * are stored as in the file with the first line stripped; continuation lines follow after '\n' with their
 * leading space removed.
 */
public final class Paragraph {
    private final Map<String, String> fields; // key: lower-case name
    private final Map<String, String> names; // lower-case -> as written
    private final long line;

    private Paragraph(Map<String, String> fields, Map<String, String> names, long line) {
        this.fields = fields;
        this.names = names;
        this.line = line;
    }

    public static Builder builder(long line) {
        return new Builder(line);
    }

    /** The value, or null when the field is absent. */
    public String get(String field) {
        return fields.get(field.toLowerCase(Locale.ROOT));
    }

    public Optional<String> find(String field) {
        return Optional.ofNullable(get(field));
    }

    public String getOrDefault(String field, String fallback) {
        String v = get(field);
        return v == null ? fallback : v;
    }

    public boolean has(String field) {
        return fields.containsKey(field.toLowerCase(Locale.ROOT));
    }

    /** Line of the file where the paragraph starts (1-based). */
    public long line() {
        return line;
    }

    /** Field names as written, in file order, mapped to values. */
    public Map<String, String> asMap() {
        Map<String, String> out = new LinkedHashMap<>();
        fields.forEach((k, v) -> out.put(names.get(k), v));
        return Collections.unmodifiableMap(out);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        fields.forEach((k, v) -> sb.append(names.get(k))
                .append(": ")
                .append(v.replace("\n", "\n "))
                .append('\n'));
        return sb.toString();
    }

    public static final class Builder {
        private final Map<String, String> fields = new LinkedHashMap<>();
        private final Map<String, String> names = new LinkedHashMap<>();
        private final long line;

        private Builder(long line) {
            this.line = line;
        }

        public Builder put(String name, String value) {
            String key = name.toLowerCase(Locale.ROOT);
            fields.put(key, value);
            names.put(key, name);
            return this;
        }

        public Paragraph build() {
            return new Paragraph(fields, names, line);
        }
    }
}
