package lab.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ProfileTest {

    @Test
    void unsetOrBlankMeansQuick() {
        assertEquals(Profile.QUICK, Profile.parse(null));
        assertEquals(Profile.QUICK, Profile.parse("  "));
    }

    @Test
    void namesAreReadWithoutRegardToCase() {
        assertEquals(Profile.FULL, Profile.parse("Full"));
        assertEquals(Profile.QUICK, Profile.parse("quick"));
    }

    @Test
    void anUnknownNameIsRefusedNamingTheValueAndTheAllowedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Profile.parse("fast"));

        assertEquals("LAB_PROFILE='fast' is not a profile; allowed: quick, full", e.getMessage());
    }
}
