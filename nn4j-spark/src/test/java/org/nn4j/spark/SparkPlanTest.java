package org.nn4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.data.FeatureColumn;
import org.nn4j.data.Imputation;
import org.nn4j.data.InputSettings;
import org.nn4j.data.Preprocessing;
import org.nn4j.data.Table;
import org.nn4j.metrics.Evaluation;
import org.nn4j.recipe.Estimator;
import org.nn4j.recipe.Plan;
import org.nn4j.recipe.Recipe;

/**
 * The preprocessing and test metrics Spark computes on the executors equal what one machine computes from the same
 * rows split the same way ({@code --split hash}): gaps filled with the exact median, categories, classes, and every
 * metric of the test rows.
 */
class SparkPlanTest {

    private static SparkSession spark;

    @TempDir
    static Path folder;

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder().master("local[2]").appName("nn4j-test").config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    /** Rows with gaps in a numeric column, a text column, and a label of three classes or a number. */
    private static Path table(String name, boolean regression) throws IOException {
        SplittableRandom random = new SplittableRandom(3);
        List<String> lines = new ArrayList<>(List.of("x,gappy,colour,y"));
        for (int r = 0; r < 400; r++) {
            double x = random.nextGaussian();
            String gappy = random.nextInt(5) == 0 ? (random.nextBoolean() ? "" : "NA")
                    : String.format(Locale.ROOT, "%.3f", random.nextGaussian() * 10 + 3);
            String colour = List.of("red", "green", "blue").get(random.nextInt(3));
            String y = regression ? String.format(Locale.ROOT, "%.5f", 2 * x + random.nextGaussian())
                    : List.of("a", "b", "c").get(x < -0.4 ? 0 : x < 0.4 ? 1 : 2);
            lines.add(String.format(Locale.ROOT, "%.17g,%s,%s,%s", x, gappy, colour, y));
        }
        Path csv = folder.resolve(name);
        Files.write(csv, lines);
        return csv;
    }

    private static void assertSame(Preprocessing spread, Preprocessing one) {
        assertThat(spread.features()).hasSameSizeAs(one.features());
        for (int f = 0; f < one.features().size(); f++) {
            FeatureColumn a = spread.features().get(f);
            FeatureColumn b = one.features().get(f);
            assertThat(a.name()).isEqualTo(b.name());
            assertThat(a.categories()).isEqualTo(b.categories());
            assertThat(a.fill()).as(a.name() + " fill").isEqualTo(b.fill());
            assertThat(a.mean()).as(a.name() + " mean").isCloseTo(b.mean(), within(1e-12));
            assertThat(a.scale()).as(a.name() + " scale").isCloseTo(b.scale(), within(1e-12));
            assertThat(a.indicator()).isEqualTo(b.indicator());
        }
        assertThat(spread.label().classes()).isEqualTo(one.label().classes());
        assertThat(spread.task()).isEqualTo(one.task());
        assertThat(spread.label().mean()).isCloseTo(one.label().mean(), within(1e-12));
        assertThat(spread.label().scale()).isCloseTo(one.label().scale(), within(1e-12));
    }

    @Test
    void theExecutorsPrepareAndScoreAsOneMachineDoes() throws IOException {
        for (boolean regression : new boolean[] {false, true}) {
            Path csv = table(regression ? "regression.csv" : "classes.csv", regression);
            Recipe recipe = Recipe.builder().seed(4).inputs(new InputSettings(List.of(), List.of(),
                    Imputation.MEDIAN, true)).build();
            Plan one = new Estimator(recipe).plan(Table.readCsv(csv), "y", null, true);
            try (SparkPlan spread = SparkPlan.open(spark, csv.toString(), null, "y", recipe, () -> { })) {
                assertSame(spread.preprocessing(), one.preprocessing());
                assertThat(spread.trainRows()).isEqualTo(one.split().train().length);
                assertThat(spread.validationRows()).isEqualTo(one.split().validation().length);
                assertThat(spread.testRows()).isEqualTo(one.testRows().length);
                Evaluation here = Evaluation.of(one.network(), one.preprocessing(), one.table(), one.testRows());
                Evaluation there = spread.test(one.network());
                assertThat(there.summary()).isEqualTo(here.summary());
                assertThat(there.format()).isEqualTo(here.format());
            }
        }
    }

    @Test
    void aWordInANumericColumnIsNamedByItsLineAsOnOneMachine() throws IOException {
        Path csv = folder.resolve("word.csv");
        List<String> lines = new ArrayList<>(List.of("x,y"));
        for (int r = 0; r < 40; r++) {
            lines.add((r == 17 ? "seven" : Integer.toString(r)) + "," + (r % 2));
        }
        Files.write(csv, lines);
        String oneMachine = org.assertj.core.api.Assertions.catchThrowable(() -> new Estimator(Recipe.defaults())
                .plan(Table.readCsv(csv), "y", null, true)).getMessage();
        assertThat(oneMachine).contains("'seven'");
        assertThatThrownBy(() -> SparkPlan.open(spark, csv.toString(), null, "y", Recipe.defaults(), () -> { }).close())
                .isInstanceOf(IllegalArgumentException.class).hasMessage(oneMachine);
    }
}
