package org.linfgrad.gradcheck;

import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.linfgrad.autograd.GradCheck;
import org.linfgrad.io.Json;
import org.linfgrad.tensor.Tensor;

/**
 * The oracle gradients of a student copy, recorded by the instructor's copy when it writes the assignment. A
 * copy that stubs a backward pass an oracle checks must not hold the oracle's derivation (it is the answer in
 * another form), so it holds the values that derivation gives on the draws of seeds 0 to {@value #SEEDS} - 1
 * instead, each keyed by a digest of its inputs and cotangent: the oracle checks then run unchanged on those
 * draws, which cover {@code gradcheck}'s and {@code grade}'s.
 */
public final class RecordedOracles {
    /** Where a copy keeps its recording, on the class path. */
    public static final String RESOURCE = "org/linfgrad/gradcheck/oracle-gradients.json";
    /** The draws recorded: seeds 0 to SEEDS - 1. */
    public static final int SEEDS = 16;

    /** Case name, then the digest of a draw, then the gradient of each input. */
    private static final TypeToken<Map<String, Map<String, double[][]>>> FORMAT = new TypeToken<>() {};

    private RecordedOracles() {}

    /** The recorded oracle of the named case, if this copy has a recording. */
    static Optional<GradCheck.Oracle> find(String caseName) {
        return find(caseName, Loaded.RECORDING);
    }

    /** The oracle of the named case in {@code recording} (a {@link #parse}d one), or none where it is null. */
    static Optional<GradCheck.Oracle> find(String caseName, Map<String, Map<String, double[][]>> recording) {
        if (recording == null) {
            return Optional.empty();
        }
        Map<String, double[][]> draws = recording.getOrDefault(caseName, Map.of());
        return Optional.of((inputs, cotangent) -> {
            double[][] gradients = draws.get(digest(inputs, cotangent));
            if (gradients == null) {
                throw missing(caseName);
            }
            return gradients;
        });
    }

    /** The oracle of a copy that has neither the derivation nor a recording: it says so when it is asked. */
    static GradCheck.Oracle absent(String caseName) {
        return (inputs, cotangent) -> {
            throw new IllegalStateException(caseName + ": this copy has neither the oracle nor its recorded values ("
                    + RESOURCE + " on the class path); write the copy again with linfgrad assignment");
        };
    }

    /** The error of a draw this copy has no recorded gradient for. */
    static IllegalStateException missing(String caseName) {
        return new IllegalStateException(caseName + ": this copy has the oracle's gradients for seeds 0 to "
                + (SEEDS - 1) + " only (gradcheck --seeds " + SEEDS + " at most)");
    }

    /** The recording of every oracle case of the suite, as JSON, from the oracles this copy runs. */
    public static String record() {
        List<GradCheckCase> cases = new ArrayList<>();
        OracleCases.addTo(cases);
        Map<String, Map<String, double[][]>> recording = new LinkedHashMap<>();
        for (GradCheckCase c : cases) {
            Map<String, double[][]> draws = new LinkedHashMap<>();
            GradCheckCase recorded = new GradCheckCase(c.name(), c.inputs(), c.f(), (inputs, cotangent) -> {
                double[][] gradients = c.oracle().gradients(inputs, cotangent);
                draws.put(digest(inputs, cotangent), gradients);
                return gradients;
            });
            for (long seed = 0; seed < SEEDS; seed++) {
                recorded.run(seed);
            }
            recording.put(c.name(), draws);
        }
        return Json.write(recording);
    }

    /** A recording as {@link #record} writes it. */
    static Map<String, Map<String, double[][]>> parse(String json) {
        return Json.read(json, FORMAT);
    }

    /** SHA-256 of the shapes and float bits of the inputs and the cotangent, in hex. */
    private static String digest(Tensor[] inputs, Tensor cotangent) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Tensor t : inputs) {
                update(sha, t);
            }
            update(sha, cotangent);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static void update(MessageDigest sha, Tensor t) {
        ByteBuffer bytes = ByteBuffer.allocate(4 * (1 + t.rank() + t.size()));
        bytes.putInt(t.rank());
        for (int d : t.shape()) {
            bytes.putInt(d);
        }
        for (float v : t.data()) {
            bytes.putInt(Float.floatToRawIntBits(v));
        }
        sha.update(bytes.array());
    }

    /** The recording on the class path, read once; null in a copy without one. */
    private static final class Loaded {
        static final Map<String, Map<String, double[][]>> RECORDING = read();

        private static Map<String, Map<String, double[][]>> read() {
            try (InputStream in = RecordedOracles.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                return in == null ? null : parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + RESOURCE + " from the class path", e);
            }
        }
    }
}
