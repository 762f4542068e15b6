package org.nn4j.tensor;

/**
 * Chooses the matrix kernels once per JVM: the Vector API kernels when the module {@code jdk.incubator.vector} is
 * enabled (and the system property {@code nn4j.kernels} is not {@code scalar}), else the plain loops. Both give
 * identical bits, so the choice changes speed only. Large products are split over {@link #threads()} threads.
 */
public final class Kernels {

    static final MatrixKernels ACTIVE = choose(System.getProperty("nn4j.kernels", "auto"));

    private Kernels() {
    }

    /** The kernels in use, in words, e.g. {@code vector (512-bit, 8 doubles per vector)}. */
    public static String active() {
        return ACTIVE.name();
    }

    /** The most threads one large matrix product uses (the vector kernels only); by default, every processor. */
    public static int threads() {
        return KernelThreads.threads();
    }

    /**
     * Sets the most threads one large matrix product may use. Results are bit-identical for any number: each
     * output element is computed by one thread, in one order.
     */
    public static void setThreads(int count) {
        KernelThreads.setThreads(count);
    }

    static MatrixKernels choose(String wanted) {
        if (wanted.equals("scalar") || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return new ScalarKernels();
        }
        try {
            // Loaded by name so that this class links even where the incubator module is absent.
            return (MatrixKernels) Class.forName("org.nn4j.tensor.VectorKernels").getDeclaredConstructor()
                    .newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return new ScalarKernels();
        }
    }
}
