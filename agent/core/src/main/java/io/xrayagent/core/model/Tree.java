package io.xrayagent.core.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The operations that change the shape of a trace tree, each under the segment's lock. What they return
 * says which documents must now be sent; sending is the caller's business.
 */
public final class Tree {
    private Tree() {
    }

    public static Subsegment begin(Entity parent, String name, String namespace, long startMicros) {
        Segment segment = parent.segment();
        Subsegment child = new Subsegment(segment, parent, Ids.newEntityId(), name, namespace, startMicros);
        synchronized (segment) {
            parent.addChild(child);
            segment.countAdded();
        }
        return child;
    }

    /**
     * Ends the segment. Returns true when the caller must now send it (exactly once); children still in
     * progress go out in it as {@code in_progress} and are sent again on their own when they end.
     */
    public static boolean endSegment(Segment segment, long endMicros) {
        synchronized (segment) {
            if (segment.isEnded()) {
                return false;
            }
            segment.markEnded(endMicros);
            segment.markSent();
            return true;
        }
    }

    /**
     * Ends a subsegment and returns the subtrees that must now be sent as independent subsegments: this
     * one when its segment was already sent, or, when the segment holds more than {@code streamingThreshold}
     * subsegments, every completed subtree at its highest complete level (the official SDKs' streaming).
     */
    public static List<Subsegment> endSubsegment(Subsegment subsegment, long endMicros, int streamingThreshold) {
        Segment segment = subsegment.segment();
        synchronized (segment) {
            if (subsegment.isEnded()) {
                return null;
            }
            subsegment.markEnded(endMicros);
            if (segment.isSent()) {
                return detach(subsegment);
            }
            if (segment.inMemorySubsegments() > streamingThreshold) {
                List<Subsegment> ready = new ArrayList<Subsegment>();
                collectCompleted(segment, ready);
                for (Subsegment each : ready) {
                    detachFromParent(each);
                }
                return ready.isEmpty() ? null : ready;
            }
            return null;
        }
    }

    private static List<Subsegment> detach(Subsegment subsegment) {
        detachFromParent(subsegment);
        List<Subsegment> one = new ArrayList<Subsegment>(1);
        one.add(subsegment);
        return one;
    }

    private static void detachFromParent(Subsegment subsegment) {
        if (subsegment.parent().removeChild(subsegment)) {
            subsegment.segment().countRemoved(1 + subsegment.subtreeSubsegmentCount());
        }
    }

    private static void collectCompleted(Entity node, List<Subsegment> ready) {
        List<Subsegment> children = node.children();
        for (int i = 0; i < children.size(); i++) {
            Subsegment child = children.get(i);
            if (child.isSubtreeEnded()) {
                ready.add(child);
            } else {
                collectCompleted(child, ready);
            }
        }
    }
}
