package org.nn4j.recipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nn4j.data.Table;
import org.nn4j.metrics.Task;
import org.nn4j.nn.ClassWeights;
import org.nn4j.train.TrainingLoop;

/** The recipe's class weighting: read before the data, resolved on the training rows, carried into the loop. */
class ClassWeightingTest {

    @Test
    void theWordsAreCheckedBeforeAnyDataIsRead() {
        assertThat(Recipe.defaults().classWeight()).isEqualTo("none");
        assertThat(Recipe.builder().classWeight(" Balanced ").build().classWeight()).isEqualTo("balanced");
        assertThat(Recipe.builder().classWeight("1, 19").build().classWeight()).isEqualTo("1,19");
        assertThatThrownBy(() -> Recipe.builder().classWeight("balnced").build()).hasMessage(
                "The class weight is none, balanced or one weight per class (such as 1,19), got 'balnced'"
                        + " (did you mean 'balanced'?)");
        assertThatThrownBy(() -> Recipe.builder().classWeight("1,x").build()).hasMessageContaining(
                "'x' is not a number");
        assertThatThrownBy(() -> Recipe.builder().classWeight("1,0").build()).hasMessageContaining(
                "A class weight must be a positive number, got 0.0");
        assertThatThrownBy(() -> Recipe.builder().task("regression").classWeight("balanced").build())
                .hasMessageContaining("Class weights need a classification task");
    }

    @Test
    void balancedWeightsAreCountedOnTheTrainingRowsInTheLabelsSortedClassOrder() {
        // 3 'yes' in 10 rows, and a test share of 0: the training rows are the table's rows minus validation.
        Table table = table(7, 3);
        Plan plan = new Estimator(Recipe.builder().classWeight("balanced").testFraction(0).validationFraction(0)
                .build()).plan(table, "label", null);
        ClassWeights weights = plan.classWeights();
        assertThat(plan.preprocessing().label().classes()).containsExactly("no", "yes");
        assertThat(weights.toArray()).containsExactly(new double[] {10.0 / (2 * 7), 10.0 / (2 * 3)},
                within(1e-15));
        TrainingLoop loop = plan.loop().build();
        assertThat(loop.describe()).containsEntry("class_weight", "0.714286,1.66667");
        assertThat(loop.settings().loss().name()).isEqualTo("binary_cross_entropy");
    }

    @Test
    void aListWithTheWrongNumberOfWeightsIsRefusedBeforeTraining() {
        Plan plan = new Estimator(Recipe.builder().classWeight("1,2,3").build()).plan(table(7, 3), "label", null);
        assertThatThrownBy(plan::loop).hasMessage(
                "The class weight lists 3 weights, but 'label' has 2 classes (no, yes); give one weight per class,"
                        + " in that order");
        Plan regression = new Estimator(Recipe.builder().classWeight("balanced").build()).plan(numericLabel(), "y",
                null);
        assertThatThrownBy(regression::classWeights).hasMessageContaining(
                "Class weights need a classification task, but 'y' is a regression label");
    }

    @Test
    void theLoopRefusesWeightsForAnotherNumberOfClasses() {
        assertThatThrownBy(() -> TrainingLoop.builder(Task.BINARY, Recipe.defaults().newOptimizer())
                .classWeights(ClassWeights.of(1, 2, 3))).hasMessageContaining("2 classes, got 3");
    }

    private static Table table(int no, int yes) {
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < no + yes; i++) {
            rows.add(new String[] {Integer.toString(i), i < no ? "no" : "yes"});
        }
        return Table.of("rows", List.of("x", "label"), rows);
    }

    private static Table numericLabel() {
        Random random = new Random(1);
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            rows.add(new String[] {Double.toString(random.nextGaussian()), Double.toString(random.nextGaussian())});
        }
        return Table.of("rows", List.of("x", "y"), rows);
    }
}
