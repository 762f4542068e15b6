package org.nn4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.io.StringReader;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.data.Preprocessing;
import org.nn4j.data.Table;
import org.nn4j.nn.Activations;
import org.nn4j.nn.Initializers;
import org.nn4j.nn.LeakyRelu;
import org.nn4j.nn.Network;
import org.nn4j.nn.Parameter;
import org.nn4j.random.RandomSource;
import org.nn4j.tensor.Matrix;
import org.nn4j.tensor.Precision;

class ModelFileTest {

    @TempDir
    Path folder;

    // float64, whose layout (8 bytes a number, no precision in the header) the tests below pin.
    private final Network network = Network.builder(3).precision(Precision.FLOAT64)
            .dense(5, new LeakyRelu(0.2))
            .dense(4, Activations.TANH)
            .dense(2, Activations.SOFTMAX)
            .build(Initializers.STANDARD_NORMAL, RandomSource.seeded(9));

    @Test
    void savedAndLoadedNetworksPredictBitIdenticalOutputs() throws IOException {
        Path file = folder.resolve("model.nn4j");
        ModelFile.write(network, Map.of("seed", "9"), file);
        SavedModel loaded = ModelFile.read(file);

        assertThat(loaded.network().describe()).isEqualTo(network.describe());
        assertThat(loaded.training()).containsEntry("seed", "9");
        Matrix x = Matrix.zeros(50, 3);
        RandomSource random = RandomSource.seeded(1);
        for (int i = 0; i < x.size(); i++) {
            x.set(i, 3 * random.nextGaussian());
        }
        assertThat(loaded.network().predict(x).sameBits(network.predict(x))).isTrue();
    }

    @Test
    void aFloat64ModelLoadsAsFloat64ThoughNewNetworksDefaultToFloat32() throws IOException {
        Path file = folder.resolve("model.nn4j");
        ModelFile.write(network, Map.of(), file);

        assertThat(Network.builder(3).dense(1, Activations.SIGMOID).buildWithZeroWeights().precision())
                .isEqualTo(Precision.FLOAT32);
        assertThat(ModelFile.read(file).network().precision()).isEqualTo(Precision.FLOAT64);
    }

