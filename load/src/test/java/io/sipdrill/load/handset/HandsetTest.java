package io.sipdrill.load.handset;

import io.sipdrill.load.journal.JournalEvent;
import io.sipdrill.load.sip.auth.DigestCredentials;
import io.sipdrill.load.sip.auth.DigestVerifier;
import org.junit.jupiter.api.Test;

import static io.sipdrill.load.handset.HandsetHarness.BACKUP;
import static io.sipdrill.load.handset.HandsetHarness.PRIMARY;
import static org.assertj.core.api.Assertions.assertThat;

class HandsetTest {

    @Test
    void answersTheDigestChallengeWithItsOwnPasswordAndRegisters() {
        HandsetHarness h = new HandsetHarness(HandsetHarness.profile(FailbackMode.REGISTRATION));
        h.handset.start();
        assertThat(h.last().target()).isEqualTo(PRIMARY);
        assertThat(h.last().header("Authorization")).isNull();
        h.challenge();
        String authorization = h.last().header("Authorization");
        assertThat(authorization).as("second REGISTER carries credentials").isNotNull();
        DigestCredentials c = DigestCredentials.parse(authorization);
        assertThat(c.username()).isEqualTo("1000007");
        assertThat(DigestVerifier.verify(c, "REGISTER", "pw-1000007")).isTrue();
        assertThat(DigestVerifier.verify(c, "REGISTER", "wrong")).isFalse();
        h.ok(100);
        assertThat(h.handset.registeredOn()).isEqualTo(Pop.PRIMARY);
        assertThat(h.counts.primary()).isEqualTo(1);
        assertThat(h.events(JournalEvent.HandsetState.class)).singleElement()
                .satisfies(s -> assertThat(s.state()).isEqualTo("registered"));
        assertThat(h.events(JournalEvent.Transaction.class)).extracting(JournalEvent.Transaction::outcome)
                .containsExactly("challenged", "ok");
    }

    @Test
    void refreshesAtItsShareOfTheGrantedInterval() {
        HandsetHarness h = new HandsetHarness(HandsetHarness.profile(FailbackMode.REGISTRATION));
        h.handset.start();
        h.registerFully(80); // granted 80 s although 100 s was asked: the refresh follows the grant
        int before = h.sent.size();
        h.advance(39.9);
        assertThat(h.sent).hasSize(before);
        h.advance(0.2);
        assertThat(h.sent).hasSize(before + 1);
        assertThat(h.last().target()).isEqualTo(PRIMARY);
        assertThat(h.last().header("CSeq")).isEqualTo((before + 1) + " REGISTER");
    }

    @Test
    void retransmitsPerTimerEAndTimesOutAtTimerF() {
        HandsetHarness h = new HandsetHarness(HandsetHarness.profile(FailbackMode.REGISTRATION));
        h.handset.start();
        h.advance(31.9);
        // sent at 0, 0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5 (T1 doubling, capped at T2 = 4 s)
        assertThat(h.sent).hasSize(11);
        assertThat(h.events(JournalEvent.Retransmission.class)).hasSize(10);
        h.advance(0.2);
        JournalEvent.Transaction tx = h.events(JournalEvent.Transaction.class).get(0);
        assertThat(tx.outcome()).isEqualTo("timeout");
        assertThat(tx.sent()).isEqualTo(11);
        assertThat(h.layer.counters().timeouts()).isEqualTo(1);
    }

    @Test
    void failsOverToTheBackupAfterTheConfiguredNumberOfFailedTries() {
        HandsetHarness h = new HandsetHarness(HandsetHarness.profile(FailbackMode.REGISTRATION));
        h.handset.start();
        h.reply(503, "Service Unavailable");          // try 1 fails
        assertThat(h.last().target()).isEqualTo(PRIMARY);
        int before = h.sent.size();
        h.advance(4.9);
        assertThat(h.sent).as("waits the retry delay").hasSize(before);
        h.advance(0.2);
        assertThat(h.last().target()).isEqualTo(PRIMARY); // try 2
        h.advance(32.1);                                  // Timer F: try 2 fails
        assertThat(h.last().target()).isEqualTo(BACKUP);
        h.registerFully(100);
        assertThat(h.handset.registeredOn()).isEqualTo(Pop.BACKUP);
        assertThat(h.events(JournalEvent.Transaction.class)).extracting(JournalEvent.Transaction::purpose)
                .containsSubsequence("initial", "retry", "failover");
    }

