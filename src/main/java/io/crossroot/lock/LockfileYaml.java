package io.crossroot.lock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.crossroot.debian.PackageNames;
import io.crossroot.debian.resolve.Variant;
import io.crossroot.util.InputProblems;
import io.crossroot.util.StrictYaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The lockfile's YAML: written in one fixed key order with sorted lists, read with {@link StrictYaml} so that every
 * unknown key, missing field and bad value (a pool path leaving the pool, a name dpkg refuses) is reported with its
 * line before anything is fetched.
 */
final class LockfileYaml {
    private static final String HEADER = "# crossroot lockfile: the exact packages a --locked build installs. "
            + "Written by 'crossroot lock' and --update-lock.\n";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private LockfileYaml() {}

    static String write(Lockfile lock) {
        ObjectNode root = NODES.objectNode();
        root.put("version", lock.version());
        ObjectNode request = root.putObject("request");
        request.put("suite", lock.request().suite());
        lock.request().archs().forEach(request.putArray("archs")::add);
        request.put("variant", lock.request().variant());
        lock.request().include().forEach(request.putArray("include")::add);
        ArrayNode repositories = root.putArray("repositories");
        for (LockedRepository r : lock.repositories()) {
            ObjectNode repo = repositories.addObject();
            repo.put("type", r.type());
            repo.put("mirror", r.mirror().toString());
            repo.put("suite", r.suite());
            ObjectNode release = repo.putObject("release");
            release.put("file", r.releaseFile());
            release.put("date", r.releaseDate().toString());
            release.put("sha256", r.releaseSha256());
            ArrayNode sets = repo.putArray("sets");
            for (LockedSet s : r.sets()) {
                ObjectNode set = sets.addObject();
                set.put("role", s.role().key());
                set.put("arch", s.arch());
                ArrayNode packages = set.putArray("packages");
                for (LockedPackage p : s.packages()) {
                    ObjectNode pkg = packages.addObject();
                    pkg.put("name", p.name());
                    pkg.put("version", p.version());
                    pkg.put("architecture", p.architecture());
                    pkg.put("filename", p.filename());
                    pkg.put("size", p.size());
                    pkg.put("sha256", p.sha256());
                }
            }
        }
        try {
            return HEADER
                    + new ObjectMapper(YAMLFactory.builder()
                                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                                    .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                                    .build())
                            .writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Lockfile parse(String text, String source) {
        InputProblems problems = new InputProblems(source);
        JsonNode tree = StrictYaml.read(text, SCHEMA, problems);
        if (tree != null) {
            checkUniqueSets(tree, problems);
        }
        problems.throwIfAny("A lockfile is written by 'crossroot lock' (or --update-lock); write it anew rather than "
                + "editing it by hand.");
        JsonNode req = tree.get("request");
        LockRequest request = new LockRequest(
                req.get("suite").asText(),
                texts(req.get("archs")),
                req.get("variant").asText(),
                texts(req.get("include")));
        List<LockedRepository> repositories = new ArrayList<>();
        for (JsonNode r : tree.get("repositories")) {
            List<LockedSet> sets = new ArrayList<>();
            for (JsonNode s : r.get("sets")) {
                List<LockedPackage> packages = new ArrayList<>();
                for (JsonNode p : s.get("packages")) {
                    packages.add(new LockedPackage(
                            p.get("name").asText(),
                            p.get("version").asText(),
                            p.get("architecture").asText(),
                            p.get("filename").asText(),
                            p.get("size").asLong(),
                            p.get("sha256").asText()));
                }
                sets.add(new LockedSet(
                        LockedSet.Role.ofKey(s.get("role").asText()),
                        s.get("arch").asText(),
                        packages));
            }
            JsonNode release = r.get("release");
            repositories.add(new LockedRepository(
                    r.get("type").asText(),
                    URI.create(r.get("mirror").asText()),
                    r.get("suite").asText(),
                    release.get("file").asText(),
                    Instant.parse(release.get("date").asText()),
                    release.get("sha256").asText(),
                    sets));
        }
        return new Lockfile(tree.get("version").asInt(), request, repositories);
    }

    /** Two sets for one use and architecture would leave which one is installed to chance. */
    private static void checkUniqueSets(JsonNode tree, InputProblems problems) {
        Set<String> seen = new HashSet<>();
        for (JsonNode r : tree.get("repositories")) {
            for (JsonNode s : r.get("sets")) {
                String key = s.get("role").asText() + " " + s.get("arch").asText();
                if (!seen.add(key)) {
                    problems.add(0, "the set " + key + " appears twice; keep one");
                }
            }
        }
    }

    private static List<String> texts(JsonNode list) {
        List<String> out = new ArrayList<>();
        if (list != null) {
            list.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    /** An http, https or file URL of a mirror root, as --mirror takes it: nothing else may be fetched from. */
    static void mirrorUrl(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + value + "' is not a URL (" + e.getReason() + ")");
        }
        if (!List.of("http", "https", "file").contains(String.valueOf(uri.getScheme()))
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null
                || uri.getRawUserInfo() != null
                || uri.getRawPath() == null
                || !uri.getRawPath().endsWith("/")) {
            throw new IllegalArgumentException("'" + value + "' is not a mirror URL (http, https or file, ending in "
                    + "'/', without user, query or fragment)");
        }
    }

    private static void sha256(String value) {
        if (!SHA256.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a SHA256 (64 lower-case hex digits)");
        }
    }

    private static final StrictYaml.Type PACKAGE = StrictYaml.object()
            .required("name", StrictYaml.text(n -> PackageNames.name(n, "The lockfile")))
            .required("version", StrictYaml.text(v -> PackageNames.version(v, "The lockfile")))
            .required("architecture", StrictYaml.text(a -> PackageNames.architecture(a, "The lockfile")))
            .required("filename", StrictYaml.text(LockedPackage::poolPath))
            .required("size", StrictYaml.integer(0, Long.MAX_VALUE))
            .required("sha256", StrictYaml.text(LockfileYaml::sha256));

    private static final StrictYaml.Type SET = StrictYaml.object()
            .required("role", StrictYaml.text(LockedSet.Role::ofKey))
            .required("arch", StrictYaml.text(a -> PackageNames.architecture(a, "The lockfile")))
            .required("packages", StrictYaml.list(PACKAGE));

    private static final StrictYaml.Type SCHEMA = StrictYaml.object()
            .required("version", StrictYaml.integer(Lockfile.VERSION, Lockfile.VERSION))
            .required(
                    "request",
                    StrictYaml.object()
                            .required("suite", StrictYaml.text(s -> PackageNames.suite(s, "The lockfile")))
                            .required(
                                    "archs",
                                    StrictYaml.list(StrictYaml.text(a -> PackageNames.architecture(a, "The lockfile"))))
                            .required("variant", StrictYaml.text(Variant::fromName))
                            .optional(
                                    "include",
                                    StrictYaml.list(StrictYaml.text(n -> PackageNames.name(n, "The lockfile")))))
            .required(
                    "repositories",
                    StrictYaml.list(StrictYaml.object()
                            .required("type", StrictYaml.text(LockfileYaml::type))
                            .required("mirror", StrictYaml.text(LockfileYaml::mirrorUrl))
                            .required("suite", StrictYaml.text(s -> PackageNames.suite(s, "The lockfile")))
                            .required(
                                    "release",
                                    StrictYaml.object()
                                            .required("file", StrictYaml.text(LockfileYaml::releaseFile))
                                            .required("date", StrictYaml.text(LockfileYaml::instant))
                                            .required("sha256", StrictYaml.text(LockfileYaml::sha256)))
                            .required("sets", StrictYaml.list(SET))));

    private static void type(String value) {
        if (!value.equals(LockedRepository.DEB)) {
            throw new IllegalArgumentException("'" + value + "' is not a repository type this crossroot reads (deb)");
        }
    }

    private static void instant(String value) {
        try {
            Instant.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("'" + value + "' is not a UTC time such as 2025-08-09T10:11:12Z", e);
        }
    }

    private static void releaseFile(String value) {
        if (!value.equals("InRelease") && !value.equals("Release")) {
            throw new IllegalArgumentException("'" + value + "' is not InRelease or Release");
        }
    }
}
