package org.linfgrad.cli;

import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * How option values become numbers. A converter's message says what the value must be; {@link UsageErrors}
 * puts the option and the value around it: {@code --seeds must be an integer, got 'three'}.
 */
final class Converters {
    private Converters() {}

    /** Registers the integer and the finite-number conversions on {@code commandLine} and its subcommands. */
    static void register(CommandLine commandLine) {
        ITypeConverter<Integer> integer = Converters::integer;
        ITypeConverter<Long> longInteger = Converters::longInteger;
        ITypeConverter<Double> number = Converters::finite;
        commandLine.registerConverter(Integer.class, integer).registerConverter(int.class, integer)
                .registerConverter(Long.class, longInteger).registerConverter(long.class, longInteger)
                .registerConverter(Double.class, number).registerConverter(double.class, number);
    }

    static int integer(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("must be an integer");
        }
    }

    static long longInteger(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("must be an integer");
        }
    }

    /** A finite double: {@code NaN} and {@code Infinity} are refused like any other non-number. */
    static double finite(String text) {
        try {
            double d = Double.parseDouble(text);
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new TypeConversionException("must be a finite number");
    }

    /** {@code --p}: a number, or {@code inf} for p = infinity. */
    static final class PValue implements ITypeConverter<Double> {
        @Override
        public Double convert(String text) {
            if (text.equals("inf")) {
                return Double.POSITIVE_INFINITY;
            }
            try {
                return finite(text);
            } catch (TypeConversionException e) {
                throw new TypeConversionException("must be a number or inf");
            }
        }
    }
}
