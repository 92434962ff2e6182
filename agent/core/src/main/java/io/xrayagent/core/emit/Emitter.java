package io.xrayagent.core.emit;

import io.xrayagent.core.model.Segment;
import io.xrayagent.core.model.Subsegment;

/** Where finished documents go. Implementations never block or throw on the calling (application) thread. */
public interface Emitter {
    /** The segment with whatever children it still holds (those in progress are marked so). */
    void sendSegment(Segment segment);

    /** A subtree that leaves its segment's document and is sent as an independent subsegment. */
    void sendSubsegment(Subsegment subsegment);
}
