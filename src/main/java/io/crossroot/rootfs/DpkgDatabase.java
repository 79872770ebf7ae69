package io.crossroot.rootfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    private final Path admin;

    public DpkgDatabase(Path root) {
        this.admin = root.resolve("var/lib/dpkg");
    }

    public void write(List<UnpackedPackage> packages) throws IOException {
        Path info = admin.resolve("info");
        Path triggers = admin.resolve("triggers");
        for (Path d : List.of(info, triggers, admin.resolve("updates"), admin.resolve("alternatives"),
                admin.resolve("parts"))) {
            Files.createDirectories(d);
        }
        StringBuilder status = new StringBuilder();
        packages.stream().sorted(Comparator.comparing(UnpackedPackage::name)).forEach(p ->
                status.append(StatusStanza.unpacked(p)));
        write(admin.resolve("status"), status.toString(), 0644);
        for (String empty : List.of("available", "diversions", "statoverride")) {
            write(admin.resolve(empty), "", 0644);
        }
        write(info.resolve("format"), "1\n", 0644);
        for (UnpackedPackage p : packages) {
            writeInfo(info, p);
        }
        writeTriggerInterests(triggers, packages);
    }

    private void writeInfo(Path info, UnpackedPackage p) throws IOException {
        String prefix = p.infoName() + ".";
        write(info.resolve(prefix + "list"), String.join("\n", p.paths()) + "\n", 0644);
        for (Map.Entry<String, byte[]> f : p.controlFiles().entrySet()) {
            Path file = info.resolve(prefix + f.getKey());
            Files.write(file, f.getValue());
            Files.setAttribute(file, "unix:mode", SCRIPTS.contains(f.getKey()) ? 0755 : 0644);
        }
    }

    /**
     * dpkg's trigger interest files: triggers/File lists "PATH PKG[/noawait]" for file triggers, triggers/NAME
     * lists "PKG[/noawait]" for explicit ones (from each package's "interest*" directives).
     */
    private void writeTriggerInterests(Path triggers, List<UnpackedPackage> packages) throws IOException {
        StringBuilder fileTriggers = new StringBuilder();
        Map<String, StringBuilder> named = new TreeMap<>();
        for (UnpackedPackage p : packages) {
            byte[] t = p.controlFiles().get("triggers");
            if (t == null) {
                continue;
            }
            for (String line : new String(t, StandardCharsets.UTF_8).split("\n")) {
                String[] w = line.strip().split("\\s+");
                if (w.length < 2 || !w[0].startsWith("interest")) {
                    continue;
                }
                String who = p.infoName() + (w[0].equals("interest-noawait") ? "/noawait" : "");
                if (w[1].startsWith("/")) {
                    fileTriggers.append(w[1]).append(' ').append(who).append('\n');
                } else if (w[1].matches("[A-Za-z0-9][A-Za-z0-9._+-]*")) { // it names a file in triggers/
                    named.computeIfAbsent(w[1], k -> new StringBuilder()).append(who).append('\n');
                }
            }
        }
        write(triggers.resolve("File"), fileTriggers.toString(), 0644);
        write(triggers.resolve("Unincorp"), "", 0644);
        write(triggers.resolve("Lock"), "", 0600);
        for (Map.Entry<String, StringBuilder> e : named.entrySet()) {
            write(triggers.resolve(e.getKey()), e.getValue().toString(), 0644);
        }
    }

    private static void write(Path file, String text, int mode) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setAttribute(file, "unix:mode", mode);
    }
}
