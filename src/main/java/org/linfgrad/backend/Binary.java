package org.linfgrad.backend;

/**
 * Elementwise functions of two arguments, broadcast numpy style. Besides arithmetic these include the fused
 * derivative rules that backward passes apply to an upstream gradient {@code g}.
 */
public enum Binary {
    ADD((a, b) -> a + b),
    SUB((a, b) -> a - b),
    MUL((a, b) -> a * b),
    DIV((a, b) -> a / b),
    /** g * relu'(x), with relu'(0) = 0. */
    RELU_GRAD((g, x) -> x > 0 ? g : 0f),
    /** g * abs'(x) = g * sign(x), with abs'(0) = 0. */
    ABS_GRAD((g, x) -> x > 0 ? g : x < 0 ? -g : 0f),
    /** g * tanh'(x) written through y = tanh(x): g * (1 - y^2). */
    TANH_GRAD((g, y) -> g * (1 - y * y)),
    /** g * sigmoid'(x) written through y = sigmoid(x): g * y * (1 - y). */
    SIGMOID_GRAD((g, y) -> g * y * (1 - y));

    /** A function of two floats, without boxing. */
    @FunctionalInterface
    public interface FloatBiFunction {
        float apply(float a, float b);
    }

    private final FloatBiFunction f;

    Binary(FloatBiFunction f) {
        this.f = f;
    }

    public float apply(float a, float b) {
        return f.apply(a, b);
    }
}
