package io.crossroot.oci;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.crossroot.arch.ArchCatalog;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/** Reads an image recipe strictly: an unknown field, a wrong type or an unknown architecture names its line. */
public final class RecipeReader {
    /** Built on first read only: a build from flags alone validates without it, and Jackson is slow to start. */
    private static final class Yaml {
        static final ObjectMapper MAPPER = JsonMapper.builder(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
    }

    private RecipeReader() {}

    public static ImageRecipe read(Path file) {
        ImageRecipe recipe;
        String text = "";
        try {
            text = Files.readString(file);
            recipe = Yaml.MAPPER.readValue(text, ImageRecipe.class);
        } catch (JsonMappingException e) {
            throw new UserError(file + where(fieldLine(text, e), e.getLocation()) + ": " + problem(e) + ". Fix the recipe; its fields are "
                    + fieldList() + ".", e);
        } catch (JsonProcessingException e) {
            throw new UserError(file + where(-1, e.getLocation()) + ": not valid YAML (" + e.getOriginalMessage() + ").", e);
        } catch (IOException e) {
            throw new UserError("Cannot read the recipe " + file + ": " + e.getMessage() + ".", e);
        }
        if (recipe == null) {
            throw new UserError(file + " is empty; a recipe needs at least 'arches:'.");
        }
        return validate(recipe, file.toString());
    }

    /** Checks what the types cannot: a known distribution and known architecture names. */
    public static ImageRecipe validate(ImageRecipe r, String origin) {
        if (!ImageRecipe.DEBIAN.equals(r.distro())) {
            throw new UserError(origin + ": field 'distro' is '" + r.distro() + "', but crossroot builds only 'debian'.");
        }
        if (r.arches().isEmpty()) {
            throw new UserError(origin + ": no architectures: set 'arches:' (e.g. [riscv64, arm64]) or give --arch.");
        }
        r.arches().forEach(ArchCatalog::require);
        return r;
    }

    private static String where(int fieldLine, JsonLocation l) {
        if (fieldLine > 0) {
            return " line " + fieldLine;
        }
        return l == null || l.getLineNr() < 0 ? "" : " line " + l.getLineNr() + ", column " + l.getColumnNr();
    }

    /**
     * The line of the top-level key the error is about: the YAML parser reports where it stopped (often the
     * next line), while the user wants the line that holds the field.
     */
    private static int fieldLine(String text, JsonMappingException e) {
        String key = e instanceof UnrecognizedPropertyException u ? u.getPropertyName()
                : e.getPath().isEmpty() ? null : e.getPath().get(0).getFieldName();
        if (key == null) {
            return -1;
        }
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith(key + ":") || lines[i].startsWith("\"" + key + "\":")) {
                return i + 1;
            }
        }
        return -1;
    }

    private static String problem(JsonMappingException e) {
        String field = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown field '" + u.getPropertyName() + "'";
        }
        String why = e.getOriginalMessage().split("\n")[0].replaceAll(" \\(through reference chain.*", "");
        return "field '" + field + "' has the wrong type or value (" + why + ")";
    }

    private static String fieldList() {
        return java.util.Arrays.stream(ImageRecipe.class.getRecordComponents()).map(c -> c.getName())
                .collect(Collectors.joining(", "));
    }
}
