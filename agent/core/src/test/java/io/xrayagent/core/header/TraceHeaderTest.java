package io.xrayagent.core.header;

import io.xrayagent.core.header.TraceHeader.Sampled;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class TraceHeaderTest {
    private static final String ROOT = "1-5759e988-bd862e3fe1be46a994272793";
    private static final String PARENT = "53995c3f42cd8ad8";
    private static final Pattern TRACE_ID = Pattern.compile("^1-[0-9a-f]{8}-[0-9a-f]{24}$");
    private static final Pattern ENTITY_ID = Pattern.compile("^[0-9a-f]{16}$");

    @Test
    void parsesRootParentAndSampled() {
        TraceHeader header = TraceHeader.parse("Root=" + ROOT + ";Parent=" + PARENT + ";Sampled=1");

        assertEquals(ROOT, header.root());
        assertEquals(PARENT, header.parent());
        assertEquals(Sampled.SAMPLED, header.sampled());
        assertNull(header.passThrough());
    }

    @Test
    void readsEverySampledValue() {
        assertEquals(Sampled.SAMPLED, TraceHeader.parse("Root=" + ROOT + ";Sampled=1").sampled());
        assertEquals(Sampled.NOT_SAMPLED, TraceHeader.parse("Root=" + ROOT + ";Sampled=0").sampled());
        assertEquals(Sampled.REQUESTED, TraceHeader.parse("Root=" + ROOT + ";Sampled=?").sampled());
        assertEquals(Sampled.UNKNOWN, TraceHeader.parse("Root=" + ROOT).sampled());
        assertEquals(Sampled.UNKNOWN, TraceHeader.parse("Root=" + ROOT + ";Sampled=yes").sampled());
        assertEquals(Sampled.UNKNOWN, TraceHeader.parse("Root=" + ROOT + ";Sampled=2").sampled());
        assertEquals(Sampled.UNKNOWN, TraceHeader.parse("Root=" + ROOT + ";Sampled=").sampled());
        assertEquals(Sampled.UNKNOWN, TraceHeader.parse("Root=" + ROOT + ";Sampled=11").sampled());
    }

    @Test
    void fieldOrderDoesNotMatter() {
        TraceHeader header = TraceHeader.parse("Sampled=0;Parent=" + PARENT + ";Root=" + ROOT);

        assertEquals(ROOT, header.root());
        assertEquals(PARENT, header.parent());
        assertEquals(Sampled.NOT_SAMPLED, header.sampled());
    }

    @Test
    void acceptsKeysInAnyCaseAndWhitespaceAroundParts() {
        TraceHeader header = TraceHeader.parse("  root=" + ROOT + " ;  PARENT=" + PARENT + "\t; sAmPlEd=1 ");

        assertEquals(ROOT, header.root());
        assertEquals(PARENT, header.parent());
        assertEquals(Sampled.SAMPLED, header.sampled());
    }

    @Test
    void acceptsWhitespaceAroundTheEqualsSign() {
        TraceHeader header = TraceHeader.parse("Root = " + ROOT + ";Parent =" + PARENT + ";Sampled= ?");

        assertEquals(ROOT, header.root());
        assertEquals(PARENT, header.parent());
        assertEquals(Sampled.REQUESTED, header.sampled());
    }

    @Test
    void passesLineageAndUnknownKeysThroughInTheirOrder() {
        TraceHeader header = TraceHeader.parse("Root=" + ROOT + ";Foo=bar;Parent=" + PARENT
                + ";Lineage=a87bd80c:1|68fd508a:5;Sampled=1;x-custom=1=2");

        assertEquals(ROOT, header.root());
        assertEquals(PARENT, header.parent());
        assertEquals(Sampled.SAMPLED, header.sampled());
        assertEquals("Foo=bar;Lineage=a87bd80c:1|68fd508a:5;x-custom=1=2", header.passThrough());
    }

    @Test
    void dropsSelfInAnyCase() {
        TraceHeader header = TraceHeader.parse("Self=1-67891234-12456789abcdef012345678;Root=" + ROOT
                + ";self=x;Lineage=a87bd80c:1");

        assertEquals(ROOT, header.root());
        assertEquals("Lineage=a87bd80c:1", header.passThrough());
    }

    @Test
    void skipsPartsWithoutAKeyOrValueSeparator() {
        TraceHeader header = TraceHeader.parse(";;Root=" + ROOT + ";garbage;=novalue; ;Lineage=x:1;");

        assertEquals(ROOT, header.root());
        assertEquals("Lineage=x:1", header.passThrough());
    }

    @Test
    void aMissingOrEmptyHeaderIsEmpty() {
        assertSame(TraceHeader.EMPTY, TraceHeader.parse(null));
        assertSame(TraceHeader.EMPTY, TraceHeader.parse(""));
        assertSame(TraceHeader.EMPTY, TraceHeader.parse("   "));
        assertSame(TraceHeader.EMPTY, TraceHeader.parse("garbage"));
        TraceHeader empty = TraceHeader.parse(null);
        assertNull(empty.root());
        assertNull(empty.parent());
        assertEquals(Sampled.UNKNOWN, empty.sampled());
        assertNull(empty.passThrough());
    }

    @Test
    void uppercaseHexRootIsAcceptedAndLowercased() {
        TraceHeader header = TraceHeader.parse("Root=1-5759E988-BD862E3FE1BE46A994272793;Parent=53995C3F42CD8AD8");

        assertEquals(ROOT, header.root());
        assertEquals(PARENT, header.parent());
    }

    @Test
    void malformedRootsAreDropped() {
        String[] bad = {
            "1-5759e988-bd862e3fe1be46a99427279",       // random part one short
            "1-5759e988-bd862e3fe1be46a9942727933",     // random part one long
            "1-5759e988bd862e3fe1be46a994272793",       // no second dash
            "2-5759e988-bd862e3fe1be46a994272793",      // wrong version
            "1_5759e988-bd862e3fe1be46a994272793",      // wrong first separator
            "1-5759e98g-bd862e3fe1be46a994272793",      // non-hex epoch
            "1-5759e988-bd862e3fe1be46a99427279z",      // non-hex random part
            "1-5759e988-000000000000000000000000",      // all-zero random part
            "1--bd862e3fe1be46a994272793",              // empty epoch part
            "1-123456789-bd862e3fe1be46a994272793",     // epoch part too long
            "1-5759e988-bd862e3f e1be46a994272793",     // space inside
            "",
            "1-",
        };
        for (String root : bad) {
            TraceHeader header = TraceHeader.parse("Root=" + root + ";Parent=" + PARENT + ";Sampled=1");
            assertNull(header.root(), "root should be dropped: " + root);
            // The other fields are still read.
            assertEquals(PARENT, header.parent(), root);
            assertEquals(Sampled.SAMPLED, header.sampled(), root);
        }
    }

    @Test
    void aShortEpochPartIsLeftPadded() {
        assertEquals("1-05759e98-bd862e3fe1be46a994272793",
                TraceHeader.parse("Root=1-5759e98-bd862e3fe1be46a994272793").root());
        assertEquals("1-0000000a-bd862e3fe1be46a994272793",
                TraceHeader.parse("Root=1-A-bd862e3fe1be46a994272793").root());
    }

    @Test
    void parentMustBeSixteenHexDigitsNotAllZero() {
        assertEquals(PARENT, TraceHeader.parse("Root=" + ROOT + ";Parent=" + PARENT).parent());
        String[] bad = {"53995c3f42cd8ad", "53995c3f42cd8ad8a", "53995c3f42cd8adx", "0000000000000000", "",
            "53995c3f-42cd8ad"};
        for (String parent : bad) {
            TraceHeader header = TraceHeader.parse("Root=" + ROOT + ";Parent=" + parent);
            assertNull(header.parent(), "parent should be dropped: " + parent);
            assertEquals(ROOT, header.root(), parent);
        }
    }

    @Test
    void anOversizeHeaderIsIgnoredWhole() {
        StringBuilder value = new StringBuilder("Root=" + ROOT + ";Parent=" + PARENT + ";Sampled=1;Pad=");
        while (value.length() <= TraceHeader.MAX_LENGTH) {
            value.append('x');
        }
        assertEquals(TraceHeader.MAX_LENGTH + 1, value.length());

        TraceHeader header = TraceHeader.parse(value.toString());

        assertNull(header.root());
        assertNull(header.parent());
        assertEquals(Sampled.UNKNOWN, header.sampled());
        assertNull(header.passThrough());
    }

    @Test
    void aHeaderOfExactlyTheLimitIsStillRead() {
        StringBuilder value = new StringBuilder("Root=" + ROOT + ";Sampled=1;");
        while (value.length() < TraceHeader.MAX_LENGTH) {
            value.append(';');
        }
        assertEquals(TraceHeader.MAX_LENGTH, value.length());

        TraceHeader header = TraceHeader.parse(value.toString());

        assertEquals(ROOT, header.root());
        assertEquals(Sampled.SAMPLED, header.sampled());
    }

    @Test
    void passThroughIsCappedAt256Characters() {
        StringBuilder value = new StringBuilder("Root=" + ROOT);
        for (int i = 0; i < 40; i++) {
            value.append(";K").append(i < 10 ? "0" : "").append(i).append("=0123456789");
        }
        TraceHeader header = TraceHeader.parse(value.toString());

        String passThrough = header.passThrough();
        assertTrue(passThrough.length() <= TraceHeader.MAX_PASS_THROUGH, passThrough);
        // Each field is 14 characters, 15 with its separator: 17 fields make 254 characters.
        assertEquals(17 * 15 - 1, passThrough.length());
        assertTrue(passThrough.startsWith("K00=0123456789;K01=0123456789;"), passThrough);
        assertTrue(passThrough.endsWith(";K16=0123456789"), passThrough);
        assertEquals(ROOT, header.root());
    }

    @Test
    void aFieldThatWouldPassTheCapIsLeftOutWhole() {
        StringBuilder big = new StringBuilder("Big=");
        while (big.length() < 300) {
            big.append('b');
        }
        TraceHeader header = TraceHeader.parse("Root=" + ROOT + ";" + big + ";Lineage=a87bd80c:1");

        assertEquals("Lineage=a87bd80c:1", header.passThrough());
    }

    @Test
    void passThroughFieldsWithControlCharactersAreDropped() {
        TraceHeader header = TraceHeader.parse("Root=" + ROOT + ";Evil=a\u0001b;Lineage=a87bd80c:1;Snow=\u2603");

        assertEquals("Lineage=a87bd80c:1", header.passThrough());
    }

    @Test
    void downstreamHeaderCarriesTheCallAsParent() {
        assertEquals("Root=" + ROOT + ";Parent=" + PARENT + ";Sampled=1",
                TraceHeader.forDownstream(ROOT, PARENT, true, null));
        assertEquals("Root=" + ROOT + ";Parent=" + PARENT + ";Sampled=1;Lineage=a87bd80c:1;Foo=bar",
                TraceHeader.forDownstream(ROOT, PARENT, true, "Lineage=a87bd80c:1;Foo=bar"));
        assertEquals("Root=" + ROOT + ";Sampled=0", TraceHeader.forDownstream(ROOT, null, false, null));
        assertEquals("Root=" + ROOT + ";Sampled=0;Lineage=a87bd80c:1",
                TraceHeader.forDownstream(ROOT, null, false, "Lineage=a87bd80c:1"));
    }

    @Test
    void downstreamHeaderRoundTrips() {
        String sent = TraceHeader.forDownstream(ROOT, PARENT, true, "Lineage=a87bd80c:1;Foo=bar");

        TraceHeader received = TraceHeader.parse(sent);

        assertEquals(ROOT, received.root());
        assertEquals(PARENT, received.parent());
        assertEquals(Sampled.SAMPLED, received.sampled());
        assertEquals("Lineage=a87bd80c:1;Foo=bar", received.passThrough());
    }

    @Test
    void responseHeaderHasSampledOnlyWhenTheCallerAskedWithQuestionMark() {
        assertEquals("Root=" + ROOT + ";Sampled=1", TraceHeader.forResponse(ROOT, Sampled.REQUESTED, true));
        assertEquals("Root=" + ROOT + ";Sampled=0", TraceHeader.forResponse(ROOT, Sampled.REQUESTED, false));
        assertEquals("Root=" + ROOT, TraceHeader.forResponse(ROOT, Sampled.UNKNOWN, true));
        assertEquals("Root=" + ROOT, TraceHeader.forResponse(ROOT, Sampled.UNKNOWN, false));
        assertEquals("Root=" + ROOT, TraceHeader.forResponse(ROOT, Sampled.SAMPLED, true));
        assertEquals("Root=" + ROOT, TraceHeader.forResponse(ROOT, Sampled.NOT_SAMPLED, false));
    }

    @Test
    void garbageNeverThrowsAndYieldsOnlyValidIds() {
        Random random = new Random(20240524L);
        char[] specials = {';', '=', ' ', '\t', '-', '1', '?', '0'};
        String[] prefixes = {"", "Root=", "root=1-", "Parent=", "Sampled=", "Root=1-5759e988-", "Lineage="};
        int roots = 0;
        for (int n = 0; n < 20_000; n++) {
            StringBuilder value = new StringBuilder();
            if (random.nextInt(3) == 0) {
                value.append(prefixes[random.nextInt(prefixes.length)]);
            }
            int length = random.nextInt(n % 100 == 0 ? 2200 : 90);
            for (int i = 0; i < length; i++) {
                int kind = random.nextInt(10);
                char c;
                if (kind < 3) {
                    c = specials[random.nextInt(specials.length)];
                } else if (kind < 5) {
                    c = "0123456789abcdefABCDEF".charAt(random.nextInt(22));
                } else if (kind < 8) {
                    c = (char) (0x20 + random.nextInt(0x5f));
                } else if (kind < 9) {
                    c = (char) random.nextInt(0x20);
                } else {
                    c = (char) random.nextInt(0x10000);
                }
                value.append(c);
            }
            if (random.nextInt(5) == 0) {
                // Something close to a real header, with a few characters spoiled.
                char[] real = ("Root=" + ROOT + ";Parent=" + PARENT + ";Sampled=1").toCharArray();
                for (int k = random.nextInt(3); k > 0; k--) {
                    real[random.nextInt(real.length)] = (char) random.nextInt(0x80);
                }
                value.insert(0, new String(real) + ";");
            }
            String text = value.toString();
            TraceHeader header;
            try {
                header = TraceHeader.parse(text);
            } catch (RuntimeException e) {
                throw new AssertionError("parse threw on " + escape(text), e);
            }
            if (header == null) {
                fail("parse returned null for " + escape(text));
            }
            String root = header.root();
            if (root != null) {
                roots++;
                assertEquals(35, root.length(), escape(text));
                assertTrue(TRACE_ID.matcher(root).matches(), root + " from " + escape(text));
                assertTrue(!root.substring(11).equals("000000000000000000000000"), escape(text));
            }
            if (header.parent() != null) {
                assertTrue(ENTITY_ID.matcher(header.parent()).matches(), header.parent());
            }
            String passThrough = header.passThrough();
            if (passThrough != null) {
                assertTrue(passThrough.length() <= TraceHeader.MAX_PASS_THROUGH, escape(passThrough));
                for (int i = 0; i < passThrough.length(); i++) {
                    char c = passThrough.charAt(i);
                    assertTrue(c > 0x20 && c < 0x7f, "non-printable in pass-through: " + escape(passThrough));
                }
            }
        }
        // The spoiled-real-header inputs make sure the valid path was exercised too.
        assertTrue(roots > 100, "only " + roots + " inputs had a valid root");
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && i < 300; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
