package io.crossroot.cli;

import io.crossroot.arch.Arch;
import io.crossroot.binfmt.BinfmtMatch;
import io.crossroot.binfmt.BinfmtMisc;
import io.crossroot.elf.ElfFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
        name = "elf",
        mixinStandardHelpOptions = true,
        description =
                "Inspect an ELF file: class, machine, loader, needed libraries, and the binfmt_misc entry the kernel would use.")
final class ElfCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "The ELF file.")
    Path file;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        ElfFile elf = ElfFile.read(file);
        BinfmtMisc kernel = BinfmtMisc.system();
        Optional<BinfmtMatch> match = kernel.isMounted() ? kernel.match(elf.headerBytes()) : Optional.empty();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("file", file.toString());
        r.put("class", "ELF" + elf.bits());
        r.put("data", elf.bigEndian() ? "big-endian" : "little-endian");
        r.put("type", elf.type().toString());
        r.put("machine", elf.machine());
        r.put("flags", String.format("0x%x", elf.flags()));
        r.put("arch", elf.arch().map(Arch::debian).orElse(null));
        r.put("entry", String.format("0x%x", elf.entry()));
        r.put("linkage", elf.linkage().toString());
        r.put("interpreter", elf.interpreter().orElse(null));
        r.put("needed", elf.needed());
        r.put("soname", elf.soname().orElse(null));
        r.put("runpath", elf.runpath().or(elf::rpath).orElse(null));
        Map<String, Object> binfmt = new LinkedHashMap<>();
        boolean nativeArch =
                elf.arch().map(io.crossroot.arch.ArchCatalog::runsNatively).orElse(false);
        binfmt.put("native", nativeArch);
        binfmt.put("entry", match.map(m -> m.entry().name()).orElse(null));
        binfmt.put("interpreter", match.map(BinfmtMatch::interpreter).orElse(null));
        binfmt.put("flags", match.map(m -> m.entry().flags()).orElse(null));
        binfmt.put(
                "alsoMatching",
                match.map(m -> m.alsoMatching().stream().map(e -> e.name()).toList())
                        .orElse(List.of()));
        r.put("binfmt", binfmt);
        json.print(() -> r, out -> Output.rows(out, textRows(elf, r, match, nativeArch)));
        return 0;
    }

    private List<List<String>> textRows(
            ElfFile elf, Map<String, Object> r, Optional<BinfmtMatch> match, boolean nativeArch) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("File:", file.toString()));
        rows.add(List.of("Class:", r.get("class") + ", " + r.get("data")));
        rows.add(List.of("Type:", elf.type().toString()));
        rows.add(List.of(
                "Machine:",
                elf.machine()
                        + elf.arch()
                                .map(a -> " (" + a.debian() + ", " + a.uname() + ")")
                                .orElse(" (unknown to crossroot)")));
        rows.add(List.of("Flags:", (String) r.get("flags")));
        rows.add(List.of("Entry point:", (String) r.get("entry")));
        rows.add(List.of(
                "Linkage:",
                elf.linkage().toString().toLowerCase(java.util.Locale.ROOT).replace('_', '-')));
        rows.add(List.of("Interpreter:", elf.interpreter().orElse("none")));
        rows.add(List.of("Needed:", elf.needed().isEmpty() ? "none" : String.join(", ", elf.needed())));
        elf.soname().ifPresent(s -> rows.add(List.of("Soname:", s)));
        String how;
        if (nativeArch) {
            how = "runs natively on this host";
        } else if (match.isPresent()) {
            how = "binfmt_misc entry " + match.get().entry().name() + " -> "
                    + match.get().interpreter()
                    + " (flags "
                    + (match.get().entry().flags().isEmpty()
                            ? "none"
                            : match.get().entry().flags()) + ")"
                    + (match.get().ambiguous()
                            ? "; also matched by "
                                    + match.get().alsoMatching().stream()
                                            .map(e -> e.name())
                                            .toList()
                            : "");
        } else {
            how = "no binfmt_misc entry matches: run 'crossroot binfmt install"
                    + elf.arch().map(a -> " --arch " + a.debian()).orElse("") + "'";
        }
        rows.add(List.of("Runs via:", how));
        return rows;
    }
}
