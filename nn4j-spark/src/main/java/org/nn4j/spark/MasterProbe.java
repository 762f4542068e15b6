package org.nn4j.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SecurityManager;
import org.apache.spark.SparkConf;
import org.apache.spark.rpc.RpcAddress;
import org.apache.spark.rpc.RpcEnv;
import scala.Tuple2;

/**
 * Asks a standalone master ({@code spark://host:port}) whether it reads this driver's messages, before Spark's own
 * registration does. A master of another Scala build cannot, and Spark's registration then retries for over a
 * minute ("All masters are unresponsive") and ends in a stack trace; the probe's question fails within a second, so
 * nn4j can say in one line which versions differ.
 */
final class MasterProbe {

    /**
     * The serialization id of the probe's question, {@code RpcEndpointVerifier.CheckExistence}, in the Spark 3.5
     * builds for each Scala version: a master that rejects the question names its own id, and so its Scala.
     */
    private static final Map<Long, String> SCALA_OF_QUESTION_ID = Map.of(
            7789290765573734431L, "2.12",
            5378738997755484868L, "2.13");

    private static final Pattern INCOMPATIBLE = Pattern.compile("InvalidClassException: ([\\w.$]+); local class"
            + " incompatible: stream classdesc serialVersionUID = (-?\\d+), local class serialVersionUID = (-?\\d+)");

    private MasterProbe() {
    }

    /**
     * Returns when the master (or one of a list, {@code spark://a:7077,b:7077}) answers; otherwise throws an
     * {@link IllegalArgumentException} whose one-line message says why: other versions, or no answer.
     */
    static void check(String master, SparkConf driverConf) {
        SparkConf conf = new SparkConf(false).set("spark.rpc.lookupTimeout", "10s")
                .set("spark.rpc.askTimeout", "10s");
        // The cluster's authentication and encryption settings, so that a secured master answers too.
        for (Tuple2<String, String> setting : driverConf.getAll()) {
            if (setting._1().startsWith("spark.authenticate") || setting._1().startsWith("spark.network.crypto")) {
                conf.set(setting._1(), setting._2());
            }
        }
        SecurityManager security = new SecurityManager(conf, SecurityManager.$lessinit$greater$default$2(),
                SecurityManager.$lessinit$greater$default$3());
        RpcEnv rpc = RpcEnv.create("nn4jProbe", "localhost", "localhost", 0, conf, security, 1, true);
        List<String> failures = new ArrayList<>();
        try {
            for (RpcAddress address : addresses(master)) {
                try {
                    rpc.setupEndpointRef(address, "Master");
                    return;
                } catch (Exception e) {
                    // Scala throws checked exceptions (SparkException) undeclared.
                    String mismatch = mismatch(master, e);
                    if (mismatch != null) {
                        throw new IllegalArgumentException(mismatch);
                    }
                    failures.add(rootMessage(e));
                }
            }
        } finally {
            rpc.shutdown();
        }
        throw new IllegalArgumentException("Could not reach the Spark master at " + master + ": "
                + String.join("; ", failures));
    }

    private static List<RpcAddress> addresses(String master) {
        List<RpcAddress> addresses = new ArrayList<>();
        for (String hostPort : master.substring("spark://".length()).split(",")) {
            int colon = hostPort.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("A Spark master URL names host:port, as in spark://host:7077;"
                        + " got " + master);
            }
            try {
                addresses.add(new RpcAddress(hostPort.substring(0, colon),
                        Integer.parseInt(hostPort.substring(colon + 1))));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("A Spark master URL ends each host with a port number, as in"
                        + " spark://host:7077; got " + master);
            }
        }
        return addresses;
    }

    /** The one-line message for a master that could not read the question, or null for any other failure. */
    static String mismatch(String master, Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            Matcher m = INCOMPATIBLE.matcher(String.valueOf(cause.getMessage()));
            if (m.find()) {
                String ours = "Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION() + " with Scala "
                        + scalaVersion();
                // The master deserialized the question, so the id it calls local is its own.
                String theirs = SCALA_OF_QUESTION_ID.get(Long.parseLong(m.group(3)));
                if (theirs != null && !theirs.equals(scalaVersion())) {
                    return "The Spark master at " + master + " runs Spark built for Scala " + theirs
                            + ", but this nn4j is built for " + ours + ": use nn4j's Scala " + theirs
                            + " build (with ./nn4j: SPARK_SCALA_VERSION=" + theirs + ")";
                }
                return "The Spark master at " + master + " runs another Spark or Scala version than this nn4j,"
                        + " built for " + ours + ": it cannot read " + m.group(1) + "; use the nn4j build for the"
                        + " cluster's Scala (with ./nn4j: SPARK_SCALA_VERSION=2.12 or 2.13)";
            }
        }
        return null;
    }

    /** The Scala version Spark on this class path is built for: 2.12 or 2.13. */
    static String scalaVersion() {
        String full = scala.util.Properties.versionNumberString();
        return full.substring(0, full.lastIndexOf('.'));
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage()).lines().findFirst().orElse(root.getClass().getSimpleName());
    }
}
