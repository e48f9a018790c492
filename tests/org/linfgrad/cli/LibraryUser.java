package org.linfgrad.cli;

import java.util.Random;
import org.linfgrad.backend.Backends;
import org.linfgrad.model.ModelSpec;
import org.linfgrad.model.Network;
import org.linfgrad.tensor.Tensor;

/** A program that uses linfgrad as a library, started by {@link ClassPathTest} in a JVM without any flag. */
public final class LibraryUser {
    private LibraryUser() {}

    public static void main(String[] args) {
        Network net = Network.create(ModelSpec.parse("dist:linf:2x8", 4, 3), new Random(1));
        Tensor logits = net.predict(Tensor.zeros(2, 4));
        System.out.println("backend " + Backends.current().name() + ", logits " + logits.shape()[0] + "x"
                + logits.shape()[1]);
    }
}
