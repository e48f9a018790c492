package org.linfgrad.nn;

import java.util.Map;
import org.linfgrad.autograd.Var;

/**
 * An elementwise activation. Lipschitz constant in the L-infinity norm: 1 for both kinds (|relu'| and |tanh'|
 * are at most 1).
 */
public record Activation(Kind kind) implements Layer {

    /** The activations available. */
    public enum Kind { RELU, TANH }

    @Override
    public Var forward(Var x) {
        return switch (kind) {
            case RELU -> x.relu();
            case TANH -> x.tanh();
        };
    }

    @Override
    public Map<String, Var> parameters() {
        return Map.of();
    }
}
