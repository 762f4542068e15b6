package org.nn4j.plot;

import java.util.ArrayList;
import java.util.List;
import org.nn4j.data.FeatureColumn;
import org.nn4j.data.LabelColumn;
import org.nn4j.data.Preprocessing;

/**
 * The names the network picture writes beside its input and output units, one per unit in network order; either
 * list may be empty when the model does not know them.
 */
public record UnitNames(List<String> inputs, List<String> outputs) {

    /** No names: the units are left unlabelled. */
    public static final UnitNames NONE = new UnitNames(List.of(), List.of());

    public UnitNames {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /**
     * A table model's names: a numeric column's name, {@code column=category} for each input of a categorical
     * column; the class names for a multi-class model, {@code P(class)} of the second class for a binary one, and the
     * label column's name for regression.
     */
    public static UnitNames of(Preprocessing preprocessing) {
        List<String> inputs = new ArrayList<>();
        for (FeatureColumn f : preprocessing.features()) {
            if (f.isCategorical()) {
                f.categories().forEach(c -> inputs.add(f.name() + "=" + c));
            } else {
                inputs.add(f.name());
            }
        }
        LabelColumn label = preprocessing.label();
        List<String> outputs = switch (label.task()) {
            case MULTICLASS -> label.classes();
            case BINARY -> List.of(label.classes().isEmpty() ? label.name()
                    : "P(" + label.classes().get(label.classes().size() - 1) + ")");
            case REGRESSION -> List.of(label.name());
        };
        return new UnitNames(inputs, outputs);
    }
}
