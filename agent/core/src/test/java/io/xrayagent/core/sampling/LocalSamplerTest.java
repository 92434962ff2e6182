package io.xrayagent.core.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

class LocalSamplerTest {
    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    private final AtomicInteger draws = new AtomicInteger();

    /** Hands out the given values in turn, forever, and counts how many were asked for. */
    private DoubleSupplier randomStream(double... values) {
        return () -> values[draws.getAndIncrement() % values.length];
    }

    private static SamplingRequest get(String host, String path) {
        return new SamplingRequest(host, "GET", path, "svc", "AWS::EC2::Instance");
    }

    private static final String ORDERED_RULES = "{\"version\": 2, \"rules\": [\n"
            + "  {\"description\": \"api\", \"host\": \"*\", \"http_method\": \"GET\", \"url_path\": \"/api/*\","
            + " \"fixed_target\": 0, \"rate\": 1},\n"
            + "  {\"description\": \"admin\", \"host\": \"*\", \"http_method\": \"*\", \"url_path\":"
            + " \"/api/admin/*\", \"fixed_target\": 0, \"rate\": 0},\n"
            + "  {\"id\": \"shop-health\", \"host\": \"shop.example.com\", \"http_method\": \"*\", \"url_path\":"
            + " \"/health\", \"fixed_target\": 0, \"rate\": 0}\n"
            + "], \"default\": {\"fixed_target\": 0, \"rate\": 1}}";

    @Test
    void firstMatchingRuleInArrayOrderWins() {
        Sampler sampler = Samplers.localFromJson(ORDERED_RULES, now::get, randomStream(0.5));

        SamplingDecision api = sampler.decide(get("any", "/api/admin/users"));
        assertEquals("api", api.ruleName(), "the earlier, broader rule wins");
        assertTrue(api.sampled());

        SamplingDecision admin = sampler.decide(new SamplingRequest("any", "DELETE", "/api/admin/users", null,
                null));
        assertEquals("admin", admin.ruleName(), "method rules the first rule out");
        assertFalse(admin.sampled());

        assertEquals("shop-health", sampler.decide(get("SHOP.example.com", "/HEALTH")).ruleName());
        assertEquals("default", sampler.decide(get("other.example.com", "/health")).ruleName());
        assertEquals("default", sampler.decide(get("shop.example.com", "/health/deep")).ruleName());
    }

    @Test
    void rulesMatchThePathNotTheFullUrl() {
        Sampler sampler = Samplers.localFromJson(ORDERED_RULES, now::get, randomStream(0.5));
        assertEquals("api", sampler.decide(get("h", "/api/x")).ruleName());
        assertEquals("default", sampler.decide(get("h", "http://h/api/x")).ruleName());
    }

    @Test
    void version1ServiceNameIsMatchedAgainstTheHost() {
        Sampler sampler = Samplers.localFromJson("{\"version\": 1, \"rules\": [{\"description\": \"shop\","
                + " \"service_name\": \"shop.*\", \"http_method\": \"*\", \"url_path\": \"*\","
                + " \"fixed_target\": 0, \"rate\": 1}], \"default\": {\"fixed_target\": 0, \"rate\": 0}}",
                now::get, randomStream(0.5));

        assertEquals("shop", sampler.decide(new SamplingRequest("shop.example.com", "GET", "/", "billing",
                null)).ruleName());
        assertEquals("default", sampler.decide(new SamplingRequest("api.example.com", "GET", "/",
                "shop.service", null)).ruleName());
    }

