package io.xrayagent.core.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SegmentNamingTest {
    @Test
    void fixedIgnoresTheHost() {
        assertEquals("orders", SegmentNaming.fixed("orders").nameFor("shop.example.com"));
        assertEquals("XRayInstrumentedService", SegmentNaming.fixed(null).nameFor("shop.example.com"));
    }

    @Test
    void dynamicUsesARecognizedHostAsSentAndFallsBackOtherwise() {
        SegmentNaming naming = SegmentNaming.dynamic("orders", "*.example.com");
        assertEquals("shop.example.com", naming.nameFor("shop.example.com"));
        assertEquals("Shop.EXAMPLE.com", naming.nameFor("Shop.EXAMPLE.com"), "matched case-insensitively, kept as sent");
        assertEquals("orders", naming.nameFor("10.0.0.7:8080"));
        assertEquals("orders", naming.nameFor(null));
        assertEquals("orders", naming.nameFor(""));
    }

    @Test
    void dynamicWithTheDefaultPatternTakesAnyHostIncludingItsPort() {
        SegmentNaming naming = SegmentNaming.dynamic("orders", "*");
        assertEquals("localhost:8080", naming.nameFor("localhost:8080"));
    }

    @Test
    void hostsWithCharactersXRayRejectsAreCleanedLikeConfiguredNames() {
        SegmentNaming naming = SegmentNaming.dynamic("orders", "*");
        assertEquals("evilhost", naming.nameFor("evil<host>"));
    }
}
