package org.linfgrad.backend.simd;

import static org.linfgrad.backend.simd.DistanceForward.BLOCK;

import org.linfgrad.tensor.Tensor;

/**
 * What a dense distance forward kernel reads: x as [batch, inputs] and w as [outputs, inputs], row-major, and
 * the outputs rounded up to whole blocks of {@value DistanceForward#BLOCK} neurons.
 */
abstract class DenseOperands {
    final float[] x;
    final float[] w;
    final int batch;
    final int inputs;
    final int outputs;
    final int paddedOutputs;

    DenseOperands(Tensor x, Tensor w) {
        this.x = x.data();
        this.w = w.data();
        this.batch = x.dim(0);
        this.inputs = x.dim(1);
        this.outputs = w.dim(0);
        this.paddedOutputs = (outputs + BLOCK - 1) / BLOCK * BLOCK;
    }
}
