package io.unikernal.translate.detect;

/** How the request travelled: HTTP/1.1, HTTP/2 cleartext with prior knowledge, or HTTP/1.1 asking to upgrade to it. */
public enum Transport {
    HTTP_1_1("HTTP/1.1"),
    H2C_PRIOR_KNOWLEDGE("HTTP/2 cleartext with prior knowledge (h2c, the connection preface first)"),
    H2C_UPGRADE("HTTP/1.1 asking to upgrade to HTTP/2 cleartext (Upgrade: h2c)"),
    NONE("none recognised");

    private final String label;

    Transport(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
