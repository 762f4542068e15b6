package org.nn4j.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.nn4j.data.FeatureColumn;
import org.nn4j.data.Preprocessing;
import org.nn4j.io.ModelFile;
import org.nn4j.io.SavedModel;
import org.nn4j.predict.Model;
import org.nn4j.predict.Prediction;

/**
 * A Spark ML transformer that scores a DataFrame with an nn4j model trained on a table: it reads the model's
 * feature columns by name and adds {@code prediction} (the class name, or the value in the label's units) and, for
 * a classifier, {@code probability}, exactly as {@code nn4j predict} answers; a null cell is a missing value,
 * filled as the model was trained to. The model travels to the executors as its model-file bytes.
 */
public final class ModelTransformer extends Transformer {

    private static final long serialVersionUID = 1L;

    private final String uid;
    private final byte[] modelBytes;
    private final String prediction;
    private final String probability;

    public ModelTransformer(SavedModel model) {
        this(ModelFile.toBytes(model), "nn4j_" + UUID.randomUUID());
        if (model.preprocessing() == null) {
            throw new IllegalArgumentException("Scoring a DataFrame needs a model trained on a table (with named"
                    + " columns); this one takes plain numbers");
        }
    }

    private ModelTransformer(byte[] modelBytes, String uid) {
        this.modelBytes = modelBytes;
        this.uid = uid;
        this.prediction = "prediction";
        this.probability = "probability";
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        Preprocessing prep = ModelFile.fromBytes(modelBytes).preprocessing();
        List<String> names = List.of(schema.fieldNames());
        List<String> missing = new ArrayList<>();
        for (FeatureColumn f : prep.features()) {
            String vector = vectorColumn(f.name());
            if (!names.contains(f.name()) && (vector == null || !names.contains(vector))) {
                missing.add(f.name());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("The DataFrame lacks the model's columns " + String.join(", ", missing)
                    + " (it has " + String.join(", ", names) + ")");
        }
        StructType out = schema.add(prediction, prep.task().isClassification() ? DataTypes.StringType
                : DataTypes.DoubleType, false);
        return prep.task().isClassification() ? out.add(probability, DataTypes.DoubleType, false) : out;
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType schema = transformSchema(dataset.schema());
        String[] columns = dataset.schema().fieldNames();
        byte[] bytes = modelBytes;
        JavaRDD<Row> scored = dataset.toDF().javaRDD().mapPartitions(rows -> score(bytes, columns, rows));
        return dataset.sparkSession().createDataFrame(scored, schema);
    }

    /** One partition: the model is rebuilt once, then each row is answered from its cells by column name. */
    private static Iterator<Row> score(byte[] bytes, String[] columns, Iterator<Row> rows) {
        SavedModel saved = ModelFile.fromBytes(bytes);
        Model model = Model.of(saved);
        boolean classifier = saved.preprocessing().task().isClassification();
        List<Row> out = new ArrayList<>();
        while (rows.hasNext()) {
            Row row = rows.next();
            Map<String, Object> cells = new LinkedHashMap<>();
            for (FeatureColumn f : saved.preprocessing().features()) {
                String vector = vectorColumn(f.name());
                Object v = vector != null && !Arrays.asList(columns).contains(f.name())
                        ? ((org.apache.spark.ml.linalg.Vector) row.get(row.fieldIndex(vector))).apply(element(f.name()))
                        : row.get(row.fieldIndex(f.name()));
                cells.put(f.name(), v);
            }
            Prediction p = model.answer(cells);
            Object[] values = new Object[columns.length + (classifier ? 2 : 1)];
            for (int i = 0; i < columns.length; i++) {
                values[i] = row.get(i);
            }
            values[columns.length] = classifier ? p.className() : p.value();
            if (classifier) {
                values[columns.length + 1] = p.probability();
            }
            out.add(RowFactory.create(values));
        }
        return out.iterator();
    }

    /** For a feature named like {@code features[3]} (an element of a vector column), the column's name. */
    private static String vectorColumn(String feature) {
        int open = feature.lastIndexOf('[');
        return open > 0 && feature.endsWith("]") ? feature.substring(0, open) : null;
    }

    private static int element(String feature) {
        return Integer.parseInt(feature.substring(feature.lastIndexOf('[') + 1, feature.length() - 1));
    }

    @Override
    public Transformer copy(ParamMap extra) {
        return new ModelTransformer(modelBytes, uid);
    }
}
