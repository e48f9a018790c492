package org.linfgrad.autograd;

import org.linfgrad.tensor.Tensor;

/**
 * A differentiable function: {@link #forward} computes the output and saves what the backward pass needs in a
 * typed context {@code C}; {@link #backward} turns the gradient of the loss with respect to the output into
 * the gradients with respect to every input. Both are written against {@code Backends.current()}, once for
 * all backends.
 *
 * <p>A function must not mutate its inputs, and its outputs must not alias a tensor that is mutated later.
 *
 * @param <C> the saved context: a record with named fields (or {@link Void} when nothing is saved)
 */
public interface Function<C> {

    /** The output and the saved context of one application. */
    record Forward<C>(Tensor output, C saved) {}

    /** Computes the output from the input values. */
    Forward<C> forward(Tensor... inputs);

    /**
     * Maps dL/d(output) to dL/d(input) for every input, in input order; an entry may be {@code null} for an
     * input that gets no gradient (an integer-valued one, say). Each gradient has its input's shape.
     */
    Tensor[] backward(C saved, Tensor gradOutput);
}
