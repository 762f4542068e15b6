package org.nn4j.spark;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import org.nn4j.metrics.Task;
import org.nn4j.nn.ClassWeights;

/**
 * What every shard computes for one step: the gradient sums of a mini-batch's rows, parameter averaging's local
 * steps, or the loss over all rows ({@link RowBlock} has the three). It travels inside a Spark task, or over a
 * {@link StepJob}'s connection as a few numbers and the batch's row indices.
 */
record ShardWork(Kind kind, int[] batch, long dropoutSeed, int steps, double rate) implements Serializable {

    /** The three kinds of work. */
    enum Kind { GRADIENT, LOCAL_STEPS, MEASURE }

    static ShardWork gradient(int[] batch, long dropoutSeed) {
        return new ShardWork(Kind.GRADIENT, batch, dropoutSeed, 0, 0);
    }

    static ShardWork localSteps(int[] batch, long dropoutSeed, int steps, double rate) {
        return new ShardWork(Kind.LOCAL_STEPS, batch, dropoutSeed, steps, rate);
    }

    static ShardWork measure() {
        return new ShardWork(Kind.MEASURE, new int[0], 0, 0, 0);
    }

    /** The length of the result for a network of {@code parameters} parameters. */
    int resultLength(int parameters) {
        return kind == Kind.MEASURE ? 4 : 3 + parameters;
    }

    /** This work done on {@code block} at {@code weights}, for the loss of {@code task} and {@code classWeights}. */
    double[] on(RowBlock block, StepWeights weights, Task task, ClassWeights classWeights) {
        return switch (kind) {
            case GRADIENT -> block.gradientSums(weights, batch, task, classWeights, dropoutSeed);
            case LOCAL_STEPS -> block.localSteps(weights, batch, steps, rate, task, dropoutSeed);
            case MEASURE -> block.measure(weights, task, classWeights);
        };
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(kind.ordinal());
        out.writeLong(dropoutSeed);
        out.writeInt(steps);
        out.writeDouble(rate);
        out.writeInt(batch.length);
        ByteBuffer indices = ByteBuffer.allocate(batch.length * Integer.BYTES);
        indices.asIntBuffer().put(batch);
        out.write(indices.array());
    }

    static ShardWork read(DataInputStream in, int kind) throws IOException {
        long dropoutSeed = in.readLong();
        int steps = in.readInt();
        double rate = in.readDouble();
        byte[] indices = new byte[in.readInt() * Integer.BYTES];
        in.readFully(indices);
        int[] batch = new int[indices.length / Integer.BYTES];
        ByteBuffer.wrap(indices).asIntBuffer().get(batch);
        return new ShardWork(Kind.values()[kind], batch, dropoutSeed, steps, rate);
    }
}
