package org.linfgrad.course;

/**
 * A module of the course: a set of tasks on one part of the stack, with its section of ASSIGNMENT.md.
 *
 * @param name   the name of {@code --module} and the JUnit tag of all its tasks' tests
 * @param title  the section's heading
 * @param read   what to read first
 * @param write  what to write
 * @param hints  what helps
 * @param graded how the grader checks it
 */
public record Module(String name, String title, String read, String write, String hints, String graded) {}
