package org.nn4j.peers;

/**
 * One library as its own users write it, for the network every peer shares: 784 inputs, ReLU layers of 256 and 128
 * units, 10 softmax outputs, float32, softmax cross-entropy and plain SGD at learning rate 0.01, on random rows and
 * labels. Each peer runs in its own process, on its own class path, with one thread.
 */
public interface Peer {

    /** The library's name as the table shows it, e.g. {@code DJL 0.36.0 (PyTorch 2.7.1)}. */
    String library();

    /**
     * Prepares training on {@code samples} random rows in batches of {@code batch}, the rows in a shuffled order,
     * and returns one SGD step on the next batch per call.
     */
    Runnable trainer(int samples, int batch);

    /** Prepares prediction for a batch of {@code batch} random rows and returns one forward pass per call. */
    Runnable predictor(int batch);
}
