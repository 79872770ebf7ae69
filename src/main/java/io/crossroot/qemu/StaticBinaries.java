package io.crossroot.qemu;

import io.crossroot.debian.deb.DebFile;
import io.crossroot.elf.ElfFile;
import io.crossroot.util.AtomicOutput;
import io.crossroot.util.TarEntries;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Extracts chosen executables from a verified .deb into a directory named after the .deb's SHA256, so that a
 * given package version always yields the same paths (pinned) and a second run extracts nothing. Each result
 * is checked to be a statically linked ELF: a dynamic one would break inside chroots and containers.
 */
final class StaticBinaries {
    private StaticBinaries() {}

    /**
     * @param deb      the verified package file
     * @param debSha   its SHA256, naming the cache directory
     * @param wanted   member path in the .deb (e.g. "usr/bin/qemu-riscv64") mapped to the file name to store
     * @param cacheDir where the per-package directories live
     * @return file name -> extracted path, for every wanted member found
     */
    static Map<String, Path> extract(Path deb, String debSha, Map<String, String> wanted, Path cacheDir) {
        Path dir = cacheDir.resolve(debSha);
        Map<String, Path> out = new LinkedHashMap<>();
        Map<String, String> missing = new HashMap<>();
        wanted.forEach((member, name) -> {
            Path p = dir.resolve(name);
            if (Files.isExecutable(p)) {
                out.put(name, p);
            } else {
                missing.put(member, name);
            }
        });
        if (missing.isEmpty()) {
            return out;
        }
        try {
            Files.createDirectories(dir);
            DebFile.of(deb).forEachDataEntry((entry, content) -> {
                String member = entry.getName().replaceFirst("^\\./", "").replaceFirst("^/", "");
                String name = missing.get(member);
                if (name == null || !TarEntries.isRegularFile(entry)) {
                    return;
                }
                Path target = dir.resolve(name);
                try (AtomicOutput o = AtomicOutput.open(target)) {
                    OutputStream s = o.stream();
                    content.transferTo(s);
                    s.close();
                    Files.setPosixFilePermissions(o.tempPath(), PosixFilePermissions.fromString("rwxr-xr-x"));
                    requireStatic(o.tempPath(), deb, member);
                    o.commit();
                }
                out.put(name, target);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static void requireStatic(Path file, Path deb, String member) {
        ElfFile elf = ElfFile.read(file);
        if (elf.interpreter().isPresent()) {
            throw new UserError(member + " in " + deb.getFileName() + " is dynamically linked (it needs "
                    + elf.interpreter().get() + "), so the kernel could not start it inside a chroot or container. "
                    + "Choose a suite whose qemu package ships static interpreters with --qemu-suite.");
        }
    }
}
