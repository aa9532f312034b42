//! Reading the little-endian wire forms written by the Java side: a bounds-checked cursor, and the
//! framing of one encoded message (see `io.unikernal.routing.MessageBatch`).

use crate::error::{invalid, Result};
use crate::json::{Slots, HEADER, MISSING};

/// A cursor over a spec (rule table, schema, projection) that fails instead of reading past the end.
pub struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub fn new(buf: &'a [u8]) -> Self {
        Reader { buf, pos: 0 }
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        if self.buf.len() - self.pos < n {
            return invalid(format!("spec truncated at byte {} (wanted {} more)", self.pos, n));
        }
        let s = &self.buf[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }

    pub fn u8(&mut self) -> Result<u8> {
        Ok(self.take(1)?[0])
    }

    pub fn i32(&mut self) -> Result<i32> {
        let b = self.take(4)?;
        Ok(i32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// A count or length: a non-negative int32 no larger than `max`.
    pub fn count(&mut self, what: &str, max: usize) -> Result<usize> {
        let v = self.i32()?;
        if v < 0 || v as usize > max {
            return invalid(format!("{} {} out of range 0..={}", what, v, max));
        }
        Ok(v as usize)
    }

    pub fn f64(&mut self) -> Result<f64> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(f64::from_le_bytes(a))
    }

    pub fn bytes(&mut self, what: &str, max: usize) -> Result<Vec<u8>> {
        let n = self.count(what, max)?;
        Ok(self.take(n)?.to_vec())
    }

    pub fn finish(&self) -> Result<()> {
        if self.pos != self.buf.len() {
            return invalid(format!("{} trailing bytes after the spec", self.buf.len() - self.pos));
        }
        Ok(())
    }
}

#[inline(always)]
fn read_len(b: &[u8], p: usize, me: usize) -> Result<usize> {
    if me < p || me - p < 4 {
        return bad_len(p, None);
    }
    let v = i32::from_le_bytes([b[p], b[p + 1], b[p + 2], b[p + 3]]);
    if v < 0 {
        return bad_len(p, Some(v));
    }
    Ok(v as usize)
}

#[cold]
#[inline(never)]
fn bad_len(p: usize, negative: Option<i32>) -> Result<usize> {
    match negative {
        Some(v) => invalid(format!("malformed message framing at byte {}: negative length {}", p, v)),
        None => invalid(format!("malformed message framing at byte {}: truncated length", p)),
    }
}

/// Walks the headers of message `b[ms..me]`, recording the first occurrence of each wanted header
/// into its slot; returns where the body starts (it ends at `me`). Mirrors `Framing.readHeaders`.
pub fn read_headers(b: &[u8], ms: usize, me: usize, wanted: &[(Vec<u8>, usize)], slots: &mut Slots) -> Result<usize> {
    let mut p = ms;
    let count = read_len(b, p, me)?;
    p += 4;
    for _ in 0..count {
        let name_len = read_len(b, p, me)?;
        let ns = p + 4;
        if name_len > me - ns {
            return invalid(format!("malformed message framing at byte {}: header name length {}", ms, name_len));
        }
        p = ns + name_len;
        let value_len = read_len(b, p, me)?;
        let vs = p + 4;
        if value_len > me - vs {
            return invalid(format!("malformed message framing at byte {}: header value length {}", ms, value_len));
        }
        p = vs + value_len;
        for (name, slot) in wanted {
            if name.len() == name_len && slots.kind[*slot] == MISSING && crate::json::short_eq(&b[ns..ns + name_len], name) {
                slots.set(*slot, HEADER, vs, vs + value_len);
            }
        }
    }
    let body_len = read_len(b, p, me)?;
    p += 4;
    if body_len != me - p {
        return invalid(format!(
            "malformed message framing at byte {}: body length {} (message has {} bytes left)",
            ms,
            body_len,
            me - p
        ));
    }
    Ok(p)
}
