package org.nn4j.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nn4j.io.Json;
import org.nn4j.optim.Optimizers;

/**
 * The playground's form, checked: the page checks it too, but this is the authority, since anything may post to
 * the server. A field that is wrong is refused with one line that names it, says what was expected and quotes
 * what was given, e.g. {@code lr should be a number above 0, such as 0.01; got 'abc'}. A field left out takes the
 * page's default.
 *
 * @param layers units per hidden layer, at most {@value #MAX_LAYERS} of at most {@value #MAX_UNITS}
 */
record PlaygroundForm(String dataset, double noise, List<Integer> layers, String activation, String optimizer,
        double lr, int epochs) {

    /*
     * What the page may ask for, so that a form (or, should one get past the server's checks, another page) cannot
     * occupy the machine: at most about two minutes of one core at the largest settings.
     */
    static final int MAX_LAYERS = 4;
    static final int MAX_UNITS = 64;
    static final int MAX_EPOCHS = 10_000;
    static final double MAX_NOISE = 5;

    static final List<String> DATASETS = List.of("moons", "circles", "spirals", "blobs", "xor");
    static final List<String> ACTIVATIONS = List.of("relu", "tanh", "leaky_relu", "sigmoid");
    static final List<String> FIELDS = List.of("dataset", "noise", "layers", "activation", "optimizer", "lr",
            "epochs");
    /** Longer values are cut in messages, so that a message stays one short line. */
    private static final int QUOTED = 40;

    /**
     * Reads and checks the page's JSON object.
     *
     * @throws IllegalArgumentException with the one-line message for the first wrong field
     */
    static PlaygroundForm parse(String body) {
        Object parsed;
        try {
            parsed = Json.parse(body);
        } catch (IllegalArgumentException e) {
            parsed = null;
        }
        if (!(parsed instanceof Map<?, ?> form)) {
            throw new IllegalArgumentException("the playground expects a JSON object of form fields, got "
                    + quote(body));
        }
        for (Object key : form.keySet()) {
            if (!FIELDS.contains(String.valueOf(key))) {
                throw new IllegalArgumentException("the playground has no field " + quote(key) + "; its fields are "
                        + String.join(", ", FIELDS));
            }
        }
        String dataset = oneOf(form, "dataset", DATASETS, "moons");
        double noise = number(form, "noise", 0.1, 0, MAX_NOISE, "a number from 0 to " + (int) MAX_NOISE);
        List<Integer> layers = layers(form);
        String activation = oneOf(form, "activation", ACTIVATIONS, "relu");
        String optimizer = oneOf(form, "optimizer", Optimizers.NAMES, "adam");
        double lr = number(form, "lr", 0.01, Double.MIN_VALUE, Double.MAX_VALUE, "a number above 0, such as 0.01");
        String wholeEpochs = "a whole number from 1 to " + MAX_EPOCHS;
        double epochs = number(form, "epochs", 300, 1, MAX_EPOCHS, wholeEpochs);
        if (epochs != Math.rint(epochs)) {
            throw wrong("epochs", wholeEpochs, form.get("epochs"));
        }
        return new PlaygroundForm(dataset, noise, layers, activation, optimizer, lr, (int) epochs);
    }

    private static String oneOf(Map<?, ?> form, String field, List<String> allowed, String fallback) {
        Object given = form.get(field);
        if (given == null) {
            return fallback;
        }
        String name = String.valueOf(given).trim().toLowerCase(Locale.ROOT);
        if (!allowed.contains(name)) {
            throw wrong(field, "one of " + String.join(", ", allowed), given);
        }
        return name;
    }

    private static double number(Map<?, ?> form, String field, double fallback, double least, double most,
            String expected) {
        Object given = form.get(field);
        if (given == null) {
            return fallback;
        }
        double value;
        try {
            value = given instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(given).trim());
        } catch (NumberFormatException e) {
            throw wrong(field, expected, given);
        }
        if (!(value >= least && value <= most)) {
            throw wrong(field, expected, given);
        }
        return value;
    }

    private static List<Integer> layers(Map<?, ?> form) {
        Object given = form.get("layers");
        if (given == null) {
            return List.of(16, 16);
        }
        String expected = "up to " + MAX_LAYERS + " hidden layer sizes from 1 to " + MAX_UNITS
                + ", separated by commas, such as 16,16";
        List<Integer> layers = new ArrayList<>();
        String text = String.valueOf(given);
        if (!text.isBlank()) {
            for (String part : text.split(",", -1)) {
                try {
                    layers.add(Integer.parseInt(part.trim()));
                } catch (NumberFormatException e) {
                    throw wrong("layers", expected, given);
                }
            }
        }
        if (layers.size() > MAX_LAYERS || layers.stream().anyMatch(u -> u < 1 || u > MAX_UNITS)) {
            throw wrong("layers", expected, given);
        }
        return List.copyOf(layers);
    }

    private static IllegalArgumentException wrong(String field, String expected, Object given) {
        return new IllegalArgumentException(field + " should be " + expected + "; got " + quote(given));
    }

    /** The value as the user typed it, on one line and cut short. */
    private static String quote(Object value) {
        String text = String.valueOf(value).replaceAll("\\p{Cntrl}", " ");
        return "'" + (text.length() > QUOTED ? text.substring(0, QUOTED) + "…" : text) + "'";
    }
}
