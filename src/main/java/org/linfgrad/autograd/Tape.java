package org.linfgrad.autograd;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.linfgrad.tensor.Shape;
import org.linfgrad.tensor.Tensor;

/**
 * The record of a forward pass, walked once in reverse by {@link #backward}. Operations are recorded only
 * while a tape is open on the current thread, and only when one of their inputs requires a gradient:
 *
 * <pre>{@code
 * try (Tape tape = Tape.open()) {
 *     Var loss = model.forward(x).crossEntropy(labels);
 *     tape.backward(loss);
 * }
 * }</pre>
 *
 * Outside a tape nothing is recorded, so inference pays nothing for autodiff. Tapes nest: opening one inside
 * another records into the inner one until it is closed. {@code backward} releases the tape (its saved
 * tensors become garbage), so it runs once per tape.
 */
public final class Tape implements AutoCloseable {
    private static final ThreadLocal<Tape> CURRENT = new ThreadLocal<>();

    private final Tape enclosing;
    private final List<Node<?>> nodes = new ArrayList<>();
    private boolean released;
    private boolean closed;

    private Tape(Tape enclosing) {
        this.enclosing = enclosing;
    }

    /** Opens a tape on the current thread; close it with try-with-resources. */
    public static Tape open() {
        Tape tape = new Tape(CURRENT.get());
        CURRENT.set(tape);
        return tape;
    }

    /** The tape recording on this thread, or {@code null} outside any. */
    static Tape current() {
        return CURRENT.get();
    }

    /** The number of operations recorded so far (0 after backward). */
    public int size() {
        return nodes.size();
    }

    /**
     * The kinds of function recorded so far, in order of first use: the class of each, or the enum for the
     * constants of an enum of functions.
     */
    public Set<Class<?>> functionKinds() {
        Set<Class<?>> kinds = new LinkedHashSet<>();
        for (Node<?> node : nodes) {
            Function<?> f = node.function();
            kinds.add(f instanceof Enum<?> constant ? constant.getDeclaringClass() : f.getClass());
        }
        return kinds;
    }

    void record(Node<?> node) {
        nodes.add(node);
    }

    /** Backpropagates from a scalar loss: every Var it depends on that requires a gradient receives dL/dVar. */
    public void backward(Var loss) {
        if (loss.value().size() != 1) {
            throw new IllegalArgumentException("backward(loss) needs a scalar loss, got shape "
                    + Shape.format(loss.value().shape()) + "; reduce it first (sum, mean) or pass a seed gradient "
                    + "of that shape with backward(output, seed)");
        }
        backward(loss, Tensor.ones(loss.value().shape()));
    }

    /** Backpropagates a seed gradient dL/d(output) of the output's shape. */
    public void backward(Var output, Tensor seed) {
        if (released) {
            throw new IllegalStateException("backward was already called on this tape and released it; "
                    + "record the forward pass again inside a new Tape to backpropagate again");
        }
        if (output.origin() != null && output.origin().tape() != this) {
            throw new IllegalArgumentException("backward: the output was recorded on another tape; call backward "
                    + "on the tape that was open when it was computed");
        }
        if (!output.requiresGrad()) {
            throw new IllegalArgumentException("backward: the output does not depend on any Var that requires a "
                    + "gradient (was it computed outside the tape, or only from constants?)");
        }
        Shape.requireSame("backward seed", seed.shape(), output.value().shape());
        // BEGIN SOLUTION tape-backward
        output.accumulate(seed);
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).backward();
        }
        nodes.clear();
        released = true;
        // END SOLUTION
    }

    /** Stops recording; the enclosing tape, if any, becomes current again. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (CURRENT.get() != this) {
            throw new IllegalStateException("tapes must be closed in the reverse order they were opened");
        }
        if (enclosing == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(enclosing);
        }
    }

    @Override
    public String toString() {
        return "Tape(" + nodes.size() + " nodes" + (released ? ", released" : "") + ")";
    }
}
