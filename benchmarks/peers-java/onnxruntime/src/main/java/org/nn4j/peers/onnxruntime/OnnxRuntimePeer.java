package org.nn4j.peers.onnxruntime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;
import org.nn4j.peers.Peer;
import org.nn4j.peers.PeerCommand;
import org.nn4j.peers.RandomRows;

/**
 * ONNX Runtime for Java, what a Java developer would otherwise deploy a trained network with: a session on the
 * network's ONNX file ({@code --model FILE}, written by nn4j's export), one intra-op and one inter-op thread, the
 * default graph optimisations. It predicts only.
 */
public final class OnnxRuntimePeer implements Peer {

    private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
    private final OrtSession session;

    private OnnxRuntimePeer(String model) {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            session = environment.createSession(model, options);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime could not open " + model + ": " + e.getMessage(), e);
        }
    }

    public static void main(String[] args) {
        PeerCommand.run(args, options -> {
            String model = options.get("model");
            if (model == null) {
                throw new IllegalArgumentException("The ONNX Runtime peer needs --model FILE (an ONNX file)");
            }
            return new OnnxRuntimePeer(model);
        });
    }

    @Override
    public String library() {
        return "ONNX Runtime " + environment.getVersion();
    }

    @Override
    public Runnable trainer(int samples, int batch) {
        throw new UnsupportedOperationException("ONNX Runtime is the prediction peer; it does not train here");
    }

    @Override
    public Runnable predictor(int batch) {
        OnnxTensor input;
        try {
            input = OnnxTensor.createTensor(environment, FloatBuffer.wrap(RandomRows.inputs(batch, 1)),
                    new long[] {batch, RandomRows.INPUTS});
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
        String name = session.getInputNames().iterator().next();
        return () -> {
            try (OrtSession.Result result = session.run(Map.of(name, input))) {
                // The outputs as a Java caller reads them.
                ((OnnxTensor) result.get(0)).getFloatBuffer();
            } catch (OrtException e) {
                throw new IllegalStateException(e);
            }
        };
    }
}
