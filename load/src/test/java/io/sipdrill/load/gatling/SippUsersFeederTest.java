package io.sipdrill.load.gatling;

import io.gatling.javaapi.core.FeederBuilder;
import io.sipdrill.load.gatling.internal.SippUsersFile;
import io.gatling.core.Predef$;
import io.gatling.core.config.GatlingConfiguration$;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SippUsersFeederTest {

    /** Gatling's feeders read its configuration, which only a run sets up: load the defaults. */
    @BeforeAll
    static void gatlingConfiguration() {
        if (Predef$.MODULE$._configuration() == null) {
            Predef$.MODULE$._configuration_$eq(GatlingConfiguration$.MODULE$.load());
        }
    }

    @Test
    void sequentialFileGivesUserPasswordAndExtraFieldsInOrder() {
        SippUsersFile file = SippUsersFile.parse("users.csv", String.join("\n",
                "SEQUENTIAL",
                "# a comment",
                "",
                "1001;pw-1001",
                "1002 ; secret ;site-a;desk",
                "1003;"));
        assertThat(file.order()).isEqualTo(SippUsersFile.Order.SEQUENTIAL);
        assertThat(file.records()).containsExactly(
                Map.of("user", "1001", "password", "pw-1001"),
                Map.of("user", "1002", "password", "secret", "field2", "site-a", "field3", "desk"),
                Map.of("user", "1003", "password", ""));
    }

    @Test
    void sippAuthenticationKeywordSuppliesThePassword() {
        SippUsersFile file = SippUsersFile.parse("users.csv",
                "RANDOM\r\n1001;[authentication username=joe password=schmo];x\r\n");
        assertThat(file.order()).isEqualTo(SippUsersFile.Order.RANDOM);
        assertThat(file.records().get(0))
                .containsEntry("user", "1001").containsEntry("password", "schmo")
                .containsEntry("authUser", "joe").containsEntry("field2", "x");
    }

    @Test
    void userOrderIsAccepted() {
        assertThat(SippUsersFile.parse("u", "USER\n1;2\n").order()).isEqualTo(SippUsersFile.Order.USER);
    }

    @Test
    void sequentialFeederStartsOverAtTheEndLikeSipp(@TempDir Path dir) throws Exception {
        Path users = dir.resolve("users.csv");
        Files.writeString(users, "SEQUENTIAL\n1001;a\n1002;b\n");
        FeederBuilder<Object> feeder = SipDsl.sippUsers(users);
        assertThat(feeder.recordsCount()).isEqualTo(2);
        List<String> fed = feed(feeder, 5);
        assertThat(fed).containsExactly("1001", "1002", "1001", "1002", "1001");
    }

    @Test
    void randomFeederPicksFromTheFileAndNeverRunsDry(@TempDir Path dir) throws Exception {
        Path users = dir.resolve("users.csv");
        Files.writeString(users, "RANDOM\n1001;a\n1002;b\n1003;c\n");
        List<String> fed = feed(SipDsl.sippUsers(users.toString()), 50);
        assertThat(fed).hasSize(50).allMatch(u -> u.matches("100[123]"));
    }

    @Test
    void classPathResourceWorksByName() {
        FeederBuilder<Object> feeder = SipDsl.sippUsers("gatling/tiny-users.csv");
        assertThat(feeder.recordsCount()).isEqualTo(20);
        assertThat(feeder.queue().readRecords().get(0)).as("queue(): readRecords() on a circular feeder never ends").containsEntry("user", "2000001").containsEntry("password", "pw-2000001");
    }

    @Test
    void missingFileIsOneClearMessage(@TempDir Path dir) {
        Path missing = dir.resolve("nope.csv");
        assertThatThrownBy(() -> StartOf.feed(() -> SipDsl.sippUsers(missing)))
                .isInstanceOf(SipConfigurationException.class)
                .hasMessage("sipdrill: feeder file " + missing + " does not exist");
        assertThatThrownBy(() -> StartOf.feed(() -> SipDsl.sippUsers("no/such/users.csv")))
                .isInstanceOf(SipConfigurationException.class)
                .hasMessageStartingWith("sipdrill: feeder file no/such/users.csv does not exist (neither in ")
                .hasMessageEndingWith(" nor on the class path, e.g. src/test/resources)");
        assertThatThrownBy(() -> StartOf.feed(() -> SipDsl.sippUsers(dir)))
                .isInstanceOf(SipConfigurationException.class)
                .hasMessage("sipdrill: feeder file " + dir + " is a directory");
    }

    @Test
    void badContentNamesTheFileAndLine() {
        assertThatThrownBy(() -> SippUsersFile.parse("u.csv", "ORDERED\n1;2\n"))
                .isInstanceOf(SipConfigurationException.class)
                .hasMessage("sipdrill: feeder file u.csv line 1: expected SEQUENTIAL, RANDOM or USER as the first line,"
                        + " found 'ORDERED'").hasMessageContaining("SEQUENTIAL, RANDOM or USER");
        assertThatThrownBy(() -> SippUsersFile.parse("u.csv", "SEQUENTIAL\n1001;pw\njust-a-user\n"))
                .isInstanceOf(SipConfigurationException.class)
                .hasMessageStartingWith("sipdrill: feeder file u.csv line 3: ").hasMessageContaining("user;password");
        assertThatThrownBy(() -> SippUsersFile.parse("u.csv", "# only a comment\n"))
                .hasMessageContaining("is empty");
        assertThatThrownBy(() -> SippUsersFile.parse("u.csv", "SEQUENTIAL\n# no users\n"))
                .hasMessageContaining("no user lines");
    }

    @Test
    void aBadLineNeverShowsItsPassword() {
        // Messages go to stderr and CI logs: the password of a malformed line must not come with them.
        for (String text : List.of("1001;S3cr3t-x9\n", "1001:S3cr3t-x9\n", "1001 S3cr3t-x9\n",
                "SEQUENTIAL\n1001,S3cr3t-x9\n", "SEQUENTIAL\n;S3cr3t-x9\n", "SEQUENTIAL\n1001:S3cr3t-x9\n")) {
            assertThatThrownBy(() -> SippUsersFile.parse("u.csv", text)).as(text)
                    .isInstanceOf(SipConfigurationException.class)
                    .hasMessageStartingWith("sipdrill: feeder file u.csv line ")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("S3cr3t"));
        }
        assertThatThrownBy(() -> SippUsersFile.parse("u.csv", "1001;S3cr3t-x9\n"))
                .hasMessage("sipdrill: feeder file u.csv line 1: expected SEQUENTIAL, RANDOM or USER as the first line, found '1001'");
        assertThatThrownBy(() -> SippUsersFile.parse("u.csv", "SEQUENTIAL\n;S3cr3t-x9\n"))
                .hasMessage("sipdrill: feeder file u.csv line 2: expected user;password[;more], found an empty user"
                        + " (the line is not shown: it may hold a password)");
    }

    private static List<String> feed(FeederBuilder<Object> feeder, int n) {
        scala.collection.Iterator<scala.collection.immutable.Map<String, Object>> it = feeder.asScala().apply();
        List<String> users = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            users.add(String.valueOf(it.next().apply("user")));
        }
        return users;
    }
}
