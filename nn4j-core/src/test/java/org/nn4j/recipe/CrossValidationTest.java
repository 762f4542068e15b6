package org.nn4j.recipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nn4j.data.PublicDataset;
import org.nn4j.data.Table;
import org.nn4j.tensor.Kernels;

class CrossValidationTest {

    private static final Table IRIS = PublicDataset.IRIS.table();

    /** Small and quick, with dropout so that each fold's masks are drawn too. */
    private static final Recipe QUICK = Recipe.builder().hidden(16).dropout(0.1).epochs(40).patience(5).build();

    /** Quick too, but long enough to learn the tables. */
    private static final Recipe LEARNS = Recipe.builder().hidden(16).learningRate(0.01).epochs(150).build();

    @Test
    void foldsTrainedAtOnceGiveBitForBitTheResultsOfFoldsTrainedOneAfterAnother() {
        int threads = Kernels.threads();
        try {
            // Four threads even on a smaller machine, so that the folds really share the cores.
            Kernels.setThreads(4);
            CrossValidation cv = new CrossValidation(QUICK, 5);
            CrossValidated atOnce = cv.run(IRIS, "species", IRIS.allRows());
            CrossValidated oneByOne = cv.oneFoldAtATime().run(IRIS, "species", IRIS.allRows());
            for (int f = 0; f < 5; f++) {
                FoldResult a = atOnce.folds().get(f);
                FoldResult b = oneByOne.folds().get(f);
                // Double.equals compares the bits.
                assertThat(a.scores()).as("fold %d", f + 1).isEqualTo(b.scores());
                assertThat(a.training().toSeries()).as("fold %d", f + 1).isEqualTo(b.training().toSeries());
                assertThat(a.training().bestEpoch()).isEqualTo(b.training().bestEpoch());
            }
        } finally {
            Kernels.setThreads(threads);
        }
    }

    @Test
    void theFoldsOfAPlanShareOutItsTrainingRowsAndNeverSeeItsTestRows() {
        Plan plan = new Estimator(QUICK).plan(IRIS, "species", null);
        CrossValidated cv = new CrossValidation(QUICK, 5).run(plan);
        // 150 rows less 30 for the test: 120, 24 held out per fold. The other 96 (32 of each class) give
        // round(32 × 0.1) = 3 per class, 9 in all, to validation and 87 to training.
        assertThat(cv.folds()).hasSize(5).allSatisfy(fold -> {
            assertThat(fold.heldOutRows()).isEqualTo(24);
            assertThat(fold.validationRows()).isEqualTo(9);
            assertThat(fold.trainingRows()).isEqualTo(87);
        });
        assertThat(cv.folds().stream().map(FoldResult::fold)).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void aClassifierReportsEveryMetricOfEachFoldAndTheirMeanAndSpread() {
        CrossValidated cv = new CrossValidation(LEARNS, 3).run(IRIS, "species", IRIS.allRows());
        assertThat(cv.folds().get(0).scores()).containsKeys("accuracy", "loss", "macro_f1");
        List<String> metrics = cv.summary().stream().map(MetricSummary::metric).toList();
        assertThat(metrics).containsExactlyElementsOf(cv.folds().get(0).scores().keySet());
        MetricSummary accuracy = cv.summary("accuracy");
        assertThat(accuracy.mean()).isGreaterThan(0.8);
        double mean = cv.folds().stream().mapToDouble(f -> f.scores().get("accuracy")).average().orElseThrow();
        assertThat(accuracy.mean()).isCloseTo(mean, within(1e-15));
        assertThatThrownBy(() -> cv.summary("r2")).hasMessage(
                "The folds report no metric 'r2'; they report " + String.join(", ", metrics));
    }

    @Test
    void aRegressionIsCutIntoPlainFoldsAndReportsMseMaeAndR2() {
        Random random = new Random(5);
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            rows.add(new String[] {fmt(a), fmt(b), fmt(2 * a - b + 0.1 * random.nextGaussian())});
        }
        Table table = Table.of("linear", List.of("a", "b", "y"), rows);
        CrossValidated cv = new CrossValidation(LEARNS, 4).run(table, "y", table.allRows());
        assertThat(cv.folds()).extracting(FoldResult::heldOutRows).containsExactly(15, 15, 15, 15);
        assertThat(cv.folds().get(0).scores()).containsOnlyKeys("mse", "mae", "r2");
        assertThat(cv.summary("r2").mean()).isGreaterThan(0.5);
    }

    @Test
    void theSpreadIsTheSampleStandardDeviation() {
        // Of 1, 2, 3, 4: mean 2.5, squares 2.25 + 0.25 + 0.25 + 2.25 = 5, over k − 1 = 3: √(5/3).
        MetricSummary s = MetricSummary.of("x", List.of(1.0, 2.0, 3.0, 4.0));
        assertThat(s.mean()).isEqualTo(2.5);
        assertThat(s.standardDeviation()).isCloseTo(1.2909944487358056, within(1e-15));
    }

    @Test
    void refusesFewerThanTwoFoldsAndMoreFoldsThanRows() {
        assertThatThrownBy(() -> new CrossValidation(QUICK, 1)).hasMessage(
                "Cross-validation needs 2 or more folds, got 1");
        Table five = Table.of("five", List.of("x", "y"), List.of(new String[] {"1", "a"}, new String[] {"2", "b"},
                new String[] {"3", "a"}, new String[] {"4", "b"}, new String[] {"5", "a"}));
        assertThatThrownBy(() -> new CrossValidation(QUICK, 6).run(five, "y", five.allRows())).hasMessage(
                "Cross-validation in 6 folds needs at least 6 rows, one per fold, got 5");
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }
}
