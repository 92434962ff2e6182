package io.xrayagent.core.trace;

import io.xrayagent.core.emit.Emitter;
import io.xrayagent.core.model.Entity;
import io.xrayagent.core.model.EpochClock;
import io.xrayagent.core.model.Ids;
import io.xrayagent.core.model.Segment;
import io.xrayagent.core.model.Subsegment;
import io.xrayagent.core.model.Tree;
import java.util.List;

/** Starts and ends segments and subsegments and hands what is finished to the emitter. */
public final class Tracer {
    private final Emitter emitter;
    private final int streamingThreshold;
    private final int maxStackFrames;
    private final ContextMissingReporter contextMissing;

    public Tracer(Emitter emitter, int streamingThreshold, int maxStackFrames, ContextMissingReporter contextMissing) {
        this.emitter = emitter;
        this.streamingThreshold = streamingThreshold;
        this.maxStackFrames = maxStackFrames;
        this.contextMissing = contextMissing;
    }

    public Segment beginSegment(String name, String traceId, String parentId, String passThrough, String ruleName) {
        return new Segment(traceId, Ids.newEntityId(), name, EpochClock.nowMicros(), parentId, passThrough, ruleName);
    }

    public Subsegment beginSubsegment(Entity parent, String name, String namespace) {
        return Tree.begin(parent, name, namespace, EpochClock.nowMicros());
    }

    public void endSegment(Segment segment) {
        if (Tree.endSegment(segment, EpochClock.nowMicros())) {
            emitter.sendSegment(segment);
        }
    }

    public void endSubsegment(Subsegment subsegment) {
        List<Subsegment> independent = Tree.endSubsegment(subsegment, EpochClock.nowMicros(), streamingThreshold);
        if (independent != null) {
            for (int i = 0; i < independent.size(); i++) {
                emitter.sendSubsegment(independent.get(i));
            }
        }
    }

    public void recordException(Entity entity, Throwable thrown) {
        entity.segment().recordException(entity, thrown, maxStackFrames);
    }

    public ContextMissingReporter contextMissing() {
        return contextMissing;
    }
}
