package org.linfgrad.course;

import java.util.ArrayList;
import java.util.List;
import org.linfgrad.autograd.Var;
import org.linfgrad.model.ModelSpec;
import org.linfgrad.nn.LinfDist;
import org.linfgrad.nn.OrderStat;
import org.linfgrad.tensor.Tensor;

/**
 * The course: its modules in teaching order, each a set of tasks across the stack, from the tape to the
 * pruner. A module's checks need only the modules before it, so they are solved (and graded) in this order.
 */
public final class Tasks {
    /** Four samples of three inputs with ties of two and of three. */
    private static final float[][] SAMPLES = {{1, 0.5f, 0}, {0, 0, 1}, {0.5f, 0.5f, 0.5f}, {0.2f, 0.9f, 0.1f}};

    /** Every module, in teaching order. */
    public static final List<Module> MODULES = List.of(
            new Module("tape", "The tape",
                    "`autograd/Tape.java`, `Node.java` and `Var.java`; tutorial 01.",
                    "`Tape.backward`: seed the output and walk the recorded nodes once, in reverse; "
                            + "`Var.accumulate`: add a contribution to a gradient.",
                    "a node's backward needs its output's gradient complete, from every later use: what order "
                            + "guarantees that? A Var used twice receives two contributions.",
                    "the gradient checks of a chain of functions, and of a Var used twice and on two paths."),
            new Module("broadcasting", "Broadcasting",
                    "`Backend.sumTo` and `broadcastTo` in `backend/reference/ReferenceBackend.java`; "
                            + "`autograd/functions/Arithmetic.java`.",
                    "`ReferenceBackend.sumTo`: the adjoint of broadcasting.",
                    "every element of the broadcast tensor came from one element of the small one; "
                            + "`sourceOffsets` says which. Accumulate in double.",
                    "the gradient checks of add, sub, mul and div with row and column broadcasts."),
            new Module("simd", "A Vector API kernel",
                    "`backend/simd/DistanceForward.java`, `LpForward.java` (its `runningMax` shows the layout) and the "
                            + "scalar twin `NeuronKernels.linfDist`; tutorial 05.",
                    "`DistanceForward.runningArgMax`: the running max of |x_bi - w_ji| over the inputs for a block "
                            + "of neurons, with its argmax.",
                    "compare with a strict greater-than per lane and blend the index where it holds: the lowest "
                            + "index then wins ties.",
                    "exact agreement with the reference (values and argmax) on the conformance shapes, ties "
                            + "included; the grade reports the kernel's speed against the reference (not graded)."),
            new Module("neurons", "Backward passes of the neurons",
                    "`autograd/functions/*`, `backend/reference/NeuronKernels.java`, the `Backend` interface; "
                            + "tutorials 02 to 04.",
                    "the backward of matmul and log-softmax, and the reference kernels of the L-inf, L-p, order "
                            + "statistic and soft order statistic backward passes.",
                    "derive dy/dz on paper first; an argmax or a sort routes each gradient to one input.",
                    "the gradient checks of each function (central differences with a random cotangent)."),
            new Module("certification", "Certification",
                    "`certify/IntervalBounds.java`, `certify/Box.java`; tutorial 08.",
                    "the interval bound of a distance layer and of a layer monotone in every input (the order "
                            + "statistics).",
                    "each z_i ranges over an interval; where does |z_i| reach its smallest and largest values?",
                    "containment (every sampled point of a box, corners included, maps inside the bounds) and "
                            + "soundness at a point (a box of width 0 is bounded by the output itself)."),
            new Module("pruning", "Pruning",
                    "`prune/EdgeUsage.java`, `prune/Pruner.java`; tutorial 09.",
                    "`EdgeUsage.tally`: count, for every output, the edge its selection used.",
                    "outputs are row-major [B, M]; the table is [M, N].",
                    "the counts of hand-made samples through one-layer nets, worked out by hand."));