    @Test
    void missingRequestValuesMatchOnlyStarOrEmptyPatterns() {
        Sampler sampler = Samplers.localFromJson("{\"version\": 2, \"rules\": [\n"
                + "  {\"id\": \"named-host\", \"host\": \"a*\", \"http_method\": \"*\", \"url_path\": \"*\","
                + " \"fixed_target\": 0, \"rate\": 0},\n"
                + "  {\"id\": \"no-host\", \"host\": \"\", \"http_method\": \"*\", \"url_path\": \"*\","
                + " \"fixed_target\": 0, \"rate\": 0}\n"
                + "], \"default\": {\"fixed_target\": 0, \"rate\": 0}}", now::get, randomStream(0.5));

        assertEquals("no-host", sampler.decide(new SamplingRequest(null, null, null, null, null)).ruleName());
        assertEquals("named-host", sampler.decide(get("api", "/")).ruleName());
        assertEquals("default", sampler.decide(get("b", "/")).ruleName());
    }

    @Test
    void requestTreatsNullsAsEmpty() {
        SamplingRequest request = new SamplingRequest(null, null, null, null, null);
        assertEquals("", request.host());
        assertEquals("", request.method());
        assertEquals("", request.urlPath());
        assertEquals("", request.serviceName());
        assertEquals("", request.serviceType());

        SamplingRequest full = new SamplingRequest("h", "GET", "/p", "svc", "AWS::ECS::Container");
        assertEquals("h", full.host());
        assertEquals("GET", full.method());
        assertEquals("/p", full.urlPath());
        assertEquals("svc", full.serviceName());
        assertEquals("AWS::ECS::Container", full.serviceType());
    }

    private Sampler oneRule(int fixedTarget, double rate, DoubleSupplier random) {
        return Samplers.localFromJson("{\"version\": 2, \"rules\": [{\"description\": \"r\", \"host\": \"*\","
                + " \"http_method\": \"*\", \"url_path\": \"*\", \"fixed_target\": " + fixedTarget
                + ", \"rate\": " + rate + "}], \"default\": {\"fixed_target\": 0, \"rate\": 0}}", now::get, random);
    }

    private int sampledOutOf(Sampler sampler, int requests) {
        int sampled = 0;
        SamplingRequest request = get("h", "/");
        for (int i = 0; i < requests; i++) {
            if (sampler.decide(request).sampled()) {
                sampled++;
            }
        }
        return sampled;
    }

    @Test
    void rateIsComparedWithLessThanAgainstTheRandomDraw() {
        Sampler sampler = oneRule(0, 0.5, randomStream(0.49, 0.5, 0.51, 0.0, 0.999));
        SamplingRequest request = get("h", "/");
        assertTrue(sampler.decide(request).sampled());
        assertFalse(sampler.decide(request).sampled(), "0.5 is not < 0.5");
        assertFalse(sampler.decide(request).sampled());
        assertTrue(sampler.decide(request).sampled());
        assertFalse(sampler.decide(request).sampled());
        assertEquals(5, draws.get());
    }

    @Test
    void rateZeroSamplesNothingBeyondTheReservoir() {
        Sampler sampler = oneRule(2, 0.0, randomStream(0.0));
        assertEquals(2, sampledOutOf(sampler, 1000));
        now.addAndGet(1000);
        assertEquals(2, sampledOutOf(sampler, 1000));
    }

    @Test
    void rateOneSamplesEverything() {
        Sampler sampler = oneRule(0, 1.0, randomStream(0.9999999999));
        assertEquals(1000, sampledOutOf(sampler, 1000));
    }

    @Test
    void noDrawWhileTheReservoirHasRoom() {
        Sampler sampler = oneRule(3, 0.5, randomStream(0.99));
        assertEquals(3, sampledOutOf(sampler, 3));
        assertEquals(0, draws.get());
        assertEquals(0, sampledOutOf(sampler, 4));
        assertEquals(4, draws.get());
    }

    @Test
    void defaultRuleTakesOnePerSecondThenFivePercent() {
        // Draws step through 0.00, 0.01, ... 0.99: exactly five in each hundred are below 0.05.
        double[] steps = new double[100];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = i / 100.0;
        }
        Sampler sampler = Samplers.defaultLocal(now::get, randomStream(steps));

        SamplingDecision first = sampler.decide(get("h", "/"));
        assertTrue(first.sampled(), "the reservoir's one per second");
        assertEquals("default", first.ruleName());
        assertEquals(0, draws.get());

