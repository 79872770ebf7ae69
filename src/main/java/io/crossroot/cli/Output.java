package io.crossroot.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Renders command results as JSON (--json) or as aligned text tables. */
final class Output {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .findAndAddModules()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private Output() {}

    static void json(PrintWriter out, Object value) {
        try {
            out.println(JSON.writeValueAsString(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }

    /** Label/value lines, values aligned. */
    static void rows(PrintWriter out, List<List<String>> rows) {
        int width = rows.stream().mapToInt(r -> r.get(0).length()).max().orElse(0);
        for (List<String> r : rows) {
            out.println(r.get(0) + " ".repeat(width - r.get(0).length() + 1) + r.get(1));
        }
        out.flush();
    }

    /** A plain text table: columns padded to their widest cell, two spaces apart. */
    static void table(PrintWriter out, List<String> header, List<List<String>> rows) {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        int[] width = new int[header.size()];
        for (List<String> r : all) {
            for (int i = 0; i < r.size(); i++) {
                width[i] = Math.max(width[i], r.get(i) == null ? 1 : r.get(i).length());
            }
        }
        for (List<String> r : all) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < r.size(); i++) {
                String cell = r.get(i) == null ? "-" : r.get(i);
                sb.append(cell);
                if (i < r.size() - 1) {
                    sb.append(" ".repeat(width[i] - cell.length() + 2));
                }
            }
            out.println(sb.toString().stripTrailing());
        }
        out.flush();
    }
}
