package org.linfgrad.io;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/** Line charts as PNG, side by side in panels, drawn with java.awt in headless mode. */
public final class LineChart {
    private static final int PANEL_WIDTH = 480;
    private static final int HEIGHT = 360;
    private static final int MARGIN = 48;
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0xff7f0e), new Color(0x9467bd)};

    /** One line: its legend and its y values at x = xs. */
    public record Series(String name, double[] ys) {}

    /** One panel: a title, the x axis label, x values, lines, and the y range (NaN: from the data). */
    public record Panel(String title, String xLabel, double[] xs, List<Series> series, double yMin, double yMax) {}

    private LineChart() {}

    /** Draws the panels left to right into a PNG written atomically. */
    public static void write(Path path, List<Panel> panels) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(PANEL_WIDTH * panels.size(), HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), HEIGHT);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int k = 0; k < panels.size(); k++) {
            drawPanel(g, panels.get(k), k * PANEL_WIDTH);
        }
        g.dispose();
        AtomicFiles.write(path, temporary -> ImageIO.write(image, "png", temporary.toFile()));
    }

    private static void drawPanel(Graphics2D g, Panel panel, int left) {
        double xMin = panel.xs()[0];
        double xMax = panel.xs()[panel.xs().length - 1];
        double[] yRange = yRange(panel);
        int x0 = left + MARGIN;
        int x1 = left + PANEL_WIDTH - 16;
        int y0 = HEIGHT - MARGIN;
        int y1 = 32;
        g.setColor(Color.BLACK);
        g.drawString(panel.title(), x0, 20);
        g.drawLine(x0, y0, x1, y0);
        g.drawLine(x0, y0, x0, y1);
        g.drawString(panel.xLabel(), (x0 + x1) / 2 - 20, HEIGHT - 10);
        for (int t = 0; t <= 4; t++) {
            double y = yRange[0] + t * (yRange[1] - yRange[0]) / 4;
            int py = (int) (y0 - t * (y0 - y1) / 4.0);
            g.setColor(new Color(0xdddddd));
            g.drawLine(x0 + 1, py, x1, py);
            g.setColor(Color.BLACK);
            g.drawString(String.format("%.2f", y), left + 4, py + 4);
        }
        g.drawString(String.format("%.0f", xMin), x0, y0 + 14);
        g.drawString(String.format("%.0f", xMax), x1 - 16, y0 + 14);
        g.setStroke(new BasicStroke(2f));
        for (int s = 0; s < panel.series().size(); s++) {
            Series series = panel.series().get(s);
            g.setColor(COLORS[s % COLORS.length]);
            List<int[]> points = new ArrayList<>();
            for (int i = 0; i < panel.xs().length; i++) {
                double fx = xMax == xMin ? 0.5 : (panel.xs()[i] - xMin) / (xMax - xMin);
                double fy = (series.ys()[i] - yRange[0]) / (yRange[1] - yRange[0]);
                points.add(new int[] {(int) (x0 + fx * (x1 - x0)), (int) (y0 - fy * (y0 - y1))});
            }
            for (int i = 1; i < points.size(); i++) {
                g.drawLine(points.get(i - 1)[0], points.get(i - 1)[1], points.get(i)[0], points.get(i)[1]);
            }
            if (points.size() == 1) {
                g.fillOval(points.get(0)[0] - 3, points.get(0)[1] - 3, 6, 6);
            }
            g.drawString(series.name(), x1 - 150, y1 + 16 + 16 * s);
        }
        g.setStroke(new BasicStroke(1f));
    }

    private static double[] yRange(Panel panel) {
        double lo = panel.yMin();
        double hi = panel.yMax();
        if (Double.isNaN(lo) || Double.isNaN(hi)) {
            lo = Double.POSITIVE_INFINITY;
            hi = Double.NEGATIVE_INFINITY;
            for (Series s : panel.series()) {
                for (double y : s.ys()) {
                    lo = Math.min(lo, y);
                    hi = Math.max(hi, y);
                }
            }
        }
        return hi > lo ? new double[] {lo, hi} : new double[] {lo - 1, hi + 1};
    }
}
