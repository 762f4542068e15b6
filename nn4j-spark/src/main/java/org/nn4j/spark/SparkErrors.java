package org.nn4j.spark;

import java.util.function.Supplier;

/**
 * Spark reports an error thrown on an executor wrapped in its own exception ("Job aborted due to stage failure: …")
 * with the executor's stack trace in the message. nn4j's own errors about the data (a missing label on line 7, a
 * word in a numeric column) are the user's answer: they are thrown again as they were.
 */
final class SparkErrors {

    private SparkErrors() {
    }

    /** What {@code work} returns; an {@link IllegalArgumentException} from an executor comes out unwrapped. */
    static <T> T unwrapped(Supplier<T> work) {
        try {
            return work.get();
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            // Spark's own exception is a checked one that its Scala code throws undeclared.
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof IllegalArgumentException data) {
                    throw new IllegalArgumentException(data.getMessage(), data);
                }
            }
            if (e instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            throw new IllegalStateException(String.valueOf(e.getMessage()).lines().findFirst().orElse("Spark failed"),
                    e);
        }
    }
}
