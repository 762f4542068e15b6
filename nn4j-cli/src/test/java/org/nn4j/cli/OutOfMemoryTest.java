package org.nn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file that still fills a small heap ends in one line that says how to raise it, not a stack trace. */
class OutOfMemoryTest {

    @TempDir
    Path folder;

    @Test
    void aHeaderThatFillsASmallHeapEndsInOneLineNamingTheHeapAndHowToRaiseIt() throws Exception {
        // 16 MiB of header (the most a file may have) listing 280,000 empty tensors: parsed, it needs several times
        // its size, more than a 64 MiB heap holds.
        Path file = folder.resolve("empty-tensors.safetensors");
        StringBuilder header = new StringBuilder("{");
        for (int i = 0; header.length() < 16 * 1024 * 1024 - 100; i++) {
            header.append(i == 0 ? "" : ",").append("\"t").append(i)
                    .append("\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]}");
        }
        byte[] json = header.append('}').toString().getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length).array());
            out.write(json);
        }
        Path err = folder.resolve("err.txt");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "import",
                "--safetensors", file.toString(), "--save", folder.resolve("m.nn4j").toString(), "--activation",
                "relu").redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String message = Files.readString(err);
        assertThat(process.exitValue()).as(message).isEqualTo(1);
        assertThat(message).startsWith("nn4j: ran out of memory: the input needs more than the Java heap of")
                .contains("JAVA_OPTS=-Xmx8g").doesNotContain("\tat ", "OutOfMemoryError");
        assertThat(message.lines()).hasSize(1);
    }
}
