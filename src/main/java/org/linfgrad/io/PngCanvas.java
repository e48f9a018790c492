package org.linfgrad.io;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

/** A {@link Canvas} on a white image drawn with java.awt in headless mode, {@value #SCALE} pixels per unit. */
final class PngCanvas implements Canvas {
    /** Pixels per layout unit: a sharp image at print size. */
    static final int SCALE = 2;

    private final BufferedImage image;
    private final Graphics2D g;

    PngCanvas(int width, int height) {
        System.setProperty("java.awt.headless", "true");
        image = new BufferedImage(width * SCALE, height * SCALE, BufferedImage.TYPE_INT_RGB);
        g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.scale(SCALE, SCALE);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
    }

    /** The image drawn so far; the canvas is done with once this is taken. */
    BufferedImage image() {
        g.dispose();
        return image;
    }

    /** The width of a text in layout units, as this canvas draws it (the SVG's fonts are near enough). */
    static double textWidth(String text, float size, boolean bold) {
        return font(size, bold).getStringBounds(text, new java.awt.font.FontRenderContext(null, true, true)).getWidth();
    }

    private static Font font(float size, boolean bold) {
        return new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, 1).deriveFont(size);
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Color color, float width, boolean dashed) {
        g.setColor(color);
        g.setStroke(dashed ? new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {4, 3}, 0)
                : new BasicStroke(width));
        g.draw(new Line2D.Double(x1, y1, x2, y2));
    }

    @Override
    public void polyline(double[] xs, double[] ys, Color color, float width) {
        Path2D.Double path = new Path2D.Double();
        path.moveTo(xs[0], ys[0]);
        for (int i = 1; i < xs.length; i++) {
            path.lineTo(xs[i], ys[i]);
        }
        g.setColor(color);
        g.setStroke(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(path);
    }

    @Override
    public void fillRect(double x, double y, double width, double height, Color color) {
        g.setColor(color);
        g.fill(new Rectangle2D.Double(x, y, width, height));
    }

    @Override
    public void dot(double x, double y, double radius, Color color) {
        g.setColor(color);
        g.fill(new Ellipse2D.Double(x - radius, y - radius, 2 * radius, 2 * radius));
    }

    @Override
    public void text(String text, double x, double y, float size, boolean bold, Anchor anchor, boolean vertical,
                     Color color) {
        double shift = switch (anchor) {
            case START -> 0;
            case MIDDLE -> textWidth(text, size, bold) / 2;
            case END -> textWidth(text, size, bold);
        };
        AffineTransform saved = g.getTransform();
        g.translate(x, y);
        if (vertical) {
            g.rotate(-Math.PI / 2);
        }
        g.setColor(color);
        g.setFont(font(size, bold));
        g.drawString(text, (float) -shift, 0f);
        g.setTransform(saved);
    }
}
