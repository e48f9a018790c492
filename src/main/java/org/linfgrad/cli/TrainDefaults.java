package org.linfgrad.cli;

import java.util.Arrays;
import java.util.ListResourceBundle;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.linfgrad.data.DataSets;
import org.linfgrad.train.TrainConfig;

/**
 * The defaults that {@code linfgrad train --help} shows, read from {@link TrainConfig#builder} (the one place
 * they are set) for every data set: {@code ${bundle:default.lr}} in an option's description is {@code 0.02},
 * and a default that differs between data sets reads {@code 60 on digits, 30 on fashion-mnist}. picocli reads
 * this class as the train command's resource bundle.
 */
public final class TrainDefaults extends ListResourceBundle {

    @Override
    protected Object[][] getContents() {
        return new Object[][] {
                entry("model", TrainConfig::model),
                entry("epochs", TrainConfig::epochs),
                entry("batch", TrainConfig::batchSize),
                entry("lr", TrainConfig::lr),
                entry("optimizer", TrainConfig::optimizer),
                entry("eps", TrainConfig::eps),
                entry("theta", TrainConfig::theta),
                entry("lambda", TrainConfig::lambda),
                entry("kappa", TrainConfig::kappa),
                entry("seed", TrainConfig::seed),
                entry("out", TrainConfig::out),
                entry("val", TrainConfig::validation),
                {"default.data", DataSets.FASHION_MNIST_DIR.toString()}};
    }

    /** The key {@code default.FLAG} and the default of one setting, per data set where they differ. */
    private static Object[] entry(String flag, Function<TrainConfig, Object> setting) {
        Choices.DataSet[] dataSets = Choices.DataSet.values();
        String[] values = Arrays.stream(dataSets)
                .map(d -> String.valueOf(setting.apply(TrainConfig.builder(d.toString()).build()))).toArray(String[]::new);
        String text = Arrays.stream(values).distinct().count() == 1 ? values[0]
                : Arrays.stream(dataSets).map(d -> values[d.ordinal()] + " on " + d).collect(Collectors.joining(", "));
        return new Object[] {"default." + flag, text};
    }
}
