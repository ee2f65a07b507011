// SPDX-License-Identifier: Apache-2.0
package org.ncl.examples.notebook;

import com.google.gson.FormattingStyle;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ncl.core.io.AtomicFiles;

/**
 * A Jupyter notebook (nbformat 4) as JSON: its cells' sources, and a copy with new outputs for the code cells.
 * Written the way Jupyter writes notebooks (one-space indentation, sources and texts as lists of lines), with the
 * IJava kernel's metadata.
 */
public final class Notebook {

    private static final Gson GSON = new GsonBuilder()
            .setFormattingStyle(FormattingStyle.PRETTY.withIndent(" "))
            .disableHtmlEscaping()
            .create();

    private final JsonObject json;

    private Notebook(JsonObject json) {
        this.json = json;
    }

    /**
     * Reads a notebook file.
     *
     * @throws IOException if it cannot be read or is not a notebook (the message names the file)
     */
    public static Notebook read(Path file) throws IOException {
        JsonElement e;
        try {
            e = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
        } catch (JsonParseException ex) {
            throw new IOException(file + " is not valid JSON: " + ex.getMessage(), ex);
        }
        if (!e.isJsonObject()
                || !e.getAsJsonObject().has("cells")
                || !e.getAsJsonObject().get("cells").isJsonArray()) {
            throw new IOException(file + " is not a Jupyter notebook (no \"cells\" array)");
        }
        return new Notebook(e.getAsJsonObject().deepCopy());
    }

    /** The number of cells. */
    public int size() {
        return cells().size();
    }

    /** Whether cell {@code i} is a code cell. */
    public boolean isCode(int i) {
        return "code".equals(cells().get(i).getAsJsonObject().get("cell_type").getAsString());
    }

    /** The source text of cell {@code i}. */
    public String source(int i) {
        JsonElement s = cells().get(i).getAsJsonObject().get("source");
        if (s == null) {
            return "";
        }
        if (s.isJsonArray()) {
            StringBuilder sb = new StringBuilder();
            s.getAsJsonArray().forEach(l -> sb.append(l.getAsString()));
            return sb.toString();
        }
        return s.getAsString();
    }

    /**
     * This notebook with new outputs and execution counts for its code cells, and the IJava kernel metadata.
     *
     * @param outputs per cell, the outputs (nbformat output objects); ignored for markdown cells
     */
    public Notebook withOutputs(List<List<JsonObject>> outputs) {
        JsonObject copy = json.deepCopy();
        JsonArray cells = copy.getAsJsonArray("cells");
        int count = 0;
        for (int i = 0; i < cells.size(); i++) {
            JsonObject cell = cells.get(i).getAsJsonObject();
            cell.add("source", lines(source(i)));
            if (!"code".equals(cell.get("cell_type").getAsString())) {
                continue;
            }
            count++;
            JsonArray out = new JsonArray();
            for (JsonObject o : outputs.get(i)) {
                JsonObject c = o.deepCopy();
                if (c.has("execution_count")) {
                    c.addProperty("execution_count", count);
                }
                out.add(c);
            }
            cell.addProperty("execution_count", count);
            if (!cell.has("metadata")) {
                cell.add("metadata", new JsonObject());
            }
            cell.add("outputs", out);
        }
        copy.add("metadata", metadata(copy.getAsJsonObject("metadata")));
        copy.addProperty("nbformat", 4);
        if (!copy.has("nbformat_minor")) {
            copy.addProperty("nbformat_minor", 5);
        }
        return new Notebook(copy);
    }

    /** Writes the notebook atomically. */
    public void write(Path file) throws IOException {
        AtomicFiles.writeString(file, toJson());
    }

    /** The notebook as Jupyter writes it, ending with a newline. */
    public String toJson() {
        return GSON.toJson(json) + "\n";
    }

    /** The outputs stored for cell {@code i} (empty for markdown cells). */
    public List<JsonObject> outputs(int i) {
        List<JsonObject> out = new ArrayList<>();
        JsonElement o = cells().get(i).getAsJsonObject().get("outputs");
        if (o != null && o.isJsonArray()) {
            o.getAsJsonArray().forEach(e -> out.add(e.getAsJsonObject()));
        }
        return out;
    }

    /** A stream output ({@code name} stdout or stderr). */
    static JsonObject stream(String name, String text) {
        JsonObject o = new JsonObject();
        o.addProperty("output_type", "stream");
        o.addProperty("name", name);
        o.add("text", lines(text));
        return o;
    }

    /** An execute_result with a text/plain value. */
    static JsonObject result(String text) {
        JsonObject data = new JsonObject();
        data.add("text/plain", lines(text));
        JsonObject o = new JsonObject();
        o.addProperty("output_type", "execute_result");
        o.addProperty("execution_count", 0);
        o.add("data", data);
        o.add("metadata", new JsonObject());
        return o;
    }

    private JsonArray cells() {
        return json.getAsJsonArray("cells");
    }

    private static JsonObject metadata(JsonObject old) {
        JsonObject m = old == null ? new JsonObject() : old.deepCopy();
        JsonObject kernel = new JsonObject();
        kernel.addProperty("display_name", "Java");
        kernel.addProperty("language", "java");
        kernel.addProperty("name", "java");
        m.add("kernelspec", kernel);
        JsonObject lang = new JsonObject();
        lang.addProperty("codemirror_mode", "java");
        lang.addProperty("file_extension", ".jshell");
        lang.addProperty("mimetype", "text/x-java-source");
        lang.addProperty("name", "Java");
        lang.addProperty("pygments_lexer", "java");
        lang.addProperty("version", Runtime.version().feature() + "");
        m.add("language_info", lang);
        return m;
    }

    /** Text as nbformat's list of lines, each but the last ending with a newline. */
    static JsonArray lines(String text) {
        JsonArray a = new JsonArray();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                a.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            a.add(text.substring(start));
        }
        return a;
    }
}
