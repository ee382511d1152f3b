package io.sipdrill.environments.embedded.pbx;

import java.util.List;

/**
 * Where a number dialled at the PBX goes (CALL-ROUTING.md): the extensions a DDI rings, or the
 * carrier for an external number; nowhere otherwise.
 *
 * @param extensions the users to ring (one, or two for a ring group); empty for external or unknown
 * @param external   true for {@code 00…} numbers, which go to the carrier
 */
public record PbxRoute(List<String> extensions, boolean external) {

    static final String DDI = "4420";
    static final String RING_GROUP = "4421";

    /** The route for Request-URI user {@code number}. */
    public static PbxRoute of(String number) {
        if (number.startsWith("00") && number.length() > 2) {
            return new PbxRoute(List.of(), true);
        }
        if (number.length() > 4 && (number.startsWith(DDI) || number.startsWith(RING_GROUP))) {
            String ext = number.substring(4);
            if (!ext.chars().allMatch(Character::isDigit) || ext.length() > 18) {
                return unknown();
            }
            if (number.startsWith(DDI)) {
                return new PbxRoute(List.of(ext), false);
            }
            return new PbxRoute(List.of(ext, Long.toString(Long.parseLong(ext) + 1)), false);
        }
        return unknown();
    }

    private static PbxRoute unknown() {
        return new PbxRoute(List.of(), false);
    }

    public boolean isUnknown() {
        return extensions.isEmpty() && !external;
    }
}
