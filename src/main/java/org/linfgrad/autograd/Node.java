package org.linfgrad.autograd;

import java.util.Arrays;
import org.linfgrad.tensor.Shape;
import org.linfgrad.tensor.Tensor;

/** One recorded application of a function: what it was applied to, what it saved and what it produced. */
record Node<C>(Tape tape, Function<C> function, C saved, Var[] inputs, Var output) {

    /** Sends the output's gradient back to the inputs that need one; nothing to do if the output got none. */
    void backward() {
        Tensor gradOutput = output.grad();
        if (gradOutput == null) {
            return;
        }
        Tensor[] grads = function.backward(saved, gradOutput);
        if (grads.length != inputs.length) {
            throw new IllegalStateException(function + ".backward returned " + grads.length + " gradients for "
                    + inputs.length + " inputs");
        }
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i].requiresGrad() && grads[i] != null) {
                if (!Arrays.equals(grads[i].shape(), inputs[i].value().shape())) {
                    throw new IllegalStateException(function + ".backward returned a gradient of shape "
                            + Shape.format(grads[i].shape()) + " for input " + i + " of shape "
                            + Shape.format(inputs[i].value().shape()));
                }
                inputs[i].accumulate(grads[i]);
            }
        }
    }
}
