package io.crossroot.binfmt;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossroot.arch.ArchCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BinfmtConfFileTest {
    @TempDir
    Path tmp;

    @Test
    void writesTheRegisterLineUnderCrossrootsName() throws IOException {
        BinfmtConfFile conf = new BinfmtConfFile(tmp.resolve("etc/binfmt.d"));
        BinfmtRegistration r = BinfmtRegistration.forArch(ArchCatalog.require("riscv64"), Path.of("/opt/q"), "POF");
        Path file = conf.write(r);
        assertThat(file).isEqualTo(tmp.resolve("etc/binfmt.d/crossroot-qemu-riscv64.conf"));
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).last().isEqualTo(r.registerLine());
        assertThat(lines.subList(0, lines.size() - 1)).allMatch(l -> l.startsWith("#"));
        try (var s = Files.list(file.getParent())) {
            assertThat(s).containsExactly(file); // no temporary file left behind
        }
        assertThat(conf.delete("qemu-riscv64")).isTrue();
        assertThat(conf.delete("qemu-riscv64")).isFalse();
    }
}
