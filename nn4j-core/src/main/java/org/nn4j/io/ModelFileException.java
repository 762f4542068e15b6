package org.nn4j.io;

import java.io.IOException;
import java.nio.file.Path;

/** A model file that could not be read or written, with the file and the reason in the message. */
public final class ModelFileException extends IOException {

    private static final long serialVersionUID = 1L;

    public ModelFileException(Path file, String problem) {
        super("Model file '" + file + "': " + problem);
    }

    public ModelFileException(Path file, String problem, Throwable cause) {
        super("Model file '" + file + "': " + problem, cause);
    }

    /** As {@link #ModelFileException(Path, String)} for another kind of file, e.g. "ONNX file". */
    public ModelFileException(String what, Path file, String problem) {
        super(what + " '" + file + "': " + problem);
    }

    public ModelFileException(String what, Path file, String problem, Throwable cause) {
        super(what + " '" + file + "': " + problem, cause);
    }
}
