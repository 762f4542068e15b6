package org.nn4j.peers.djl;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.util.Iterator;
import org.nn4j.peers.Peer;
import org.nn4j.peers.PeerCommand;
import org.nn4j.peers.RandomRows;

/**
 * DJL with its PyTorch engine, as its users write it: a {@link SequentialBlock} of {@link Linear} blocks and ReLUs,
 * trained by a {@link Trainer} with softmax cross-entropy and SGD on an {@link ArrayDataset} (random sampling: each
 * batch gathered from shuffled rows), one {@code EasyTrain.trainBatch} and {@code trainer.step()} per batch; it
 * predicts through a {@link Predictor}. PyTorch's natives come from Maven (the platform's native jar), and the
 * launcher runs DJL offline, so nothing downloads at run time.
 */
public final class DjlPeer implements Peer {

    private final Model model = Model.newInstance("mlp");

    private DjlPeer() {
        SequentialBlock block = new SequentialBlock()
                .add(Linear.builder().setUnits(256).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(128).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(RandomRows.CLASSES).build());
        model.setBlock(block);
    }

    public static void main(String[] args) {
        // One thread, as every peer runs; PyTorch reads these when the engine starts.
        System.setProperty("ai.djl.pytorch.num_threads", "1");
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        PeerCommand.run(args, options -> new DjlPeer());
    }

    @Override
    public String library() {
        Engine engine = Engine.getInstance();
        return "DJL " + Engine.getDjlVersion() + " (" + engine.getEngineName() + " " + engine.getVersion() + ")";
    }

    @Override
    public Runnable trainer(int samples, int batch) {
        NDManager manager = model.getNDManager();
        NDArray x = manager.create(RandomRows.inputs(samples, 1), new Shape(samples, RandomRows.INPUTS));
        int[] labels = RandomRows.labels(samples, 1);
        float[] labelValues = new float[samples];
        for (int i = 0; i < samples; i++) {
            labelValues[i] = labels[i];
        }
        ArrayDataset dataset = new ArrayDataset.Builder()
                .setData(x)
                .optLabels(manager.create(labelValues))
                .setSampling(batch, true)
                .build();
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.01f)).build());
        Trainer trainer = model.newTrainer(config);
        trainer.initialize(new Shape(batch, RandomRows.INPUTS));
        return new Runnable() {
            private Iterator<Batch> batches = batches();

            @Override
            public void run() {
                if (!batches.hasNext()) {
                    batches = batches();
                }
                try (Batch next = batches.next()) {
                    EasyTrain.trainBatch(trainer, next);
                    trainer.step();
                }
            }

            private Iterator<Batch> batches() {
                try {
                    return trainer.iterateDataset(dataset).iterator();
                } catch (IOException | TranslateException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    @Override
    public Runnable predictor(int batch) {
        NDManager manager = model.getNDManager();
        model.getBlock().initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, RandomRows.INPUTS));
        NDList input = new NDList(manager.create(RandomRows.inputs(batch, 1), new Shape(batch, RandomRows.INPUTS)));
        Predictor<NDList, NDList> predictor = model.newPredictor(new NoopTranslator());
        return () -> {
            try {
                // The outputs as a Java caller reads them.
                predictor.predict(input).singletonOrThrow().toFloatArray();
            } catch (TranslateException e) {
                throw new IllegalStateException(e);
            }
        };
    }
}
