package lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every notebook in {@code notebooks/} is committed clean: nbformat 4, kernelspec {@code multitask-lab},
 * no outputs, no execution counts, no {@code %} magic line, no kernel-specific class.
 */
class NotebooksTest {

    private static final Path NOTEBOOKS = Path.of("../notebooks");
    private static final List<String> KERNEL_PACKAGES = List.of("org.rapaio", "io.github.spencerpark");

    @Test
    void everyNotebookIsCleanAndKernelAgnostic() {
        // given
        Map<String, String> notebooks = readNotebooks();

        // when
        List<String> problems = problems(notebooks);

        // then
        assertFalse(notebooks.isEmpty(), "no notebooks in " + NOTEBOOKS.toAbsolutePath());
        assertEquals(List.of(), problems);
    }

    @Test
    void theCheckCatchesOutputsACountAMagicAWrongKernelAndAKernelCall() {
        // given
        String dirty = """
                {"nbformat": 4, "nbformat_minor": 5,
                 "metadata": {"kernelspec": {"name": "java", "language": "java", "display_name": "Java"}},
                 "cells": [
                  {"cell_type": "markdown", "metadata": {}, "source": ["% not code"]},
                  {"cell_type": "code", "metadata": {}, "execution_count": 3,
                   "outputs": [{"output_type": "stream", "name": "stdout", "text": ["1"]}],
                   "source": ["int a = 1;\\n", "  %maven ai.djl:api:0.35.1\\n"]},
                  {"cell_type": "code", "metadata": {}, "execution_count": null, "outputs": [],
                   "source": "org.rapaio.jupyter.kernel.global.Global.display(1);"}
                 ]}
                """;

        // when
        List<String> problems = problems(Map.of("dirty.ipynb", dirty));

        // then
        assertEquals(List.of(
                "dirty.ipynb: kernelspec name is 'java', not 'multitask-lab'",
                "dirty.ipynb cell 2: has outputs",
                "dirty.ipynb cell 2: has an execution count",
                "dirty.ipynb cell 2: magic line '%maven ai.djl:api:0.35.1'",
                "dirty.ipynb cell 3: calls a kernel directly (org.rapaio); use lab.notebook.Show"), problems);
    }

    /** Returns one line per problem; {@code notebooks} maps a file name to its JSON text. */
    static List<String> problems(Map<String, String> notebooks) {
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, String> entry : new TreeMap<>(notebooks).entrySet()) {
            String name = entry.getKey();
            JsonObject nb = JsonParser.parseString(entry.getValue()).getAsJsonObject();
            if (nb.get("nbformat").getAsInt() != 4) {
                found.add(name + ": nbformat is " + nb.get("nbformat") + ", not 4");
            }
            JsonObject kernelspec = nb.getAsJsonObject("metadata").getAsJsonObject("kernelspec");
            String kernel = kernelspec == null ? null : kernelspec.get("name").getAsString();
            if (!"multitask-lab".equals(kernel)) {
                found.add(name + ": kernelspec name is '" + kernel + "', not 'multitask-lab'");
            }
            int index = 0;
            for (JsonElement element : nb.getAsJsonArray("cells")) {
                index++;
                JsonObject cell = element.getAsJsonObject();
                if (!"code".equals(cell.get("cell_type").getAsString())) {
                    continue;
                }
                String where = name + " cell " + index + ": ";
                if (cell.has("outputs") && cell.getAsJsonArray("outputs").size() > 0) {
                    found.add(where + "has outputs");
                }
                if (cell.has("execution_count") && !cell.get("execution_count").isJsonNull()) {
                    found.add(where + "has an execution count");
                }
                String source = source(cell.get("source"));
                for (String line : source.split("\n")) {
                    if (line.strip().startsWith("%")) {
                        found.add(where + "magic line '" + line.strip() + "'");
                    }
                }
                for (String kernelPackage : KERNEL_PACKAGES) {
                    if (source.contains(kernelPackage)) {
                        found.add(where + "calls a kernel directly (" + kernelPackage + "); use lab.notebook.Show");
                    }
                }
            }
        }
        return found;
    }

    private static String source(JsonElement source) {
        if (source.isJsonArray()) {
            StringBuilder text = new StringBuilder();
            source.getAsJsonArray().forEach(line -> text.append(line.getAsString()));
            return text.toString();
        }
        return source.getAsString();
    }

    private static Map<String, String> readNotebooks() {
        Map<String, String> notebooks = new TreeMap<>();
        if (!Files.isDirectory(NOTEBOOKS)) {
            return notebooks;
        }
        try (Stream<Path> files = Files.list(NOTEBOOKS)) {
            for (Path file : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".ipynb"))::iterator) {
                notebooks.put(file.getFileName().toString(), Files.readString(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return notebooks;
    }
}