        assertEquals(5, sampledOutOf(sampler, 100));
        assertEquals(50, sampledOutOf(sampler, 1000));

        now.addAndGet(1000);
        assertEquals(1 + 5, sampledOutOf(sampler, 101), "a new second: one from the reservoir again");
    }

    @Test
    void defaultRuleSamplesAboutFivePercentOfManyRequestsWithinOneSecond() {
        Sampler sampler = Samplers.defaultLocal(now::get, LocalSampler.THREAD_LOCAL_RANDOM);
        int requests = 100_000;
        int sampled = sampledOutOf(sampler, requests);
        // Expected 1 + 0.05 * 99,999 = 5001, standard deviation about 69: the bound is over seven of those.
        assertTrue(Math.abs(sampled - 5001) < 500, "sampled " + sampled + " of " + requests);
    }

    @Test
    void defaultRuleGivesOnePerSecondWhenTheRandomNeverHits() {
        Sampler sampler = Samplers.defaultLocal(now::get, randomStream(0.99));
        int sampled = 0;
        for (int second = 0; second < 10; second++) {
            sampled += sampledOutOf(sampler, 100);
            now.addAndGet(1000);
        }
        assertEquals(10, sampled);
    }

    @Test
    void decisionsArePrecomputedPerRule() {
        Sampler sampler = oneRule(1, 0.0, randomStream(0.5));
        SamplingRequest request = get("h", "/");
        SamplingDecision sampled = sampler.decide(request);
        SamplingDecision notSampled = sampler.decide(request);
        assertTrue(sampled.sampled());
        assertFalse(notSampled.sampled());
        now.addAndGet(1000);
        assertSame(sampled, sampler.decide(request));
        assertSame(notSampled, sampler.decide(request));
    }

    @Test
    void publicDefaultLocalIsTheBuiltInRule() {
        SamplingDecision first = Samplers.defaultLocal().decide(get("h", "/"));
        assertTrue(first.sampled());
        assertEquals("default", first.ruleName());
    }

    @Test
    void allAndNone() {
        SamplingRequest request = get("h", "/");
        assertTrue(Samplers.all().decide(request).sampled());
        assertNull(Samplers.all().decide(request).ruleName());
        assertFalse(Samplers.none().decide(request).sampled());
        assertNull(Samplers.none().decide(request).ruleName());
    }

    @Test
    void decidingDoesNotAllocate() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs HotSpot's allocation counter");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());

        Sampler sampler = Samplers.localFromJson(ORDERED_RULES);
        Sampler byDefault = Samplers.defaultLocal();
        SamplingRequest[] requests = {
            get("any", "/api/admin/users"),
            new SamplingRequest("any", "DELETE", "/api/admin/users", null, null),
            get("shop.example.com", "/health"),
            get("other.example.com", "/somewhere/else"),
        };
        int decisions = 20_000;
        long threadId = Thread.currentThread().getId();
        int sampled = decideMany(sampler, byDefault, requests, decisions);
        long before = threads.getThreadAllocatedBytes(threadId);
        sampled += decideMany(sampler, byDefault, requests, decisions);
        long allocated = threads.getThreadAllocatedBytes(threadId) - before;

        assertTrue(sampled > 0);
        // Even one 16-byte object per decision would be 640 KB; the slack covers the measuring itself.
        assertTrue(allocated < 16 * 1024, "allocated " + allocated + " bytes for " + 2 * decisions + " decisions");
    }

    private static int decideMany(Sampler a, Sampler b, SamplingRequest[] requests, int decisions) {
        int sampled = 0;
        for (int i = 0; i < decisions; i++) {
            SamplingRequest request = requests[i % requests.length];
            if (a.decide(request).sampled()) {
                sampled++;
            }
            if (b.decide(request).sampled()) {
                sampled++;
            }
        }
        return sampled;
    }
}
