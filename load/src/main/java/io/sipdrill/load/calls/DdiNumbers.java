package io.sipdrill.load.calls;

/**
 * The numbering plan of CALL-ROUTING.md: DDI {@code 4420<ext>} rings one extension, {@code 4421<ext>}
 * rings a group of two, extensions are the handsets' users {@code 1000000 + i}, external numbers
 * start with {@code 00}.
 */
public final class DdiNumbers {

    public static final String DDI_PREFIX = "4420";
    public static final String RING_GROUP_PREFIX = "4421";
    private static final int FIRST_EXTENSION = 1_000_000;

    private DdiNumbers() {
    }

    /** The DDI that rings {@code extension}. */
    public static String ddiOf(String extension) {
        return DDI_PREFIX + extension;
    }

    /** The handset index a DDI (or ring group) rings first; -1 when it is not one of ours. */
    public static int handsetOf(String ddi) {
        if (ddi.length() > 4 && (ddi.startsWith(DDI_PREFIX) || ddi.startsWith(RING_GROUP_PREFIX))) {
            try {
                int i = Integer.parseInt(ddi.substring(4)) - FIRST_EXTENSION;
                return i >= 0 ? i : -1;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }

    /** An external number (UK drama range, RFC-style safe to dial in tests) for outbound call {@code n}. */
    public static String external(long n) {
        return "0044163296" + String.format("%04d", Math.floorMod(n, 10_000L));
    }
}
