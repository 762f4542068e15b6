package org.nn4j.peers;

import java.util.SplittableRandom;

/** The random inputs (standard normal), labels (0 to 9) and shuffled order every peer trains and predicts on. */
public final class RandomRows {

    public static final int INPUTS = 784;
    public static final int CLASSES = 10;

    private RandomRows() {
    }

    /** {@code rows} × 784 standard normal values, row after row. */
    public static float[] inputs(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[rows * INPUTS];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) gaussian(random);
        }
        return values;
    }

    /** {@code rows} labels from 0 to 9. */
    public static int[] labels(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed + 1);
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = random.nextInt(CLASSES);
        }
        return labels;
    }

    /** 0 … rows-1 in a shuffled order. */
    public static int[] shuffledOrder(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed + 2);
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        for (int i = rows - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
        double u = 1.0 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
