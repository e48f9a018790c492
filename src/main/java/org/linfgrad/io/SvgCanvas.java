package org.linfgrad.io;

import java.awt.Color;
import java.util.Locale;

/** A {@link Canvas} that writes SVG 1.1 text, one element per operation, on a white background. */
final class SvgCanvas implements Canvas {
    private final StringBuilder svg = new StringBuilder();

    SvgCanvas(int width, int height) {
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">%n", width, height,
                width, height));
        fillRect(0, 0, width, height, Color.WHITE);
    }

    /** The document: everything drawn so far, closed. */
    String document() {
        return svg + "</svg>\n";
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Color color, float width, boolean dashed) {
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"%s\" "
                + "stroke-width=\"%.2f\"%s/>%n", x1, y1, x2, y2, hex(color), width,
                dashed ? " stroke-dasharray=\"4 3\"" : ""));
    }

    @Override
    public void polyline(double[] xs, double[] ys, Color color, float width) {
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < xs.length; i++) {
            points.append(String.format(Locale.ROOT, "%s%.2f,%.2f", i == 0 ? "" : " ", xs[i], ys[i]));
        }
        svg.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"%.2f\" "
                + "stroke-linejoin=\"round\" stroke-linecap=\"round\"/>%n", points, hex(color), width));
    }

    @Override
    public void fillRect(double x, double y, double width, double height, Color color) {
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\"/>%n",
                x, y, width, height, hex(color)));
    }

    @Override
    public void dot(double x, double y, double radius, Color color) {
        svg.append(String.format(Locale.ROOT, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"%.2f\" fill=\"%s\"/>%n", x, y, radius,
                hex(color)));
    }

    @Override
    public void text(String text, double x, double y, float size, boolean bold, Anchor anchor, boolean vertical,
                     Color color) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%.2f\" y=\"%.2f\" font-size=\"%.1f\"%s text-anchor=\"%s\" "
                        + "fill=\"%s\"%s>%s</text>%n", x, y, size, bold ? " font-weight=\"bold\"" : "",
                switch (anchor) {
                    case START -> "start";
                    case MIDDLE -> "middle";
                    case END -> "end";
                }, hex(color), vertical ? String.format(Locale.ROOT, " transform=\"rotate(-90 %.2f %.2f)\"", x, y) : "",
                escape(text)));
    }

    private static String hex(Color color) {
        return String.format("#%06x", color.getRGB() & 0xffffff);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
