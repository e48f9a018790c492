package org.linfgrad.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import org.linfgrad.train.TrainConfig;
import org.linfgrad.train.Trainer;

/**
 * {@code linfgrad train}: with no flags, trains a small L-infinity distance net on the embedded digits and
 * prints its clean and certified accuracy at eps = 0.1.
 */
final class TrainCommand implements Command {

    @Override
    public String summary() {
        return "train a network (default: a small L-inf distance net on the embedded digits) "
                + "[--data-set digits|fashion-mnist] [--data DIR] [--model dist:linf:5x128] [--epochs N] [--batch N] "
                + "[--lr X] [--optimizer adam|sgd] [--loss ce|hinge|mixture (dist) or ce|ibp (hybrid)] [--eps X] "
                + "[--theta X] [--lambda X] [--kappa X] [--p X|inf] [--seed N] [--out DIR] [--resume] "
                + "[--val FRACTION] [--init CKPT]";
    }

    /** --p NUMBER or --p inf fixes p for the whole run; absent, the p schedule runs. */
    private static double fixedP(Args args) {
        String p = args.string("p", null);
        return p == null ? Double.NaN : p.equals("inf") ? Double.POSITIVE_INFINITY : args.number("p", Double.NaN);
    }

    @Override
    public int run(Args args, PrintStream out) {
        String dataset = args.string("data-set", "digits");
        TrainConfig d = TrainConfig.builder(dataset).build();
        String dataDir = args.string("data", null);
        String init = args.string("init", null);
        TrainConfig config = TrainConfig.builder(dataset)
                .dataDir(dataDir == null ? null : Path.of(dataDir))
                .model(args.string("model", d.model()))
                .epochs(args.integer("epochs", d.epochs()))
                .batchSize(args.integer("batch", d.batchSize()))
                .lr(args.number("lr", d.lr()))
                .optimizer(args.string("optimizer", d.optimizer()))
                .loss(args.string("loss", null))
                .eps(args.number("eps", d.eps()))
                .theta(args.number("theta", d.theta()))
                .lambda(args.number("lambda", d.lambda()))
                .kappa(args.number("kappa", d.kappa()))
                .fixedP(fixedP(args))
                .seed(args.integer("seed", (int) d.seed()))
                .out(Path.of(args.string("out", d.out().toString())))
                .resume(args.isSet("resume"))
                .validation(args.number("val", d.validation()))
                .init(init == null ? null : Path.of(init))
                .build();
        args.requireAllUsed();
        try {
            Trainer.Result result = new Trainer(config, out).run();
            out.println();
            out.printf(Locale.ROOT, "%-22s %s%n", "model", result.network().spec().format());
            out.printf(Locale.ROOT, "%-22s %.2f %%%n", "clean accuracy", 100 * result.test().accuracy());
            out.printf(Locale.ROOT, "%-22s %.2f %%  (%s)%n", "certified at eps " + result.eps(),
                    100 * result.test().certifiedAccuracy(), switch (result.certificate()) {
                        case MARGIN -> "margin certificate: f_y - f_j > 2 eps";
                        case INTERVAL -> "interval bounds, as certify computes them";
                    });
            out.printf("%-22s %s%n", "checkpoint", result.checkpoint());
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
