package org.nn4j.peers.nn4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.nn4j.io.SavedModel;
import org.nn4j.nn.Activations;
import org.nn4j.nn.Initializers;
import org.nn4j.nn.Network;
import org.nn4j.onnx.OnnxExport;
import org.nn4j.peers.Peer;
import org.nn4j.peers.PeerCommand;
import org.nn4j.peers.RandomRows;
import org.nn4j.random.SplitMix64;
import org.nn4j.tensor.Matrix;
import org.nn4j.tensor.Precision;

/**
 * nn4j measured as the Java peers are, for the start to the first prediction and the runtime's size (its speed is
 * {@code nn4j bench}'s); and {@code export-onnx FILE}, which writes the same network as the ONNX file the ONNX
 * Runtime peer runs.
 */
public final class Nn4jPeer implements Peer {

    private final Network network = network();

    public static void main(String[] args) throws IOException {
        if (args.length == 2 && args[0].equals("export-onnx")) {
            OnnxExport.write(new SavedModel(network(), Map.of()), Path.of(args[1]));
            return;
        }
        PeerCommand.run(args, options -> new Nn4jPeer());
    }

    private static Network network() {
        return Network.builder(RandomRows.INPUTS)
                .dense(256, Activations.RELU)
                .dense(128, Activations.RELU)
                .dense(RandomRows.CLASSES, Activations.SOFTMAX)
                .precision(Precision.FLOAT32)
                .build(Initializers.HE, SplitMix64.seeded(1));
    }

    @Override
    public String library() {
        return "nn4j";
    }

    @Override
    public Runnable trainer(int samples, int batch) {
        throw new UnsupportedOperationException("nn4j's training speed is measured by `nn4j bench`, not here");
    }

    @Override
    public Runnable predictor(int batch) {
        float[] values = RandomRows.inputs(batch, 1);
        Matrix x = Matrix.zeros(batch, RandomRows.INPUTS, Precision.FLOAT32);
        for (int i = 0; i < values.length; i++) {
            x.set(i, values[i]);
        }
        return () -> network.predict(x);
    }
}
