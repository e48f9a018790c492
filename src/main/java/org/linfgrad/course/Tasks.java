package org.linfgrad.course;

import java.util.ArrayList;
import java.util.List;

/** The course tasks of linfgrad: backward passes of its functions, from a matmul to the soft order statistic. */
public final class Tasks {
    /** Every task, in teaching order. */
    public static final List<Task> ALL = List.of(
            new Task("matmul-backward",
                    "return {dL/dA, dL/dB} for C = op(A) op(B): G op(B)^T and op(A)^T G, transposed back where an "
                            + "operand was transposed (MatMul.backward)",
                    List.of("matmul", "matmul A^T B", "matmul A B^T", "matmul A^T B^T", "linear layer")),
            new Task("log-softmax-backward",
                    "return dL/dx = g - exp(y) * (the row sums of g), y the saved log-softmax, computed for the row's "
                            + "largest exp(y) so that it survives exp(y) rounding to 1 (LogSoftmax.backward)",
                    List.of("log-softmax", "weighted-order layer soft", "softmax, saturated rows (double oracle)")),
            new Task("linf-backward",
                    "send g_bj to the argmax input only, times sign(x_bi - w_ji) there: Backend.selectionBackward "
                            + "(LinfDistance.backward)",
                    List.of("linf-dist layer", "sparse linf-dist layer")),
            new Task("lp-backward",
                    "return {dL/dx, dL/dw} of the L-p distance: Backend.lpDistBackward (LpDistance.backward)",
                    List.of("lp-dist layer p=1.0", "lp-dist layer p=2.5", "lp-dist layer p=8.0",
                            "sparse lp-dist layer p=8", "sortnet layer (training, p=8 on a subset)")),
            new Task("order-statistic-backward",
                    "send g_bj to the selected input (+g) and weight (-g): Backend.selectionBackward "
                            + "(OrderStatistic.backward)",
                    List.of("order-stat layer", "median layer")),
            new Task("soft-order-backward",
                    "return {dL/dx, dL/dw, dL/da} of y = sum_r a_r sorted_r(z): Backend.softOrderStatBackward "
                            + "(SoftOrderStatistic.backward)",
                    List.of("soft-order layer laplace", "soft-order layer gaussian",
                            "soft-order layer laplace tau=1.0 (double oracle)", "soft-order layer laplace tau=0.3 (double oracle)",
                            "soft-order layer laplace tau=0.05 (double oracle)",
                            "soft-order layer laplace tau=0.01 (double oracle)",
                            "soft-order layer gaussian tau=1.0 (double oracle)",
                            "soft-order layer gaussian tau=0.1 (double oracle)")));

    private Tasks() {}

    /** The task with this id. */
    public static Task byId(String id) {
        return ALL.stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "unknown task '" + id + "'; tasks: " + String.join(", ", ids(ALL))));
    }

    /** The tasks of a comma-separated list of ids, or all of them for "all". */
    public static List<Task> parse(String list) {
        if (list.equals("all")) {
            return ALL;
        }
        List<Task> tasks = new ArrayList<>();
        for (String id : list.split(",")) {
            Task task = byId(id.strip());
            if (!tasks.contains(task)) {
                tasks.add(task);
            }
        }
        return tasks;
    }

    /** The ids of some tasks. */
    public static List<String> ids(List<Task> tasks) {
        return tasks.stream().map(Task::id).toList();
    }
}
