package org.linfgrad.autograd;

import org.linfgrad.autograd.functions.Arithmetic;
import org.linfgrad.autograd.functions.CrossEntropy;
import org.linfgrad.autograd.functions.LogSoftmax;
import org.linfgrad.autograd.functions.MatMul;
import org.linfgrad.autograd.functions.MaxAlong;
import org.linfgrad.autograd.functions.Pick;
import org.linfgrad.autograd.functions.Pointwise;
import org.linfgrad.autograd.functions.Pow;
import org.linfgrad.autograd.functions.Reshape;
import org.linfgrad.autograd.functions.Scale;
import org.linfgrad.autograd.functions.Sum;
import org.linfgrad.autograd.functions.SumAlong;
import org.linfgrad.backend.Backends;
import org.linfgrad.backend.Binary;
import org.linfgrad.tensor.Shape;
import org.linfgrad.tensor.Tensor;

/**
 * A value in a differentiable computation: a tensor, its gradient once backward has run, and the recorded
 * operation that produced it (none for leaves). Parameters and inputs you want gradients for are made with
 * {@link #param}; everything else with {@link #constant}.
 */
public final class Var {
    private final Tensor value;
    private final boolean requiresGrad;
    private Node<?> origin;
    private Tensor grad;

    private Var(Tensor value, boolean requiresGrad) {
        this.value = value;
        this.requiresGrad = requiresGrad;
    }

    /** A leaf that collects the gradient of every loss backpropagated through it. */
    public static Var param(Tensor value) {
        return new Var(value, true);
    }

    /** A leaf that never receives a gradient. */
    public static Var constant(Tensor value) {
        return new Var(value, false);
    }

    /**
     * Applies a function to Vars. Inside an open tape, and when some input requires a gradient, the
     * application is recorded so that backward can reach the inputs; otherwise only the value is computed.
     *
     * @throws IllegalArgumentException if an input was recorded on a tape other than the open one
     */
    public static <C> Var apply(Function<C> function, Var... inputs) {
        Tape tape = Tape.current();
        Tensor[] values = new Tensor[inputs.length];
        boolean anyRequiresGrad = false;
        for (int i = 0; i < inputs.length; i++) {
            Var input = inputs[i];
            if (tape != null && input.origin != null && input.origin.tape() != tape) {
                throw new IllegalArgumentException(function + ": input " + i + " was recorded on another tape; "
                        + "a computation cannot span tapes (use value() to take it in as a constant)");
            }
            values[i] = input.value;
            anyRequiresGrad |= input.requiresGrad;
        }
        Function.Forward<C> result = function.forward(values);
        if (tape == null || !anyRequiresGrad) {
            return constant(result.output());
        }
        Var output = new Var(result.output(), true);
        output.origin = new Node<>(tape, function, result.saved(), inputs.clone(), output);
        tape.record(output.origin);
        return output;
    }

    public Tensor value() {
        return value;
    }

    /** dL/d(this) after backward, or {@code null} if no gradient reached it. */
    public Tensor grad() {
        return grad;
    }

    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** Forgets the gradient, so that the next backward starts from zero. */
    public void zeroGrad() {
        grad = null;
    }

    /** The shape of the value. */
    public int[] shape() {
        return value.shape();
    }

    Node<?> origin() {
        return origin;
    }

    /** Adds a contribution to the gradient; contributions are never written into, so aliasing is safe. */
    void accumulate(Tensor contribution) {
        // BEGIN SOLUTION gradient-accumulation
        grad = grad == null ? contribution : Backends.current().zip(Binary.ADD, grad, contribution);
        // END SOLUTION
    }

    public Var add(Var other) {
        return apply(Arithmetic.ADD, this, other);
    }

    public Var sub(Var other) {
        return apply(Arithmetic.SUB, this, other);
    }

    public Var mul(Var other) {
        return apply(Arithmetic.MUL, this, other);
    }

    public Var div(Var other) {
        return apply(Arithmetic.DIV, this, other);
    }

    public Var neg() {
        return apply(Pointwise.NEG, this);
    }

    public Var exp() {
        return apply(Pointwise.EXP, this);
    }

    public Var log() {
        return apply(Pointwise.LOG, this);
    }

    public Var abs() {
        return apply(Pointwise.ABS, this);
    }

    public Var relu() {
        return apply(Pointwise.RELU, this);
    }

    public Var tanh() {
        return apply(Pointwise.TANH, this);
    }

    public Var sigmoid() {
        return apply(Pointwise.SIGMOID, this);
    }

    /** x^p elementwise, for a constant p. */
    public Var pow(float p) {
        return apply(new Pow(p), this);
    }

    /** c * x elementwise, for a constant c. */
    public Var scale(float c) {
        return apply(new Scale(c), this);
    }

    /** The sum of all elements, a scalar. */
    public Var sum() {
        return apply(new Sum(), this);
    }

    /** The sum along an axis, which is removed. */
    public Var sum(int axis) {
        return apply(new SumAlong(axis), this);
    }

    /** The mean of all elements: the sum scaled by 1/n. */
    public Var mean() {
        return sum().scale(1f / value.size());
    }

    /** The mean along an axis, which is removed. */
    public Var mean(int axis) {
        return sum(axis).scale(1f / value.dim(axis));
    }

    /** The maximum along an axis, which is removed; the gradient goes to the first maximum. */
    public Var max(int axis) {
        return apply(new MaxAlong(axis), this);
    }

    /** The matrix product this * other of two 2-D Vars. */
    public Var matmul(Var other) {
        return apply(new MatMul(false, false), this, other);
    }

    /** The matrix product op(this) * op(other), op transposing where asked. */
    public Var matmul(Var other, boolean transposeThis, boolean transposeOther) {
        return apply(new MatMul(transposeThis, transposeOther), this, other);
    }

    /** The same values in another shape; one extent may be -1. */
    public Var reshape(int... shape) {
        return apply(new Reshape(shape), this);
    }

    /** log softmax along the last axis. */
    public Var logSoftmax() {
        return apply(new LogSoftmax(), this);
    }

    /** The entry of each row at its label, for a [batch, classes] Var: shape [batch]. */
    public Var pick(int... labels) {
        return apply(new Pick(labels), this);
    }

    /** The mean over rows of -log softmax(row)[label], for logits of shape [batch, classes]. */
    public Var crossEntropy(int... labels) {
        return apply(new CrossEntropy(labels), this);
    }

    @Override
    public String toString() {
        return "Var(" + Shape.format(value.shape()) + (requiresGrad ? ", requires grad" : "") + ")";
    }
}
