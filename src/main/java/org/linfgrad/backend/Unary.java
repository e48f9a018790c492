package org.linfgrad.backend;

/** Elementwise functions of one argument, y = f(x), that the backends apply to every element. */
public enum Unary {
    NEG(x -> -x),
    EXP(x -> (float) Math.exp(x)),
    LOG(x -> (float) Math.log(x)),
    ABS(Math::abs),
    /** sign(x): -1, 0 or 1. */
    SIGN(Math::signum),
    RELU(x -> x > 0 ? x : 0f),
    TANH(x -> (float) Math.tanh(x)),
    /** 1 / (1 + exp(-x)), computed without overflow for large |x|. */
    SIGMOID(x -> x >= 0 ? (float) (1 / (1 + Math.exp(-x))) : (float) (Math.exp(x) / (1 + Math.exp(x)))),
    SQUARE(x -> x * x);

    /** A float-to-float function, without boxing. */
    @FunctionalInterface
    public interface FloatFunction {
        float apply(float x);
    }

    private final FloatFunction f;

    Unary(FloatFunction f) {
        this.f = f;
    }

    public float apply(float x) {
        return f.apply(x);
    }
}
