package io.sipdrill.environments.local;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Paths of the SIPp scenarios under {@code src/test/resources/sipp/}. */
final class SippScenarios {

    private SippScenarios() {
    }

    static Path of(String fileName) {
        URL url = SippScenarios.class.getResource("/sipp/" + fileName);
        if (url == null) {
            throw new IllegalArgumentException("no scenario sipp/" + fileName + " on the test classpath");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
