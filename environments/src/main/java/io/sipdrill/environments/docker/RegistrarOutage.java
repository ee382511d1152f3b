package io.sipdrill.environments.docker;

import io.sipdrill.chaos.fault.Fault;

/**
 * The registrar outage under the name every topology journals it by ({@code registrar-outage} on
 * {@code registrar}), acting through the freeze of the registrar's container.
 */
final class RegistrarOutage implements Fault {

    private final Fault freeze;

    RegistrarOutage(Fault freeze) {
        this.freeze = freeze;
    }

    @Override
    public String name() {
        return "registrar-outage";
    }

    @Override
    public String target() {
        return DockerService.REGISTRAR;
    }

    @Override
    public void inject() throws Exception {
        freeze.inject();
    }

    @Override
    public void revert() throws Exception {
        freeze.revert();
    }

    @Override
    public String detail() {
        return freeze.detail();
    }
}
