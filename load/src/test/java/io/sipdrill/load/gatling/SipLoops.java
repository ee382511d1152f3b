package io.sipdrill.load.gatling;

/** Test helper: whether a run left a SIP engine's event-loop thread behind. */
final class SipLoops {

    private SipLoops() {
    }

    /** How many {@code sipdrill-sip-loop} threads are still alive after waiting up to 5 s for them to stop. */
    static long stillRunning() throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        long alive;
        do {
            alive = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("sipdrill-sip-loop") && t.isAlive()).count();
            if (alive > 0) {
                Thread.sleep(20);
            }
        } while (alive > 0 && System.nanoTime() < deadline);
        return alive;
    }
}
