package io.crossroot.run;

import io.crossroot.arch.Arch;
import io.crossroot.elf.ElfFile;
import io.crossroot.util.ConfinedRoot;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds what a dynamically linked program needs from a sysroot before it runs: its loader (PT_INTERP) and
 * every DT_NEEDED library, searched like glibc's ld.so does (RPATH, RUNPATH, ld.so.conf, the multiarch and
 * default directories), inside the sysroot as a chroot would and through the merged-/usr links a sysroot unpacked
 * from merged-/usr packages lacks. The result names what is missing and who needs it, in plain words.
 */
public final class LinkCheck {
    /** One unresolved dependency: {@code library} wanted by {@code neededBy}. */
    public record Missing(String library, String neededBy) {}

    /** What was found: the loader's host path and each library's, plus what is missing. */
    public record Result(String loader, Path loaderPath, Map<String, Path> libraries, List<Missing> missing) {
        public boolean ok() {
            return loaderPath != null && missing.isEmpty();
        }
    }

    private LinkCheck() {}

    public static Result check(ElfFile program, Arch arch, Path sysroot) {
        String loader = program.interpreter().orElseThrow(() -> new IllegalArgumentException("static program"));
        Path loaderPath = ConfinedRoot.resolveMergedUsr(sysroot, loader).orElse(null);
        List<String> dirs = searchDirs(arch, sysroot);
        Map<String, Path> found = new LinkedHashMap<>();
        List<Missing> missing = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        Deque<ElfFile> todo = new ArrayDeque<>(List.of(program));
        while (!todo.isEmpty()) {
            ElfFile obj = todo.removeFirst();
            for (String lib : obj.needed()) {
                if (!seen.add(lib)) {
                    continue;
                }
                Optional<Path> p = find(lib, obj, dirs, sysroot);
                if (p.isEmpty()) {
                    missing.add(new Missing(lib, obj.path().getFileName().toString()));
                    continue;
                }
                found.put(lib, p.get());
                todo.add(ElfFile.read(p.get()));
            }
        }
        return new Result(loader, loaderPath, found, missing);
    }

    private static Optional<Path> find(String lib, ElfFile obj, List<String> dirs, Path sysroot) {
        if (lib.contains("/")) {
            return ConfinedRoot.resolveMergedUsr(sysroot, lib);
        }
        List<String> search = new ArrayList<>();
        obj.rpath().ifPresent(r -> search.addAll(List.of(r.split(":"))));
        obj.runpath().ifPresent(r -> search.addAll(List.of(r.split(":"))));
        search.addAll(dirs);
        for (String dir : search) {
            if (dir.contains("$ORIGIN")) {
                continue; // relative to the object's own directory inside the sysroot; rare in distro binaries
            }
            Optional<Path> p = ConfinedRoot.resolveMergedUsr(sysroot, dir + "/" + lib);
            if (p.isPresent() && Files.isRegularFile(p.get())) {
                return p;
            }
        }
        return Optional.empty();
    }

    /** ld.so.conf's directories (one level of include), then the multiarch and default ones. */
    private static List<String> searchDirs(Arch arch, Path sysroot) {
        List<String> dirs = new ArrayList<>();
        readConf(sysroot, "/etc/ld.so.conf", dirs, 0);
        String t = arch.gnuTriplet();
        dirs.addAll(List.of(
                "/lib/" + t, "/usr/lib/" + t, "/lib", "/usr/lib", "/lib64", "/usr/lib64", "/lib32", "/usr/lib32"));
        return dirs;
    }

    private static void readConf(Path sysroot, String conf, List<String> dirs, int depth) {
        Optional<Path> p = ConfinedRoot.resolveMergedUsr(sysroot, conf);
        if (p.isEmpty() || depth > 2) {
            return;
        }
        try {
            for (String line : Files.readAllLines(p.get())) {
                String l = line.replaceFirst("#.*", "").strip();
                if (l.startsWith("include ")) {
                    String pattern = l.substring("include ".length()).strip();
                    int slash = pattern.lastIndexOf('/');
                    Optional<Path> dir = ConfinedRoot.resolveMergedUsr(sysroot, pattern.substring(0, slash));
                    if (dir.isPresent() && Files.isDirectory(dir.get())) {
                        String glob = pattern.substring(slash + 1);
                        try (var ds = Files.newDirectoryStream(dir.get(), glob)) {
                            List<Path> files = new ArrayList<>();
                            ds.forEach(files::add);
                            files.sort(null);
                            for (Path f : files) {
                                readConf(sysroot, pattern.substring(0, slash) + "/" + f.getFileName(), dirs, depth + 1);
                            }
                        }
                    }
                } else if (!l.isEmpty()) {
                    dirs.add(l);
                }
            }
        } catch (IOException e) {
            throw new UserError("Cannot read " + conf + " in sysroot " + sysroot + ": " + e.getMessage());
        }
    }
}