    @Test
    void retryAfterOnA503LengthensTheRetryDelay() {
        HandsetHarness h = new HandsetHarness(HandsetHarness.profile(FailbackMode.REGISTRATION));
        h.handset.start();
        h.reply(503, "Service Unavailable", "Retry-After: 20 (maintenance)");
        int before = h.sent.size();
        h.advance(19.9);
        assertThat(h.sent).hasSize(before);
        h.advance(0.2);
        assertThat(h.sent).hasSize(before + 1);
    }

    @Test
    void honoursMinExpiresFromA423() {
        HandsetHarness h = new HandsetHarness(HandsetHarness.profile(FailbackMode.REGISTRATION));
        h.handset.start();
        assertThat(h.last().header("Expires")).isEqualTo("100");
        h.reply(423, "Interval Too Brief", "Min-Expires: 300");
        assertThat(h.last().header("Expires")).isEqualTo("300");
        h.registerFully(300);
        h.advance(151);
        assertThat(h.last().header("Expires")).as("the refresh keeps the larger interval").isEqualTo("300");
    }

    @Test
    void reanswersAStaleNonceButNotAPlainRejection() {
        HandsetHarness h = new HandsetHarness(HandsetHarness.profile(FailbackMode.REGISTRATION));
        h.handset.start();
        h.challenge();
        h.reply(401, "Unauthorized", "WWW-Authenticate: Digest realm=\"sipdrill.test\", nonce=\"fresh\", qop=auth, stale=true");
        assertThat(h.last().header("Authorization")).contains("nonce=\"fresh\"");
        h.ok(100);
        assertThat(h.handset.registeredOn()).isEqualTo(Pop.PRIMARY);

        HandsetHarness wrong = new HandsetHarness(HandsetHarness.profile(FailbackMode.REGISTRATION));
        wrong.handset.start();
        wrong.challenge();
        int before = wrong.sent.size();
        wrong.challenge(); // not stale: our credentials were refused
        assertThat(wrong.sent).as("no third REGISTER in the same attempt").hasSize(before);
        assertThat(wrong.handset.registeredOn()).isNull();
    }

    @Test
    void registrationModeTriesThePrimaryAtEachRefresh() {
        HandsetHarness h = onBackup(FailbackMode.REGISTRATION);
        h.advance(50.1);
        assertThat(h.last().target()).isEqualTo(PRIMARY);
        h.registerFully(100);
        assertThat(h.handset.registeredOn()).isEqualTo(Pop.PRIMARY);
        assertThat(h.counts.backup()).isZero();
        assertThat(h.events(JournalEvent.Transaction.class).get(h.events(JournalEvent.Transaction.class).size() - 1).purpose())
                .isEqualTo("failback");
    }

    @Test
    void failedFailbackRenewsOnTheBackupStraightAway() {
        HandsetHarness h = onBackup(FailbackMode.REGISTRATION);
        h.advance(50.1);
        assertThat(h.last().target()).isEqualTo(PRIMARY);
        h.advance(32.1); // primary still dead
        assertThat(h.last().target()).isEqualTo(BACKUP);
        h.registerFully(100);
        assertThat(h.handset.registeredOn()).isEqualTo(Pop.BACKUP);
    }

    @Test
    void durationModeTriesThePrimaryAfterItsTimerNotAtRefresh() {
        HandsetHarness h = onBackup(HandsetHarness.profile(FailbackMode.DURATION)
                .withFailback(FailbackMode.DURATION, java.time.Duration.ofSeconds(120)));
        h.advance(50.1);
        assertThat(h.last().target()).as("refresh stays on the backup").isEqualTo(BACKUP);
        h.registerFully(100);
        h.advance(50.1);
        assertThat(h.last().target()).isEqualTo(BACKUP);
        h.registerFully(100);
        int before = h.sent.size();
        h.advance(19.6);
        assertThat(h.sent).hasSize(before);
        h.advance(0.2);
        assertThat(h.last().target()).isEqualTo(PRIMARY);
        h.registerFully(100);
        assertThat(h.handset.registeredOn()).isEqualTo(Pop.PRIMARY);
    }

