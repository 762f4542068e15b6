package org.nn4j.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.nn4j.nn.Network;

/**
 * The jars a cluster's executors need to run nn4j's tasks: this module's and nn4j-core's, wherever the driver loaded
 * them from. Spark ships them with the application ({@code spark.jars}); a folder of classes (a build's or an IDE's
 * output) is packed into a temporary jar first, since Spark ships files only.
 */
final class ExecutorJars {

    private ExecutorJars() {
    }

    /** The jars of nn4j's classes the executors run, each once. */
    static String[] nn4j() {
        Set<Path> places = new LinkedHashSet<>();
        for (Class<?> type : List.of(SparkStep.class, Network.class)) {
            places.add(location(type));
        }
        List<String> jars = new ArrayList<>();
        for (Path place : places) {
            jars.add((Files.isDirectory(place) ? packed(place) : place).toString());
        }
        return jars.toArray(String[]::new);
    }

    private static Path location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null) {
            throw new IllegalStateException("Cannot tell which jar holds " + type.getName()
                    + ", so the Spark executors cannot be sent nn4j's classes; pass them with spark.jars");
        }
        try {
            return Path.of(source.getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("The location of " + type.getName() + " is not a file: "
                    + source.getLocation(), e);
        }
    }

    /** A folder of classes as a jar in the temporary folder, deleted when the JVM exits. */
    private static Path packed(Path folder) {
        try {
            Path jar = Files.createTempFile("nn4j-classes-", ".jar");
            jar.toFile().deleteOnExit();
            try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
                    Stream<Path> files = Files.walk(folder)) {
                for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                    out.putNextEntry(new JarEntry(folder.relativize(f).toString().replace('\\', '/')));
                    Files.copy(f, out);
                    out.closeEntry();
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not pack " + folder + " into a jar for the Spark executors", e);
        }
    }
}
