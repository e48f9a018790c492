package org.linfgrad.course;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The solution regions of a Java source file: the lines between {@code // BEGIN SOLUTION <task id>} and
 * {@code // END SOLUTION}. A region covers the rest of a method body, so that replacing it by a
 * {@code throw} still compiles.
 */
public final class SolutionRegions {
    static final String BEGIN = "// BEGIN SOLUTION ";
    static final String END = "// END SOLUTION";

    private SolutionRegions() {}

    /** One region: its task and the 1-based lines of its markers. */
    public record Region(String task, int beginLine, int endLine) {}

    /**
     * The regions of a source text, in order.
     *
     * @throws IllegalArgumentException for a marker without its partner or regions inside one another, naming
     *                                  the file and line
     */
    public static List<Region> find(String source, String file) {
        List<Region> regions = new ArrayList<>();
        String[] lines = source.split("\n", -1);
        String open = null;
        int openLine = 0;
        for (int l = 0; l < lines.length; l++) {
            String line = lines[l].strip();
            if (line.startsWith(BEGIN)) {
                if (open != null) {
                    throw new IllegalArgumentException(file + ":" + (l + 1) + ": a solution region begins inside the "
                            + "region of '" + open + "' opened at line " + openLine);
                }
                open = line.substring(BEGIN.length()).strip();
                openLine = l + 1;
            } else if (line.equals(END)) {
                if (open == null) {
                    throw new IllegalArgumentException(file + ":" + (l + 1) + ": '" + END + "' without a BEGIN");
                }
                regions.add(new Region(open, openLine, l + 1));
                open = null;
            }
        }
        if (open != null) {
            throw new IllegalArgumentException(file + ":" + openLine + ": the region of '" + open + "' is never ended");
        }
        return regions;
    }

    /**
     * The student's version of a source text: the region of every task in {@code stubbed} is replaced by a
     * {@code throw} of the task's {@link Task#stubMessage}, at the region's indentation; the other regions
     * keep their code and lose their markers.
     */
    public static String forStudents(String source, String file, Map<String, Task> stubbed) {
        List<Region> regions = find(source, file);
        String[] lines = source.split("\n", -1);
        StringBuilder out = new StringBuilder();
        int next = 0; // the next region to reach
        for (int l = 1; l <= lines.length; l++) {
            Region region = next < regions.size() ? regions.get(next) : null;
            String text = lines[l - 1];
            if (region != null && l == region.beginLine() && stubbed.containsKey(region.task())) {
                String indent = text.substring(0, text.indexOf(BEGIN));
                out.append(indent).append("throw new UnsupportedOperationException(")
                        .append(javaString(stubbed.get(region.task()).stubMessage())).append(");\n");
                l = region.endLine();
                next++;
            } else if (region != null && (l == region.beginLine() || l == region.endLine())) {
                next += l == region.endLine() ? 1 : 0;
            } else {
                out.append(text).append(l < lines.length ? "\n" : "");
            }
        }
        return out.toString();
    }

    private static String javaString(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
