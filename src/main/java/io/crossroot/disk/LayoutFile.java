package io.crossroot.disk;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a layout YAML file, or a genimage.cfg ({@link GenimageConfig}) when the name ends in .cfg. Errors name
 * the file and line.
 *
 * <pre>
 * table: gpt
 * partitions:
 *   - {name: efi, type: esp, size: 64M, filesystem: vfat, mountpoint: /boot/efi}
 *   - {name: root, type: root-riscv64, filesystem: ext4, mountpoint: /, headroom: 256M}
 * </pre>
 */
public final class LayoutFile {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private LayoutFile() {}

    public static Layout read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UserError("Cannot read the layout " + file + ": " + e.getMessage(), e);
        }
        if (file.getFileName().toString().endsWith(".cfg")) {
            return GenimageConfig.parse(text, file.toString()).layout(file.toAbsolutePath().getParent());
        }
        return parseYaml(text, file.toString());
    }

    public static Layout parseYaml(String text, String source) {
        try {
            LayoutYaml y = YAML.readValue(text, LayoutYaml.class);
            if (y == null) {
                throw new UserError(source + ": the layout is empty");
            }
            return y.layout;
        } catch (JsonProcessingException e) {
            throw new UserError(source + ":" + line(e) + ": " + reason(e), e);
        }
    }

    private static String line(JsonProcessingException e) {
        JsonLocation l = e.getLocation();
        return l == null ? "?" : String.valueOf(l.getLineNr());
    }

    /** The root cause's message without Jackson's location and reference-chain decoration. */
    private static String reason(JsonProcessingException e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause instanceof IllegalArgumentException) {
            return cause.getMessage();
        }
        String m = e.getOriginalMessage();
        if (e instanceof JsonMappingException jm && !jm.getPath().isEmpty()) {
            m += " (at " + jm.getPathReference().replaceAll("io\\.crossroot\\.disk\\.LayoutFile\\$\\w+", "") + ")";
        }
        return m.replaceAll(" \\(class io\\.crossroot[^)]*\\)", "").replaceAll(",? ?not marked as ignorable.*", "");
    }

    static final class LayoutYaml {
        final Layout layout;

        @JsonCreator
        LayoutYaml(@JsonProperty("table") String table, @JsonProperty("size") String size,
                @JsonProperty("uuid") String uuid, @JsonProperty("partitions") List<PartitionYaml> partitions) {
            layout = new Layout(table == null ? null : Layout.Table.parse(table), size == null ? null : Sizes.parse(size),
                    uuid, partitions == null ? null : partitions.stream().map(p -> p.spec).toList());
        }
    }

    static final class PartitionYaml {
        final PartitionSpec spec;

        @JsonCreator
        PartitionYaml(@JsonProperty("name") String name, @JsonProperty("type") String type,
                @JsonProperty("size") String size, @JsonProperty("headroom") String headroom,
                @JsonProperty("filesystem") String filesystem, @JsonProperty("label") String label,
                @JsonProperty("uuid") String uuid, @JsonProperty("partuuid") String partUuid,
                @JsonProperty("mountpoint") String mountpoint, @JsonProperty("source") String source,
                @JsonProperty("files") List<String> files, @JsonProperty("image") String image,
                @JsonProperty("extra-args") List<String> extraArgs, @JsonProperty("bootable") Boolean bootable) {
            spec = new PartitionSpec(name, type == null ? null : PartitionType.parse(type),
                    size == null || size.equals("auto") ? null : Sizes.parse(size),
                    headroom == null ? null : Sizes.parse(headroom),
                    filesystem == null ? null : Filesystem.parse(filesystem), label, uuid, partUuid, mountpoint, source,
                    files, image == null ? null : Path.of(image), extraArgs, bootable != null && bootable);
        }
    }
}
