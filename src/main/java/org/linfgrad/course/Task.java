package org.linfgrad.course;

import java.util.List;

/**
 * One course task: a solution region in the real code, marked {@code // BEGIN SOLUTION <id>} ...
 * {@code // END SOLUTION}, and the gradient-check cases that grade it.
 *
 * @param id    the name used in the markers, in {@code --tasks} and as the JUnit tag of its tests
 * @param todo  what the student is asked to write, as the stub's exception says it
 * @param cases the names of the gradient-check suite cases that exercise the region
 */
public record Task(String id, String todo, List<String> cases) {

    /** The message the stub throws: the grader recognises an unfinished task by it. */
    public String stubMessage() {
        return "TODO: " + id + ": " + todo;
    }
}
