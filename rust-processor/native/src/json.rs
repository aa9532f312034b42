//! A validating, allocation-free JSON scanner that records the first occurrence of wanted paths.
//! Mirrors `io.unikernal.routing.internal.JsonScanner`, `PathNode` and `Slots` line by line: the results
//! (kinds, value ranges, decoded text, malformed or not) must be identical.

pub const MISSING: u8 = 0;
pub const STRING: u8 = 1;
pub const NUMBER: u8 = 2;
pub const TRUE: u8 = 3;
pub const FALSE: u8 = 4;
pub const NULL: u8 = 5;
pub const OBJECT: u8 = 6;
pub const ARRAY: u8 = 7;
pub const HEADER: u8 = 8;

pub const MAX_DEPTH: u32 = 64;
pub const MAX_SLOTS: usize = 64;

/// A trie of body paths: one node per object level.
#[derive(Default, Debug)]
pub struct PathNode {
    keys: Vec<Vec<u8>>,
    children: Vec<Option<Box<PathNode>>>,
    slots: Vec<i32>,
}

impl PathNode {
    /// `paths[i]` is captured into slot `slot_ids[i]`; a repeated path keeps the later slot (as Java).
    pub fn build(paths: &[Vec<Vec<u8>>], slot_ids: &[usize]) -> PathNode {
        let mut root = PathNode::default();
        for (path, &slot) in paths.iter().zip(slot_ids) {
            let mut node = &mut root;
            for (d, seg) in path.iter().enumerate() {
                let c = node.child(seg);
                if d == path.len() - 1 {
                    node.slots[c] = slot as i32;
                } else {
                    node = node.children[c].get_or_insert_with(Default::default);
                }
            }
        }
        root
    }

    fn child(&mut self, key: &[u8]) -> usize {
        if let Some(i) = self.keys.iter().position(|k| k.as_slice() == key) {
            return i;
        }
        self.keys.push(key.to_vec());
        self.children.push(None);
        self.slots.push(-1);
        self.keys.len() - 1
    }

