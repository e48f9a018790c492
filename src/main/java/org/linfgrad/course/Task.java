package org.linfgrad.course;

import java.util.List;
import java.util.function.Supplier;

/**
 * One course task: a solution region in the real code, marked {@code // BEGIN SOLUTION <id>} ...
 * {@code // END SOLUTION}, and the checks that grade it.
 *
 * @param id     the name used in the markers, in {@code --tasks} and as the JUnit tag of its tests
 * @param module the name of the module it belongs to
 * @param todo   what the student is asked to write, as the stub's exception says it
 * @param checks builds its checks (anew for every run: a check may hold a layer)
 */
public record Task(String id, String module, String todo, Supplier<List<CourseCheck>> checks) {

    /** The message the stub throws: the grader recognises an unfinished task by it. */
    public String stubMessage() {
        return "TODO: " + id + ": " + todo;
    }
}
