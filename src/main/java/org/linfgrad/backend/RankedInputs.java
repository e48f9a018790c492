package org.linfgrad.backend;

/**
 * The inputs a soft order statistic's forward sorted into the ranks it summed, kept for its backward so that
 * the backward need not select them again: for sample b and neuron j, the inputs at ranks from_j..to_j
 * (1-based) in rank order, {@code inputs[start(b, j) + r - from_j]} for rank r. A sample's windows lie side by
 * side, {@link #width} = sum over j of (to_j - from_j + 1) entries per sample.
 */
public record RankedInputs(int batch, int[] from, int[] to, int[] offsets, int width, int[] inputs) {

    /** Room for the windows from_j..to_j of every neuron and sample, or null when it would pass 2^31 entries. */
    public static RankedInputs allocate(int batch, int[] from, int[] to) {
        int[] offsets = new int[from.length];
        long width = 0;
        for (int j = 0; j < from.length; j++) {
            offsets[j] = (int) width;
            width += to[j] - from[j] + 1;
        }
        if (width * batch > Integer.MAX_VALUE - 8) {
            return null;
        }
        return new RankedInputs(batch, from, to, offsets, (int) width, new int[(int) width * batch]);
    }

    /** Whether these are ranks of a layer of this many samples, inputs and outputs. */
    public boolean fits(int samples, int n, int m) {
        if (batch != samples || from.length != m) {
            return false;
        }
        for (int j = 0; j < m; j++) {
            if (from[j] < 1 || to[j] > n) {
                return false;
            }
        }
        return true;
    }

    /** Where the window of sample b and neuron j starts in {@link #inputs}. */
    public int start(int b, int j) {
        return b * width + offsets[j];
    }
}
