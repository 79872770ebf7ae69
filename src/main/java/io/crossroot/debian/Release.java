package io.crossroot.debian;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed Release file: the suite's identity, validity window and the SHA256 list of its indexes. Only SHA256
 * is used; MD5Sum and SHA1 are too weak to protect anything.
 */
public final class Release {
    /** How far the Release Date may lie ahead of our clock before we call the clock or the file wrong. */
    static final Duration MAX_FUTURE = Duration.ofHours(1);

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss", Locale.ROOT);

    private final Paragraph fields;
    private final String source;
    private final Instant date;
    private final Optional<Instant> validUntil;
    private final Map<String, HashedFile> sha256;

    private Release(Paragraph fields, String source) {
        this.fields = fields;
        this.source = source;
        this.date = parseDate(required(fields, "Date", source), "Date", source);
        this.validUntil = fields.find("Valid-Until").map(v -> parseDate(v, "Valid-Until", source));
        this.sha256 = parseSha256(fields.getOrDefault("SHA256", ""), source);
    }

    /** Parses Release text; {@code source} (URL or path) names it in errors. */
    public static Release parse(String text, String source) {
        return new Release(Deb822.parseOne(text, source), source);
    }

    public String source() {
        return source;
    }

    public Optional<String> origin() {
        return fields.find("Origin");
    }

    public Optional<String> label() {
        return fields.find("Label");
    }

    public Optional<String> suite() {
        return fields.find("Suite");
    }

    public Optional<String> codename() {
        return fields.find("Codename");
    }

    public Optional<String> version() {
        return fields.find("Version");
    }

    public Instant date() {
        return date;
    }

    public Optional<Instant> validUntil() {
        return validUntil;
    }

    public List<String> architectures() {
        return words(fields.getOrDefault("Architectures", ""));
    }

    public List<String> components() {
        return words(fields.getOrDefault("Components", ""));
    }

    /** True when files may be fetched by hash (dists/S/C/binary-A/by-hash/SHA256/HEX), immune to sync races. */
    public boolean acquireByHash() {
        return fields.getOrDefault("Acquire-By-Hash", "no").equalsIgnoreCase("yes");
    }

    /** The SHA256 list: path below dists/SUITE/ to its size and hash, in file order. */
    public Map<String, HashedFile> files() {
        return sha256;
    }

    public Optional<HashedFile> file(String path) {
        return Optional.ofNullable(sha256.get(path));
    }

    /** All fields as in the file. */
    public Paragraph fields() {
        return fields;
    }

    /** True when {@code name} is this Release's suite or codename (apt refuses a Release for another suite). */
    public boolean isFor(String name) {
        return suite().filter(name::equals).isPresent()
                || codename().filter(name::equals).isPresent();
    }

    /**
     * Fails when the Release has expired (Valid-Until is past) or is dated in the future, which means a replayed
     * old file or a wrong clock. A snapshot (an archive frozen in time) legitimately expires, so {@code snapshot}
     * skips both checks.
     */
    public void checkValid(Clock clock, boolean snapshot) {
        if (snapshot) {
            return;
        }
        Instant now = clock.instant();
        if (validUntil.isPresent() && now.isAfter(validUntil.get())) {
            throw ReleaseValidityError.expired(source, validUntil.get(), now);
        }
        if (date.isAfter(now.plus(MAX_FUTURE))) {
            throw ReleaseValidityError.future(source, date, now);
        }
    }

    private static String required(Paragraph p, String field, String source) {
        return p.find(field)
                .orElseThrow(() ->
                        new Deb822Error(source + " has no " + field + " field, so it is not a Debian Release file."));
    }

    /** RFC 2822 dates as dak writes them ("Sat, 21 Nov 2026 09:15:44 UTC"), also with "+0000" style zones. */
    static Instant parseDate(String value, String field, String source) {
        String v = value.strip();
        int lastSpace = v.lastIndexOf(' ');
        try {
            if (lastSpace < 0) {
                throw new DateTimeException("no time zone");
            }
            String zone = v.substring(lastSpace + 1);
            ZoneOffset offset = switch (zone) {
                case "UTC", "GMT", "Z", "UT" -> ZoneOffset.UTC;
                default -> ZoneOffset.of(zone.length() == 5 ? zone.substring(0, 3) + ":" + zone.substring(3) : zone);
            };
            return LocalDateTime.parse(v.substring(0, lastSpace), DATE).toInstant(offset);
        } catch (DateTimeException e) {
            throw new Deb822Error(source + ": the " + field + " field '" + value
                    + "' is not a date like 'Sat, 21 Nov 2026 09:15:44 UTC'. The Release file is damaged.");
        }
    }

    private static Map<String, HashedFile> parseSha256(String value, String source) {
        Map<String, HashedFile> out = new LinkedHashMap<>();
        for (String line : value.split("\n")) {
            String[] parts = line.strip().split("\\s+");
            if (parts.length == 1 && parts[0].isEmpty()) {
                continue;
            }
            try {
                if (parts.length != 3) {
                    throw new IllegalArgumentException("expected 'sha256 size path'");
                }
                out.put(parts[2], new HashedFile(parts[2], Long.parseLong(parts[1]), parts[0]));
            } catch (IllegalArgumentException e) {
                throw new Deb822Error(source + ": bad SHA256 line '" + line.strip() + "' (" + e.getMessage()
                        + "). The Release file is damaged.");
            }
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    private static List<String> words(String value) {
        return Arrays.stream(value.strip().split("\\s+"))
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
