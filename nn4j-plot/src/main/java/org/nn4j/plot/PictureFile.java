package org.nn4j.plot;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;
import org.nn4j.io.AtomicFile;

/** Writes a chart as PNG or SVG (by the file's extension), atomically like every file nn4j writes. */
public final class PictureFile {

    public static final int WIDTH = 800;
    public static final int HEIGHT = 600;

    private PictureFile() {
    }

    /** Writes {@code chart} to {@code file} ({@code .png} or {@code .svg}) at the default size. */
    public static void write(JFreeChart chart, Path file) throws IOException {
        write(chart, file, WIDTH, HEIGHT);
    }

    public static void write(JFreeChart chart, Path file, int width, int height) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        byte[] bytes;
        if (name.endsWith(".png")) {
            bytes = ChartUtils.encodeAsPNG(render(chart, width, height, null));
        } else if (name.endsWith(".svg")) {
            SVGGraphics2D svg = new SVGGraphics2D(width, height);
            svg.setGeomDoubleConverter(PictureFile::hundredths);
            chart.draw(svg, new Rectangle(0, 0, width, height));
            bytes = svg.getSVGDocument().getBytes(StandardCharsets.UTF_8);
        } else {
            throw new IllegalArgumentException("A picture file ends in .png or .svg, got '" + file.getFileName() + "'");
        }
        AtomicFile.write(file, bytes, "Picture file");
    }

    /**
     * A coordinate to a hundredth of a pixel, which no eye can tell from the full {@code double}, and which keeps a
     * point's path in an SVG at a third of its length.
     */
    static String hundredths(double value) {
        return Double.toString(Math.rint(value * 100) / 100);
    }

    /** The chart drawn into an image; {@code info}, when given, receives where the plot's data area lies. */
    public static BufferedImage render(JFreeChart chart, int width, int height, ChartRenderingInfo info) {
        return chart.createBufferedImage(width, height, info);
    }
}
