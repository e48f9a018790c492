package org.linfgrad.certify;

import com.google.gson.JsonObject;
import com.google.gson.annotations.SerializedName;
import java.util.List;
import org.linfgrad.io.Json;

/**
 * The summary of a certification run: accuracies at eps and the certified accuracy against the radius.
 *
 * @param eps         the radius, pixel units of [0, 1]
 * @param samples     points certified
 * @param clean       fraction correctly classified
 * @param attack      fraction that PGD and random corners did not break
 * @param margin      fraction certified by the margin certificate
 * @param interval    fraction certified by interval bounds
 * @param certified   fraction certified by either
 * @param violations  certified points that an attack broke: 0 for a sound certifier
 * @param curve       (radius, certified accuracy) pairs
 */
public record Report(double eps, int samples,
                     @SerializedName("clean_accuracy") double clean,
                     @SerializedName("attack_accuracy") double attack,
                     @SerializedName("margin_certified") double margin,
                     @SerializedName("interval_certified") double interval,
                     @SerializedName("certified_accuracy") double certified,
                     @SerializedName("soundness_violations") int violations,
                     @SerializedName("certified_by_radius") List<double[]> curve) {

    public static Report of(double eps, List<Certifier.Point> points, List<double[]> curve) {
        int n = points.size();
        return new Report(eps, n, count(points, Certifier.Point::correct) / (double) n,
                count(points, Certifier.Point::attackRobust) / (double) n,
                count(points, Certifier.Point::marginCertified) / (double) n,
                count(points, Certifier.Point::intervalCertified) / (double) n,
                count(points, Certifier.Point::certified) / (double) n,
                count(points, p -> p.certified() && !p.attackRobust()), curve);
    }

    private static int count(List<Certifier.Point> points, java.util.function.Predicate<Certifier.Point> test) {
        return (int) points.stream().filter(test).count();
    }

    /**
     * The report as one line of JSON, {@code {"model":...,"eps":...,"clean_accuracy":...,...,
     * "certified_by_radius":[[radius,accuracy],...]}}, with its line break; {@link #fromJson} reads it back.
     */
    public String toJson(String model) {
        JsonObject json = new JsonObject();
        json.addProperty("model", model);
        Json.tree(this).getAsJsonObject().entrySet().forEach(e -> json.add(e.getKey(), e.getValue()));
        return Json.write(json) + "\n";
    }

    /** Reads the report {@link #toJson} wrote (the model is left out: read it as the member "model"). */
    public static Report fromJson(String text) {
        return Json.read(text, Report.class);
    }
}
