package org.linfgrad.io;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Line charts for a paper, panels side by side, written as a PNG and the same chart as an SVG beside it. Each
 * panel has a title, both axes labelled with round ticks ({@link Ticks}; a log x axis ticks at powers of ten),
 * light grid lines, and a legend below the plot, outside it, so that it hides no curve. Above the plot, in a
 * strip of their own, go the labels of vertical {@link Marker}s (the eps of a run) and of shaded {@link Band}s
 * (the p phases of training).
 */
public final class LineChart {
    private static final int PANEL_WIDTH = 480;
    private static final int HEIGHT = 380;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 60;
    private static final int BOTTOM = 96;
    private static final float TICK_FONT = 11;
    private static final float LABEL_FONT = 12;
    private static final float NOTE_FONT = 10;
    private static final int DOTS_UP_TO = 25;
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0xff7f0e), new Color(0x9467bd)};
    private static final Color GRID = new Color(0xdddddd);
    private static final Color SHADE = new Color(0xececec);
    private static final Color NOTE = new Color(0x444444);

    /** How x values map to positions. */
    public enum Scale { LINEAR, LOG }

    /** One line: its legend and its y values at the panel's xs. */
    public record Series(String name, double[] ys) {}

    /** A dashed vertical line at x, labelled above the plot. */
    public record Marker(double x, String label) {}

    /** A shaded span of x values, labelled above the plot where the label fits in it. */
    public record Band(double from, double to, String label) {}

    /**
     * One panel. yMin and yMax fix the y range; NaN takes it from the data, widened to round ticks.
     * {@code bandsName} is written left of the band labels ({@code p}).
     */
    public record Panel(String title, String xLabel, String yLabel, double[] xs, List<Series> series, double yMin,
                        double yMax, Scale xScale, List<Marker> markers, String bandsName, List<Band> bands) {

        /** A panel on a linear x axis without markers or bands. */
        public static Panel of(String title, String xLabel, String yLabel, double[] xs, List<Series> series,
                               double yMin, double yMax) {
            return new Panel(title, xLabel, yLabel, xs, series, yMin, yMax, Scale.LINEAR, List.of(), "", List.of());
        }

        /** This panel with a vertical marker more. */
        public Panel withMarker(Marker marker) {
            List<Marker> more = new ArrayList<>(markers);
            more.add(marker);
            return new Panel(title, xLabel, yLabel, xs, series, yMin, yMax, xScale, more, bandsName, bands);
        }

        /** This panel with shaded bands, named {@code name} in the label strip. */
        public Panel withBands(String name, List<Band> shaded) {
            return new Panel(title, xLabel, yLabel, xs, series, yMin, yMax, xScale, markers, name, shaded);
        }

        /** This panel with a log-scale x axis (x values must be positive). */
        public Panel withLogX() {
            return new Panel(title, xLabel, yLabel, xs, series, yMin, yMax, Scale.LOG, markers, bandsName, bands);
        }
    }

    private LineChart() {}

    /** The SVG that {@link #write} writes beside {@code png}: the same name ending in .svg. */
    public static Path svgBeside(Path png) {
        String name = png.getFileName().toString();
        return png.resolveSibling((name.endsWith(".png") ? name.substring(0, name.length() - 4) : name) + ".svg");
    }

    /** Draws the panels left to right into {@code png} and {@link #svgBeside} it, each written atomically. */
    public static void write(Path png, List<Panel> panels) throws IOException {
        int width = PANEL_WIDTH * panels.size();
        PngCanvas image = new PngCanvas(width, HEIGHT);
        SvgCanvas svg = new SvgCanvas(width, HEIGHT);
        for (int k = 0; k < panels.size(); k++) {
            draw(image, panels.get(k), k * PANEL_WIDTH);
            draw(svg, panels.get(k), k * PANEL_WIDTH);
        }
        AtomicFiles.write(png, temporary -> ImageIO.write(image.image(), "png", temporary.toFile()));
        AtomicFiles.writeString(svgBeside(png), svg.document());
    }

    /** The plot area of a panel and its maps from data to positions. */
    private record Frame(double left, double right, double top, double bottom, Axis x, Axis y) {
        double px(double value) {
            return left + x.fraction(value) * (right - left);
        }

        double py(double value) {
            return bottom - y.fraction(value) * (bottom - top);
        }
    }

    /** An axis: its range, scale and ticks with their labels. */
    private record Axis(double lo, double hi, Scale scale, List<Double> ticks, List<String> labels) {
        static Axis linear(double lo, double hi) {
            Ticks ticks = Ticks.of(lo, hi);
            return new Axis(lo, hi, Scale.LINEAR, ticks.values(), ticks.values().stream().map(ticks::label).toList());
        }

        /** From the power of ten at or below lo to the one at or above hi, a tick at each. */
        static Axis log(double lo, double hi) {
            int from = (int) Math.floor(Math.log10(lo) + 1e-9);
            int to = Math.max(from + 1, (int) Math.ceil(Math.log10(hi) - 1e-9));
            List<Double> ticks = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            for (int e = from; e <= to; e++) {
                ticks.add(Math.pow(10, e));
                labels.add(String.format(Locale.ROOT, "%." + Math.max(0, -e) + "f", Math.pow(10, e)));
            }
            return new Axis(ticks.getFirst(), ticks.getLast(), Scale.LOG, ticks, labels);
        }

        double fraction(double value) {
            return scale == Scale.LOG ? Math.log(value / lo) / Math.log(hi / lo) : (value - lo) / (hi - lo);
        }
    }

    private static void draw(Canvas c, Panel panel, int left) {
        Frame f = new Frame(left + LEFT, left + PANEL_WIDTH - RIGHT, TOP, HEIGHT - BOTTOM, xAxis(panel), yAxis(panel));
        double middle = (f.left() + f.right()) / 2;
        c.text(panel.title(), middle, 22, 14, true, Canvas.Anchor.MIDDLE, false, Color.BLACK);
        bands(c, panel, f);
        for (int t = 0; t < f.y().ticks().size(); t++) {
            double y = f.py(f.y().ticks().get(t));
            c.line(f.left(), y, f.right(), y, GRID, 1, false);
            c.text(f.y().labels().get(t), f.left() - 6, y + 4, TICK_FONT, false, Canvas.Anchor.END, false, Color.BLACK);
        }
        for (int t = 0; t < f.x().ticks().size(); t++) {
            double x = f.px(f.x().ticks().get(t));
            c.line(x, f.bottom(), x, f.bottom() + 4, Color.BLACK, 1, false);
            c.text(f.x().labels().get(t), x, f.bottom() + 17, TICK_FONT, false, Canvas.Anchor.MIDDLE, false, Color.BLACK);
        }
        for (Marker m : panel.markers()) {
            double x = f.px(m.x());
            c.line(x, f.top(), x, f.bottom(), NOTE, 1.2f, true);
            c.text(m.label(), x, f.top() - 8, NOTE_FONT, false, Canvas.Anchor.MIDDLE, false, NOTE);
        }
        for (int s = 0; s < panel.series().size(); s++) {
            curve(c, panel, panel.series().get(s), COLORS[s % COLORS.length], f);
        }
        c.line(f.left(), f.top(), f.left(), f.bottom(), Color.BLACK, 1, false);
        c.line(f.left(), f.bottom(), f.right(), f.bottom(), Color.BLACK, 1, false);
        c.line(f.right(), f.top(), f.right(), f.bottom(), Color.BLACK, 0.5f, false);
        c.line(f.left(), f.top(), f.right(), f.top(), Color.BLACK, 0.5f, false);
        c.text(panel.xLabel(), middle, f.bottom() + 36, LABEL_FONT, false, Canvas.Anchor.MIDDLE, false, Color.BLACK);
        c.text(panel.yLabel(), left + 18, (f.top() + f.bottom()) / 2, LABEL_FONT, false, Canvas.Anchor.MIDDLE, true,
                Color.BLACK);
        legend(c, panel, f);
    }

    private static Axis xAxis(Panel panel) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double x : panel.xs()) {
            if (panel.xScale() == Scale.LINEAR || x > 0) {
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
        }
        if (panel.xScale() == Scale.LOG) {
            return Axis.log(lo, hi);
        }
        return hi > lo ? Axis.linear(lo, hi) : Axis.linear(lo - 0.5, hi + 0.5);
    }

    private static Axis yAxis(Panel panel) {
        if (!Double.isNaN(panel.yMin()) && !Double.isNaN(panel.yMax())) {
            return Axis.linear(panel.yMin(), panel.yMax());
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : panel.series()) {
            for (double y : s.ys()) {
                lo = Math.min(lo, y);
                hi = Math.max(hi, y);
            }
        }
        double[] range = hi > lo ? Ticks.widen(lo, hi) : Ticks.widen(lo - 1, hi + 1);
        return Axis.linear(range[0], range[1]);
    }

    /** Every other band shaded, and each label above the plot where it fits within its band. */
    private static void bands(Canvas c, Panel panel, Frame f) {
        double labelY = f.top() - 8;
        if (!panel.bands().isEmpty()) {
            c.text(panel.bandsName(), f.left() - 6, labelY, NOTE_FONT, false, Canvas.Anchor.END, false, NOTE);
        }
        for (int b = 0; b < panel.bands().size(); b++) {
            Band band = panel.bands().get(b);
            double from = Math.max(f.left(), f.px(band.from()));
            double to = Math.min(f.right(), f.px(band.to()));
            if (b % 2 == 0) {
                c.fillRect(from, f.top(), to - from, f.bottom() - f.top(), SHADE);
            }
            if (PngCanvas.textWidth(band.label(), NOTE_FONT, false) + 2 <= to - from) {
                c.text(band.label(), (from + to) / 2, labelY, NOTE_FONT, false, Canvas.Anchor.MIDDLE, false, NOTE);
            }
        }
    }

    private static void curve(Canvas c, Panel panel, Series series, Color color, Frame f) {
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < panel.xs().length; i++) {
            if (panel.xScale() == Scale.LINEAR || panel.xs()[i] > 0) {
                points.add(new double[] {f.px(panel.xs()[i]), f.py(series.ys()[i])});
            }
        }
        if (points.size() > 1) {
            c.polyline(points.stream().mapToDouble(p -> p[0]).toArray(), points.stream().mapToDouble(p -> p[1]).toArray(),
                    color, 2);
        }
        if (points.size() <= DOTS_UP_TO) {
            points.forEach(p -> c.dot(p[0], p[1], 2.5, color));
        }
    }

    /** A swatch and the name of each series, in rows centred under the x axis label. */
    private static void legend(Canvas c, Panel panel, Frame f) {
        double swatch = 20;
        double gap = 18;
        List<List<Integer>> rows = new ArrayList<>(List.of(new ArrayList<>()));
        double rowWidth = 0;
        List<Double> widths = new ArrayList<>();
        for (int s = 0; s < panel.series().size(); s++) {
            double w = swatch + 5 + PngCanvas.textWidth(panel.series().get(s).name(), TICK_FONT, false);
            if (!rows.getLast().isEmpty() && rowWidth + gap + w > f.right() - f.left()) {
                widths.add(rowWidth);
                rows.add(new ArrayList<>());
                rowWidth = 0;
            }
            rowWidth += (rows.getLast().isEmpty() ? 0 : gap) + w;
            rows.getLast().add(s);
        }
        widths.add(rowWidth);
        for (int r = 0; r < rows.size(); r++) {
            double x = (f.left() + f.right() - widths.get(r)) / 2;
            double y = f.bottom() + 60 + 16 * r;
            for (int s : rows.get(r)) {
                Color color = COLORS[s % COLORS.length];
                c.line(x, y - 4, x + swatch, y - 4, color, 2, false);
                String name = panel.series().get(s).name();
                c.text(name, x + swatch + 5, y, TICK_FONT, false, Canvas.Anchor.START, false, Color.BLACK);
                x += swatch + 5 + PngCanvas.textWidth(name, TICK_FONT, false) + gap;
            }
        }
    }
}
