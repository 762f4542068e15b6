package org.nn4j.plot;

import java.awt.Color;

/** The colours of every nn4j picture, chosen to stay apart for colour-blind readers (Okabe–Ito). */
final class Palette {

    /** One colour per class (or series), cycling after eight. */
    private static final Color[] CLASSES = {new Color(0, 114, 178), new Color(230, 159, 0), new Color(0, 158, 115),
        new Color(204, 121, 167), new Color(86, 180, 233), new Color(213, 94, 0), new Color(240, 228, 66),
        new Color(0, 0, 0)};

    /** Positive weights. */
    static final Color POSITIVE = new Color(0, 114, 178);
    /** Negative weights. */
    static final Color NEGATIVE = new Color(213, 94, 0);
    /** Curves of the training rows. */
    static final Color TRAINING = new Color(0, 114, 178);
    /** Curves of the validation rows: apart from {@link #TRAINING} in hue and in lightness. */
    static final Color VALIDATION = new Color(213, 94, 0);
    /** The best epoch's marker. */
    static final Color BEST = new Color(0, 158, 115);
    /** The epoch where early stopping ended training. */
    static final Color STOPPED = new Color(204, 121, 167);
    /** Units that answer 0 to every sampled row: apart from both weight colours. */
    static final Color DEAD = new Color(204, 121, 167);

    private Palette() {
    }

    static Color classColor(int index) {
        return CLASSES[Math.floorMod(index, CLASSES.length)];
    }

    /** {@code color} faded towards white: 0 gives white, 1 the colour itself. */
    static Color tint(Color color, double strength) {
        double s = Math.max(0, Math.min(1, strength));
        return new Color(mix(255, color.getRed(), s), mix(255, color.getGreen(), s), mix(255, color.getBlue(), s));
    }

    private static int mix(int from, int to, double s) {
        return (int) Math.round(from + (to - from) * s);
    }
}
