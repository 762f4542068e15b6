package org.nn4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nn4j.data.FeatureColumn;
import org.nn4j.data.Preprocessing;
import org.nn4j.data.Table;
import org.nn4j.nn.Activations;
import org.nn4j.nn.Initializers;
import org.nn4j.nn.Network;
import org.nn4j.optim.Adam;
import org.nn4j.random.RandomSource;
import org.nn4j.tensor.Precision;
import org.nn4j.train.TrainingLoop;
import org.nn4j.train.TrainingListener;

/** A DataFrame's preprocessing, computed by Spark, and training on it, against the same on one machine. */
class SparkDataTest {

    private static final Path IRIS = Path.of("..", "..", "shared", "data", "iris.csv");
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

    private static Dataset<Row> iris() {
        // Two partitions, so that the statistics and the shards are really spread.
        return spark.read().option("header", true).option("inferSchema", true).csv(IRIS.toString()).repartition(2);
    }

    @Test
    void theDistributedPreprocessingIsTheTablesOwn() throws Exception {
        Table table = Table.readCsv(IRIS);
        Preprocessing local = Preprocessing.fit(table, "species", null, table.allRows());
        Preprocessing spread = SparkData.fit(iris(), "species");
        assertThat(spread.task()).isEqualTo(local.task());
        assertThat(spread.label().classes()).isEqualTo(local.label().classes());
        assertThat(spread.features()).hasSameSizeAs(local.features());
        for (int f = 0; f < local.features().size(); f++) {
            FeatureColumn a = spread.features().get(f);
            FeatureColumn b = local.features().get(f);
            assertThat(a.name()).isEqualTo(b.name());
            assertThat(a.mean()).isCloseTo(b.mean(), within(1e-12));
            assertThat(a.scale()).isCloseTo(b.scale(), within(1e-12));
        }
    }

    @Test
    void trainingOnTheFrameEqualsTrainingOnItsRowsInOrder() {
        Dataset<Row> frame = spark.read().option("header", true).option("inferSchema", true).csv(IRIS.toString());
        Preprocessing prep = SparkData.fit(frame, "species");
        Network spread = Network.builder(4).precision(Precision.FLOAT64).dense(8, Activations.RELU)
                .dense(3, Activations.SOFTMAX)
                .build(Initializers.HE, RandomSource.seeded(3));
        Network single = spread.copy();
        try (SparkStep step = SparkStep.synchronous(spark, frame, prep)) {
            TrainingLoop.builder(prep.task(), new Adam(0.01)).batchSize(16).epochs(5).seed(2).build()
                    .fit(spread, step, null, TrainingListener.NONE);
        }
        Table table = Table.of("iris", java.util.List.of(frame.columns()), frame.collectAsList().stream()
                .map(r -> {
                    String[] cells = new String[r.size()];
                    for (int c = 0; c < cells.length; c++) {
                        cells[c] = String.valueOf(r.get(c));
                    }
                    return cells;
                }).toList());
        TrainingLoop.builder(prep.task(), new Adam(0.01)).batchSize(16).epochs(5).seed(2).build()
                .fit(single, prep.encode(table, table.allRows()), null, TrainingListener.NONE);
        for (int p = 0; p < single.parameters().size(); p++) {
            var a = spread.parameters().get(p).value();
            var b = single.parameters().get(p).value();
            for (int i = 0; i < a.size(); i++) {
                assertThat(a.get(i)).isCloseTo(b.get(i), within(1e-9 * Math.max(1, Math.abs(b.get(i)))));
            }
        }
    }

