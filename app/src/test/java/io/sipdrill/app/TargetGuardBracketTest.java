package io.sipdrill.app;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TargetGuardBracketTest {

    @Test
    void ipv6WithAPortInBrackets() {
        TargetGuard guard = new TargetGuard(List.of());
        assertThat(guard.check("--registrar", "[::1]:5070").getPort()).isEqualTo(5070);
        assertThat(guard.check("--registrar", "::1").getPort()).isEqualTo(5060);
        assertThatThrownBy(() -> guard.check("--registrar", "[::1:5070")).isInstanceOf(BadInputException.class);
    }

    @Test
    void allowListsAreNumericOnly() {
        assertThatThrownBy(() -> new TargetGuard(List.of("localhost/8"))).isInstanceOf(BadInputException.class);
    }
}
