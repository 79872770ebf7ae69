package io.crossroot.rpm.repo;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rpm-md repositories of a recipe: base URL templates (dnf's $basearch and $releasever), the keys that sign
 * them (paths or URLs, templates too) and, where the distribution's own material confirmed them, the keys'
 * fingerprints. Packages are always checked against the keys; a repomd.xml.asc, when published, as well.
 */
public record RpmRepoSet(List<String> baseUrls, String releasever, List<String> gpgKeys, List<String> fingerprints) {
    private static final Pattern VARIABLE = Pattern.compile("\\$(?:\\{([A-Za-z0-9_]+)}|([A-Za-z0-9_]+))");

    public RpmRepoSet {
        baseUrls = List.copyOf(baseUrls);
        gpgKeys = List.copyOf(gpgKeys);
        fingerprints = List.copyOf(fingerprints);
    }

    /** dnf's variables for {@code basearch}: basearch and arch, and releasever when the recipe sets one. */
    public Map<String, String> variables(String basearch) {
        return variables(basearch, releasever);
    }

    /** dnf's variables: basearch and arch, and releasever unless null. */
    public static Map<String, String> variables(String basearch, String releasever) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("basearch", basearch);
        v.put("arch", basearch);
        if (releasever != null) {
            v.put("releasever", releasever);
        }
        return v;
    }

    /** The base URLs for {@code basearch}, variables substituted. */
    public List<URI> urls(String basearch) {
        return baseUrls.stream()
                .map(t -> url(t, variables(basearch), "repository"))
                .toList();
    }

    /** The key files for {@code basearch}, URLs fetched into {@code cacheDir} and checked against the pins. */
    public List<Path> keyFiles(String basearch, Path cacheDir) {
        List<URI> keys = new ArrayList<>();
        for (String k : gpgKeys) {
            keys.add(RepoKeys.parse(substitute(k, variables(basearch), "key")));
        }
        return RepoKeys.files(keys, cacheDir, fingerprints);
    }

    /** Each repository opened for {@code basearch}: signed packages required, repomd.xml.asc checked when there. */
    public List<RpmMdRepository> open(String basearch, Path cacheDir) {
        List<Path> keys = keyFiles(basearch, cacheDir);
        if (keys.isEmpty()) {
            throw new RepoConfigError("No key for the rpm-md repositories " + String.join(", ", baseUrls)
                    + ": crossroot checks every package's signature. Give the distribution's key (gpgkeys: in a "
                    + "recipe, --keyring FILE on the command line).");
        }
        return urls(basearch).stream()
                .map(u -> RpmMdRepository.open(new RpmRepoConfig(u, keys, RepoTrust.SIGNED_PACKAGES, cacheDir)))
                .toList();
    }

    /**
     * {@code template} with dnf's variables replaced; an unknown variable is an error naming {@code what}, since
     * a URL holding a literal '$' is never what was meant.
     */
    public static String substitute(String template, Map<String, String> variables, String what) {
        Matcher m = VARIABLE.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String value = variables.get(name);
            if (value == null) {
                throw new RepoConfigError("The " + what + " URL '" + template + "' uses $" + name + ", which is "
                        + "not set (known here: " + String.join(", ", variables.keySet()) + ")"
                        + (name.equals("releasever")
                                ? "; give the release (releasever: in a recipe, --releasever)"
                                : "")
                        + ".");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** {@code template} substituted, as a base URL (ending in '/') with a scheme crossroot reads. */
    public static URI url(String template, Map<String, String> variables, String what) {
        String text = substitute(template, variables, what);
        try {
            URI uri = new URI(text.endsWith("/") ? text : text + "/");
            String scheme = uri.getScheme() == null ? "" : uri.getScheme();
            if (!List.of("http", "https", "file").contains(scheme)) {
                throw new RepoConfigError(
                        "The " + what + " URL '" + text + "' is not an http://, https:// or " + "file:// URL.");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new RepoConfigError("The " + what + " URL '" + text + "' is not a URL (" + e.getReason() + ").");
        }
    }
}
