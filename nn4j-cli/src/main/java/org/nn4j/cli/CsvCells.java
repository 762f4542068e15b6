package org.nn4j.cli;

/** Writing CSV cells: quoted (with doubled quotes) only when they hold a comma, a quote or a line break. */
final class CsvCells {

    private CsvCells() {
    }

    static String quote(String cell) {
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) {
            return cell;
        }
        return '"' + cell.replace("\"", "\"\"") + '"';
    }

    /** One CSV line of these cells, with its line break. */
    static String line(String[] cells) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            sb.append(i == 0 ? "" : ",").append(quote(cells[i]));
        }
        return sb.append('\n').toString();
    }
}
