package io.xrayagent.core.state;

import java.util.Map;
import java.util.WeakHashMap;

/**
 * Values attached to library objects (statements, connections, HTTP connections) without keeping those
 * objects alive. Striped by identity hash so that threads working on different objects rarely share a lock.
 */
public final class WeakKeyedMap<K, V> {
    private static final int STRIPES = 16;

    private final Map<K, V>[] stripes;

    @SuppressWarnings("unchecked")
    public WeakKeyedMap() {
        stripes = new Map[STRIPES];
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new WeakHashMap<K, V>();
        }
    }

    public V get(K key) {
        Map<K, V> stripe = stripe(key);
        synchronized (stripe) {
            return stripe.get(key);
        }
    }

    public void put(K key, V value) {
        Map<K, V> stripe = stripe(key);
        synchronized (stripe) {
            stripe.put(key, value);
        }
    }

    public V remove(K key) {
        Map<K, V> stripe = stripe(key);
        synchronized (stripe) {
            return stripe.remove(key);
        }
    }

    public int size() {
        int size = 0;
        for (Map<K, V> stripe : stripes) {
            synchronized (stripe) {
                size += stripe.size();
            }
        }
        return size;
    }

    private Map<K, V> stripe(K key) {
        int hash = System.identityHashCode(key);
        return stripes[(hash ^ hash >>> 16) & (STRIPES - 1)];
    }
}
