package org.linfgrad.backend;

import java.util.Arrays;
import org.linfgrad.tensor.Shape;
import org.linfgrad.tensor.Tensor;

/**
 * The inputs each neuron of a sparse layer keeps, in compressed-row form: neuron j reads the inputs
 * {@code index[start[j]] .. index[start[j+1]-1]}, in increasing order.
 *
 * @param outputs the number of neurons M
 * @param inputs  the number of inputs N
 * @param start   M + 1 offsets into {@code index}
 * @param index   the kept input indices, neuron after neuron
 */
public record EdgeList(int outputs, int inputs, int[] start, int[] index) {

    /** Every edge kept: the dense layer. */
    public static EdgeList full(int outputs, int inputs) {
        boolean[] all = new boolean[outputs * inputs];
        Arrays.fill(all, true);
        return fromMask(all, outputs, inputs);
    }

    /** The edges where {@code mask[j * inputs + i]} is true. */
    public static EdgeList fromMask(boolean[] mask, int outputs, int inputs) {
        if (mask.length != outputs * inputs) {
            throw new IllegalArgumentException("EdgeList: a mask of " + mask.length + " entries does not match "
                    + outputs + " outputs x " + inputs + " inputs");
        }
        int[] start = new int[outputs + 1];
        int kept = 0;
        for (boolean m : mask) {
            kept += m ? 1 : 0;
        }
        int[] index = new int[kept];
        int k = 0;
        for (int j = 0; j < outputs; j++) {
            start[j] = k;
            for (int i = 0; i < inputs; i++) {
                if (mask[j * inputs + i]) {
                    index[k++] = i;
                }
            }
        }
        start[outputs] = k;
        return new EdgeList(outputs, inputs, start, index);
    }

    /** The edges of a [outputs, inputs] tensor whose entry is non-zero. */
    public static EdgeList fromMask(Tensor mask) {
        Shape.requireRank("EdgeList.fromMask", mask.shape(), 2);
        float[] m = mask.data();
        boolean[] keep = new boolean[m.length];
        for (int e = 0; e < m.length; e++) {
            keep[e] = m[e] != 0;
        }
        return fromMask(keep, mask.dim(0), mask.dim(1));
    }

    /** The number of kept edges. */
    public int size() {
        return index.length;
    }

    /** Whether every edge is kept: the dense layer. */
    public boolean isFull() {
        return size() == outputs * inputs;
    }

    /** The number of inputs neuron j keeps. */
    public int degree(int j) {
        return start[j + 1] - start[j];
    }

    /** The mask as a [outputs, inputs] tensor of zeros and ones. */
    public Tensor toMask() {
        float[] m = new float[outputs * inputs];
        for (int j = 0; j < outputs; j++) {
            for (int e = start[j]; e < start[j + 1]; e++) {
                m[j * inputs + index[e]] = 1;
            }
        }
        return Tensor.of(m, outputs, inputs);
    }

    /** Checks that this list fits a weight tensor of shape [M, N]. */
    public void requireFits(String op, int[] weightShape) {
        if (weightShape.length != 2 || weightShape[0] != outputs || weightShape[1] != inputs) {
            throw new IllegalArgumentException(op + ": edge list for " + outputs + " x " + inputs
                    + " does not fit weights of shape " + Shape.format(weightShape));
        }
    }
}
