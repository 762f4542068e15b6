package org.nn4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the probe of a standalone master makes of the failures it can meet. */
class MasterProbeTest {

    /** The master's reply when it cannot read the question, as Spark 3.5 builds for Scala 2.13 and 2.12 send it. */
    private static RuntimeException rejected(long ours, long theirs) {
        return new RuntimeException("Exception thrown in awaitResult: ", new RuntimeException(
                "java.io.InvalidClassException: org.apache.spark.rpc.netty.RpcEndpointVerifier$CheckExistence; local"
                        + " class incompatible: stream classdesc serialVersionUID = " + ours + ", local class"
                        + " serialVersionUID = " + theirs + "\n\tat java.base/java.io.ObjectStreamClass"));
    }

    @Test
    void aMasterOfTheOtherScalaIsNamedWithBothVersionsInOneLine() {
        String ours = MasterProbe.scalaVersion();
        String theirs = ours.equals("2.12") ? "2.13" : "2.12";
        long ourId = ours.equals("2.12") ? 7789290765573734431L : 5378738997755484868L;
        long theirId = ours.equals("2.12") ? 5378738997755484868L : 7789290765573734431L;
        String message = MasterProbe.mismatch("spark://h:7077", rejected(ourId, theirId));
        assertThat(message).isEqualTo("The Spark master at spark://h:7077 runs Spark built for Scala " + theirs
                + ", but this nn4j is built for Spark 3.5.6 with Scala " + ours + ": use nn4j's Scala " + theirs
                + " build (with ./nn4j: SPARK_SCALA_VERSION=" + theirs + ")");
    }

    @Test
    void aMasterOfAnUnknownBuildIsStillAMismatchInOneLine() {
        String message = MasterProbe.mismatch("spark://h:7077", rejected(1L, 2L));
        assertThat(message).startsWith("The Spark master at spark://h:7077 runs another Spark or Scala version")
                .contains("Scala " + MasterProbe.scalaVersion()).doesNotContain("\n");
    }

    @Test
    void otherFailuresAreNoMismatch() {
        assertThat(MasterProbe.mismatch("spark://h:7077", new RuntimeException("Failed to connect to h/1.2.3.4:7077",
                new java.net.ConnectException("Connection refused")))).isNull();
    }
}
