package io.crossroot.cli;

import io.crossroot.arch.Arch;
import io.crossroot.arch.ArchCatalog;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "arch",
        mixinStandardHelpOptions = true,
        subcommands = {ArchCommand.ListCommand.class},
        description = "The architecture catalog: each architecture's name in every ecosystem.")
final class ArchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing subcommand (list)");
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description =
                    "List every supported architecture: Debian, RPM, OCI, uname -m, QEMU, ELF and binfmt_misc names.")
    static final class ListCommand implements Runnable {
        @Mixin
        JsonOption json;

        @Override
        public void run() {
            json.print(
                    () -> ArchCatalog.all().stream().map(ListCommand::describe).toList(), ListCommand::printTable);
        }

        private static void printTable(PrintWriter out) {
            List<List<String>> rows = new ArrayList<>();
            for (Arch a : ArchCatalog.all()) {
                var elf = a.elf();
                rows.add(List.of(
                        a.debian(),
                        a.rpm(),
                        a.ociPlatform(),
                        a.uname(),
                        "qemu-" + a.qemu(),
                        "ELF" + elf.bits() + (elf.bigEndian() ? " MSB" : " LSB"),
                        String.valueOf(elf.machine()),
                        elf.flagsMask() == 0 ? "-" : String.format("0x%x/0x%x", elf.flagsValue(), elf.flagsMask()),
                        ArchCatalog.runsNatively(a) ? "native" : "qemu"));
            }
            Output.table(
                    out,
                    List.of("DEBIAN", "RPM", "OCI", "UNAME", "QEMU", "ELF", "E_MACHINE", "E_FLAGS", "ON THIS HOST"),
                    rows);
        }

        private static Map<String, Object> describe(Arch a) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("debian", a.debian());
            m.put("rpm", a.rpm());
            Map<String, Object> oci = new LinkedHashMap<>();
            oci.put("os", "linux");
            oci.put("architecture", a.ociArch());
            if (a.ociVariant() != null) {
                oci.put("variant", a.ociVariant());
            }
            m.put("oci", oci);
            m.put("uname", a.uname());
            m.put("qemu", a.qemu());
            Map<String, Object> elf = new LinkedHashMap<>();
            elf.put("class", a.elf().bits() == 64 ? "ELF64" : "ELF32");
            elf.put("data", a.elf().bigEndian() ? "big-endian" : "little-endian");
            elf.put("machine", a.elf().machine());
            if (a.elf().flagsMask() != 0) {
                elf.put("flagsMask", String.format("0x%x", a.elf().flagsMask()));
                elf.put("flagsValue", String.format("0x%x", a.elf().flagsValue()));
            }
            m.put("elf", elf);
            m.put("gnuTriplet", a.gnuTriplet());
            m.put("loader", a.loader());
            Map<String, Object> binfmt = new LinkedHashMap<>();
            binfmt.put("name", a.binfmtName());
            binfmt.put("magic", a.binfmtPattern().magicHex());
            binfmt.put("mask", a.binfmtPattern().maskHex());
            m.put("binfmt", binfmt);
            m.put("aliases", a.aliases());
            m.put("native", ArchCatalog.runsNatively(a));
            return m;
        }
    }
}
