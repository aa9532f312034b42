//! Kafka's murmur2 (seed 0x9747b28c), bit for bit as `org.apache.kafka.common.utils.Utils.murmur2`.

const SEED: u32 = 0x9747_b28c;
const M: u32 = 0x5bd1_e995;
const R: u32 = 24;

pub fn hash(data: &[u8]) -> i32 {
    let len = data.len();
    let mut h: u32 = SEED ^ (len as u32);
    let mut chunks = data.chunks_exact(4);
    for c in &mut chunks {
        let mut k = u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
        k = k.wrapping_mul(M);
        k ^= k >> R;
        k = k.wrapping_mul(M);
        h = h.wrapping_mul(M);
        h ^= k;
    }
    let tail = chunks.remainder();
    if tail.len() == 3 {
        h ^= (tail[2] as u32) << 16;
    }
    if tail.len() >= 2 {
        h ^= (tail[1] as u32) << 8;
    }
    if !tail.is_empty() {
        h ^= tail[0] as u32;
        h = h.wrapping_mul(M);
    }
    h ^= h >> 13;
    h = h.wrapping_mul(M);
    h ^= h >> 15;
    h as i32
}

/// Kafka's default partition: `toPositive(murmur2(key)) % partitions`.
pub fn partition(key: &[u8], partitions: i32) -> i32 {
    (hash(key) & 0x7fff_ffff) % partitions
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kafka_vectors() {
        assert_eq!(hash(b"21"), -973932308);
        assert_eq!(hash(b"foobar"), -790332482);
        assert_eq!(hash(b"a-little-bit-long-string"), -985981536);
        assert_eq!(hash(b"a-little-bit-longer-string"), -1486304829);
        assert_eq!(hash(b"abc"), 479470107);
    }
}
