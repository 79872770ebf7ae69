package io.crossroot.toolbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Runs the pinned tools from the unpacked trixie toolbox (real mirror) through the toolbox's own loader. */
class ToolboxTest {
    @Test
    void runsToolsThroughTheToolboxLoader() {
        Toolbox tb = TestToolbox.get();
        assertThat(tb.run("mke2fs", "-V")).contains("mke2fs 1.47");
        assertThat(tb.run("sgdisk", "--version")).contains("GPT fdisk");
        assertThat(tb.run("qemu-img", "--version")).contains("qemu-img version");
        assertThat(tb.run("qemu-system-riscv64", "--version")).contains("QEMU emulator");
        assertThat(tb.run("mformat", "--version")).contains("mtools");
    }

    @Test
    void firmwareIsFoundThroughTreeSymlinks() {
        Toolbox tb = TestToolbox.get();
        assertThat(tb.file("usr/lib/u-boot/qemu-riscv64_smode/u-boot.bin")).isRegularFile();
    }

    @Test
    void failureNamesTheToolAndShowsItsOutput() {
        assertThatThrownBy(() -> TestToolbox.get().run("mke2fs", "-t", "ext4", "/nonexistent/x"))
                .isInstanceOf(ToolError.class)
                .hasMessageContaining("mke2fs -t ext4")
                .hasMessageContaining("/nonexistent/x");
    }
}
