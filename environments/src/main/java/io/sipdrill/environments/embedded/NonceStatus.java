package io.sipdrill.environments.embedded;

/** What a registrar makes of a nonce a client sent back. */
enum NonceStatus {
    /** Issued by us and still within its lifetime. */
    VALID,
    /** Issued by us but too old: answer 401 with {@code stale=true} if the digest is right. */
    STALE,
    /** Not one of ours (forged, garbled, or from another server): challenge afresh. */
    UNKNOWN
}
