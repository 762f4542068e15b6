package org.nn4j.onnx;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nn4j.data.FeatureColumn;
import org.nn4j.data.Preprocessing;
import org.nn4j.io.AtomicFile;
import org.nn4j.io.SavedModel;
import org.nn4j.metrics.Task;
import org.nn4j.nn.Activation;
import org.nn4j.nn.Dense;
import org.nn4j.nn.LeakyRelu;
import org.nn4j.nn.Network;
import org.nn4j.onnx.proto.Onnx.AttributeProto;
import org.nn4j.onnx.proto.Onnx.GraphProto;
import org.nn4j.onnx.proto.Onnx.ModelProto;
import org.nn4j.onnx.proto.Onnx.NodeProto;
import org.nn4j.onnx.proto.Onnx.OperatorSetIdProto;
import org.nn4j.onnx.proto.Onnx.StringStringEntryProto;
import org.nn4j.onnx.proto.Onnx.TensorProto;
import org.nn4j.onnx.proto.Onnx.TensorShapeProto;
import org.nn4j.onnx.proto.Onnx.TypeProto;
import org.nn4j.onnx.proto.Onnx.ValueInfoProto;
import org.nn4j.tensor.Matrix;
import org.nn4j.tensor.Precision;

/**
 * Writes an nn4j model as an ONNX graph (opset {@value #OPSET}), so that ONNX Runtime or any other ONNX reader
 * runs it. The graph:
 * <ul>
 *   <li>takes one input, {@value #INPUT} of shape [batch, features], where batch is any size: raw feature
 *       values for a model trained on a table (categorical columns one-hot encoded, in the order the model's
 *       {@code categories} list them), the network's inputs otherwise;</li>
 *   <li>fills missing numbers, given as NaN, with the values saved in the model ({@code IsNaN}, {@code Where}) and
 *       standardises the numeric columns with the statistics saved in the model ({@code Sub}, {@code Div}); a
 *       categorical gap is the input {@code column=(missing)}, a category like the others;</li>
 *   <li>appends the missing indicators the model was trained with, 1 where a number was NaN ({@code Gather},
 *       {@code Cast}, {@code Concat}), so that the graph's input has one column per value, never per indicator;</li>
 *   <li>computes each dense layer as {@code MatMul} + {@code Add} followed by its activation ({@code Relu},
 *       {@code LeakyRelu}, {@code Sigmoid}, {@code Tanh}, {@code Softmax} over the last axis; identity adds
 *       nothing);</li>
 *   <li>for regression, maps the output back to the label's units ({@code Mul}, {@code Add});</li>
 *   <li>gives one output, {@value #OUTPUT} of shape [batch, outputs]: class probabilities, the value, or the
 *       network's outputs.</li>
 * </ul>
 * Tensors are float32 for a float32 model and float64 (ONNX's DOUBLE) for a float64 one. The model's metadata
 * properties name the feature columns, the classes and the task.
 */
public final class OnnxExport {

    public static final int OPSET = 13;
    /** The ONNX IR version that goes with opset 13. */
    public static final int IR_VERSION = 7;
    public static final String INPUT = "input";
    public static final String OUTPUT = "output";

    private final GraphProto.Builder graph = GraphProto.newBuilder().setName("nn4j");
    private final int elementType;
    private final Precision precision;
    private int nodes;

    private OnnxExport(Precision precision) {
        this.precision = precision;
        this.elementType = precision == Precision.FLOAT32 ? TensorProto.DataType.FLOAT_VALUE
                : TensorProto.DataType.DOUBLE_VALUE;
    }

