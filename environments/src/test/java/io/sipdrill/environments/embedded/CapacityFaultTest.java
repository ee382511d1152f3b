package io.sipdrill.environments.embedded;

import io.sipdrill.load.time.ManualScheduler;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CapacityFaultTest {

    @Test
    void injectAndRevertIdempotently() {
        CapacityModel model = new CapacityModel(CapacitySettings.defaults(), new ManualScheduler());
        CapacityFault fault = new CapacityFault("registrar-outage", "registrar", model, 0);

        fault.revert();
        assertThat(model.capacityFactor()).as("revert before inject is harmless").isEqualTo(1.0);
        fault.inject();
        assertThat(model.capacityFactor()).isZero();
        fault.revert();
        fault.revert();
        assertThat(model.capacityFactor()).isEqualTo(1.0);
        assertThat(fault.detail()).isEqualTo("capacity 0");
        assertThat(new CapacityFault("slow", "registrar", model, 0.1).detail()).isEqualTo("capacity 0.1");
    }
}
