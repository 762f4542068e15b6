package org.nn4j.examples;

import java.nio.file.Path;
import java.util.Map;
import org.nn4j.data.Dataset;
import org.nn4j.io.ModelFile;
import org.nn4j.metrics.Task;
import org.nn4j.nn.Activations;
import org.nn4j.nn.Initializers;
import org.nn4j.nn.Network;
import org.nn4j.optim.Sgd;
import org.nn4j.random.RandomSource;
import org.nn4j.tensor.Matrix;
import org.nn4j.train.FitResult;
import org.nn4j.train.TrainingLoop;
import org.nn4j.train.TrainingListener;

/**
 * Trains a 2-8-1 network on XOR with backpropagation and saves it.
 *
 * <pre>java -cp … org.nn4j.examples.TrainXor [MODEL_FILE]</pre>
 */
public final class TrainXor {

    private TrainXor() {
    }

    public static void main(String[] args) throws Exception {
        Matrix inputs = Matrix.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        Matrix targets = Matrix.of(new double[][] {{0}, {1}, {1}, {0}});
        Dataset xor = new Dataset("xor", inputs, targets);

        Network network = Network.builder(2)
                .dense(8, Activations.RELU)
                .dense(1, Activations.SIGMOID)
                .build(Initializers.HE, RandomSource.seeded(1));

        TrainingLoop trainer = TrainingLoop.builder(Task.BINARY, new Sgd(0.5))
                .batchSize(4).epochs(500).seed(1)
                .build();
        FitResult result = trainer.fit(network, xor, null, TrainingListener.NONE);
        System.out.printf("Trained %d epochs%n", result.epochs());

        for (double[] x : inputs.toRows()) {
            System.out.printf("%.0f XOR %.0f -> %.3f%n", x[0], x[1], network.predict(x)[0]);
        }
        Path file = Path.of(args.length > 0 ? args[0] : "xor.nn4j");
        ModelFile.write(network, Map.of("example", "TrainXor"), file);
        System.out.println("Saved " + file);
    }
}
