package org.nn4j.recipe;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.nn4j.data.Dataset;
import org.nn4j.data.LabelColumn;
import org.nn4j.metrics.Task;
import org.nn4j.names.DidYouMean;
import org.nn4j.nn.ClassWeights;

/**
 * The recipe's class weighting, {@code none}, {@code balanced} or one weight per class ({@code 1,19}), read in two
 * steps: {@link #check} the words before any data are read, {@link #resolve} the weights once the classes and the
 * training rows are known. Explicit weights go to the classes in the order the label lists them (sorted: by value
 * for numbers, else alphabetically).
 */
final class ClassWeighting {

    static final String NONE = "none";
    static final String BALANCED = "balanced";

    private ClassWeighting() {
    }

    /** Checks {@code spec} as far as it can without the data; returns it in its plain form ({@code none} for null). */
    static String check(String spec) {
        if (spec == null) {
            return NONE;
        }
        String plain = spec.strip().toLowerCase(Locale.ROOT);
        if (plain.equals(NONE) || plain.equals(BALANCED)) {
            return plain;
        }
        try {
            ClassWeights.of(numbers(spec));
        } catch (IllegalArgumentException e) {
            // A single word is more likely a misspelt name than a list of numbers.
            throw plain.contains(",") ? e : new IllegalArgumentException("The class weight is none, balanced or one"
                    + " weight per class (such as 1,19), got '" + spec + "'" + DidYouMean.hint(plain,
                            List.of(NONE, BALANCED)));
        }
        return plain.replace(" ", "");
    }

    /**
     * The weights for {@code label}'s classes, counted on the training rows {@code train} when balanced; null for
     * none.
     *
     * @throws IllegalArgumentException for regression, or a list with another number of weights than classes
     */
    static ClassWeights resolve(String spec, LabelColumn label, Task task, Dataset train) {
        return resolve(spec, label, task, () -> {
            int[] counts = new int[label.classes().size()];
            for (int r = 0, n = train.size(); r < n; r++) {
                counts[task.targetClass(train.targets(), r)]++;
            }
            return counts;
        });
    }

    /** As {@link #resolve(String, LabelColumn, Task, Dataset)}, with the training rows' class counts. */
    static ClassWeights resolve(String spec, LabelColumn label, Task task, Supplier<int[]> classCounts) {
        if (spec.equals(NONE)) {
            return null;
        }
        if (!task.isClassification()) {
            throw new IllegalArgumentException("Class weights need a classification task, but '" + label.name()
                    + "' is a regression label; leave out the class weight");
        }
        List<String> classes = label.classes();
        if (spec.equals(BALANCED)) {
            return ClassWeights.balanced(classCounts.get(), classes);
        }
        double[] weights = numbers(spec);
        if (weights.length != classes.size()) {
            throw new IllegalArgumentException("The class weight lists " + weights.length + " weights, but '"
                    + label.name() + "' has " + classes.size() + " classes (" + String.join(", ", classes)
                    + "); give one weight per class, in that order");
        }
        return ClassWeights.of(weights);
    }

    private static double[] numbers(String spec) {
        String[] parts = spec.split(",", -1);
        double[] weights = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                weights[i] = Double.parseDouble(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("The class weight is none, balanced or one weight per class"
                        + " (such as 1,19), got '" + spec + "': '" + parts[i].strip() + "' is not a number");
            }
        }
        return weights;
    }
}
