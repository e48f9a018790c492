package org.linfgrad.certify;

import org.linfgrad.model.Network;

/** The certificate a network is trained for, monitored with and reported by. */
public enum Certificate {
    /** f_y - max_{j != y} f_j > 2 eps: sound for a 1-Lipschitz net, whose every logit moves by at most eps. */
    MARGIN("margin"),
    /** the interval lower bound of f_y - f_j over the eps-box is positive for every j != y. */
    INTERVAL("interval bounds");

    private final String description;

    Certificate(String description) {
        this.description = description;
    }

    /** Margins for a 1-Lipschitz net (a dist net in evaluation), interval bounds otherwise (a hybrid). */
    public static Certificate of(Network net) {
        return net.isOneLipschitz() ? MARGIN : INTERVAL;
    }

    /** A few words for tables and logs: "margin", "interval bounds". */
    public String description() {
        return description;
    }
}
