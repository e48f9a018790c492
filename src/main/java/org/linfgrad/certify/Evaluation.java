package org.linfgrad.certify;

/** How many points of a set were seen, classified correctly, and certified by the network's certificate. */
public record Evaluation(int total, int correct, int certified) {

    public Evaluation plus(Evaluation other) {
        return new Evaluation(total + other.total, correct + other.correct, certified + other.certified);
    }

    public double accuracy() {
        return total == 0 ? 0 : (double) correct / total;
    }

    public double certifiedAccuracy() {
        return total == 0 ? 0 : (double) certified / total;
    }
}