    /** The ONNX model for {@code model}. */
    public static ModelProto toOnnx(SavedModel model) {
        Network network = model.network();
        OnnxExport export = new OnnxExport(network.precision());
        String current = INPUT;
        Preprocessing prep = model.preprocessing();
        int inputs = network.inputs();
        if (prep != null) {
            inputs = inputColumns(prep).size();
            current = export.prepare(current, prep);
        }
        for (Dense layer : network.layers()) {
            current = export.dense(current, layer);
        }
        if (prep != null && prep.task() == Task.REGRESSION) {
            current = export.binary("Mul", current, export.constant("label_scale", new double[] {prep.label().scale()}));
            current = export.binary("Add", current, export.constant("label_mean", new double[] {prep.label().mean()}));
        }
        export.renameLastOutput(current);
        export.graph.addInput(export.valueInfo(INPUT, inputs, "One sample per row: " + inputDescription(network, prep)));
        export.graph.addOutput(export.valueInfo(OUTPUT, network.outputs(), outputDescription(prep)));

        ModelProto.Builder onnx = ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName("nn4j")
                .setProducerVersion("0.1.0")
                .setDocString("nn4j network " + network.describe())
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(export.graph);
        metadata(onnx, "nn4j.architecture", network.describe());
        if (prep != null) {
            metadata(onnx, "nn4j.task", prep.task().id());
            metadata(onnx, "nn4j.label", prep.label().name());
            metadata(onnx, "nn4j.features", String.join(",", inputColumns(prep)));
            if (prep.task().isClassification()) {
                metadata(onnx, "nn4j.classes", String.join(",", prep.label().classes()));
            }
        }
        for (Map.Entry<String, String> e : model.training().entrySet()) {
            metadata(onnx, "nn4j.training." + e.getKey(), e.getValue());
        }
        return onnx.build();
    }

    /** Writes the ONNX model to {@code file} atomically (an existing file is replaced whole or not at all). */
    public static void write(SavedModel model, Path file) throws IOException {
        AtomicFile.write(file, toOnnx(model).toByteArray(), "ONNX file");
    }

    /** The network's inputs from the graph's: gaps filled, numbers standardised, missing indicators appended. */
    private String prepare(String input, Preprocessing prep) {
        List<Double> fills = new ArrayList<>();
        List<Double> means = new ArrayList<>();
        List<Double> scales = new ArrayList<>();
        List<Long> flagged = new ArrayList<>();
        for (FeatureColumn f : prep.features()) {
            if (f.indicator()) {
                flagged.add((long) means.size());
            }
            for (int i = 0; i < f.width(); i++) {
                // A one-hot input is passed through: fill 0, mean 0 and scale 1 for categorical columns.
                fills.add(f.isCategorical() ? 0.0 : f.fill());
                means.add(f.mean());
                scales.add(f.scale());
            }
        }
        String filled = input;
        String missing = null;
        if (!prep.allCategorical()) {
            missing = node("IsNaN", List.of(input), List.of());
            filled = node("Where", List.of(missing, constant("input_fill", unbox(fills)), input), List.of());
        }
        String centred = binary("Sub", filled, constant("input_mean", unbox(means)));
        String standardised = binary("Div", centred, constant("input_scale", unbox(scales)));
        if (flagged.isEmpty()) {
            return standardised;
        }
        String picked = node("Gather", List.of(missing, indices("indicator_columns", flagged)),
                List.of(intAttribute("axis", 1)));
        String indicators = node("Cast", List.of(picked), List.of(intAttribute("to", elementType)));
        return node("Concat", List.of(standardised, indicators), List.of(intAttribute("axis", 1)));
    }

