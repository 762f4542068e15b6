package org.nn4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nn4j.data.Dataset;
import org.nn4j.metrics.Task;
import org.nn4j.nn.Activations;
import org.nn4j.nn.Initializers;
import org.nn4j.nn.Network;
import org.nn4j.optim.Adam;
import org.nn4j.random.RandomSource;
import org.nn4j.tensor.Matrix;
import org.nn4j.tensor.Precision;

/**
 * The training loop allocates its workspaces once: after that, a mini-batch allocates nothing; nor does a forward
 * pass of one sample, which skips the weights for zeros after a ReLU layer. Measured with the JVM's count of bytes
 * allocated by this thread, so the result does not depend on timing.
 */
class AllocationTest {

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    private static long bytesForEpochs(int epochs, Dataset data) {
        Network network = Network.builder(20).dense(32, Activations.RELU).dense(16, Activations.TANH)
                .dense(3, Activations.SOFTMAX).build(Initializers.HE, RandomSource.seeded(1));
        TrainingLoop trainer = TrainingLoop.builder(Task.MULTICLASS, new Adam(0.001)).batchSize(32)
                .epochs(epochs).clipNorm(10).l2(1e-4).build();
        long before = allocatedBytes();
        trainer.fit(network, data, null, TrainingListener.NONE);
        return allocatedBytes() - before;
    }

    @Test
    void aMiniBatchAllocatesNothingOnceTheWorkspacesExist() {
        SplittableRandom random = new SplittableRandom(3);
        Matrix x = Matrix.zeros(3200, 20);
        Matrix y = Matrix.zeros(3200, 3);
        for (int r = 0; r < 3200; r++) {
            for (int c = 0; c < 20; c++) {
                x.set(r, c, random.nextGaussian());
            }
            Task.MULTICLASS.encodeClass(y, r, random.nextInt(3));
        }
        Dataset data = new Dataset("random", x, y);
        // Until the JIT has compiled the vector kernels, their vectors are real objects; the fewest bytes over a
        // few tries is the steady state. Late in a long test run the compiler can take longer to reach them: one
        // full run saw ten tries in two seconds all allocate the same 15.5 MB. Up to 60 tries (each a tenth of a
        // second or two); a run that needed more than one passed within a second.
        long fewest = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 60 && fewest >= 16_000; attempt++) {
            long oneEpoch = bytesForEpochs(1, data);
            long elevenEpochs = bytesForEpochs(11, data);
            fewest = Math.min(fewest, elevenEpochs - oneEpoch);
        }
        // Ten more epochs are 1,000 more batches. The smallest Java object takes 16 bytes, so one allocation per
        // batch would add at least 16,000 bytes; what they do add is each epoch's record, under 1 KB.
        assertThat(fewest).as("bytes for ten more epochs").isLessThan(16_000);
    }

    @Test
    void aForwardPassOfOneSampleAllocatesNothing() {
        Network network = Network.builder(300).precision(Precision.FLOAT32).dense(256, Activations.RELU)
                .dense(128, Activations.RELU).dense(10, Activations.SOFTMAX)
                .build(Initializers.HE, RandomSource.seeded(1));
        Matrix x = Matrix.zeros(1, 300, Precision.FLOAT32);
        SplittableRandom random = new SplittableRandom(5);
        for (int c = 0; c < 300; c++) {
            x.set(c, random.nextGaussian());
        }
        // As above: the fewest bytes over a few tries, once the JIT has compiled the kernels.
        long fewest = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 60 && fewest >= 16_000; attempt++) {
            long before = allocatedBytes();
            for (int i = 0; i < 1000; i++) {
                network.forward(x);
            }
            fewest = Math.min(fewest, allocatedBytes() - before);
        }
        assertThat(fewest).as("bytes for 1,000 forward passes").isLessThan(16_000);
    }
}
