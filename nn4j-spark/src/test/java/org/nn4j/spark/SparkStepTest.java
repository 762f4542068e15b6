package org.nn4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nn4j.data.Dataset;
import org.nn4j.metrics.Task;
import org.nn4j.nn.Activations;
import org.nn4j.nn.ClassWeights;
import org.nn4j.nn.Initializers;
import org.nn4j.nn.Network;
import org.nn4j.optim.Adam;
import org.nn4j.optim.Optimizer;
import org.nn4j.optim.Sgd;
import org.nn4j.random.RandomSource;
import org.nn4j.tensor.Matrix;
import org.nn4j.tensor.Precision;
import org.nn4j.train.FitResult;
import org.nn4j.train.TrainingLoop;
import org.nn4j.train.TrainingListener;

/** The one training loop over Spark steps in local[2] mode equals single-machine training up to summation order. */
class SparkStepTest {

    private static JavaSparkContext spark;

    @BeforeAll
    static void startSpark() {
        spark = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("nn4j-test")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1"));
        spark.setLogLevel("WARN");
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    /** 300 rows, 3 classes by the signs of two of 5 inputs. */
    private static Dataset data() {
        RandomSource random = RandomSource.seeded(11);
        Matrix x = Matrix.zeros(300, 5);
        Matrix y = Matrix.zeros(300, 3);
        for (int r = 0; r < 300; r++) {
            for (int c = 0; c < 5; c++) {
                x.set(r, c, random.nextGaussian());
            }
            y.set(r, x.get(r, 0) > 0 ? (x.get(r, 1) > 0 ? 0 : 1) : 2, 1.0);
        }
        return new Dataset("signs", x, y);
    }

    private static Network network() {
        // float64, for which the 1e-9 agreement with one machine below was set.
        return Network.builder(5).precision(Precision.FLOAT64).dense(16, Activations.TANH).dense(3, Activations.SOFTMAX)
                .build(Initializers.XAVIER, RandomSource.seeded(12));
    }

    private static double worstRelativeDifference(Network a, Network b) {
        double worst = 0;
        for (int p = 0; p < a.parameters().size(); p++) {
            Matrix x = a.parameters().get(p).value();
            Matrix y = b.parameters().get(p).value();
            for (int i = 0; i < x.size(); i++) {
                worst = Math.max(worst, Math.abs(x.get(i) - y.get(i)) / Math.max(Math.abs(y.get(i)), 1e-3));
            }
        }
        return worst;
    }

    private static void assertMatchesOneMachine(Optimizer local, Optimizer distributed) {
        assertMatchesOneMachine(local, distributed, 3);
    }

    /** As many partitions as cores (2) are served by one long-lived job; more (3) by a job per step. */
    private static void assertMatchesOneMachine(Optimizer local, Optimizer distributed, int partitions) {
        Dataset data = data();
        Network single = network();
        // 300 rows in batches of 30 for 10 epochs: 100 steps.
        FitResult expected = TrainingLoop.builder(Task.MULTICLASS, local).batchSize(30).epochs(10).seed(5)
                .build().fit(single, data, null, TrainingListener.NONE);
        Network spread = network();
        FitResult result;
        try (SparkStep step = SparkStep.synchronous(spark, data, partitions, Task.MULTICLASS)) {
            result = TrainingLoop.builder(Task.MULTICLASS, distributed).batchSize(30).epochs(10).seed(5)
                    .build().fit(spread, step, null, TrainingListener.NONE);
        }
        double worst = worstRelativeDifference(spread, single);
        System.out.printf("%s: worst relative weight difference after 100 steps on %d partitions: %.2e%n",
                local.name(), partitions, worst);
        assertThat(worst).isLessThan(1e-9);
        assertThat(result.epochs()).isEqualTo(10);
        List<Double> lossesHere = result.series("loss");
        List<Double> lossesThere = expected.series("loss");
        for (int e = 0; e < 10; e++) {
            assertThat(lossesHere.get(e)).isCloseTo(lossesThere.get(e), org.assertj.core.api.Assertions.within(1e-9));
        }
        assertThat(result.series("accuracy")).isEqualTo(expected.series("accuracy"));
    }

    @Test
    void sgdWithMomentumOnThreePartitionsEqualsOneMachineAfter100Steps() {
        assertMatchesOneMachine(Sgd.withMomentum(0.1, 0.9), Sgd.withMomentum(0.1, 0.9));
    }

    @Test
    void adamOnThreePartitionsEqualsOneMachineAfter100Steps() {
        assertMatchesOneMachine(new Adam(0.01), new Adam(0.01));
    }

    @Test
    void adamOnAPartitionPerCoreEqualsOneMachineAfter100Steps() {
        assertMatchesOneMachine(new Adam(0.01), new Adam(0.01), 2);
    }

    @Test
    void aPartitionPerCoreRunsOneSparkJobForAllEpochsInsteadOfOnePerStep() throws Exception {
        StepProfile profile = new StepProfile();
        spark.sc().addSparkListener(profile);
        try {
            try (SparkStep step = SparkStep.synchronous(spark, data(), 2, Task.MULTICLASS)) {
                spark.sc().listenerBus().waitUntilEmpty();
                profile.reset();
                // 10 steps per epoch for 3 epochs.
                TrainingLoop.builder(Task.MULTICLASS, new Adam(0.01)).batchSize(30).epochs(3).seed(5).build()
                        .fit(network(), step, null, TrainingListener.NONE);
            }
            spark.sc().listenerBus().waitUntilEmpty();
        } finally {
            spark.sc().removeSparkListener(profile);
        }
        assertThat(profile.jobs()).isEqualTo(1);
    }

    @Test
    @Timeout(120)
    void aSparkJobBetweenEpochsGetsTheCoresAndTrainingGoesOnAsOnOneMachine() {
        Dataset data = data();
        Network single = network();
        TrainingLoop.builder(Task.MULTICLASS, new Adam(0.01)).batchSize(30).epochs(4).seed(5).build()
                .fit(single, data, null, TrainingListener.NONE);
        Network spread = network();
        long[] counted = new long[4];
        // The caller's own Spark work after every epoch, on the training thread, needs the cores the steps hold.
        TrainingListener countRows = new TrainingListener() {
            @Override
            public void onEpoch(org.nn4j.train.EpochRecord record) {
                counted[record.epoch() - 1] = spark.parallelize(List.of(1, 2, 3, 4), 2).count();
            }
        };
        try (SparkStep step = SparkStep.synchronous(spark, data, 2, Task.MULTICLASS)) {
            TrainingLoop.builder(Task.MULTICLASS, new Adam(0.01)).batchSize(30).epochs(4).seed(5).build()
                    .fit(spread, step, null, countRows);
        }
        assertThat(counted).containsOnly(4L);
        assertThat(worstRelativeDifference(spread, single)).isLessThan(1e-9);
    }

    @Test
    void aFloat32NetworkTrainsOnSparkAsOnOneMachine() {
        Dataset data = data();
        Network single = float32Network();
        TrainingLoop.builder(Task.MULTICLASS, new Adam(0.01)).batchSize(30).epochs(3).seed(5).build()
                .fit(single, data, null, TrainingListener.NONE);
        Network spread = float32Network();
        try (SparkStep step = SparkStep.synchronous(spark, data, 2, Task.MULTICLASS)) {
            TrainingLoop.builder(Task.MULTICLASS, new Adam(0.01)).batchSize(30).epochs(3).seed(5).build()
                    .fit(spread, step, null, TrainingListener.NONE);
        }
        // float32 sums added in another order: as close as float32's rounding allows.
        assertThat(worstRelativeDifference(spread, single)).isLessThan(1e-4);
    }

    @Test
    void aShardTakesAFloat32NetworksPrecisionOnceKeepingItsChecksumAndItsResultsThroughSerialization()
            throws Exception {
        Dataset data = data();
        int[] index = java.util.stream.IntStream.range(0, 300).toArray();
        RowBlock block = new RowBlock(index, data.inputs(), data.targets());
        Network network = float32Network();
        StepWeights weights = new StepWeights(StepWeights.broadcastArchitecture(spark, network),
                StepWeights.pack(network));
        int[] batch = {299, 3, 150, 7, 42};
        double[] sums = block.gradientSums(weights, batch, Task.MULTICLASS, null, 0);
        assertThat(block.inputPrecision()).isEqualTo(Precision.FLOAT32);
        long encoded = new RowBlock(index, data.inputs(), data.targets()).fingerprint();
        assertThat(block.fingerprint()).isEqualTo(encoded);

        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(block);
        }
        RowBlock copy;
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (RowBlock) in.readObject();
        }
        assertThat(copy.inputPrecision()).isEqualTo(Precision.FLOAT32);
        assertThat(copy.gradientSums(weights, batch, Task.MULTICLASS, null, 0)).containsExactly(sums);
        assertThat(copy.fingerprint()).isEqualTo(encoded);

