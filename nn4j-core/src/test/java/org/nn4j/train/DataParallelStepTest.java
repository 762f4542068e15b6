package org.nn4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nn4j.data.Dataset;
import org.nn4j.grad.Backpropagation;
import org.nn4j.metrics.Task;
import org.nn4j.nn.Activations;
import org.nn4j.nn.ClassWeights;
import org.nn4j.nn.Initializers;
import org.nn4j.nn.Loss;
import org.nn4j.nn.Network;
import org.nn4j.optim.Adam;
import org.nn4j.optim.Optimizer;
import org.nn4j.optim.RmsProp;
import org.nn4j.optim.Sgd;
import org.nn4j.random.RandomSource;
import org.nn4j.tensor.Kernels;
import org.nn4j.tensor.Matrix;
import org.nn4j.tensor.Precision;

/** Every core trains, and the weights do not depend on how many there are. */
class DataParallelStepTest {

    private final int threadsBefore = Kernels.threads();

    @AfterEach
    void restoreThreads() {
        Kernels.setThreads(threadsBefore);
    }

    private static Dataset data(int rows, Precision precision) {
        RandomSource random = RandomSource.seeded(21);
        Matrix x = Matrix.zeros(rows, 12, precision);
        Matrix y = Matrix.zeros(rows, 3, precision);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < 12; c++) {
                x.set(r, c, random.nextGaussian());
            }
            Task.MULTICLASS.encodeClass(y, r, x.get(r, 0) + x.get(r, 1) > 0 ? 0 : x.get(r, 2) > 0 ? 1 : 2);
        }
        return new Dataset("random", x, y);
    }

    private static Network network(Precision precision, double dropout) {
        Network.Builder b = Network.builder(12).precision(precision).dense(24, Activations.RELU);
        if (dropout > 0) {
            b.dropout(dropout);
        }
        return b.dense(16, Activations.TANH).dense(3, Activations.SOFTMAX)
                .build(Initializers.HE, RandomSource.seeded(4));
    }

    private static List<Matrix> trainOn(int threads, Precision precision, int batch, double dropout) {
        return trainOn(threads, precision, data(1000, precision), batch, dropout);
    }

    private static List<Matrix> trainOn(int threads, Precision precision, Dataset rows, int batch, double dropout) {
        Kernels.setThreads(threads);
        Network net = network(precision, dropout);
        TrainingLoop.builder(Task.MULTICLASS, new Adam(0.01)).batchSize(batch).epochs(4).seed(9).l2(1e-3)
                .clipNorm(5).build().fit(net, rows, null, TrainingListener.NONE);
        List<Matrix> weights = new ArrayList<>();
        net.parameters().forEach(p -> weights.add(p.value().copy()));
        return weights;
    }

    private static void assertSameBits(List<Matrix> a, List<Matrix> b) {
        assertThat(a).hasSameSizeAs(b);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).sameBits(b.get(i))).as("parameter " + i).isTrue();
        }
    }

    @Test
    void trainingOnRowsOfTheOtherPrecisionGivesTheBitsOfConvertedRows() {
        // Rows of another precision than the network's are converted once for the whole run instead of batch by
        // batch, to the same values. Batches of 200 are sliced; batches of 24 are computed whole.
        Dataset wide = data(1000, Precision.FLOAT64);
        Dataset narrow = inPrecision(wide, Precision.FLOAT32);
        for (int batch : new int[] {200, 24}) {
            assertSameBits(trainOn(2, Precision.FLOAT32, narrow, batch, 0.0),
                    trainOn(2, Precision.FLOAT32, wide, batch, 0.0));
        }
        assertSameBits(trainOn(2, Precision.FLOAT64, inPrecision(narrow, Precision.FLOAT64), 200, 0.0),
                trainOn(2, Precision.FLOAT64, narrow, 200, 0.0));
    }

    private static Dataset inPrecision(Dataset rows, Precision precision) {
        return new Dataset(rows.name(), rows.inputs().toPrecision(precision), rows.targets().toPrecision(precision));
    }

    @Test
    void oneTwoAndThreeThreadsGiveBitIdenticalWeights() {
        for (Precision precision : Precision.values()) {
            // 200 rows a batch: 4 slices, so 2 and 3 threads take them in varying order.
            List<Matrix> one = trainOn(1, precision, 200, 0.0);
            assertSameBits(trainOn(2, precision, 200, 0.0), one);
            assertSameBits(trainOn(3, precision, 200, 0.0), one);
        }
    }

    @Test
    void theRangeSplitUpdateOfALargeNetworkGivesTheSameBitsForAnyNumberOfThreads() {
        // Above ParameterRanges.PARALLEL_ELEMENTS the gradient check and the optimizer's update are split over the
        // threads by ranges of elements.
        List<Supplier<Optimizer>> optimizers = List.of(() -> new Adam(0.001), () -> new Sgd(0.01),
                () -> new Sgd(0.01, 0.9, 0, 0, false), () -> new RmsProp(0.001));
        for (Supplier<Optimizer> optimizer : optimizers) {
            List<Matrix> one = trainLarge(1, optimizer.get());
            assertSameBits(trainLarge(2, optimizer.get()), one);
            assertSameBits(trainLarge(3, optimizer.get()), one);
        }
    }

    private static List<Matrix> trainLarge(int threads, Optimizer optimizer) {
        Kernels.setThreads(threads);
        Network net = Network.builder(12).precision(Precision.FLOAT32).dense(260, Activations.RELU)
                .dense(260, Activations.RELU).dense(3, Activations.SOFTMAX)
                .build(Initializers.HE, RandomSource.seeded(4));
        assertThat((long) net.parameterCount()).isGreaterThan(ParameterRanges.PARALLEL_ELEMENTS);
        TrainingLoop.builder(Task.MULTICLASS, optimizer).batchSize(100).epochs(1).seed(9).l2(1e-4).clipNorm(1)
                .build().fit(net, data(400, Precision.FLOAT32), null, TrainingListener.NONE);
        List<Matrix> weights = new ArrayList<>();
        net.parameters().forEach(p -> weights.add(p.value().copy()));
        return weights;
    }

    @Test
    void dropoutMasksDoNotDependOnTheNumberOfThreads() {
        List<Matrix> one = trainOn(1, Precision.FLOAT64, 128, 0.3);
        assertSameBits(trainOn(2, Precision.FLOAT64, 128, 0.3), one);
        assertSameBits(trainOn(3, Precision.FLOAT64, 128, 0.3), one);
    }

    @Test
    void theSlicedGradientIsTheBatchGradientToRounding() {
        Dataset data = data(256, Precision.FLOAT64);
        Network sliced = network(Precision.FLOAT64, 0);
        Network whole = sliced.copy();
        int[] order = new int[256];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        EpochTotals slicedTotals = new EpochTotals();
        new DataParallelStep(data, Task.MULTICLASS).compute(sliced, order, 0, 256, RandomSource.seeded(1),
                slicedTotals);
        double loss = new Backpropagation().computeGradients(whole, data.inputs(), data.targets(),
                Task.MULTICLASS.loss());
        assertThat(DataParallelStep.slicesFor(256)).isEqualTo(4);
        assertThat(slicedTotals.lossSum() / 256).isCloseTo(loss, org.assertj.core.api.Assertions.within(1e-14));
        for (int p = 0; p < whole.parameters().size(); p++) {
            double[] expected = whole.parameters().get(p).gradient().toArray();
            double[] actual = sliced.parameters().get(p).gradient().toArray();
            for (int i = 0; i < expected.length; i++) {
                assertThat(actual[i]).isCloseTo(expected[i], org.assertj.core.api.Assertions.within(1e-15));
            }
        }
    }

    @Test
    void theSlicedGradientOfAClassWeightedLossIsTheWeightedBatchGradient() {
        // Slices hold different sums of weights: weighing them by their rows instead would be off by far more.
        Dataset data = data(256, Precision.FLOAT64);
        Network sliced = network(Precision.FLOAT64, 0);
        Network whole = sliced.copy();
        int[] order = new int[256];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Loss weighted = ClassWeights.of(0.2, 5.0, 1.0).weighting(Task.MULTICLASS.loss());
        EpochTotals slicedTotals = new EpochTotals();
        new DataParallelStep(data, Task.MULTICLASS, weighted).compute(sliced, order, 0, 256, RandomSource.seeded(1),
                slicedTotals);
        double loss = new Backpropagation().computeGradients(whole, data.inputs(), data.targets(), weighted);
        assertThat(slicedTotals.lossSum() / 256).isCloseTo(loss, org.assertj.core.api.Assertions.within(1e-14));
        for (int p = 0; p < whole.parameters().size(); p++) {
            double[] expected = whole.parameters().get(p).gradient().toArray();
            double[] actual = sliced.parameters().get(p).gradient().toArray();
            for (int i = 0; i < expected.length; i++) {
                assertThat(actual[i]).isCloseTo(expected[i], org.assertj.core.api.Assertions.within(1e-14));
            }
        }
    }

    @Test
    void aBatchTooSmallToSliceIsComputedExactlyAsOnOneThread() {
        Dataset data = data(40, Precision.FLOAT64);
        Network parallel = network(Precision.FLOAT64, 0);
        Network single = parallel.copy();
        int[] order = new int[40];
        for (int i = 0; i < order.length; i++) {
            order[i] = 39 - i;
        }
        new DataParallelStep(data, Task.MULTICLASS).compute(parallel, order, 0, 30, RandomSource.seeded(1),
                new EpochTotals());
        new EngineStep(new Backpropagation(), data, Task.MULTICLASS).compute(single, order, 0, 30,
                RandomSource.seeded(1), new EpochTotals());
        for (int p = 0; p < single.parameters().size(); p++) {
            assertThat(parallel.parameters().get(p).gradient().sameBits(single.parameters().get(p).gradient()))
                    .isTrue();
        }
    }

    @Test
    void slicingDependsOnTheBatchSizeAlone() {
        assertThat(DataParallelStep.slicesFor(1)).isEqualTo(1);
        assertThat(DataParallelStep.slicesFor(31)).isEqualTo(1);
        assertThat(DataParallelStep.slicesFor(32)).isEqualTo(2);
        assertThat(DataParallelStep.slicesFor(128)).isEqualTo(2);
        assertThat(DataParallelStep.slicesFor(129)).isEqualTo(3);
        assertThat(DataParallelStep.slicesFor(1_000_000)).isEqualTo(DataParallelStep.MAX_SLICES);
    }
}