    #[inline]
    fn find(&self, b: &[u8], s: usize, e: usize, escaped: bool, key_buf: &mut Vec<u8>) -> Option<usize> {
        let raw = &b[s..e];
        if escaped {
            key_buf.clear();
            decode_into(raw, key_buf);
            return self.keys.iter().position(|k| k.as_slice() == key_buf.as_slice());
        }
        self.keys.iter().position(|k| short_eq(k, raw))
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

/// Equality for short keys without a call to memcmp.
#[inline(always)]
pub fn short_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

/// Per-message scratch: each slot's kind and value range (in the message, or in `decoded` when a
/// string had escapes), plus a cached number.
pub struct Slots {
    pub kind: [u8; MAX_SLOTS],
    pub start: [u32; MAX_SLOTS],
    pub end: [u32; MAX_SLOTS],
    pub in_decoded: [bool; MAX_SLOTS],
    num_state: [u8; MAX_SLOTS],
    num: [f64; MAX_SLOTS],
    pub decoded: Vec<u8>,
    key_buf: Vec<u8>,
    /// Projection mode: a string slot keeps its raw token, quotes and escapes included.
    pub raw_strings: bool,
}

impl Default for Slots {
    fn default() -> Self {
        Slots {
            kind: [MISSING; MAX_SLOTS],
            start: [0; MAX_SLOTS],
            end: [0; MAX_SLOTS],
            in_decoded: [false; MAX_SLOTS],
            num_state: [0; MAX_SLOTS],
            num: [0.0; MAX_SLOTS],
            decoded: Vec::new(),
            key_buf: Vec::new(),
            raw_strings: false,
        }
    }
}

impl Slots {
    pub fn reset(&mut self, n: usize) {
        for i in 0..n {
            self.kind[i] = MISSING;
            self.num_state[i] = 0;
        }
        self.decoded.clear();
    }

    pub fn set(&mut self, slot: usize, kind: u8, s: usize, e: usize) {
        self.kind[slot] = kind;
        self.start[slot] = s as u32;
        self.end[slot] = e as u32;
        self.in_decoded[slot] = false;
    }

    fn set_string(&mut self, slot: usize, b: &[u8], s: usize, e: usize, escaped: bool) {
        if self.raw_strings {
            self.set(slot, STRING, s - 1, e + 1);
            return;
        }
        if !escaped {
            self.set(slot, STRING, s, e);
            return;
        }
        let raw = &b[s..e];
        let at = self.decoded.len();
        decode_into(raw, &mut self.decoded);
        self.kind[slot] = STRING;
        self.start[slot] = at as u32;
        self.end[slot] = self.decoded.len() as u32;
        self.in_decoded[slot] = true;
    }

    /// The slot's bytes: its text for strings and headers, its token otherwise.
    #[inline]
    pub fn bytes<'a>(&'a self, slot: usize, msg: &'a [u8]) -> &'a [u8] {
        let (s, e) = (self.start[slot] as usize, self.end[slot] as usize);
        if self.in_decoded[slot] {
            &self.decoded[s..e]
        } else {
            &msg[s..e]
        }
    }

    #[inline]
    pub fn has_text(&self, slot: usize) -> bool {
        let k = self.kind[slot];
        k == HEADER || (STRING..=FALSE).contains(&k)
    }

    /// The slot's number, when it is a JSON number or a header spelled as one (cached per message).
    pub fn number(&mut self, slot: usize, msg: &[u8]) -> Option<f64> {
        if self.num_state[slot] == 0 {
            let k = self.kind[slot];
            // only a present value has valid bytes: a missing slot's range is left from an earlier message
            let v = if k == NUMBER || k == HEADER {
                let t = self.bytes(slot, msg);
                if k == NUMBER || is_number(t) {
                    Some(parse_number(t))
                } else {
                    None
                }
            } else {
                None
            };
            match v {
                Some(x) => {
                    self.num[slot] = x;
                    self.num_state[slot] = 1;
                }
                None => self.num_state[slot] = 2,
            }
        }
        if self.num_state[slot] == 1 {
            Some(self.num[slot])
        } else {
            None
        }
    }
}

/// Scans a body that must be one JSON object (empty = {}); false when malformed.
pub fn scan_object_body(b: &[u8], s: usize, e: usize, root: &PathNode, slots: &mut Slots) -> bool {
    if s == e {
        return true;
    }
    let p = skip_ws(b, s, e);
    if p >= e || b[p] != b'{' {
        return false;
    }
    match value(b, p, e, 0, Some(root), -1, slots) {
        Some(q) => skip_ws(b, q, e) == e,
        None => false,
    }
}

#[inline]
fn skip_ws(b: &[u8], mut p: usize, e: usize) -> usize {
    while p < e {
        match b[p] {
            b' ' | b'\t' | b'\n' | b'\r' => p += 1,
            _ => break,
        }
    }
    p
}

fn value(b: &[u8], p: usize, e: usize, depth: u32, node: Option<&PathNode>, slot: i32, slots: &mut Slots) -> Option<usize> {
    let p = skip_ws(b, p, e);
    if p >= e {
        return None;
    }
    let (q, kind) = match b[p] {
        b'{' => (object(b, p, e, depth + 1, node, slots)?, OBJECT),
        b'[' => (array(b, p, e, depth + 1, slots)?, ARRAY),
        b'"' => {
            let (q, escaped) = string_end(b, p + 1, e)?;
            if slot >= 0 && slots.kind[slot as usize] == MISSING {
                slots.set_string(slot as usize, b, p + 1, q - 1, escaped);
            }
            return Some(q);
        }
        b't' => (literal(b, p, e, b"true")?, TRUE),
        b'f' => (literal(b, p, e, b"false")?, FALSE),
        b'n' => (literal(b, p, e, b"null")?, NULL),
        _ => (number_end(b, p, e)?, NUMBER),
    };
    if slot >= 0 && slots.kind[slot as usize] == MISSING {
        slots.set(slot as usize, kind, p, q);
    }
    Some(q)
}

fn literal(b: &[u8], p: usize, e: usize, word: &[u8]) -> Option<usize> {
    if e - p < word.len() || &b[p..p + word.len()] != word {
        return None;
    }
    Some(p + word.len())
}

fn object(b: &[u8], p: usize, e: usize, depth: u32, node: Option<&PathNode>, slots: &mut Slots) -> Option<usize> {
    if depth > MAX_DEPTH {
        return None;
    }
    let mut p = skip_ws(b, p + 1, e);
    if p < e && b[p] == b'}' {
        return Some(p + 1);
    }
    loop {
        if p >= e || b[p] != b'"' {
            return None;
        }
        let ks = p + 1;
        let (ke, escaped) = string_end(b, ks, e)?;
        let child = match node {
            Some(n) if !n.is_empty() => n.find(b, ks, ke - 1, escaped, &mut slots.key_buf),
            _ => None,
        };
        p = skip_ws(b, ke, e);
        if p >= e || b[p] != b':' {
            return None;
        }
        let (sub, slot) = match (node, child) {
            (Some(n), Some(c)) => (n.children[c].as_deref(), n.slots[c]),
            _ => (None, -1),
        };
        p = value(b, p + 1, e, depth, sub, slot, slots)?;
        p = skip_ws(b, p, e);
        if p >= e {
            return None;
        }
        match b[p] {
            b'}' => return Some(p + 1),
            b',' => p = skip_ws(b, p + 1, e),
            _ => return None,
        }
    }
}

fn array(b: &[u8], p: usize, e: usize, depth: u32, slots: &mut Slots) -> Option<usize> {
    if depth > MAX_DEPTH {
        return None;
    }
    let mut p = skip_ws(b, p + 1, e);
    if p < e && b[p] == b']' {
        return Some(p + 1);
    }
    loop {
        p = value(b, p, e, depth, None, -1, slots)?;
        p = skip_ws(b, p, e);
        if p >= e {
            return None;
        }
        match b[p] {
            b']' => return Some(p + 1),
            b',' => p += 1,
            _ => return None,
        }
    }
}

/// `p` is just after the opening quote; returns the index after the closing quote and whether the
/// string has escapes (so callers need not scan it again).
#[inline]
fn string_end(b: &[u8], mut p: usize, e: usize) -> Option<(usize, bool)> {
    let mut escaped = false;
    let b = &b[..e]; // one bound for the loop below
    loop {
        let c = *b.get(p)?;
        if c == b'"' {
            return Some((p + 1, escaped));
        }
        if c < 0x20 {
            return None;
        }
        if c == b'\\' {
            escaped = true;
            if p + 1 >= e {
                return None;
            }
            match b[p + 1] {
                b'u' => {
                    if p + 6 > e || !b[p + 2..p + 6].iter().all(|&h| hex(h).is_some()) {
                        return None;
                    }
                    p += 6;
                }
                b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => p += 2,
                _ => return None,
            }
            continue;
        }
        p += 1;
    }
}

fn hex(c: u8) -> Option<u32> {
    (c as char).to_digit(16)
}

fn hex4(b: &[u8]) -> u32 {
    b.iter().fold(0, |acc, &c| (acc << 4) | hex(c).unwrap_or(0))
}

/// Decodes a validated string body (no quotes) as UTF-8 onto `out`; a lone surrogate becomes U+FFFD.
pub fn decode_into(raw: &[u8], out: &mut Vec<u8>) {
    let e = raw.len();
    let mut p = 0;
    while p < e {
        let c = raw[p];
        if c != b'\\' {
            out.push(c);
            p += 1;
            continue;
        }
        let x = raw[p + 1];
        if x != b'u' {
            out.push(match x {
                b'b' => 8,
                b'f' => 12,
                b'n' => 10,
                b'r' => 13,
                b't' => 9,
                other => other,
            });
            p += 2;
            continue;
        }
        let mut cp = hex4(&raw[p + 2..p + 6]);
        p += 6;
        if (0xD800..=0xDBFF).contains(&cp) {
            if p + 6 <= e && raw[p] == b'\\' && raw[p + 1] == b'u' {
                let lo = hex4(&raw[p + 2..p + 6]);
                if (0xDC00..=0xDFFF).contains(&lo) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    p += 6;
                } else {
                    cp = 0xFFFD;
                }
            } else {
                cp = 0xFFFD;
            }
        } else if (0xDC00..=0xDFFF).contains(&cp) {
            cp = 0xFFFD;
        }
        let ch = char::from_u32(cp).unwrap_or('\u{FFFD}');
        let mut buf = [0u8; 4];
        out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
    }
}

/// The end of a JSON number (RFC 8259) starting at `p`.
fn number_end(b: &[u8], mut p: usize, e: usize) -> Option<usize> {
    if p < e && b[p] == b'-' {
        p += 1;
    }
    if p >= e {
        return None;
    }
    match b[p] {
        b'0' => p += 1,
        b'1'..=b'9' => {
            p += 1;
            while p < e && b[p].is_ascii_digit() {
                p += 1;
            }
        }
        _ => return None,
    }
    if p < e && b[p] == b'.' {
        p += 1;
        if p >= e || !b[p].is_ascii_digit() {
            return None;
        }
        while p < e && b[p].is_ascii_digit() {
            p += 1;
        }
    }
    if p < e && (b[p] == b'e' || b[p] == b'E') {
        p += 1;
        if p < e && (b[p] == b'+' || b[p] == b'-') {
            p += 1;
        }
        if p >= e || !b[p].is_ascii_digit() {
            return None;
        }
        while p < e && b[p].is_ascii_digit() {
            p += 1;
        }
    }
    Some(p)
}

/// True when all of `t` is one JSON number.
pub fn is_number(t: &[u8]) -> bool {
    !t.is_empty() && number_end(t, 0, t.len()) == Some(t.len())
}

/// The correctly rounded value of a JSON number token (Rust's parser rounds correctly, as Java's).
pub fn parse_number(t: &[u8]) -> f64 {
    // a JSON number token is ASCII, so from_utf8 cannot fail here
    std::str::from_utf8(t).ok().and_then(|s| s.parse::<f64>().ok()).unwrap_or(f64::NAN)
}

/// True when the number token has no fraction and no exponent.
pub fn is_integer_token(t: &[u8]) -> bool {
    !t.iter().any(|&c| c == b'.' || c == b'e' || c == b'E')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(body: &str, paths: &[&str]) -> Option<Vec<(u8, String)>> {
        let ps: Vec<Vec<Vec<u8>>> = paths.iter().map(|p| p.split('.').map(|s| s.as_bytes().to_vec()).collect()).collect();
        let ids: Vec<usize> = (0..paths.len()).collect();
        let root = PathNode::build(&ps, &ids);
        let mut slots = Slots::default();
        slots.reset(paths.len());
        let b = body.as_bytes();
        if !scan_object_body(b, 0, b.len(), &root, &mut slots) {
            return None;
        }
        Some((0..paths.len()).map(|i| (slots.kind[i], String::from_utf8_lossy(slots.bytes(i, b)).into_owned())).collect())
    }

    #[test]
    fn finds_nested_and_decodes() {
        let r = scan(r#"{"a":{"b":"x\u00e9\ud83d\ude00"},"n":-1.5e3,"t":[1,{"z":2}]}"#, &["a.b", "n", "t"]).unwrap();
        assert_eq!(r[0], (STRING, "xé😀".to_string()));
        assert_eq!(r[1], (NUMBER, "-1.5e3".to_string()));
        assert_eq!(r[2].0, ARRAY);
    }

    #[test]
    fn rejects_malformed() {
        for bad in ["{", "[]", "{\"a\":01}", "{\"a\":1,}", "{\"a\" 1}", "{\"a\":\"\\x\"}", "{} x", "{\"a\":[1,]}"] {
            assert!(scan(bad, &["a"]).is_none(), "{}", bad);
        }
        assert!(scan("", &["a"]).is_some());
    }
}
