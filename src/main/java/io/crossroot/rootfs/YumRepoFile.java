package io.crossroot.rootfs;

import io.crossroot.debian.Keyring;
import io.crossroot.rpm.repo.RepoTrust;
import io.crossroot.rpm.repo.RpmMdRepository;
import io.crossroot.util.ConfinedRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * /etc/yum.repos.d/crossroot.repo in a built root, naming the repositories it was built from and their keys (copied
 * to /etc/pki/rpm-gpg), so that dnf inside the root installs from the same place later.
 */
final class YumRepoFile {
    static final String PATH = "etc/yum.repos.d/crossroot.repo";
    private static final String KEY_DIR = "etc/pki/rpm-gpg";

    private YumRepoFile() {}

    /** Writes the file and the keys; returns the keys' paths on the host, for importing into the rpm database. */
    static List<Path> write(Path root, List<RpmMdRepository> repos) throws IOException {
        ConfinedRoot tree = new ConfinedRoot(root);
        StringBuilder file = new StringBuilder("# written by crossroot: the repositories this root was built from\n");
        List<Path> keys = new ArrayList<>();
        for (int i = 0; i < repos.size(); i++) {
            RpmMdRepository repo = repos.get(i);
            String id = "crossroot-" + (i + 1);
            List<String> keyUrls = new ArrayList<>();
            List<byte[]> rings = Keyring.load(repo.config().keyrings()).armoredRings();
            for (int k = 0; k < rings.size(); k++) {
                String name = KEY_DIR + "/RPM-GPG-KEY-" + id + (rings.size() > 1 ? "-" + (k + 1) : "");
                keys.add(tree.write(name, rings.get(k), 0644));
                keyUrls.add("file:///" + name);
            }
            file.append('\n')
                    .append('[')
                    .append(id)
                    .append("]\n")
                    .append("name=")
                    .append(repo.config().baseUrl())
                    .append('\n')
                    .append("baseurl=")
                    .append(repo.config().baseUrl())
                    .append('\n')
                    .append("enabled=1\ngpgcheck=1\n")
                    .append("repo_gpgcheck=")
                    .append(repo.config().trust() == RepoTrust.SIGNED_REPOMD ? 1 : 0)
                    .append('\n')
                    .append("gpgkey=")
                    .append(String.join(" ", keyUrls))
                    .append('\n');
        }
        tree.write(PATH, file.toString().getBytes(StandardCharsets.UTF_8), 0644);
        return keys;
    }
}
