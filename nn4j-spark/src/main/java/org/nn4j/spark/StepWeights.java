package org.nn4j.spark;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.nn4j.io.ModelFile;
import org.nn4j.io.SavedModel;
import org.nn4j.nn.Network;
import org.nn4j.nn.Parameter;
import org.nn4j.tensor.Matrix;
import org.nn4j.tensor.Precision;

/**
 * The weights of one Spark step as the executors receive them. The network's architecture travels once per run, as
 * the bytes of a model file in a broadcast; each step then sends only the parameter values, packed as little-endian
 * numbers in the network's own precision (4 bytes each in float32, 8 in float64), inside the step's task, which
 * Spark ships once per executor. Executors keep the network they built from the architecture and copy each step's
 * values into it, so a step decodes no JSON and allocates no network.
 */
record StepWeights(Broadcast<byte[]> architecture, byte[] values) implements Serializable {

    /** The architecture of {@code network}, to broadcast once: a model file of it. */
    static Broadcast<byte[]> broadcastArchitecture(JavaSparkContext spark, Network network) {
        return spark.broadcast(ModelFile.toBytes(new SavedModel(network, Map.of())));
    }

    /** The current values of {@code network}'s parameters, packed. */
    static byte[] pack(Network network) {
        boolean f32 = network.precision() == Precision.FLOAT32;
        ByteBuffer out = ByteBuffer.allocate(network.parameterCount() * (f32 ? Float.BYTES : Double.BYTES))
                .order(ByteOrder.LITTLE_ENDIAN);
        for (Parameter p : network.parameters()) {
            Matrix m = p.value();
            for (int i = 0; i < m.size(); i++) {
                if (f32) {
                    out.putFloat((float) m.get(i));
                } else {
                    out.putDouble(m.get(i));
                }
            }
        }
        return out.array();
    }

    /** Sets {@code network}'s parameters to packed {@code values} (from {@link #pack} of a network of its shape). */
    static void unpack(byte[] values, Network network) {
        boolean f32 = network.precision() == Precision.FLOAT32;
        long expected = (long) network.parameterCount() * (f32 ? Float.BYTES : Double.BYTES);
        if (values.length != expected) {
            throw new IllegalArgumentException("Packed weights for a network of " + network.parameterCount() + " "
                    + network.precision().name().toLowerCase(Locale.ROOT) + " parameters take " + expected
                    + " bytes, got " + values.length);
        }
        ByteBuffer in = ByteBuffer.wrap(values).order(ByteOrder.LITTLE_ENDIAN);
        for (Parameter p : network.parameters()) {
            Matrix m = p.value();
            for (int i = 0; i < m.size(); i++) {
                m.set(i, f32 ? in.getFloat() : in.getDouble());
            }
        }
    }

    /** {@code cached} (built from this architecture earlier) or a network newly built from it, at these values. */
    Network into(Network cached) {
        Network network = cached != null ? cached : ModelFile.fromBytes(architecture.value()).network();
        unpack(values, network);
        return network;
    }

    /** Identifies the architecture, so that an executor can tell whether its cached network is built from it. */
    long architectureId() {
        return architecture.id();
    }
}
