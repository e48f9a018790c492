package org.linfgrad.optim;

/** Updates parameters in place from their gradients. */
public sealed interface Optimizer permits Adam, Sgd {
    /** One update with learning rate {@code lr}; parameters without a gradient are left alone. */
    void step(double lr);

    /** Forgets every parameter's gradient. */
    void zeroGrad();
}
