package io.unikernal.routing.internal;

/**
 * Kafka's murmur2 (seed 0x9747b28c), byte for byte as {@code org.apache.kafka.common.utils.Utils.murmur2},
 * so partitions agree with Kafka's default partitioner: {@code (murmur2(key) & 0x7fffffff) % partitions}.
 */
public final class Murmur2 {
    private static final int SEED = 0x9747b28c;
    private static final int M = 0x5bd1e995;
    private static final int R = 24;

    private Murmur2() {
    }

    public static int hash(byte[] data) {
        return hash(data, 0, data.length);
    }

    /** murmur2 of {@code buf[start, end)}. */
    public static int hash(byte[] buf, int start, int end) {
        int length = end - start;
        int h = SEED ^ length;
        int length4 = length >>> 2;
        for (int i = 0; i < length4; i++) {
            int i4 = start + (i << 2);
            int k = (buf[i4] & 0xff) + ((buf[i4 + 1] & 0xff) << 8)
                    + ((buf[i4 + 2] & 0xff) << 16) + ((buf[i4 + 3] & 0xff) << 24);
            k *= M;
            k ^= k >>> R;
            k *= M;
            h *= M;
            h ^= k;
        }
        int tail = start + (length & ~3);
        switch (length & 3) {
            case 3:
                h ^= (buf[tail + 2] & 0xff) << 16;
                // fall through
            case 2:
                h ^= (buf[tail + 1] & 0xff) << 8;
                // fall through
            case 1:
                h ^= buf[tail] & 0xff;
                h *= M;
                break;
            default:
                break;
        }
        h ^= h >>> 13;
        h *= M;
        h ^= h >>> 15;
        return h;
    }

    /** Kafka's {@code Utils.toPositive(murmur2(key)) % numPartitions}. */
    public static int partition(byte[] buf, int start, int end, int numPartitions) {
        return (hash(buf, start, end) & 0x7fffffff) % numPartitions;
    }
}
