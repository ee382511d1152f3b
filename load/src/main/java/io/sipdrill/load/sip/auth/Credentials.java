package io.sipdrill.load.sip.auth;

/**
 * Where a server looks up, and a handset takes, each user's password.
 *
 * <pre>{@code
 * String pw = Credentials.derived().password("1001"); // "pw-1001"
 * }</pre>
 */
@FunctionalInterface
public interface Credentials {

    String password(String user);

    /**
     * The default everywhere: {@code "pw-" + user}. Derived rather than stored so 100,000 handsets
     * need no password table, and the Kamailio configs use the same rule.
     */
    static Credentials derived() {
        return user -> "pw-" + user;
    }
}
