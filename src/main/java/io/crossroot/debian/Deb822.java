package io.crossroot.debian;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/**
 * Streaming reader for Debian's control-file format (deb822): paragraphs of "Field: value" lines separated by
 * blank lines, with continuation lines starting with a space or tab. Used for Release, Packages, Sources and
 * control files alike. Comment lines ('#') are skipped as dpkg does in control files.
 */
public final class Deb822 implements Iterable<Paragraph> {
    private final BufferedReader reader;
    private final String source;
    private boolean consumed;

    private Deb822(Reader reader, String source) {
        this.reader = reader instanceof BufferedReader b ? b : new BufferedReader(reader, 1 << 16);
        this.source = source;
    }

    /** A reader over a stream (UTF-8); {@code source} names it in error messages. */
    public static Deb822 of(InputStream in, String source) {
        return new Deb822(new InputStreamReader(in, StandardCharsets.UTF_8), source);
    }

    public static Deb822 of(String text, String source) {
        return new Deb822(new StringReader(text), source);
    }

    /** Parses all paragraphs of a small text. */
    public static List<Paragraph> parseAll(String text, String source) {
        List<Paragraph> out = new ArrayList<>();
        of(text, source).forEach(out::add);
        return out;
    }

    /** Parses exactly one paragraph (e.g. a control file); fails when there is none. */
    public static Paragraph parseOne(String text, String source) {
        List<Paragraph> all = parseAll(text, source);
        if (all.isEmpty()) {
            throw new Deb822Error(source + " has no fields: it is empty or not a Debian control file.");
        }
        return all.get(0);
    }

    /** Calls {@code consumer} for each paragraph, without holding the whole file in memory. */
    public void forEachParagraph(Consumer<Paragraph> consumer) {
        for (Paragraph p : this) {
            consumer.accept(p);
        }
    }

    @Override
    public Iterator<Paragraph> iterator() {
        if (consumed) {
            throw new IllegalStateException("a Deb822 reader can be iterated once");
        }
        consumed = true;
        return new Iterator<>() {
            private Paragraph next = read();

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Paragraph next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                Paragraph p = next;
                next = read();
                return p;
            }
        };
    }

    private long lineNo;

    private Paragraph read() {
        try {
            Paragraph.Builder b = null;
            String field = null;
            StringBuilder value = null;
            String line;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    if (b != null) {
                        break;
                    }
                    continue;
                }
                char c = line.charAt(0);
                if (c == '#') {
                    continue;
                }
                if (c == ' ' || c == '\t') {
                    if (field == null) {
                        throw new Deb822Error(
                                source + " line " + lineNo
                                        + ": a continuation line comes before any field. The file is not in Debian control format.");
                    }
                    value.append('\n').append(line, 1, line.length());
                    continue;
                }
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw new Deb822Error(source + " line " + lineNo + ": expected 'Field: value' but found '"
                            + abbreviate(line) + "'. The file is not in Debian control format or is damaged.");
                }
                if (b == null) {
                    b = Paragraph.builder(lineNo);
                }
                if (field != null) {
                    b.put(field, value.toString());
                }
                field = line.substring(0, colon);
                value = new StringBuilder(line.substring(colon + 1).strip());
            }
            if (b == null) {
                return null;
            }
            b.put(field, value.toString());
            return b.build();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + source, e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
