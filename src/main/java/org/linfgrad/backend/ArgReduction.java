package org.linfgrad.backend;

import org.linfgrad.tensor.Tensor;

/**
 * The result of a reduction that selects one element per output, such as a max along an axis: the selected
 * values and, for each output element (row-major), the position along the reduced axis it came from.
 */
public record ArgReduction(Tensor values, int[] indices) {}
