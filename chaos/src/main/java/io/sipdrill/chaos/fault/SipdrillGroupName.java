package io.sipdrill.chaos.fault;

/**
 * How sipdrill names the cgroups it makes (freezer and cpu alike): {@code <label>-<pid>-by<owner>},
 * so a fresh run tells the groups a killed run left behind from those of a run still going.
 */
final class SipdrillGroupName {

    private static final String OWNER_MARK = "-by";

    private SipdrillGroupName() {
    }

    /** The group for {@code pid}'s tree, made by JVM {@code owner}; the label reduced to characters safe in a directory name. */
    static String of(String label, long pid, long owner) {
        return label.replaceAll("[^A-Za-z0-9_.-]", "_") + "-" + pid + OWNER_MARK + owner;
    }

    /** True when the group was made by another JVM that still runs (so it is not a leftover). */
    static boolean ownerAlive(String groupName) {
        int mark = groupName.lastIndexOf(OWNER_MARK);
        if (mark < 0) {
            return false;
        }
        try {
            long owner = Long.parseLong(groupName.substring(mark + OWNER_MARK.length()));
            return owner != ProcessHandle.current().pid() && ProcessHandle.of(owner).isPresent();
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
