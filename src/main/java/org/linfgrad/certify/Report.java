package org.linfgrad.certify;

import java.util.List;
import java.util.Locale;

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
public record Report(double eps, int samples, double clean, double attack, double margin, double interval,
                     double certified, int violations, List<double[]> curve) {

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

    /** The report as one JSON object. */
    public String toJson(String model) {
        StringBuilder curveJson = new StringBuilder("[");
        for (double[] point : curve) {
            curveJson.append(curveJson.length() > 1 ? "," : "").append(String.format(Locale.ROOT, "[%.5f,%.5f]",
                    point[0], point[1]));
        }
        return String.format(Locale.ROOT, "{\"model\":\"%s\",\"eps\":%.5f,\"samples\":%d,\"clean_accuracy\":%.5f,"
                        + "\"attack_accuracy\":%.5f,\"margin_certified\":%.5f,\"interval_certified\":%.5f,"
                        + "\"certified_accuracy\":%.5f,\"soundness_violations\":%d,\"certified_by_radius\":%s}%n",
                model, eps, samples, clean, attack, margin, interval, certified, violations, curveJson.append(']'));
    }
}
