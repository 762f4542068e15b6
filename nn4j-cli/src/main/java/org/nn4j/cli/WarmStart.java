package org.nn4j.cli;

import java.nio.file.Path;
import org.nn4j.data.Preprocessing;
import org.nn4j.io.SavedModel;
import org.nn4j.nn.Network;

/**
 * {@code train --from MODEL}: the run starts from a saved model's weights instead of random ones. The network the
 * data and options describe must be the model's own, so that every weight lands where it was learned.
 */
final class WarmStart {

    private WarmStart() {
    }

    /** Copies the saved weights into {@code network}, or refuses in one line naming both shapes. */
    static void apply(SavedModel saved, Path file, Network network, Preprocessing prep) {
        Preprocessing from = saved.preprocessing();
        if (from != null && !from.featureNames().equals(prep.featureNames())) {
            throw new IllegalArgumentException("--from " + file + " was trained on the columns " + from.featureNames()
                    + ", but these data give " + prep.featureNames());
        }
        if (!saved.network().sameArchitecture(network)) {
            throw new IllegalArgumentException("--from " + file + " holds a " + saved.network().describe()
                    + " network, but these data and options make a " + network.describe() + " one; give the"
                    + " --hidden and --activation it was trained with ('nn4j summary " + file + "' shows them)");
        }
        network.copyWeightsFrom(saved.network().toPrecision(network.precision()));
    }
}
