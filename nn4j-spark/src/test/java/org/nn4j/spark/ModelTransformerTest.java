package org.nn4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.data.Imputation;
import org.nn4j.data.InputSettings;
import org.nn4j.data.MemoryLimits;
import org.nn4j.data.Preprocessing;
import org.nn4j.data.Table;
import org.nn4j.io.ModelFile;
import org.nn4j.io.SavedModel;
import org.nn4j.nn.Activations;
import org.nn4j.nn.Initializers;
import org.nn4j.nn.Network;
import org.nn4j.random.RandomSource;
import org.nn4j.tensor.Matrix;

/** The transformer scores a DataFrame exactly as {@code nn4j predict} scores the same rows of a CSV file. */
class ModelTransformerTest {

    private static final Path IRIS = Path.of("..", "..", "shared", "data", "iris.csv");
    private static final Path MODEL = Path.of("..", "interop", "fixtures", "iris.nn4j");
    private static SparkSession spark;

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

    @Test
    void scoresADataFrameAsPredictScoresTheCsv() throws Exception {
        SavedModel saved = ModelFile.read(MODEL);
        Dataset<Row> frame = spark.read().option("header", true).option("inferSchema", true).csv(IRIS.toString());
        List<Row> scored = new ModelTransformer(saved).transform(frame).collectAsList();
        assertThat(scored).hasSize(150);

        // nn4j predict's own path: the CSV's cells encoded by the saved preprocessing, then the network.
        Table table = Table.readCsv(IRIS);
        Preprocessing prep = saved.preprocessing();
        Matrix outputs = saved.network().predict(prep.encodeInputs(table, table.allRows()));
        for (int r = 0; r < 150; r++) {
            int k = prep.task().predictedClass(outputs, r);
            Row row = scored.get(r);
            assertThat(row.getString(row.fieldIndex("prediction"))).isEqualTo(prep.label().classes().get(k));
            assertThat(row.getDouble(row.fieldIndex("probability"))).isEqualTo(prep.task().probability(outputs, r, k));
            assertThat(row.getString(row.fieldIndex("species"))).isEqualTo(table.cell(r, 4));
        }
    }

    @Test
    void fillsGapsAsPredictDoesAndIgnoresLeftOutColumns(@TempDir Path folder) throws Exception {
        StringBuilder csv = new StringBuilder("id,x,colour,z,label\n");
        for (int i = 0; i < 30; i++) {
            csv.append(i).append(',').append(i % 4 == 0 ? "" : Double.toString(i % 9 - 4.0)).append(',')
                    .append(i % 5 == 0 ? "" : i % 2 == 0 ? "red" : "blue").append(',')
                    .append(i % 6 == 0 ? "" : Double.toString(i / 10.0)).append(',').append(i % 3 == 0 ? "a" : "b")
                    .append('\n');
        }
        Path file = folder.resolve("gaps.csv");
        Files.writeString(file, csv);
        Table table = Table.readCsv(file);
        Preprocessing prep = Preprocessing.fit(table, "label", null, table.allRows(), MemoryLimits.ofThisJvm(),
                new InputSettings(List.of(), List.of("id"), Imputation.MEAN, true));
        Network network = Network.builder(prep.inputs()).dense(4, Activations.TANH).dense(1, Activations.SIGMOID)
                .build(Initializers.XAVIER, RandomSource.seeded(3));
        SavedModel saved = new SavedModel(network, Map.of(), prep, Map.of());

        // Spark reads an empty cell as null.
        Dataset<Row> frame = spark.read().option("header", true).option("inferSchema", true).csv(file.toString());
        List<Row> scored = new ModelTransformer(saved).transform(frame).collectAsList();
        Matrix outputs = network.predict(prep.encodeInputs(table, table.allRows()));
        for (int r = 0; r < 30; r++) {
            int k = prep.task().predictedClass(outputs, r);
            assertThat(scored.get(r).getDouble(scored.get(r).fieldIndex("probability")))
                    .isEqualTo(prep.task().probability(outputs, r, k));
        }
    }

    @Test
    void aFrameWithoutTheModelsColumnsIsRefusedByName() throws Exception {
        SavedModel saved = ModelFile.read(MODEL);
        Dataset<Row> frame = spark.read().option("header", true).option("inferSchema", true).csv(IRIS.toString())
                .drop("petal_width");
        assertThatThrownBy(() -> new ModelTransformer(saved).transform(frame))
                .hasMessageContaining("lacks the model's columns petal_width");
    }
}
