package org.nn4j.peers.dl4j;

import java.util.List;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nn4j.peers.Peer;
import org.nn4j.peers.PeerCommand;
import org.nn4j.peers.RandomRows;

/**
 * Deeplearning4j on ND4J's CPU backend, as its users write it: a {@link MultiLayerNetwork} of two
 * {@link DenseLayer}s and a softmax {@link OutputLayer} with multi-class cross-entropy, SGD, trained batch by batch
 * from a {@link DataSetIterator} over the shuffled rows cut into batches once (contiguous batches, the cheapest way
 * to feed it from memory); it predicts with {@code output}. One thread: the launcher sets {@code OMP_NUM_THREADS=1}.
 */
public final class Dl4jPeer implements Peer {

    private final MultiLayerNetwork network;

    private Dl4jPeer() {
        MultiLayerConfiguration configuration = new NeuralNetConfiguration.Builder()
                .seed(1)
                .dataType(DataType.FLOAT)
                .updater(new Sgd(0.01))
                .list()
                .layer(new DenseLayer.Builder().nIn(RandomRows.INPUTS).nOut(256).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(256).nOut(128).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(128).nOut(RandomRows.CLASSES).activation(Activation.SOFTMAX).build())
                .build();
        network = new MultiLayerNetwork(configuration);
        network.init();
    }

    public static void main(String[] args) {
        PeerCommand.run(args, options -> new Dl4jPeer());
    }

    @Override
    public String library() {
        return "Deeplearning4j 1.0.0-M2.1";
    }

    @Override
    public Runnable trainer(int samples, int batch) {
        INDArray features = Nd4j.create(RandomRows.inputs(samples, 1), new long[] {samples, RandomRows.INPUTS}, 'c');
        INDArray labels = Nd4j.zeros(DataType.FLOAT, samples, RandomRows.CLASSES);
        int[] classes = RandomRows.labels(samples, 1);
        for (int i = 0; i < samples; i++) {
            labels.putScalar(i, classes[i], 1.0);
        }
        DataSet all = new DataSet(features, labels);
        all.shuffle(1);
        List<DataSet> batches = all.batchBy(batch);
        DataSetIterator iterator = new ExistingDataSetIterator(batches);
        return () -> {
            if (!iterator.hasNext()) {
                iterator.reset();
            }
            network.fit(iterator.next());
        };
    }

    @Override
    public Runnable predictor(int batch) {
        INDArray x = Nd4j.create(RandomRows.inputs(batch, 1), new long[] {batch, RandomRows.INPUTS}, 'c');
        // The outputs as a Java caller reads them.
        return () -> network.output(x).toFloatMatrix();
    }
}
