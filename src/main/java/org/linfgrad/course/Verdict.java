package org.linfgrad.course;

/** How a task's checks ended, from the best outcome to the worst; every one but {@link #PASS} scores 0. */
public enum Verdict {
    PASS("pass"),
    TODO("TODO"),
    WRONG("wrong"),
    NAN("NaN"),
    EXCEPTION("exception"),
    TIMEOUT("timeout"),
    EXIT("exit called"),
    NOT_COMPILED("did not compile");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    /** The word the grade's one line starts with. */
    public String label() {
        return label;
    }
}
