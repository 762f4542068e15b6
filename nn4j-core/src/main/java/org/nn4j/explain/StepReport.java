package org.nn4j.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Lays a {@link StepExplanation} out as aligned text or as Markdown: the same sections, the same numbers. */
final class StepReport {

    private final StepExplanation step;
    private final boolean markdown;
    private final StringBuilder out = new StringBuilder();

    StepReport(StepExplanation step, boolean markdown) {
        this.step = step;
        this.markdown = markdown;
    }

    String render() {
        heading("One training step of the " + step.network() + " network");
        line("Batch: " + step.inputs().length + " samples. Loss: " + step.lossName() + ".");
        line("");
        heading("1. Forward pass");
        for (StepExplanation.LayerPass pass : step.forward()) {
            String input = pass.layer() == 1 ? "x" : "a" + (pass.layer() - 1);
            line("Layer " + pass.layer() + ": z" + pass.layer() + " = " + input + "·W" + pass.layer() + " + b"
                    + pass.layer() + ", a" + pass.layer() + " = " + pass.activation() + "(z" + pass.layer() + ")");
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"sample", input, "z" + pass.layer(), "a" + pass.layer()});
            double[][] in = pass.layer() == 1 ? step.inputs() : step.forward().get(pass.layer() - 2).a();
            for (int r = 0; r < pass.z().length; r++) {
                rows.add(new String[] {Integer.toString(r + 1), vector(in[r]), vector(pass.z()[r]),
                    vector(pass.a()[r])});
            }
            table(rows);
        }
        line("Loss before the step: " + StepExplanation.number(step.lossBefore()));
        line("");
        heading("2. Gradient, one parameter at a time (ε = " + compact(step.epsilon()) + ")");
        line("Each parameter θ is nudged to θ + ε with the others unchanged; numerical = (loss after − loss before)"
                + " / ε. Backprop computes the exact derivative; their difference is the forward difference's error.");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"parameter", "θ", "θ + ε", "loss after nudge", "numerical", "backprop",
            "difference"});
        for (StepExplanation.ParameterStep s : step.parameters()) {
            rows.add(new String[] {s.name(), StepExplanation.number(s.value()), StepExplanation.number(s.nudged()),
                String.format(Locale.ROOT, "%.10f", s.lossNudged()), String.format(Locale.ROOT, "%.8f", s.numerical()),
                String.format(Locale.ROOT, "%.8f", s.backprop()), String.format(Locale.ROOT, "%.2e", s.difference())});
        }
        table(rows);
        heading(String.format(Locale.ROOT, "3. Update: θ ← θ − %s · g, with the %s gradient", compact(step.learningRate()),
                step.useBackprop() ? "backprop" : "numerical (as the tutorial)"));
        rows = new ArrayList<>();
        rows.add(new String[] {"parameter", "before", "gradient", "after"});
        for (StepExplanation.ParameterStep s : step.parameters()) {
            rows.add(new String[] {s.name(), StepExplanation.number(s.value()),
                String.format(Locale.ROOT, "%.8f", step.useBackprop() ? s.backprop() : s.numerical()),
                StepExplanation.number(s.updated())});
        }
        table(rows);
        line(String.format(Locale.ROOT, "Loss after the step: %.6f (before: %.6f, change %+.3e)", step.lossAfter(),
                step.lossBefore(), step.lossAfter() - step.lossBefore()));
        return out.toString();
    }

    private void heading(String text) {
        out.append(markdown ? "## " : "").append(text).append('\n');
        if (markdown) {
            out.append('\n');
        }
    }

    private void line(String text) {
        out.append(text).append('\n');
    }

    private void table(List<String[]> rows) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        if (markdown) {
            out.append('\n');
        }
        for (int r = 0; r < rows.size(); r++) {
            StringBuilder sb = new StringBuilder(markdown ? "| " : "  ");
            for (int c = 0; c < columns; c++) {
                String cell = rows.get(r)[c];
                // Numbers right-aligned, names left-aligned.
                boolean left = c == 0 || r == 0;
                String padded = left ? String.format("%-" + widths[c] + "s", cell)
                        : String.format("%" + widths[c] + "s", cell);
                sb.append(padded).append(markdown ? " | " : "  ");
            }
            out.append(sb.toString().stripTrailing()).append('\n');
            if (markdown && r == 0) {
                StringBuilder rule = new StringBuilder("|");
                for (int c = 0; c < columns; c++) {
                    rule.append(c == 0 ? " :" : " ").append("-".repeat(Math.max(3, widths[c] - 1)))
                            .append(c == 0 ? " |" : ": |");
                }
                out.append(rule).append('\n');
            }
        }
        out.append('\n');
    }

    /** 1e-5 rather than 1.0E-5, 0.01 as it is. */
    private static String compact(double value) {
        return Double.toString(value).replace(".0E", "e").replace("E", "e");
    }

    private static String vector(double[] values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.4f", values[i]));
        }
        return sb.toString();
    }
}