    @Test
    void aPartitionLargerThanOneEncodingChunkBecomesOneShardOfAllItsRows() {
        int rows = 2 * SparkData.ENCODE_CHUNK_ROWS + 5;
        Dataset<Row> frame = spark.range(rows).coalesce(1).select(
                org.apache.spark.sql.functions.col("id").divide(1000.0).as("x"),
                org.apache.spark.sql.functions.when(org.apache.spark.sql.functions.col("id").mod(3).equalTo(0), "a")
                        .otherwise("b").as("label"));
        Preprocessing prep = SparkData.fit(frame, "label");
        java.util.List<RowBlock> shards = SparkData.blocks(frame, prep).collect();
        assertThat(shards).hasSize(1);
        RowBlock shard = shards.get(0);
        assertThat(shard.size()).isEqualTo(rows);
        assertThat(shard.first()).isZero();
        String[][] cells = new String[rows][];
        for (int r = 0; r < rows; r++) {
            cells[r] = new String[] {Double.toString(r / 1000.0), r % 3 == 0 ? "a" : "b"};
        }
        Table table = Table.of("t", java.util.List.of("x", "label"), java.util.Arrays.asList(cells));
        org.nn4j.data.Dataset whole = prep.encode(table, table.allRows());
        int[] index = java.util.stream.IntStream.range(0, rows).toArray();
        assertThat(shard.fingerprint()).isEqualTo(new RowBlock(index, whole.inputs(), whole.targets()).fingerprint());
    }

    @Test
    void csvAndParquetPathsGiveTheSameTable(@org.junit.jupiter.api.io.TempDir Path folder) {
        Dataset<Row> csv = SparkData.read(spark, IRIS.toString());
        Path parquet = folder.resolve("iris.parquet");
        csv.write().parquet(parquet.toString());
        Dataset<Row> back = SparkData.read(spark, parquet.toString());
        assertThat(back.count()).isEqualTo(150);
        assertThat(back.columns()).containsExactly(csv.columns());
        Preprocessing a = SparkData.fit(csv, "species");
        Preprocessing b = SparkData.fit(back, "species");
        assertThat(b.label().classes()).isEqualTo(a.label().classes());
        for (int f = 0; f < a.features().size(); f++) {
            assertThat(b.features().get(f).mean()).isCloseTo(a.features().get(f).mean(), within(1e-12));
        }
    }

    @Test
    void aVectorColumnGivesOneInputPerElementAndTrainsAsTheSeparateColumnsDo() {
        Dataset<Row> columns = spark.read().option("header", true).option("inferSchema", true).csv(IRIS.toString());
        Dataset<Row> vectors = new org.apache.spark.ml.feature.VectorAssembler()
                .setInputCols(new String[] {"sepal_length", "sepal_width", "petal_length", "petal_width"})
                .setOutputCol("features").transform(columns).select("features", "species");
        Preprocessing byColumn = SparkData.fit(columns, "species");
        Preprocessing byVector = SparkData.fit(vectors, "species");
        assertThat(byVector.features()).extracting(FeatureColumn::name)
                .containsExactly("features[0]", "features[1]", "features[2]", "features[3]");
        for (int f = 0; f < 4; f++) {
            assertThat(byVector.features().get(f).mean()).isCloseTo(byColumn.features().get(f).mean(), within(1e-12));
            assertThat(byVector.features().get(f).scale()).isCloseTo(byColumn.features().get(f).scale(),
                    within(1e-12));
        }
        Network a = Network.builder(4).precision(Precision.FLOAT64).dense(6, Activations.TANH)
                .dense(3, Activations.SOFTMAX)
                .build(Initializers.XAVIER, RandomSource.seeded(4));
        Network b = a.copy();
        try (SparkStep step = SparkStep.synchronous(spark, columns, byColumn)) {
            TrainingLoop.builder(byColumn.task(), new Adam(0.02)).batchSize(20).epochs(3).seed(1).build()
                    .fit(a, step, null, TrainingListener.NONE);
        }
        try (SparkStep step = SparkStep.synchronous(spark, vectors, byVector)) {
            TrainingLoop.builder(byVector.task(), new Adam(0.02)).batchSize(20).epochs(3).seed(1).build()
                    .fit(b, step, null, TrainingListener.NONE);
        }
        for (int p = 0; p < a.parameters().size(); p++) {
            for (int i = 0; i < a.parameters().get(p).value().size(); i++) {
                assertThat(b.parameters().get(p).value().get(i))
                        .isCloseTo(a.parameters().get(p).value().get(i), within(1e-9));
            }
        }
        java.util.List<Row> scored = new ModelTransformer(new org.nn4j.io.SavedModel(b, java.util.Map.of(), byVector,
                java.util.Map.of())).transform(vectors).collectAsList();
        assertThat(scored).hasSize(150);
        assertThat(scored.get(0).getString(scored.get(0).fieldIndex("prediction"))).isNotBlank();
    }
}
