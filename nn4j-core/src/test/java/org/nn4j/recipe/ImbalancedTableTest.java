package org.nn4j.recipe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nn4j.data.Table;
import org.nn4j.train.TrainingListener;

/**
 * On a 95:5 table of two overlapping blobs, balanced class weights trade some of the common class's recall for
 * much more of the rare class's, and raise the balanced accuracy; unweighted, the network mostly answers the
 * common class. Seeded throughout, so the numbers are the same on every run and machine.
 */
class ImbalancedTableTest {

    @Test
    void balancedWeightsRaiseTheRareClasssRecallAndTheBalancedAccuracy() {
        Table table = blobs(2000, 0.05, 16);
        Map<String, Object> none = testMetrics(table, "none");
        Map<String, Object> balanced = testMetrics(table, "balanced");

        double rareNone = recall(none, "rare");
        double rareBalanced = recall(balanced, "rare");
        assertThat(rareBalanced).as("the rare class's recall, balanced against none (%s)", rareNone)
                .isGreaterThan(rareNone + 0.2);
        assertThat((double) balanced.get("balanced_accuracy")).as("balanced accuracy, balanced against none")
                .isGreaterThan((double) none.get("balanced_accuracy") + 0.05);
    }

    private static Map<String, Object> testMetrics(Table table, String classWeight) {
        Recipe recipe = Recipe.builder().hidden(16).epochs(40).classWeight(classWeight).build();
        return new Estimator(recipe).fit(table, "label", TrainingListener.NONE).test().toMap();
    }

    @SuppressWarnings("unchecked")
    private static double recall(Map<String, Object> metrics, String name) {
        Map<String, Object> perClass = (Map<String, Object>) metrics.get("per_class");
        return (double) ((Map<String, Object>) perClass.get(name)).get("recall");
    }

    /** Rows of class 'rare' (share {@code rare}) around (1.5, 1.5), the others around (0, 0), spread 1. */
    static Table blobs(int rows, double rare, long seed) {
        Random random = new Random(seed);
        List<String[]> cells = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            boolean isRare = random.nextDouble() < rare;
            double centre = isRare ? 1.5 : 0.0;
            cells.add(new String[] {Double.toString(centre + random.nextGaussian()),
                Double.toString(centre + random.nextGaussian()), isRare ? "rare" : "common"});
        }
        return Table.of("imbalanced blobs", List.of("x1", "x2", "label"), cells);
    }
}
