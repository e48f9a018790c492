package org.linfgrad.io;

import java.awt.Color;

/**
 * The drawing operations a {@link LineChart} is made of, in pixel coordinates from the top left, so that one
 * layout draws the PNG ({@link PngCanvas}) and the SVG ({@link SvgCanvas}) alike.
 */
sealed interface Canvas permits PngCanvas, SvgCanvas {
    /** Where a text's anchor point is along the text: its start, middle or end. */
    enum Anchor { START, MIDDLE, END }

    /** A straight line, solid or dashed. */
    void line(double x1, double y1, double x2, double y2, Color color, float width, boolean dashed);

    /** Line segments joining the points in order. */
    void polyline(double[] xs, double[] ys, Color color, float width);

    /** A filled rectangle. */
    void fillRect(double x, double y, double width, double height, Color color);

    /** A filled circle. */
    void dot(double x, double y, double radius, Color color);

    /** Text on the baseline y, anchored at x; {@code vertical} turns it a quarter anticlockwise about (x, y). */
    void text(String text, double x, double y, float size, boolean bold, Anchor anchor, boolean vertical, Color color);
}
