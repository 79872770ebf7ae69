package io.crossroot.rpm.file;

import io.crossroot.util.ConfinedRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The user and group names of a root's /etc/passwd and /etc/group, read inside the root: rpm owns files by name and
 * looks the names up in the target system, not on the host.
 */
public final class RootAccounts {
    private final Map<String, Integer> users;
    private final Map<String, Integer> groups;

    private RootAccounts(Map<String, Integer> users, Map<String, Integer> groups) {
        this.users = users;
        this.groups = groups;
    }

    public static RootAccounts of(ConfinedRoot root) throws IOException {
        return new RootAccounts(ids(root, "etc/passwd"), ids(root, "etc/group"));
    }

    /** The user's id; null when the root has no such user. */
    public Integer uid(String name) {
        return name.equals("root") ? Integer.valueOf(0) : users.get(name);
    }

    public Integer gid(String name) {
        return name.equals("root") ? Integer.valueOf(0) : groups.get(name);
    }

    /** name:x:id:... lines; a missing file has no names (rpm then owns everything by root, with a warning). */
    private static Map<String, Integer> ids(ConfinedRoot root, String file) throws IOException {
        Map<String, Integer> out = new HashMap<>();
        if (root.resolve(file).isEmpty()) {
            return out;
        }
        String text = new String(root.read(file, "The accounts of the root"), StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
            String[] f = line.split(":", -1);
            if (f.length >= 3 && !f[0].isEmpty() && f[2].matches("[0-9]{1,10}")) {
                long id = Long.parseLong(f[2]);
                if (id <= Integer.MAX_VALUE) {
                    out.putIfAbsent(f[0], (int) id);
                }
            }
        }
        return out;
    }
}
