package org.nn4j.data;

import java.util.Locale;
import java.util.Set;

/** Reading numbers from CSV cells, strictly ({@link NumberText}), with errors that say where the cell is. */
final class Cells {

    /** How spreadsheets and data frames commonly write a missing value. */
    private static final Set<String> MISSING = Set.of("na", "n/a", "null", "none", "?", "-");

    private Cells() {
    }

    /** The number in a cell, or an error naming the place and what was there. */
    static double parse(Table table, int row, int column) {
        String cell = table.cell(row, column);
        if (NumberText.isNumber(cell)) {
            return Double.parseDouble(cell);
        }
        if (cell.isEmpty()) {
            throw new IllegalArgumentException(table.where(row, column)
                    + ": expected a number, got an empty cell (missing values are not supported)");
        }
        if (MISSING.contains(cell.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(table.where(row, column) + ": expected a number, got '" + cell
                    + "', which marks a missing value (missing values are not supported)");
        }
        if (NumberText.isNonFinite(cell)) {
            throw new IllegalArgumentException(table.where(row, column) + ": expected a finite number, got '" + cell
                    + "' (NaN and infinity cannot be learned from)");
        }
        throw new IllegalArgumentException(table.where(row, column) + ": expected a number, got '"
                + abbreviate(cell) + "'");
    }

    static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 37) + "..." : text;
    }
}
