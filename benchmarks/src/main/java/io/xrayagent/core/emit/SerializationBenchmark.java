package io.xrayagent.core.emit;

import io.xrayagent.benchmarks.Fixtures;
import io.xrayagent.core.model.Segment;
import io.xrayagent.core.model.Subsegment;
import io.xrayagent.core.trace.Tracer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Segment documents as the emitter's sender thread makes them. This class sits in the agent's package
 * {@code io.xrayagent.core.emit} (in the benchmarks' own source tree) to reach the package-private
 * {@link SegmentWriter} and {@link DocumentSplitter}; the shaded jar puts it and them in one class loader.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class SerializationBenchmark {
    private Tracer tracer;
    private DocumentSplitter splitter;
    private Segment httpSegment;
    private String name;
    private String traceId;
    private String parentId;
    private String passThrough;

    private DatagramChannel unreadDaemon;
    private DatagramChannel channel;
    private InetSocketAddress daemonAddress;
    private ByteBuffer datagram;

    @Setup
    public void setUp() throws IOException {
        tracer = Fixtures.tracer(new Fixtures.DiscardingEmitter());
        splitter = new DocumentSplitter(new SegmentWriter(AgentIdentity.ofThisJvm("benchmark")),
                64512 - UdpEmitter.HEADER.length);
        httpSegment = Fixtures.finishedHttpSegment(tracer);
        name = "orders-service";
        traceId = Fixtures.TRACE_ID;
        parentId = Fixtures.PARENT_ID;
        passThrough = Fixtures.PASS_THROUGH;

        unreadDaemon = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        daemonAddress = (InetSocketAddress) unreadDaemon.getLocalAddress();
        // As UdpEmitter does it: a connected channel and a direct buffer.
        channel = DatagramChannel.open().connect(daemonAddress);
        datagram = ByteBuffer.allocateDirect(64512);
    }

    @TearDown
    public void tearDown() throws IOException {
        channel.close();
        unreadDaemon.close();
    }

    /** TracerBenchmark.segmentWithTwoSubsegments, then the finished segment written as JSON. */
    @Benchmark
    public List<byte[]> segmentWithTwoSubsegmentsThenSerialize() {
        Segment segment = tracer.beginSegment(name, traceId, parentId, passThrough, "Default");
        Subsegment first = tracer.beginSubsegment(segment, "inventory.internal", "remote");
        tracer.endSubsegment(first);
        Subsegment second = tracer.beginSubsegment(segment, "render", null);
        tracer.endSubsegment(second);
        tracer.endSegment(segment);
        synchronized (segment) {
            return splitter.documents(segment);
        }
    }

    /** Serialization alone, of a finished segment with HTTP data and two subsegments (one remote call). */
    @Benchmark
    public List<byte[]> serializeHttpSegment() {
        synchronized (httpSegment) {
            return splitter.documents(httpSegment);
        }
    }

    /**
     * The sender thread's whole work for that segment, as UdpEmitter.send does it: the header line and the
     * document written into the datagram, sent to a local socket that nobody reads.
     */
    @Benchmark
    public int serializeAndSendHttpSegment() throws IOException {
        datagram.clear();
        datagram.put(UdpEmitter.HEADER);
        synchronized (httpSegment) {
            splitter.writeWhole(httpSegment, SegmentWriter.Form.SEGMENT, datagram);
        }
        datagram.flip();
        return channel.write(datagram);
    }
}
