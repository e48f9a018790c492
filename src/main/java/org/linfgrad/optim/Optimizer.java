package org.linfgrad.optim;

/** Updates parameters in place from their gradients. */
public sealed interface Optimizer permits Adam, Sgd {
    /** One update with learning rate {@code lr}; parameters without a gradient are left alone. */
    void step(double lr);

    /** Forgets every parameter's gradient. */
    void zeroGrad();

    /** The state a resumed run needs (moments, step count), by name, as tensors. */
    java.util.Map<String, org.linfgrad.tensor.Tensor> state();

    /** Restores what {@link #state} returned; names and sizes must match. */
    void restore(java.util.Map<String, org.linfgrad.tensor.Tensor> state);
}
