package org.linfgrad.course;

/** One graded check of a course task: a gradient check, a kernel's agreement with the reference, a bound. */
public interface CourseCheck {

    /** What the grade report calls it. */
    String name();

    /**
     * Whether the check runs once per backend, on the current one; false for a check that picks the backends it
     * compares itself (a kernel against the reference).
     */
    default boolean perBackend() {
        return true;
    }

    /** Runs the check; whatever the student's code throws is thrown on. */
    CheckResult run();
}
