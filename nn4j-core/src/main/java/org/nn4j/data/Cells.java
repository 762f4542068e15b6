package org.nn4j.data;

/** Reading numbers from CSV cells, strictly ({@link NumberText}), with errors that say where the cell is. */
final class Cells {

    private Cells() {
    }

    /** The number in a cell, or an error naming the place and what was there. */
    static double parse(Table table, int row, int column) {
        String cell = table.cell(row, column);
        double value = NumberText.valueOrNaN(cell);
        if (!Double.isNaN(value)) {
            return value;
        }
        if (MissingValues.isMissing(cell)) {
            throw new IllegalArgumentException(table.where(row, column) + ": expected a number, got "
                    + (cell.isEmpty() ? "an empty cell" : "'" + cell + "'") + ", which marks a missing value");
        }
        if (NumberText.isNonFinite(cell)) {
            throw new IllegalArgumentException(table.where(row, column) + ": expected a finite number, got '" + cell
                    + "' (infinity cannot be learned from)");
        }
        throw new IllegalArgumentException(table.where(row, column) + ": expected a number, got '"
                + abbreviate(cell) + "'");
    }

    static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 37) + "..." : text;
    }
}
