package io.crossroot.disk;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.crossroot.util.InputProblems;
import io.crossroot.util.Json;
import io.crossroot.util.StrictYaml;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a layout YAML file, or a genimage.cfg ({@link GenimageConfig}) when the name ends in .cfg, strictly: every
 * unknown or duplicate key, wrong type and bad value is reported with its line before anything is built.
 *
 * <pre>
 * table: gpt
 * partitions:
 *   - {name: efi, type: esp, size: 64M, filesystem: vfat, mountpoint: /boot/efi}
 *   - {name: root, type: root-riscv64, filesystem: ext4, mountpoint: /, headroom: 256M}
 * </pre>
 */
public final class DiskLayoutFile {
    private static final String FIX = "Fix the layout and retry.";

    private static final StrictYaml.Type PARTITION = StrictYaml.object()
            .required("name", StrictYaml.text())
            .optional("type", StrictYaml.text(PartitionType::parse))
            .optional("size", StrictYaml.text(s -> {
                if (!s.equals("auto")) {
                    Sizes.parse(s);
                }
            }))
            .optional("headroom", StrictYaml.text(Sizes::parse))
            .optional("filesystem", StrictYaml.text(Filesystem::parse))
            .optional("label", StrictYaml.text())
            .optional("uuid", StrictYaml.text(Guid::parse))
            .optional("partuuid", StrictYaml.text(Guid::parse))
            .optional("mountpoint", StrictYaml.text(PartitionSpec::requireSystemPath))
            .optional("source", StrictYaml.text(PartitionSpec::requireSystemPath))
            .optional("files", StrictYaml.list(StrictYaml.text()))
            .optional("image", StrictYaml.text())
            .optional("extra-args", StrictYaml.list(StrictYaml.text()))
            .optional("bootable", StrictYaml.bool())
            .optional("offset", StrictYaml.text(Sizes::parse))
            .optional("align", StrictYaml.text(Sizes::parse));

    /** A layout document's keys and values (also nested in a build recipe's layout:). */
    public static final StrictYaml.Type SCHEMA = StrictYaml.object()
            .optional("table", StrictYaml.text(DiskLayout.Table::parse))
            .optional("size", StrictYaml.text(Sizes::parse))
            .optional("uuid", StrictYaml.text(Guid::parse))
            .required("partitions", StrictYaml.list(PARTITION));

    private DiskLayoutFile() {}

    public static DiskLayout read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UserError("Cannot read the layout " + file + ": " + e.getMessage(), e);
        }
        if (file.getFileName().toString().endsWith(".cfg")) {
            return GenimageConfig.parse(text, file.toString())
                    .layout(file.toAbsolutePath().getParent());
        }
        return parseYaml(text, file.toString());
    }

    /** The layout in {@code text}; a {@link io.crossroot.util.UsageError} lists every problem with its line. */
    public static DiskLayout parseYaml(String text, String source) {
        InputProblems problems = new InputProblems(source);
        DiskLayout layout = check(text, problems);
        problems.throwIfAny(FIX);
        return layout;
    }

    /** The layout in {@code text}, or null after adding every problem in it to {@code problems}. */
    public static DiskLayout check(String text, InputProblems problems) {
        JsonNode tree = StrictYaml.read(text, SCHEMA, problems);
        if (tree == null) {
            return null;
        }
        try {
            return Json.mapper().treeToValue(tree, LayoutYaml.class).layout;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            problems.add(partitionsLine(text, problems), reason(e));
            return null;
        }
    }

    /** Where the partitions start, for what concerns them together (two with one name, too many for MBR). */
    private static int partitionsLine(String text, InputProblems problems) {
        StrictYaml.Node root = StrictYaml.parse(text, problems);
        if (root instanceof StrictYaml.Mapping m && m.entries().containsKey("partitions")) {
            return m.entries().get("partitions").keyLine();
        }
        return 1;
    }

    /** The constructor's own message, without Jackson's decoration. */
    private static String reason(Exception e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    static final class LayoutYaml {
        final DiskLayout layout;

        @JsonCreator
        LayoutYaml(
                @JsonProperty("table") String table,
                @JsonProperty("size") String size,
                @JsonProperty("uuid") String uuid,
                @JsonProperty("partitions") List<PartitionYaml> partitions) {
            layout = new DiskLayout(
                    table == null ? null : DiskLayout.Table.parse(table),
                    size == null ? null : Sizes.parse(size),
                    uuid,
                    partitions == null
                            ? null
                            : partitions.stream().map(p -> p.spec).toList());
        }
    }

    static final class PartitionYaml {
        final PartitionSpec spec;

        @JsonCreator
        PartitionYaml(
                @JsonProperty("name") String name,
                @JsonProperty("type") String type,
                @JsonProperty("size") String size,
                @JsonProperty("headroom") String headroom,
                @JsonProperty("filesystem") String filesystem,
                @JsonProperty("label") String label,
                @JsonProperty("uuid") String uuid,
                @JsonProperty("partuuid") String partUuid,
                @JsonProperty("mountpoint") String mountpoint,
                @JsonProperty("source") String source,
                @JsonProperty("files") List<String> files,
                @JsonProperty("image") String image,
                @JsonProperty("extra-args") List<String> extraArgs,
                @JsonProperty("bootable") Boolean bootable,
                @JsonProperty("offset") String offset,
                @JsonProperty("align") String align) {
            spec = new PartitionSpec(
                    name,
                    type == null ? null : PartitionType.parse(type),
                    size == null || size.equals("auto") ? null : Sizes.parse(size),
                    headroom == null ? null : Sizes.parse(headroom),
                    filesystem == null ? null : Filesystem.parse(filesystem),
                    label,
                    uuid,
                    partUuid,
                    mountpoint,
                    source,
                    files,
                    image == null ? null : Path.of(image),
                    extraArgs,
                    bootable != null && bootable,
                    offset == null ? null : Sizes.parse(offset),
                    align == null ? null : Sizes.parse(align));
        }
    }
}
