package org.nn4j.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Small public data sets that ship inside nn4j-core, so examples and first runs need no download. Each is read
 * from the jar as CSV, through the same {@link Table#readCsv(String, java.io.Reader)} as a user's file, with its
 * real column names and label. Both come from the UCI Machine Learning Repository under CC BY 4.0.
 */
public enum PublicDataset {

    /** R. A. Fisher's iris flowers: four measurements in cm, three species. */
    IRIS("iris", "iris.csv", "species", 150, 5, "3-class classification",
            "R. A. Fisher, Iris, UCI Machine Learning Repository (1936), CC BY 4.0"),

    /** 8×8 images of handwritten digits, pixel intensities 0–16 row by row ({@code p0}…{@code p63}). */
    DIGITS("digits", "digits.csv.gz", "digit", 1797, 65, "10-class classification",
            "E. Alpaydin, C. Kaynak, Optical Recognition of Handwritten Digits (test set), UCI Machine Learning "
                    + "Repository (1998), CC BY 4.0");

    private final String title;
    private final String resource;
    private final String label;
    private final int rows;
    private final int columns;
    private final String task;
    private final String credit;

    PublicDataset(String title, String resource, String label, int rows, int columns, String task, String credit) {
        this.title = title;
        this.resource = resource;
        this.label = label;
        this.rows = rows;
        this.columns = columns;
        this.task = task;
        this.credit = credit;
    }

    /** The data set called {@code name} (any case), if one ships with nn4j. */
    public static Optional<PublicDataset> byName(String name) {
        for (PublicDataset set : values()) {
            if (set.title.equals(name.toLowerCase(Locale.ROOT))) {
                return Optional.of(set);
            }
        }
        return Optional.empty();
    }

    /** The table, read from the copy inside the jar. */
    public Table table() {
        try (InputStream raw = PublicDataset.class.getResourceAsStream(resource)) {
            if (raw == null) {
                throw new IllegalStateException("The " + title + " data set is missing from the nn4j-core jar");
            }
            InputStream in = resource.endsWith(".gz") ? new GZIPInputStream(raw) : raw;
            return Table.readCsv(title, new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the " + title + " data set from the nn4j-core jar", e);
        }
    }

    /** The name to ask for it by: {@code iris}, {@code digits}. */
    public String title() {
        return title;
    }

    /** The column to predict. */
    public String label() {
        return label;
    }

    /** Rows of data, without the header. */
    public int rows() {
        return rows;
    }

    /** Columns, the label included. */
    public int columns() {
        return columns;
    }

    /** What the label asks for, in words. */
    public String task() {
        return task;
    }

    /** Who made it, where it is published, and its licence. */
    public String credit() {
        return credit;
    }
}
