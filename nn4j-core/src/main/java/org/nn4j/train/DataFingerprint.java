package org.nn4j.train;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.zip.CRC32C;
import org.nn4j.data.Dataset;
import org.nn4j.tensor.Matrix;

/** A checksum of a data set's shapes and bits: a resumed run must train on the same data. */
public final class DataFingerprint {

    private DataFingerprint() {
    }

    /** The CRC-32C of the inputs' and targets' shapes and values (as little-endian float64). */
    public static long of(Dataset data) {
        CRC32C crc = new CRC32C();
        ByteBuffer chunk = ByteBuffer.allocate(8 * 1024).order(ByteOrder.LITTLE_ENDIAN);
        for (Matrix m : List.of(data.inputs(), data.targets())) {
            chunk.putInt(m.rows()).putInt(m.cols());
            for (int i = 0, size = m.size(); i < size; i++) {
                if (chunk.remaining() < 8) {
                    crc.update(chunk.array(), 0, chunk.position());
                    chunk.clear();
                }
                chunk.putDouble(m.get(i));
            }
        }
        crc.update(chunk.array(), 0, chunk.position());
        return crc.getValue();
    }
}
