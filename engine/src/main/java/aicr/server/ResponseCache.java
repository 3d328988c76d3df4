package aicr.server;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Serialized answers by request key, least recently used evicted first. Valid because the
 * recipe store is immutable for the server's lifetime: the same criteria always resolve to
 * the same bytes. Errors are never cached (the supplier throws). Bounded by entry count; a
 * recipe is ~75 KB, so the default 256 entries stay under 20 MB.
 */
final class ResponseCache<K> {
    private final int capacity;
    private final LinkedHashMap<K, byte[]> entries;

    ResponseCache(int capacity) {
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(capacity * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, byte[]> eldest) {
                return size() > ResponseCache.this.capacity;
            }
        };
    }

    /** The cached bytes for {@code key}, computing (outside the lock) and storing them on a miss. */
    byte[] get(K key, Supplier<byte[]> compute) {
        synchronized (entries) {
            byte[] hit = entries.get(key);
            if (hit != null) {
                return hit;
            }
        }
        byte[] value = compute.get();
        synchronized (entries) {
            entries.put(key, value);
        }
        return value;
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}