    private static AttributeProto intAttribute(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    private String indices(String name, List<Long> values) {
        ByteBuffer raw = ByteBuffer.allocate(values.size() * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        values.forEach(raw::putLong);
        raw.flip();
        graph.addInitializer(TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64_VALUE)
                .addDims(values.size()).setRawData(ByteString.copyFrom(raw)));
        return name;
    }

    private String dense(String input, Dense layer) {
        String prefix = "layers." + layerIndex(layer);
        Matrix w = layer.weight().value();
        String weight = initializer(prefix + ".weight", new long[] {w.rows(), w.cols()}, w.toArray());
        String bias = initializer(prefix + ".bias", new long[] {layer.units()}, layer.bias().value().toArray());
        String linear = binary("Add", binary("MatMul", input, weight), bias);
        return activation(linear, layer.activation());
    }

    private int layerIndex(Dense layer) {
        // Layer names come from the parameters, "layers.K.weight".
        String name = layer.weight().name();
        return Integer.parseInt(name.substring("layers.".length(), name.indexOf('.', "layers.".length())));
    }

    private String activation(String input, Activation activation) {
        String name = activation.name();
        if (name.equals("identity")) {
            return input;
        }
        if (activation instanceof LeakyRelu leaky) {
            if (precision == Precision.FLOAT32) {
                return node("LeakyRelu", List.of(input), List.of(AttributeProto.newBuilder().setName("alpha")
                        .setType(AttributeProto.AttributeType.FLOAT).setF((float) leaky.slope()).build()));
            }
            // LeakyRelu's slope is a float attribute, and ONNX Runtime has no float64 LeakyRelu. max(z, slope·z)
            // (min for a slope above 1) is the same function, computed with the exact float64 slope.
            String scaled = binary("Mul", input, constant(nextName("slope"), new double[] {leaky.slope()}));
            return binary(leaky.slope() <= 1 ? "Max" : "Min", input, scaled);
        }
        return switch (name) {
            case "relu" -> node("Relu", List.of(input), List.of());
            case "sigmoid" -> node("Sigmoid", List.of(input), List.of());
            case "tanh" -> node("Tanh", List.of(input), List.of());
            case "softmax" -> node("Softmax", List.of(input), List.of(AttributeProto.newBuilder().setName("axis")
                    .setType(AttributeProto.AttributeType.INT).setI(-1).build()));
            default -> throw new IllegalArgumentException("The activation '" + name + "' has no ONNX export");
        };
    }

    private String nextName(String stem) {
        return stem + "_" + nodes;
    }

    private String binary(String op, String a, String b) {
        return node(op, List.of(a, b), List.of());
    }

    private String node(String op, List<String> inputs, List<AttributeProto> attributes) {
        String output = op.toLowerCase() + "_" + nodes++;
        graph.addNode(NodeProto.newBuilder().setOpType(op).setName(output).addAllInput(inputs).addOutput(output)
                .addAllAttribute(attributes));
        return output;
    }

    /** The last node writes the graph's output. */
    private void renameLastOutput(String current) {
        NodeProto.Builder last = graph.getNodeBuilder(graph.getNodeCount() - 1);
        if (!last.getOutput(0).equals(current)) {
            throw new IllegalStateException("The last node does not give the result");
        }
        last.setOutput(0, OUTPUT);
    }

    private String constant(String name, double[] values) {
        return initializer(name, new long[] {values.length}, values);
    }

    private String initializer(String name, long[] dims, double[] values) {
        boolean f32 = precision == Precision.FLOAT32;
        ByteBuffer raw = ByteBuffer.allocate(values.length * (f32 ? 4 : 8)).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            if (f32) {
                raw.putFloat((float) v);
            } else {
                raw.putDouble(v);
            }
        }
        raw.flip();
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(name).setDataType(elementType)
                .setRawData(ByteString.copyFrom(raw));
        for (long d : dims) {
            tensor.addDims(d);
        }
        graph.addInitializer(tensor);
        return name;
    }

    private ValueInfoProto valueInfo(String name, int columns, String doc) {
        TensorShapeProto shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(columns))
                .build();
        return ValueInfoProto.newBuilder().setName(name).setDocString(doc)
                .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                        .setElemType(elementType).setShape(shape)))
                .build();
    }

    private static void metadata(ModelProto.Builder onnx, String key, String value) {
        onnx.addMetadataProps(StringStringEntryProto.newBuilder().setKey(key).setValue(value));
    }

    /** The graph's input columns in order: numeric columns by name, categorical ones as {@code column=category}. */
    public static List<String> inputColumns(Preprocessing prep) {
        List<String> columns = new ArrayList<>();
        for (FeatureColumn f : prep.features()) {
            if (f.isCategorical()) {
                for (String category : f.categories()) {
                    columns.add(f.name() + "=" + FeatureColumn.display(category));
                }
            } else {
                columns.add(f.name());
            }
        }
        return columns;
    }

    private static String inputDescription(Network network, Preprocessing prep) {
        if (prep == null) {
            return network.inputs() + " inputs, as the network takes them";
        }
        return "raw values of " + String.join(", ", inputColumns(prep))
                + (prep.allNumeric() ? "" : " (a column=category input is 1 for that category, else 0)")
                + (prep.allCategorical() ? "" : "; NaN for a missing number");
    }

    private static String outputDescription(Preprocessing prep) {
        if (prep == null) {
            return "the network's outputs";
        }
        return switch (prep.task()) {
            case BINARY -> "the probability of class '" + prep.label().classes().get(1) + "'";
            case MULTICLASS -> "the probability of each class: " + String.join(", ", prep.label().classes());
            case REGRESSION -> "the predicted '" + prep.label().name() + "', in its own units";
        };
    }

    private static double[] unbox(List<Double> values) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }
}
