package io.sipdrill.load.handset;

/**
 * How many handsets hold a valid registration on each POP right now. Updated by handsets on the
 * event loop, read once a second by the timeline sampler and the progress line.
 */
public final class PopCounts {
    private volatile int primary;
    private volatile int backup;
    private final int handsets;

    public PopCounts(int handsets) {
        this.handsets = handsets;
    }

    void moved(Pop from, Pop to) {
        if (from == to) {
            return;
        }
        add(from, -1);
        add(to, +1);
    }

    private void add(Pop pop, int delta) {
        if (pop == Pop.PRIMARY) {
            primary += delta;
        } else if (pop == Pop.BACKUP) {
            backup += delta;
        }
    }

    public int primary() {
        return primary;
    }

    public int backup() {
        return backup;
    }

    public int nowhere() {
        return handsets - primary - backup;
    }

    public int handsets() {
        return handsets;
    }
}
