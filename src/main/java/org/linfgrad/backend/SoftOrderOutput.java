package org.linfgrad.backend;

import org.linfgrad.tensor.Tensor;

/**
 * A soft order statistic's output y [B, M] and the inputs it sorted into the ranks it summed, for its
 * backward; {@code ranked} is null where the backend keeps none (the reference: its backward sorts again).
 */
public record SoftOrderOutput(Tensor y, RankedInputs ranked) {}
