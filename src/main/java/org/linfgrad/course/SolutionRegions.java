package org.linfgrad.course;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The course markers of a Java source file, one per line:
 * <ul>
 *   <li>{@code // BEGIN SOLUTION <task>} ... {@code // END SOLUTION}: the task's answer. It covers the rest of a
 *   method body, so that replacing it by a {@code throw} still compiles;</li>
 *   <li>{@code // BEGIN OMIT <task>} ... {@code // END OMIT}: another implementation of what the task asks for
 *   (a fast path of a stubbed kernel, say), left out of a copy that stubs the task, so that the copy routes
 *   to the student's code;</li>
 *   <li>{@code // OMIT FILE <task>}: the same for a whole file.</li>
 * </ul>
 * In Markdown the region markers are HTML comments, {@code <!-- BEGIN OMIT <task> -->} ... {@code <!-- END OMIT -->}:
 * a passage of the README that works out an answer.
 */
public final class SolutionRegions {
    static final String BEGIN = "// BEGIN SOLUTION ";
    static final String END = "// END SOLUTION";
    static final String BEGIN_OMIT = "// BEGIN OMIT ";
    static final String END_OMIT = "// END OMIT";
    static final String OMIT_FILE = "// OMIT FILE ";

    private SolutionRegions() {}

    /** What a region is for. */
    public enum Kind {
        /** The answer: a {@code throw} of the task's TODO in the student copy, between the markers. */
        SOLUTION,
        /** Another implementation of the answer: absent from the student copy. */
        OMIT
    }

    /** One region: its task, its kind and the 1-based lines of its markers. */
    public record Region(String task, Kind kind, int beginLine, int endLine) {
        /** Whether the 1-based line lies strictly between the markers. */
        public boolean encloses(long line) {
            return line > beginLine && line < endLine;
        }
    }

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
        Kind openKind = null;
        int openLine = 0;
        for (int l = 0; l < lines.length; l++) {
            String line = marker(lines[l]);
            Kind begins = line.startsWith(BEGIN) ? Kind.SOLUTION : line.startsWith(BEGIN_OMIT) ? Kind.OMIT : null;
            Kind ends = line.equals(END) ? Kind.SOLUTION : line.equals(END_OMIT) ? Kind.OMIT : null;
            if (begins != null) {
                if (open != null) {
                    throw new IllegalArgumentException(file + ":" + (l + 1) + ": a course region begins inside the "
                            + "region of '" + open + "' opened at line " + openLine);
                }
                open = line.substring((begins == Kind.SOLUTION ? BEGIN : BEGIN_OMIT).length()).strip();
                openKind = begins;
                openLine = l + 1;
            } else if (ends != null) {
                if (open == null || ends != openKind) {
                    throw new IllegalArgumentException(file + ":" + (l + 1) + ": '" + line + "' without its BEGIN");
                }
                regions.add(new Region(open, openKind, openLine, l + 1));
                open = null;
            }
        }
        if (open != null) {
            throw new IllegalArgumentException(file + ":" + openLine + ": the region of '" + open + "' is never ended");
        }
        return regions;
    }

    /** A line as a marker reads: stripped, Markdown's {@code <!-- BEGIN OMIT t -->} read as {@code // BEGIN OMIT t}. */
    private static String marker(String line) {
        String s = line.strip();
        return s.startsWith("<!-- ") && s.endsWith(" -->") ? "// " + s.substring(5, s.length() - 4).strip() : s;
    }

    /**
     * The task whose {@code // OMIT FILE <task>[: why]} marker the source carries, or null.
     */
    public static String omittedWith(String source) {
        for (String line : source.split("\n")) {
            if (line.strip().startsWith(OMIT_FILE)) {
                return line.strip().substring(OMIT_FILE.length()).split("[:\\s]", 2)[0];
            }
        }
        return null;
    }

    /**
     * The student's version of a source text: the solution region of every task in {@code stubbed} keeps its
     * markers and holds only a {@code throw} of the task's {@link Task#stubMessage}, at the region's
     * indentation (the student writes between the markers, and the grader finds the answer there); the omit
     * regions of those tasks are dropped; every other region keeps its code and loses its markers, and so does
     * an {@code // OMIT FILE} line.
     */
    public static String forStudents(String source, String file, Map<String, Task> stubbed) {
        List<Region> regions = find(source, file);
        String[] lines = source.split("\n", -1);
        StringBuilder out = new StringBuilder();
        int next = 0; // the next region to reach
        for (int l = 1; l <= lines.length; l++) {
            Region region = next < regions.size() ? regions.get(next) : null;
            String text = lines[l - 1];
            String newline = l < lines.length ? "\n" : "";
            if (region != null && l == region.beginLine() && stubbed.containsKey(region.task())) {
                if (region.kind() == Kind.SOLUTION) {
                    String indent = text.substring(0, text.indexOf(BEGIN));
                    out.append(text).append('\n').append(stub(indent, stubbed.get(region.task()))).append('\n')
                            .append(lines[region.endLine() - 1]).append(region.endLine() < lines.length ? "\n" : "");
                }
                l = region.endLine();
                next++;
            } else if (region != null && (l == region.beginLine() || l == region.endLine())) {
                next += l == region.endLine() ? 1 : 0;
            } else if (!text.strip().startsWith(OMIT_FILE)) {
                out.append(text).append(newline);
            }
        }
        return out.toString();
    }

    /** The stub of a task: one {@code throw} statement at the given indentation. */
    static String stub(String indent, Task task) {
        return indent + "throw new UnsupportedOperationException(" + javaString(task.stubMessage()) + ");";
    }

    private static String javaString(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