    /** Every task, in teaching order. */
    public static final List<Task> ALL = List.of(
            new Task("tape-backward", "tape", "seed the output's gradient and send it back through every recorded node, "
                    + "then release the tape (Tape.backward)",
                    () -> GradientCheck.named("neg", "tanh", "sum", "reshape")),
            new Task("gradient-accumulation", "tape", "add a contribution to this Var's gradient (the first one "
                    + "becomes the gradient) (Var.accumulate)",
                    () -> GradientCheck.named("a Var used twice", "a Var on two paths")),
            new Task("sum-to", "broadcasting", "sum x over the axes along which shape was broadcast to x's shape "
                    + "(ReferenceBackend.sumTo)",
                    () -> GradientCheck.named("add row broadcast", "sub column broadcast", "mul row broadcast",
                            "mul column broadcast", "div column broadcast")),
            new Task("simd-linf-forward", "simd", "write the block's running max of |x_bi - w_ji| and its first "
                    + "argmax for two samples into out (DistanceForward.runningArgMax)", () -> List.of(new LinfKernelCheck())),
            new Task("matmul-backward", "neurons",
                    "return {dL/dA, dL/dB} for C = op(A) op(B), transposed back where an operand was transposed "
                            + "(MatMul.backward)",
                    () -> GradientCheck.named("matmul", "linear layer")),
            new Task("log-softmax-backward", "neurons",
                    "return dL/dx from g and the saved log-softmax y, so that it survives exp(y) rounding to 1 "
                            + "(LogSoftmax.backward)",
                    () -> GradientCheck.named("log-softmax", "weighted-order layer soft",
                            "softmax, saturated rows (double oracle)")),
            new Task("linf-backward", "neurons",
                    "send g_bj to the argmax input only, with the sign of z there (NeuronKernels.linfDistBackward)",
                    () -> GradientCheck.named("linf-dist layer", "sparse linf-dist layer")),
            new Task("lp-backward", "neurons", "return {dL/dx, dL/dw} of the L-p distance over the kept edges "
                    + "(NeuronKernels.lpDistBackward)", () -> GradientCheck.named("lp-dist layer", "sparse lp-dist layer",
                    "sortnet layer (training, p=8 on a subset)")),
            new Task("order-statistic-backward", "neurons", "send c_bj to the selected input (+) and weight (-) of "
                    + "every output (NeuronKernels.selectionBackward)",
                    () -> GradientCheck.named("order-stat layer", "median layer", "sortnet layer (evaluation)")),
            new Task("soft-order-backward", "neurons", "return {dL/dx, dL/dw, dL/da} of y = sum_r a_r sorted_r(z) "
                    + "(NeuronKernels.softOrderStatBackward)", () -> GradientCheck.named("soft-order layer")),
            new Task("interval-distance", "certification", "bound every distance neuron over the box, exactly "
                    + "(IntervalBounds.distance)", () -> List.of(new IntervalCheck("interval bound of an L-inf "
                    + "distance layer", rng -> new LinfDist(Var.param(Tensor.randn(rng, 6, 8)),
                    Var.param(Tensor.randn(rng, 6)))))),
            new Task("interval-order-statistic", "certification", "bound a layer that is monotone non-decreasing in "
                    + "every input (IntervalBounds.monotone)", () -> List.of(
                    new IntervalCheck("interval bound of an order-statistic layer",
                            rng -> OrderStat.kth(8, 6, 3, true, rng)),
                    new IntervalCheck("interval bound of a median layer", rng -> OrderStat.median(8, 6, true, rng)))),
            new Task("edge-usage", "pruning", "count the edge each output selected (EdgeUsage.tally)", () -> List.of(
                    new EdgeUsageCheck("edge usage of an L-inf distance layer", ModelSpec.Neuron.LINF,
                            new LinfDist(EdgeUsageCheck.zeros(2, 3), null), SAMPLES, new int[] {2, 1, 1, 2, 1, 1}),
                    new EdgeUsageCheck("edge usage of an order-statistic layer", ModelSpec.Neuron.ORDERSTAT,
                            OrderStat.ranks(EdgeUsageCheck.zeros(1, 3), null, 2), SAMPLES, new int[] {1, 3, 0}),
                    new EdgeUsageCheck("edge usage of an even median", ModelSpec.Neuron.MEDIAN,
                            OrderStat.median(EdgeUsageCheck.zeros(1, 4), null),
                            new float[][] {{0.4f, 0.1f, 0.3f, 0.2f}}, new int[] {0, 0, 1, 1}))));

    private Tasks() {}

    /** The task with this id. */
    public static Task byId(String id) {
        return ALL.stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "unknown task '" + id + "'; tasks: " + String.join(", ", ids(ALL))));
    }

    /** The module with this name. */
    public static Module module(String name) {
        return MODULES.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown module '" + name + "'; modules: "
                        + String.join(", ", MODULES.stream().map(Module::name).toList())));
    }

    /** The tasks of a module, in teaching order. */
    public static List<Task> of(Module module) {
        return ALL.stream().filter(t -> t.module().equals(module.name())).toList();
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

    /** The tasks of a comma-separated list of module names. */
    public static List<Task> ofModules(String list) {
        List<Task> tasks = new ArrayList<>();
        for (String name : list.split(",")) {
            tasks.addAll(of(module(name.strip())));
        }
        return tasks.stream().distinct().toList();
    }

    /** The ids of some tasks. */
    public static List<String> ids(List<Task> tasks) {
        return tasks.stream().map(Task::id).toList();
    }
}
