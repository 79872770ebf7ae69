package io.crossroot.rootfs;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The shared state a maintainer script may write, guessed from its text, so that two scripts run side by side
 * only when they touch none in common. Each entry is a database that its tools rewrite whole (via a fixed
 * temporary name or under a lock that fails rather than waits), which concurrent writers would corrupt or trip.
 */
final class ScriptResources {
    private static final Map<String, Pattern> RESOURCES = Map.of(
            // ucf, pam-auth-update and dpkg-reconfigure open debconf's database too, whose lock fails, not waits
            "debconf", words("confmodule|debconf|db_get|db_set|db_input|ucf|ucfr|pam-auth-update|dpkg-reconfigure"),
            "accounts",
                    words("adduser|addgroup|useradd|groupadd|usermod|groupmod|update-passwd|shadowconfig"
                            + "|pwconv|grpconv|chpasswd|chgpasswd|pam-auth-update|systemd-sysusers"),
            "ldconfig", words("ldconfig"),
            "shells", words("add-shell|remove-shell|update-shells"),
            "alternatives", words("update-alternatives"),
            "ucf", words("ucf|ucfr"),
            "dpkg-db", words("dpkg-divert|dpkg-statoverride"));

    private ScriptResources() {}

    static Set<String> of(byte[] script) {
        String text = new String(script, StandardCharsets.UTF_8);
        Set<String> out = new TreeSet<>();
        RESOURCES.forEach((name, p) -> {
            if (p.matcher(text).find()) {
                out.add(name);
            }
        });
        return out;
    }

    private static Pattern words(String alternatives) {
        return Pattern.compile("(?<![\\w-])(" + alternatives + ")(?![\\w-])");
    }
}
