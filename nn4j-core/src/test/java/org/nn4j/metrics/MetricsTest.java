package org.nn4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nn4j.tensor.Matrix;

/**
 * Metrics against scikit-learn 1.2 on the same small examples ({@code accuracy_score}, {@code log_loss},
 * {@code precision_recall_fscore_support}, {@code confusion_matrix}, {@code f1_score(average='macro')},
 * {@code mean_squared_error}, {@code mean_absolute_error}, {@code r2_score}).
 */
class MetricsTest {

    private static final Matrix PROBABILITIES = Matrix.of(new double[][] {
        {.7, .2, .1}, {.3, .4, .3}, {.1, .8, .1}, {.2, .2, .6}, {.1, .1, .8}, {.05, .05, .9}, {.5, .3, .2}});
    private static final int[] ACTUAL = {0, 0, 1, 1, 2, 2, 2};

    @Test
    void multiClassScoresMatchScikitLearn() {
        ClassificationMetrics m = ClassificationMetrics.of(Task.MULTICLASS, PROBABILITIES, ACTUAL,
                List.of("a", "b", "c"));
        assertThat(m.accuracy()).isCloseTo(4.0 / 7, within(1e-15));
        assertThat(m.logLoss()).isCloseTo(0.761595884488445, within(1e-14));
        assertThat(m.confusion().toArray()).isEqualTo(new int[][] {{1, 1, 0}, {0, 1, 1}, {1, 0, 2}});
        assertThat(m.perClass()).extracting(ClassScores::precision)
                .containsExactly(0.5, 0.5, 2.0 / 3);
        assertThat(m.perClass()).extracting(ClassScores::recall).containsExactly(0.5, 0.5, 2.0 / 3);
        assertThat(m.perClass().get(2).f1()).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(m.perClass()).extracting(ClassScores::support).containsExactly(2, 2, 3);
        assertThat(m.macroF1()).isCloseTo(0.5555555555555555, within(1e-15));
    }

    @Test
    void aClassNeverPredictedHasZeroPrecisionNotNaN() {
        Matrix allFirst = Matrix.of(new double[][] {{.9, .1}, {.8, .2}});
        ClassificationMetrics m = ClassificationMetrics.of(Task.MULTICLASS, allFirst, new int[] {0, 1},
                List.of("x", "y"));
        assertThat(m.perClass().get(1).precision()).isZero();
        assertThat(m.perClass().get(1).f1()).isZero();
        assertThat(m.accuracy()).isEqualTo(0.5);
    }

    @Test
    void binaryOutputsAreTheProbabilityOfTheSecondClass() {
        Matrix p = Matrix.of(3, 1, 0.9, 0.2, 0.6);
        ClassificationMetrics m = ClassificationMetrics.of(Task.BINARY, p, new int[] {1, 0, 0}, List.of("no", "yes"));
        assertThat(m.accuracy()).isCloseTo(2.0 / 3, within(1e-15));
        // Hand: −(ln 0.9 + ln 0.8 + ln 0.4) / 3.
        assertThat(m.logLoss()).isCloseTo(-(Math.log(0.9) + Math.log(0.8) + Math.log(0.4)) / 3, within(1e-15));
        assertThat(m.confusion().toArray()).isEqualTo(new int[][] {{1, 1}, {0, 1}});
    }

    @Test
    void regressionScoresMatchScikitLearn() {
        RegressionMetrics m = RegressionMetrics.of(new double[] {2.5, 0.0, 2.0, 8.0}, new double[] {3.0, -0.5, 2.0, 7.0});
        assertThat(m.mse()).isEqualTo(0.375);
        assertThat(m.mae()).isEqualTo(0.5);
        assertThat(m.r2()).isCloseTo(0.9486081370449679, within(1e-15));
    }

    @Test
    void theConfusionMatrixReadsAsATable() {
        ClassificationMetrics m = ClassificationMetrics.of(Task.MULTICLASS, PROBABILITIES, ACTUAL,
                List.of("a", "b", "c"));
        assertThat(m.confusion().format()).contains("true\\pred").contains("a                1        1        0");
        assertThat(m.toMap()).containsKeys("accuracy", "loss", "confusion_matrix", "per_class", "macro_f1");
    }

    @Test
    void tasksParseByNameAndPickTheirOutputLayer() {
        assertThat(Task.byName("Multi-Class")).isEqualTo(Task.MULTICLASS);
        assertThat(Task.forClasses(2)).isEqualTo(Task.BINARY);
        assertThat(Task.MULTICLASS.outputs(10)).isEqualTo(10);
        assertThat(Task.BINARY.outputs(2)).isEqualTo(1);
        assertThat(Task.REGRESSION.loss().name()).isEqualTo("mse");
    }
}
