package io.sipdrill.environments;

import io.sipdrill.chaos.api.ApiJson;
import io.sipdrill.chaos.fault.LinkFaults;
import io.sipdrill.chaos.proxy.FaultProxy;
import io.sipdrill.chaos.proxy.ProxyException;
import io.sipdrill.chaos.proxy.ProxyLinkFaults;
import io.sipdrill.chaos.proxy.RouteSpec;

import io.sipdrill.load.net.AddressBlock;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * The handsets' way to each POP through sipdrill's fault proxy, so a drill can put toxics on it:
 * link {@code handsets->registrar} listens on 127.0.5.1:5060 and forwards to the primary,
 * {@code handsets->backup} on 127.0.5.2:5060 to the backup POP (UDP, a session per handset
 * socket, so replies find their way back; handsets send {@code rport}, so the POPs answer the
 * proxy, not the handset directly). Only the handsets go through it: the carrier calls the POPs
 * directly (they know it by its address), and calls to handsets follow their Contact.
 *
 * <pre>{@code
 * try (ProxiedLinks links = ProxiedLinks.start(endpoints)) {
 *     target = target.withHandsetsVia(links.faults(), links.toPrimary(), links.toBackup());
 * }
 * }</pre>
 */
public final class ProxiedLinks implements AutoCloseable {

    public static final String HANDSETS_TO_REGISTRAR = "handsets->registrar";
    public static final String HANDSETS_TO_BACKUP = "handsets->backup";
    public static final InetSocketAddress TO_PRIMARY = new InetSocketAddress("127.0.5.1", 5060);
    public static final InetSocketAddress TO_BACKUP = new InetSocketAddress("127.0.5.2", 5060);

    private final FaultProxy proxy;
    private final InetSocketAddress toPrimary;
    private final InetSocketAddress toBackup;

    private ProxiedLinks(FaultProxy proxy, InetSocketAddress toPrimary, InetSocketAddress toBackup) {
        this.proxy = proxy;
        this.toPrimary = toPrimary;
        this.toBackup = toBackup;
    }

    /** Both links on the default listeners, to {@code endpoints}' POPs on loopback. */
    public static ProxiedLinks start(Endpoints endpoints) {
        return start(endpoints, List.of());
    }

    /** Both links on the default listeners, to POPs on loopback or in {@code allowed} (the user's --allow-target). */
    public static ProxiedLinks start(Endpoints endpoints, List<AddressBlock> allowed) {
        return start(endpoints, TO_PRIMARY, TO_BACKUP, allowed);
    }

    /**
     * Both links on the given listeners.
     *
     * @throws IllegalStateException when a listener address is taken or a POP is not allowed (one line, for the CLI)
     */
    public static ProxiedLinks start(Endpoints endpoints, InetSocketAddress toPrimary, InetSocketAddress toBackup,
                                     List<AddressBlock> allowed) {
        FaultProxy proxy = new FaultProxy(FaultProxy.Options.defaults().withAllowed(allowed));
        try {
            proxy.create(RouteSpec.udp(HANDSETS_TO_REGISTRAR, ApiJson.hostPort(toPrimary), ApiJson.hostPort(endpoints.primary().address())));
            proxy.create(RouteSpec.udp(HANDSETS_TO_BACKUP, ApiJson.hostPort(toBackup), ApiJson.hostPort(endpoints.backup().address())));
        } catch (ProxyException e) {
            proxy.close();
            throw new IllegalStateException("cannot start the fault proxy's links: " + e.getMessage(), e);
        }
        return new ProxiedLinks(proxy, toPrimary, toBackup);
    }

    /** Toxics on the links, by name. */
    public LinkFaults faults() {
        return new ProxyLinkFaults(proxy);
    }

    public InetSocketAddress toPrimary() {
        return toPrimary;
    }

    public InetSocketAddress toBackup() {
        return toBackup;
    }

    /** The proxy itself (its routes' counters, for tests and reports). */
    public FaultProxy proxy() {
        return proxy;
    }

    /** Stops the proxy; toxics still on it go with it. Never throws. */
    @Override
    public void close() {
        proxy.close();
    }
}
