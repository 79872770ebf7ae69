package io.crossroot.rootfs;

import io.crossroot.debian.Digests;
import io.crossroot.debian.deb.UnpackedPackage;
import io.crossroot.util.ConfinedRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes dpkg's database (dpkg(1) FILES, /var/lib/dpkg) for packages unpacked natively, so that dpkg sees each
 * of them exactly as after "dpkg --unpack": status "install ok unpacked", info/PKG.{list,md5sums,conffiles,
 * preinst,...} and the trigger interests that dpkg registers at unpack time.
 */
public final class DpkgDatabase {
    private static final Set<String> SCRIPTS = Set.of("preinst", "postinst", "prerm", "postrm", "config");

    private static final String ADMIN = "var/lib/dpkg";

    private final ConfinedRoot tree;

    public DpkgDatabase(Path root) {
        this.tree = new ConfinedRoot(root);
    }

    /** The database directory, /var/lib/dpkg in the root, resolved inside it. */
    public Path admin() throws IOException {
        return tree.target(ADMIN);
    }

    public void write(List<UnpackedPackage> packages) throws IOException {
        for (String d : List.of("info", "triggers", "updates", "alternatives", "parts")) {
            Path dir = tree.target(ADMIN + "/" + d);
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                ConfinedRoot.createDirectory(dir);
            }
        }
        StringBuilder status = new StringBuilder();
        packages.stream()
                .sorted(Comparator.comparing(UnpackedPackage::name))
                .forEach(p -> status.append(StatusStanza.unpacked(p)));
        write("status", status.toString(), 0644);
        for (String empty : List.of("available", "diversions", "statoverride")) {
            write(empty, "", 0644);
        }
        write("info/format", "1\n", 0644);
        for (UnpackedPackage p : packages) {
            writeInfo(p);
        }
        writeTriggerInterests(packages);
    }

    private void writeInfo(UnpackedPackage p) throws IOException {
        String prefix = p.infoName() + ".";
        write(
                "info/" + ConfinedRoot.checkedFileName(prefix + "list", "The dpkg info file of a package"),
                String.join("\n", p.paths()) + "\n",
                0644);
        for (Map.Entry<String, byte[]> f : p.controlFiles().entrySet()) {
            String name = ConfinedRoot.checkedFileName(prefix + f.getKey(), "The dpkg info file of a package");
            tree.write(ADMIN + "/info/" + name, f.getValue(), SCRIPTS.contains(f.getKey()) ? 0755 : 0644);
        }
    }

    /**
     * dpkg's trigger interest files: triggers/File lists "PATH PKG[/noawait]" for file triggers, triggers/NAME
     * lists "PKG[/noawait]" for explicit ones (from each package's "interest*" directives).
     */
    private void writeTriggerInterests(List<UnpackedPackage> packages) throws IOException {
        StringBuilder fileTriggers = new StringBuilder();
        Map<String, StringBuilder> named = new TreeMap<>();
        for (UnpackedPackage p : packages) {
            for (String[] w : ActivatedTriggers.directives(p)) {
                if (!w[0].startsWith("interest")) {
                    continue;
                }
                String who = p.infoName() + (w[0].equals("interest-noawait") ? "/noawait" : "");
                if (w[1].startsWith("/")) {
                    fileTriggers.append(w[1]).append(' ').append(who).append('\n');
                } else if (w[1].matches("[A-Za-z0-9][A-Za-z0-9._+-]*")) { // it names a file in triggers/
                    named.computeIfAbsent(w[1], k -> new StringBuilder())
                            .append(who)
                            .append('\n');
                }
            }
        }
        write("triggers/File", fileTriggers.toString(), 0644);
        write("triggers/Unincorp", "", 0644);
        write("triggers/Lock", "", 0600);
        for (Map.Entry<String, StringBuilder> e : named.entrySet()) {
            write("triggers/" + e.getKey(), e.getValue().toString(), 0644);
        }
    }

    /**
     * What "dpkg --configure" does besides running scripts: each conffile's NAME.dpkg-new replaces NAME (before
     * the postinsts, which may edit them); see {@link #markInstalled} for the rest.
     */
    public void placeConffiles(List<UnpackedPackage> packages) throws IOException {
        tree.invalidate(); // scripts ran since
        for (UnpackedPackage p : packages) {
            for (String conffile : p.conffiles()) {
                Path target = tree.locate(ConfinedRoot.checkedName(conffile.substring(1), p.name()));
                Path fresh = target.resolveSibling(target.getFileName() + ".dpkg-new");
                if (Files.exists(fresh, LinkOption.NOFOLLOW_LINKS)) {
                    Files.move(fresh, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Records every package "install ok installed" with its conffiles' MD5s, no trigger left pending. */
    public void markInstalled(List<UnpackedPackage> packages) throws IOException {
        tree.invalidate();
        StringBuilder status = new StringBuilder();
        for (UnpackedPackage p : packages.stream()
                .sorted(Comparator.comparing(UnpackedPackage::name))
                .toList()) {
            List<String> hashed = new ArrayList<>();
            for (String conffile : p.conffiles()) {
                Path f = tree.locate(ConfinedRoot.checkedName(conffile.substring(1), p.name()));
                // dpkg records a conffile a script deleted as "newconffile"; it stays unchanged then
                hashed.add(conffile + " "
                        + (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)
                                ? Digests.hexOf(f, Digests.md5())
                                : StatusStanza.NEW_CONFFILE));
            }
            status.append(StatusStanza.installed(p, hashed));
        }
        write("status", status.toString(), 0644);
        write("triggers/Unincorp", "", 0644);
    }

    /** Writes a file of the database, resolved inside the root like every write into it. */
    private void write(String file, String text, int mode) throws IOException {
        tree.write(ADMIN + "/" + file, text.getBytes(StandardCharsets.UTF_8), mode);
    }
}