        Network float64 = network();
        StepWeights float64Weights = new StepWeights(StepWeights.broadcastArchitecture(spark, float64),
                StepWeights.pack(float64));
        assertThatThrownBy(() -> copy.measure(float64Weights, Task.MULTICLASS, null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("float32");
    }

    private static Network float32Network() {
        return Network.builder(5).precision(Precision.FLOAT32).dense(16, Activations.TANH)
                .dense(3, Activations.SOFTMAX).build(Initializers.XAVIER, RandomSource.seeded(12));
    }

    @Test
    void twoRunsOnThreePartitionsGiveTheSameWeightsBitForBit() {
        // Partition sums are added in partition order, not in the order the tasks happen to end.
        Network[] runs = new Network[2];
        for (int r = 0; r < 2; r++) {
            runs[r] = network();
            try (SparkStep step = SparkStep.synchronous(spark, data(), 3, Task.MULTICLASS)) {
                TrainingLoop.builder(Task.MULTICLASS, new Adam(0.01)).batchSize(30).epochs(3).seed(5).build()
                        .fit(runs[r], step, null, TrainingListener.NONE);
            }
        }
        for (int p = 0; p < runs[0].parameters().size(); p++) {
            assertThat(runs[0].parameters().get(p).value().sameBits(runs[1].parameters().get(p).value())).isTrue();
        }
    }

    @Test
    void classWeightsTravelWithTheLossAndGiveOneMachinesWeightsAndLosses() {
        // Partitions hold different sums of weights: weighing their gradients by rows would be off by far more.
        ClassWeights weights = ClassWeights.of(0.3, 4.0, 1.2);
        Dataset data = data();
        Dataset validation = data();
        Network single = network();
        FitResult expected = TrainingLoop.builder(Task.MULTICLASS, new Adam(0.01)).batchSize(30).epochs(5).seed(5)
                .classWeights(weights).build().fit(single, data, validation, TrainingListener.NONE);
        Network spread = network();
        FitResult result;
        try (SparkStep step = SparkStep.synchronous(spark, data, 3, Task.MULTICLASS, weights)) {
            result = TrainingLoop.builder(Task.MULTICLASS, new Adam(0.01)).batchSize(30).epochs(5).seed(5)
                    .classWeights(weights).lossAtEpochEnd(true).build()
                    .fit(spread, step, validation, TrainingListener.NONE);
        }
        assertThat(worstRelativeDifference(spread, single)).isLessThan(1e-9);
        assertThat(result.series("val_loss").get(4)).isCloseTo(expected.series("val_loss").get(4),
                org.assertj.core.api.Assertions.within(1e-9));
        // Measured on the cluster over all rows: the weighted loss at the final weights.
        assertThat(result.series("loss").get(4)).isCloseTo(weights.weighting(Task.MULTICLASS.loss())
                .value(single.forward(data.inputs()), data.targets()), org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void parameterAveragingLearnsWithFarFewerRounds() {
        Dataset data = data();
        Network network = network();
        Sgd sgd = new Sgd(0.2);
        FitResult result;
        // Batches of 150 rows: each of 3 partitions takes 5 local steps over its ~50 rows of a batch.
        try (SparkStep step = SparkStep.averaging(spark, data, 3, Task.MULTICLASS, 5, sgd)) {
            result = TrainingLoop.builder(Task.MULTICLASS, sgd).batchSize(150).epochs(15).seed(5).build()
                    .fit(network, step, null, TrainingListener.NONE);
        }
        List<Double> loss = result.series("loss");
        assertThat(loss.get(loss.size() - 1)).isLessThan(0.6 * loss.get(0));
        Matrix outputs = network.predict(data.inputs());
        double accuracy = (double) Task.MULTICLASS.countCorrect(outputs, data.targets()) / data.size();
        // The classes are set by the signs of two inputs: a learned model gets most rows right.
        assertThat(accuracy).isGreaterThan(0.85);
    }

    @Test
    void parameterAveragingNeedsALocalStep() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> SparkStep.averaging(spark, data(), 3, Task.MULTICLASS, 0, new Sgd(0.1)))
                .hasMessageContaining("1 or more local steps, got 0");
    }
}
