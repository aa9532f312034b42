//! Byte-level text predicates; mirrors `io.unikernal.routing.internal.Text` and `ByteSet`.

/// Glob over UTF-8 bytes: `*` any run (also empty), `?` one character (a byte plus its
/// continuation bytes), any other byte itself; greedy with one backtrack point.
pub fn glob(t: &[u8], pat: &[u8]) -> bool {
    let e = t.len();
    let (mut p, mut i) = (0usize, 0usize);
    let (mut star_p, mut star_t): (Option<usize>, usize) = (None, 0);
    while i < e {
        if p < pat.len() {
            let pc = pat[p];
            if pc == b'*' {
                star_p = Some(p);
                p += 1;
                star_t = i;
                continue;
            }
            if pc == b'?' {
                p += 1;
                i = next_char(t, i);
                continue;
            }
            if pc == t[i] {
                p += 1;
                i += 1;
                continue;
            }
        }
        if let Some(sp) = star_p {
            p = sp + 1;
            star_t = next_char(t, star_t);
            i = star_t;
            continue;
        }
        return false;
    }
    while p < pat.len() && pat[p] == b'*' {
        p += 1;
    }
    p == pat.len()
}

#[inline]
fn next_char(t: &[u8], mut i: usize) -> usize {
    i += 1;
    while i < t.len() && (t[i] & 0xC0) == 0x80 {
        i += 1;
    }
    i
}

pub fn fnv1a(v: &[u8]) -> u32 {
    let mut h: u32 = 0x811C_9DC5;
    for &c in v {
        h ^= c as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// An IN set: a linear scan up to 8 values, an open-addressing table above that.
#[derive(Debug)]
pub struct ByteSet {
    values: Vec<Vec<u8>>,
    table: Vec<Option<usize>>,
    mask: usize,
}

impl ByteSet {
    pub fn new(values: Vec<Vec<u8>>) -> ByteSet {
        if values.len() <= 8 {
            return ByteSet { values, table: Vec::new(), mask: 0 };
        }
        let cap = (values.len() * 2).next_power_of_two();
        let mask = cap - 1;
        let mut table = vec![None; cap];
        for (idx, v) in values.iter().enumerate() {
            let mut i = fnv1a(v) as usize & mask;
            while table[i].is_some() {
                i = (i + 1) & mask;
            }
            table[i] = Some(idx);
        }
        ByteSet { values, table, mask }
    }

    #[inline]
    pub fn contains(&self, t: &[u8]) -> bool {
        if self.table.is_empty() {
            return self.values.iter().any(|v| v.as_slice() == t);
        }
        let mut i = fnv1a(t) as usize & self.mask;
        while let Some(idx) = self.table[i] {
            if self.values[idx].as_slice() == t {
                return true;
            }
            i = (i + 1) & self.mask;
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob(b"a.json", b"*.j?on"));
        assert!(!glob(b"a.jsn", b"*.j?on"));
        assert!(glob("é".as_bytes(), b"?"));
        assert!(glob(b"", b"*"));
        assert!(!glob(b"", b"?"));
        assert!(glob(b"abcabd", b"a*d"));
    }

    #[test]
    fn sets() {
        let big = ByteSet::new((0..20).map(|i| format!("v{}", i).into_bytes()).collect());
        assert!(big.contains(b"v13"));
        assert!(!big.contains(b"v20"));
    }
}
