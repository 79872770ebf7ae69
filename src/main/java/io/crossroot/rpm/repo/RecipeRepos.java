package io.crossroot.rpm.repo;

import com.fasterxml.jackson.databind.JsonNode;
import io.crossroot.util.UserError;
import java.util.ArrayList;
import java.util.List;

/**
 * What a recipe says about where its packages come from: a Debian suite (and variant), or rpm-md repositories
 * ({@code repoType: rpm-md}, {@code repos}, {@code releasever}, {@code gpgkeys}, {@code keyFingerprints},
 * {@code weakDeps}). The keys of one kind mean nothing for the other, so mixing them is refused before any build.
 */
public final class RecipeRepos {
    public static final String DEB = "deb";
    public static final String RPM_MD = "rpm-md";
    private static final List<String> RPM_KEYS =
            List.of("repos", "releasever", "gpgkeys", "keyFingerprints", "weakDeps");
    private static final List<String> DEB_KEYS = List.of("suite", "variant");

    private RecipeRepos() {}

    public static boolean isRpmMd(String repoType) {
        return RPM_MD.equals(repoType);
    }

    /** Checks a repoType value (for the recipe schema). */
    public static void repoType(String value) {
        if (!DEB.equals(value) && !RPM_MD.equals(value)) {
            throw new IllegalArgumentException("'" + value + "' is not a repository type (use deb or rpm-md)");
        }
    }

    /** Checks a pinned fingerprint (for the recipe schema): 40 or 64 hex digits, spaces allowed. */
    public static void fingerprint(String value) {
        String hex = RepoKeys.normalise(value);
        if (!hex.matches("[0-9A-F]{40}|[0-9A-F]{64}")) {
            throw new IllegalArgumentException("'" + value + "' is not an OpenPGP fingerprint (40 or 64 hex digits)");
        }
    }

    /**
     * Refuses a checked recipe tree whose keys do not fit its repository type, and rpm-md repositories without a
     * key or whose URL templates do not substitute; {@code debianKeysRequired}: a Debian recipe must name its suite
     * and variant.
     */
    public static void check(JsonNode tree, String source, boolean debianKeysRequired) {
        boolean rpm = tree.has("repoType") && isRpmMd(tree.get("repoType").asText());
        List<String> wrong = new ArrayList<>();
        (rpm ? DEB_KEYS : RPM_KEYS).stream().filter(tree::has).forEach(wrong::add);
        if (!wrong.isEmpty()) {
            throw new UserError(source + ": " + String.join(", ", wrong) + (wrong.size() == 1 ? " has" : " have")
                    + " no meaning for " + (rpm ? "an rpm-md recipe (repoType: rpm-md)" : "a Debian recipe") + ": "
                    + (rpm
                            ? "drop it; an rpm-md recipe names its release with 'releasever' and its packages with "
                                    + "'repos' and its package list."
                            : "drop it, or add 'repoType: rpm-md' if the recipe is for rpm-md repositories."));
        }
        if (!rpm) {
            for (String key : debianKeysRequired ? DEB_KEYS : List.<String>of()) {
                if (!tree.has(key)) {
                    throw new UserError(source + ": a Debian recipe needs '" + key + ":' (e.g. suite: trixie, "
                            + "variant: minbase).");
                }
            }
            return;
        }
        RpmRepoSet repos = new RpmRepoSet(
                texts(tree.get("repos")), text(tree.get("releasever")), texts(tree.get("gpgkeys")), List.of());
        if (repos.baseUrls().isEmpty() || repos.gpgKeys().isEmpty()) {
            throw new UserError(source + ": an rpm-md recipe needs 'repos:' (base URLs, $basearch and $releasever "
                    + "allowed) and 'gpgkeys:' (the distribution's key files or URLs): crossroot installs only "
                    + "signed packages.");
        }
        try {
            repos.urls("x86_64");
            repos.gpgKeys().forEach(k -> RpmRepoSet.substitute(k, repos.variables("x86_64"), "key"));
        } catch (RepoConfigError e) {
            throw new UserError(source + ": " + e.getMessage(), e);
        }
    }

    private static List<String> texts(JsonNode list) {
        List<String> out = new ArrayList<>();
        if (list != null) {
            list.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    private static String text(JsonNode node) {
        return node == null ? null : node.asText();
    }
}
