package org.nn4j.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.nn4j.data.Preprocessing;
import org.nn4j.data.Split;
import org.nn4j.data.Table;
import org.nn4j.metrics.Evaluation;
import org.nn4j.metrics.Task;
import org.nn4j.nn.Network;
import org.nn4j.recipe.ClusterPlan;
import org.nn4j.recipe.Estimator;
import org.nn4j.recipe.Recipe;
import org.nn4j.train.GradientStep;
import org.nn4j.train.TrainingSettings;
import org.nn4j.train.Validation;

/**
 * {@code nn4j train --spark}'s plan: the table read, split and measured on the executors ({@link SparkTable},
 * {@link SparkFitting}); the training and validation rows encoded there once and kept there ({@link SparkRows}), the
 * test rows scored there ({@link SparkEvaluation}). Tables under {@value Estimator#TINY_TABLE} rows are not split:
 * every row serves for training, validation and test, as on one machine.
 */
final class SparkPlan implements ClusterPlan {

    private final SparkSession spark;
    private final Recipe recipe;
    private final SparkTable table;
    private final SparkTable testTable;
    private final SparkFitting.Result fitted;
    private final boolean tiny;
    private final List<SparkRows> opened = new ArrayList<>();
    private final Runnable release;
    private Long separateTestRows;

    private SparkPlan(SparkSession spark, Recipe recipe, SparkTable table, SparkTable testTable,
            SparkFitting.Result fitted, boolean tiny, Runnable release) {
        this.spark = spark;
        this.release = release;
        this.recipe = recipe;
        this.table = table;
        this.testTable = testTable;
        this.fitted = fitted;
        this.tiny = tiny;
    }

    /**
     * Reads {@code path} (and {@code testPath}, may be null) on the executors and fits the recipe's preprocessing;
     * closing the plan releases its rows, then runs {@code release} (which stops Spark when the plan started it).
     */
    static SparkPlan open(SparkSession spark, String path, String testPath, String label, Recipe recipe,
            Runnable release) {
        double testFraction = testPath != null ? 0 : recipe.testFraction();
        SparkTable table = SparkTable.read(spark, path, testFraction, recipe.validationFraction(), recipe.seed());
        Task task = recipe.task().equalsIgnoreCase("auto") ? null : Task.byName(recipe.task().toLowerCase(java.util.Locale.ROOT));
        SparkFitting.Result split = SparkErrors.unwrapped(() -> SparkFitting.fit(table, label, task,
                recipe.inputs(), false));
        boolean tiny = split.rows() < Estimator.TINY_TABLE;
        SparkFitting.Result fitted = tiny ? SparkErrors.unwrapped(() -> SparkFitting.fit(table, label, task,
                recipe.inputs(), true)) : split;
        SparkTable testTable = testPath != null ? SparkTable.read(spark, testPath, 0, 0, recipe.seed()) : null;
        return new SparkPlan(spark, recipe, table, testTable, fitted, tiny, release);
    }

    @Override
    public Recipe recipe() {
        return recipe;
    }

    @Override
    public String source() {
        return table.source;
    }

    @Override
    public Preprocessing preprocessing() {
        return fitted.preprocessing();
    }

    @Override
    public boolean taskInferred() {
        return fitted.taskInferred();
    }

    @Override
    public int columns() {
        return table.columns.size();
    }

    @Override
    public long rows() {
        return fitted.rows();
    }

    @Override
    public long trainRows() {
        return tiny ? rows() : fitted.parts()[Split.TRAIN];
    }

    @Override
    public long validationRows() {
        return tiny ? rows() : fitted.parts()[Split.VALIDATION];
    }

    @Override
    public long testRows() {
        if (testTable != null && separateTestRows == null) {
            separateTestRows = testTable.rows.count();
        }
        return testTable != null ? separateTestRows : tiny ? rows() : fitted.parts()[Split.TEST];
    }

    @Override
    public long[] classCounts() {
        return fitted.classCounts().clone();
    }

    @Override
    public Table sample(int rows) {
        List<String[]> cells = new ArrayList<>();
        for (TableRow row : part(Split.TRAIN).take(rows)) {
            cells.add(row.cells());
        }
        return Table.of(table.source, table.columns, cells);
    }

    @Override
    public GradientStep step(TrainingSettings settings) {
        SparkRows rows = rows(Split.TRAIN, settings);
        return SparkStep.synchronous(rows);
    }

    @Override
    public Validation validation(TrainingSettings settings) {
        if (validationRows() == 0) {
            return null;
        }
        return rows(Split.VALIDATION, settings)::measure;
    }

    @Override
    public Evaluation test(Network network) {
        if (testRows() == 0) {
            return Evaluation.none();
        }
        JavaRDD<TableRow> rows = testTable != null ? testTable.rows : part(Split.TEST);
        return SparkErrors.unwrapped(() -> SparkEvaluation.of(network, preprocessing(), rows,
                testTable != null ? testTable.source : table.source, testTable != null ? testTable.columns
                        : table.columns));
    }

    @Override
    public void close() {
        try {
            for (SparkRows rows : opened) {
                rows.close();
            }
        } catch (RuntimeException e) {
            // A failed cleanup must not hide why training ended; Spark is stopped regardless.
        } finally {
            release.run();
        }
    }

    /** The rows of a part, all rows of a tiny table. */
    private JavaRDD<TableRow> part(int part) {
        return tiny ? table.rows : table.part(part);
    }

    /**
     * A part's rows encoded on the executors into {@link RowBlock}s and kept there, numbered from 0 in table order
     * among the rows of that part, as one machine numbers its training rows.
     */
    private SparkRows rows(int part, TrainingSettings settings) {
        String saved = TableChunks.saved(preprocessing());
        String source = table.source;
        List<String> columns = table.columns;
        long[] offsets = fitted.counts().offsets(part, table.partitions());
        boolean all = tiny;
        JavaRDD<RowBlock> blocks = table.rows.mapPartitionsWithIndex((p, rows) -> {
            Iterator<TableRow> numbered = all ? rows : TableChunks.ofPart(rows, part, offsets[p]);
            return TableChunks.map(numbered, source, columns, chunk -> {
                var encoded = TableChunks.preprocessing(saved).encode(chunk.table(), chunk.table().allRows());
                return new RowBlock(chunk.index(), encoded.inputs(), encoded.targets());
            });
        }, true);
        SparkRows rows = SparkErrors.unwrapped(() -> SparkRows.of(JavaSparkContext.fromSparkContext(
                spark.sparkContext()), blocks, settings.task(), settings.classWeights()));
        opened.add(rows);
        return rows;
    }
}