    @Test
    void aNewModelFileIsReadableByOthersAndAReplacedOneKeepsItsPermissions() throws IOException {
        Path file = folder.resolve("shared.nn4j");
        ModelFile.write(network, Map.of(), file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw----"));
        ModelFile.write(network, Map.of(), file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-rw----");
    }

    @Test
    void keepsDropoutPreprocessingAndHistory() throws IOException {
        Table table = Table.readCsv("t.csv", new StringReader("a,colour,y\n1,red,x\n2,blue,z\n4,red,w\n"));
        Preprocessing prep = Preprocessing.fit(table, "y", null, new int[] {0, 1, 2});
        Network withDropout = Network.builder(prep.inputs()).dense(4, Activations.RELU).dropout(0.25)
                .dense(prep.outputs(), Activations.SOFTMAX).build(Initializers.HE, RandomSource.seeded(1));
        Map<String, List<Double>> history = new LinkedHashMap<>();
        history.put("loss", List.of(0.9, 0.5));
        history.put("val_loss", List.of(1.0, 0.75));
        Path file = folder.resolve("table.nn4j");
        ModelFile.write(new SavedModel(withDropout, Map.of("optimizer", "adam"), prep, history), file);

        SavedModel loaded = ModelFile.read(file);
        assertThat(loaded.network().describe()).isEqualTo("3-4-3 (relu + dropout 0.25, softmax) float32");
        assertThat(loaded.preprocessing().features()).isEqualTo(prep.features());
        assertThat(loaded.preprocessing().label()).isEqualTo(prep.label());
        assertThat(loaded.history()).isEqualTo(history);
        Matrix x = prep.encodeInputs(table, new int[] {0, 1, 2});
        assertThat(loaded.network().predict(x).sameBits(withDropout.predict(x))).isTrue();
    }

    @Test
    void refusesPreprocessingThatDoesNotFitTheNetwork() throws IOException {
        Table table = Table.readCsv("t.csv", new StringReader("a,b,y\n1,2,x\n2,3,z\n"));
        Preprocessing twoInputs = Preprocessing.fit(table, "y", null, new int[] {0, 1});
        Path file = folder.resolve("mismatch.nn4j");
        ModelFile.write(new SavedModel(network, Map.of(), twoInputs, Map.of()), file);
        assertThatThrownBy(() -> ModelFile.read(file)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("the preprocessing gives 2 inputs and 1 outputs, but the network 3-5-4-2 has 3"
                        + " and 2");
    }

    /** Reads the file with nothing but the safetensors specification: no nn4j code. */
    @Test
    void writesTheSafetensorsLayout() throws IOException {
        Path file = folder.resolve("model.safetensors");
        ModelFile.write(network, Map.of(), file);
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = buffer.getLong();
        assertThat((8 + headerLength) % 8).as("data section alignment").isZero();
        String header = new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8);
        assertThat(header).startsWith("{");
        assertThat(header.strip()).endsWith("}");
        assertThat(header).contains("\"__metadata__\":{\"format\":\"nn4j\",\"format_version\":\"1\"");

        Pattern tensor = Pattern.compile(
                "\"(layers\\.\\d\\.(?:weight|bias))\":\\{\"dtype\":\"F64\",\"shape\":\\[(\\d+),(\\d+)\\],"
                        + "\"data_offsets\":\\[(\\d+),(\\d+)\\]\\}");
        Matcher m = tensor.matcher(header);
        int found = 0;
        long expectedBegin = 0;
        while (m.find()) {
            Parameter p = network.parameters().get(found++);
            assertThat(m.group(1)).isEqualTo(p.name());
            int rows = Integer.parseInt(m.group(2));
            int cols = Integer.parseInt(m.group(3));
            long begin = Long.parseLong(m.group(4));
            long end = Long.parseLong(m.group(5));
            assertThat(begin).isEqualTo(expectedBegin);
            assertThat(end - begin).isEqualTo(8L * rows * cols);
            double[] values = new double[rows * cols];
            ByteBuffer data = ByteBuffer.wrap(bytes, (int) (8 + headerLength + begin), (int) (end - begin))
                    .order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < values.length; i++) {
                values[i] = data.getDouble();
            }
            assertThat(values).containsExactly(p.value().toArray());
            expectedBegin = end;
        }
        assertThat(found).isEqualTo(6);
        assertThat(8 + headerLength + expectedBegin).isEqualTo(bytes.length);
    }

    @Test
    void failedWritesLeaveTheExistingFileWhole() throws IOException {
        Path file = folder.resolve("model.nn4j");
        ModelFile.write(network, Map.of(), file);
        byte[] before = Files.readAllBytes(file);
        Path missingFolder = folder.resolve("no-such-folder").resolve("model.nn4j");
        assertThatThrownBy(() -> ModelFile.write(network, Map.of(), missingFolder))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("does not exist");
        ModelFile.write(network.copy(), Map.of("again", "yes"), file);
        assertThat(ModelFile.read(file).training()).containsEntry("again", "yes");
        try (var files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("model.nn4j");
        }
        assertThat(before).isNotEmpty();
    }

    @Test
    void namesTheFileAndTheProblemForBadFiles() throws IOException {
        assertThatThrownBy(() -> ModelFile.read(folder.resolve("absent.nn4j")))
                .isInstanceOf(ModelFileException.class)
                .hasMessage("Model file '" + folder.resolve("absent.nn4j") + "': does not exist");
        assertThatThrownBy(() -> ModelFile.read(folder))
                .hasMessageEndingWith("is a folder, not a model file");

        Path file = folder.resolve("model.nn4j");
        ModelFile.write(network, Map.of(), file);
        byte[] good = Files.readAllBytes(file);

        Path truncated = folder.resolve("truncated.nn4j");
        Files.write(truncated, Arrays.copyOf(good, good.length - 9));
        assertThatThrownBy(() -> ModelFile.read(truncated)).hasMessageContaining("data_offsets");

        Path text = folder.resolve("notes.txt");
        Files.writeString(text, "these are not weights");
        assertThatThrownBy(() -> ModelFile.read(text)).hasMessageContaining("not a safetensors file, or truncated");

        Path tiny = folder.resolve("tiny.nn4j");
        Files.write(tiny, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> ModelFile.read(tiny)).hasMessageContaining("shorter than the 8-byte header length");

        Path otherFormat = folder.resolve("other.safetensors");
        Files.write(otherFormat, new String(good, StandardCharsets.ISO_8859_1).replace("\"nn4j\"", "\"abcd\"")
                .getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> ModelFile.read(otherFormat)).hasMessageContaining("not one written by nn4j");

        Path future = folder.resolve("future.nn4j");
        Files.write(future, new String(good, StandardCharsets.ISO_8859_1)
                .replace("\"format_version\":\"1\"", "\"format_version\":\"9\"").getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> ModelFile.read(future)).hasMessageContaining("format version 9 is not supported");
    }

    @Test
    void refusesAnArchitectureLargerThanTheFileBeforeAllocatingIt() throws IOException {
        Path file = folder.resolve("model.nn4j");
        ModelFile.write(network, Map.of(), file);
        Path huge = folder.resolve("huge.nn4j");
        Files.write(huge, withHeaderEdited(Files.readAllBytes(file),
                header -> header.replace("\\\"units\\\":5", "\\\"units\\\":900000")));
        assertThatThrownBy(() -> ModelFile.read(huge)).hasMessageContaining("bytes of weights, but the data section");
    }

    /** The file with its JSON header changed by {@code edit}, the length field, padding and checksum fixed. */
    static byte[] withHeaderEdited(byte[] file, java.util.function.UnaryOperator<String> edit) {
        return HeaderEdit.apply(file, edit);
    }

    @Test
    void aFlippedBitInTheHeaderIsRefusedAsDamaged() throws IOException {
        // One bit turns the standardisation mean 2.3333333333333335 of column a into 6.333…: wrong predictions
        // for every row unless the checksum covers the header.
        Table table = Table.readCsv("t.csv", new StringReader("a,y\n1,x\n2,z\n4,x\n"));
        Preprocessing prep = Preprocessing.fit(table, "y", null, new int[] {0, 1, 2});
        Network small = Network.builder(prep.inputs()).dense(prep.outputs(), Activations.SIGMOID)
                .build(Initializers.HE, RandomSource.seeded(1));
        Path file = folder.resolve("prep.nn4j");
        ModelFile.write(new SavedModel(small, Map.of(), prep, Map.of()), file);
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int digit = text.indexOf("mean\\\":") + "mean\\\":".length();
        assertThat(text.charAt(digit)).isEqualTo('2');
        bytes[digit] ^= 0x04;
        Path flipped = folder.resolve("flipped.nn4j");
        Files.write(flipped, bytes);
        assertThatThrownBy(() -> ModelFile.read(flipped)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("flipped.nn4j").hasMessageContaining("the file is damaged");
    }

    @Test
    void aFileWithTheOlderDataOnlyChecksumLoadsWithAWarningAndItsDataAreStillChecked() throws IOException {
        Path file = folder.resolve("model.nn4j");
        ModelFile.write(network, Map.of(), file);
        byte[] older = HeaderEdit.withOlderChecksum(Files.readAllBytes(file));
        List<String> warnings = new java.util.ArrayList<>();
        SavedModel loaded = ModelFile.decode(older, warnings);
        assertThat(loaded.network().describe()).isEqualTo(network.describe());
        assertThat(warnings).containsExactly(ModelFile.OLDER_CHECKSUM);
        older[older.length - 2] ^= 0x01;
        assertThatThrownBy(() -> ModelFile.decode(older)).hasMessageContaining("the file is damaged");
        // A file written now is covered whole and loads without a word.
        List<String> none = new java.util.ArrayList<>();
        ModelFile.decode(Files.readAllBytes(file), none);
        assertThat(none).isEmpty();
    }

    @Test
    void weightsThatAreNotFiniteAreRefusedNamingTheTensor() throws IOException {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
            Network broken = network.copy();
            broken.layers().get(1).bias().value().set(0, 2, bad);
            Path file = folder.resolve("broken.nn4j");
            ModelFile.write(broken, Map.of(), file);
            assertThatThrownBy(() -> ModelFile.read(file)).isInstanceOf(ModelFileException.class)
                    .hasMessageContaining("layers.1.bias holds " + bad + " at position 2");
        }
    }

    @Test
    void aSaveOntoASymbolicLinkWritesTheFileItNamesAndKeepsTheLink() throws IOException {
        Path real = Files.createDirectories(folder.resolve("models")).resolve("current.nn4j");
        Path link = Files.createSymbolicLink(folder.resolve("latest.nn4j"), Path.of("models", "current.nn4j"));
        ModelFile.write(network, Map.of("n", "1"), link);
        ModelFile.write(network, Map.of("n", "2"), link);
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(ModelFile.read(real).training()).containsEntry("n", "2");
        try (var left = Files.list(folder.resolve("models"))) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("current.nn4j");
        }
    }
}