    @Test
    void neverModeStaysOnTheBackup() {
        HandsetHarness h = onBackup(FailbackMode.NEVER);
        int onBackupAt = h.sent.size();
        for (int i = 0; i < 10; i++) {
            h.advance(50.1);
            assertThat(h.last().target()).isEqualTo(BACKUP);
            h.registerFully(100);
        }
        assertThat(h.sent.subList(onBackupAt, h.sent.size())).allMatch(s -> s.target().equals(BACKUP));
    }

    @Test
    void aRegistrationThatIsNotRenewedExpiresAndTheHandsetIsNowhere() {
        HandsetHarness h = new HandsetHarness(HandsetHarness.profile(FailbackMode.REGISTRATION));
        h.handset.start();
        h.registerFully(100);
        h.advance(100.1); // refresh at 50 s goes unanswered; the registration lapses at 100 s
        assertThat(h.handset.registeredOn()).isNull();
        assertThat(h.counts.nowhere()).isEqualTo(1);
        assertThat(h.events(JournalEvent.HandsetState.class)).extracting(JournalEvent.HandsetState::state)
                .containsExactly("registered", "lost");
    }

    /** A handset that failed over: two timed-out tries on the primary, then registered on the backup. */
    private static HandsetHarness onBackup(FailbackMode mode) {
        return onBackup(HandsetHarness.profile(mode));
    }

    private static HandsetHarness onBackup(HandsetProfile profile) {
        HandsetHarness h = new HandsetHarness(profile);
        h.handset.start();
        h.advance(32.1);
        h.advance(5.1);
        h.advance(32.1);
        assertThat(h.last().target()).isEqualTo(BACKUP);
        h.registerFully(100);
        assertThat(h.handset.registeredOn()).isEqualTo(Pop.BACKUP);
        return h;
    }

    @Test
    void unregisterSendsExpiresZeroAndStopsRefreshing() {
        HandsetHarness h = new HandsetHarness(HandsetHarness.profile(FailbackMode.REGISTRATION));
        java.util.List<String> attempts = new java.util.ArrayList<>();
        h.handset.observer(new HandsetObserver() {
            @Override
            public void onAttemptEnded(Handset handset, Purpose purpose, Pop pop, boolean succeeded,
                                       io.sipdrill.load.sip.codec.SipResponse last) {
                attempts.add(purpose.token() + ":" + succeeded);
            }
        });
        h.handset.start();
        h.registerFully(100);
        h.handset.unregister();
        assertThat(h.last().header("Expires")).isEqualTo("0");
        h.registerFully(0);
        assertThat(h.handset.registeredOn()).isNull();
        assertThat(h.counts.nowhere()).isEqualTo(1);
        int sent = h.sent.size();
        h.advance(500);
        assertThat(h.sent).as("no refresh after unregistering").hasSize(sent);
        assertThat(attempts).containsExactly("initial:true", "unregister:true");
    }

    @Test
    void theObserverHearsEveryTransactionAndFailedAttempts() {
        HandsetHarness h = new HandsetHarness(HandsetHarness.profile(FailbackMode.REGISTRATION));
        java.util.List<String> seen = new java.util.ArrayList<>();
        h.handset.observer(new HandsetObserver() {
            @Override
            public void onTransaction(Handset handset, Purpose purpose, Pop pop,
                                      io.sipdrill.load.sip.transaction.TransactionOutcome outcome,
                                      io.sipdrill.load.sip.codec.SipResponse response, long elapsedNanos) {
                seen.add(purpose.token() + "/" + pop + "/" + (response == null ? outcome : response.statusCode()));
            }

            @Override
            public void onAttemptEnded(Handset handset, Purpose purpose, Pop pop, boolean succeeded,
                                       io.sipdrill.load.sip.codec.SipResponse last) {
                seen.add("attempt " + purpose.token() + " " + succeeded);
            }
        });
        h.handset.start();
        h.reply(503, "Service Unavailable");
        assertThat(seen).containsExactly("initial/PRIMARY/503", "attempt initial false");
    }
}
