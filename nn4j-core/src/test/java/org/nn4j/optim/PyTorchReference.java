package org.nn4j.optim;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.nn4j.io.Json;

/** The numbers PyTorch computed in {@code pytorch_reference.py}, read from {@code pytorch-reference.json}. */
final class PyTorchReference {

    private static final Map<String, Object> ROOT = load();

    private PyTorchReference() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> section(String name) {
        return (Map<String, Object>) ROOT.get(name);
    }

    static double[] row(Object list) {
        List<?> values = (List<?>) list;
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) values.get(i)).doubleValue();
        }
        return out;
    }

    static double[] list(String name) {
        return row(ROOT.get(name));
    }

    static double[] flat(String name) {
        List<?> rows = (List<?>) ROOT.get(name);
        double[] out = new double[4];
        for (int r = 0; r < 2; r++) {
            double[] row = row(rows.get(r));
            out[2 * r] = row[0];
            out[2 * r + 1] = row[1];
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load() {
        try (InputStream in = PyTorchReference.class.getResourceAsStream("pytorch-reference.json")) {
            return (Map<String, Object>) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
