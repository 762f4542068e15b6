package org.nn4j.benchmarks;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.nn4j.tensor.Matrix;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Square matrix products n×n·n×n in float64, the three forms a dense layer uses. GFLOP/s = 2n³ / time. Set the
 * system property {@code nn4j.kernels=scalar} (through {@code -jvmArgsAppend}) to time the fallback loops.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@State(Scope.Thread)
public class MatrixMultiplyBenchmark {

    @Param({"64", "128", "256", "512", "1024"})
    public int n;

    private Matrix a;
    private Matrix b;
    private Matrix out;

    @Setup
    public void matrices() {
        a = random(n, 1);
        b = random(n, 2);
        out = Matrix.zeros(n, n);
    }

    static Matrix random(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Matrix m = Matrix.zeros(n, n);
        for (int i = 0; i < m.size(); i++) {
            m.set(i, random.nextGaussian());
        }
        return m;
    }

    @Benchmark
    public Matrix multiply() {
        Matrix.multiply(a, b, out);
        return out;
    }

    @Benchmark
    public Matrix multiplyTransposedA() {
        Matrix.multiplyTransposedA(a, b, out);
        return out;
    }

    @Benchmark
    public Matrix multiplyTransposedB() {
        Matrix.multiplyTransposedB(a, b, out);
        return out;
    }
}
