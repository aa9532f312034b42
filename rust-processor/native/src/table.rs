//! The compiled rule table: decoded (and fully validated) from the wire form of
//! `io.unikernal.routing.RuleTableCodec`, evaluated as `io.unikernal.routing.internal.CompiledTable`.

use crate::error::{invalid, Result};
use crate::json::{scan_object_body, PathNode, Slots, MAX_SLOTS};
use crate::murmur2;
use crate::text::{glob, ByteSet};
use crate::wire::{read_headers, Reader};

pub const NO_MATCH: i32 = -1;
pub const MALFORMED: i32 = -2;

const MAGIC: i32 = 0x5452_4B55;
const VERSION: i32 = 1;
const MAX_RULES: usize = 4096;
const MAX_CONDITIONS: usize = 16;
const MAX_RULE_TARGETS: usize = 256;
const MAX_TARGETS: usize = 65_535;
const MAX_VALUE: usize = 65_535;
const MAX_NAME: usize = 1024;
const MAX_DEPTH: usize = 16;
const MAX_WEIGHT: i32 = 1_000_000;

#[derive(Debug)]
enum Test {
    Equals(Vec<u8>),
    Prefix(Vec<u8>),
    Glob(Vec<u8>),
    Range(f64, f64),
    In(ByteSet),
}

#[derive(Debug)]
struct Cond {
    slot: usize,
    test: Test,
}

#[derive(Debug)]
struct Rule {
    conds: Vec<Cond>,
    targets: Vec<i32>,
    cum: Vec<u32>,
}

#[derive(Debug)]
pub struct Table {
    slot_count: usize,
    headers: Vec<(Vec<u8>, usize)>,
    body: PathNode,
    has_body: bool,
    weight_slot: i32,
    default_target: i32,
    rules: Vec<Rule>,
}

impl Table {
    pub fn decode(spec: &[u8]) -> Result<Table> {
        let mut r = Reader::new(spec);
        if r.i32()? != MAGIC {
            return invalid("not a rule table (bad magic)");
        }
        let v = r.i32()?;
        if v != VERSION {
            return invalid(format!("rule table version {} is not supported (expected {})", v, VERSION));
        }
        let target_count = r.count("target count", MAX_TARGETS)?;
        let default_target = r.i32()?;
        if default_target < -1 || default_target >= target_count as i32 {
            return invalid(format!("default target {} out of range", default_target));
        }
        let weight_slot = r.i32()?;
        let slot_count = r.count("field count", MAX_SLOTS)?;
        if weight_slot < -1 || weight_slot >= slot_count as i32 {
            return invalid(format!("weight key slot {} out of range", weight_slot));
        }
        let mut headers = Vec::new();
        let mut paths = Vec::new();
        let mut path_slots = Vec::new();
        for slot in 0..slot_count {
            let source = r.u8()?;
            let segs = r.count("path depth", MAX_DEPTH)?;
            match source {
                0 if segs == 1 => headers.push((r.bytes("header name length", MAX_NAME)?, slot)),
                1 if segs >= 1 => {
                    let mut path = Vec::with_capacity(segs);
                    for _ in 0..segs {
                        path.push(r.bytes("path segment length", MAX_NAME)?);
                    }
                    paths.push(path);
                    path_slots.push(slot);
                }
                _ => return invalid(format!("field {} has source {} with {} segments", slot, source, segs)),
            }
        }
        let rule_count = r.count("rule count", MAX_RULES)?;
        let mut rules = Vec::with_capacity(rule_count);
        for _ in 0..rule_count {
            let _priority = r.i32()?; // already applied: rules arrive in evaluation order
            let n = r.count("condition count", MAX_CONDITIONS)?;
            let mut conds = Vec::with_capacity(n);
            for _ in 0..n {
                let kind = r.u8()?;
                let slot = r.count("condition slot", slot_count.saturating_sub(1))?;
                if slot_count == 0 {
                    return invalid("condition on a table without fields");
                }
                let test = match kind {
                    0 => Test::Equals(r.bytes("value length", MAX_VALUE)?),
                    1 => Test::Prefix(r.bytes("value length", MAX_VALUE)?),
                    2 => Test::Glob(r.bytes("value length", MAX_VALUE)?),
                    3 => {
                        let (min, max) = (r.f64()?, r.f64()?);
                        if !min.is_finite() || !max.is_finite() || min > max {
                            return invalid(format!("range [{}, {}] is not a finite range", min, max));
                        }
                        Test::Range(min, max)
                    }
                    4 => {
                        let m = r.count("set size", MAX_VALUE)?;
                        if m == 0 {
                            return invalid("empty set");
                        }
                        let mut values = Vec::with_capacity(m);
                        for _ in 0..m {
                            values.push(r.bytes("value length", MAX_VALUE)?);
                        }
                        Test::In(ByteSet::new(values))
                    }
                    k => return invalid(format!("unknown condition kind {}", k)),
                };
                conds.push(Cond { slot, test });
            }
            let t = r.count("rule target count", MAX_RULE_TARGETS)?;
            if t == 0 {
                return invalid("rule without targets");
            }
            let mut targets = Vec::with_capacity(t);
            let mut cum = Vec::with_capacity(t);
            let mut total: u64 = 0;
            for _ in 0..t {
                let idx = r.i32()?;
                let w = r.i32()?;
                if idx < 0 || idx as usize >= target_count {
                    return invalid(format!("target index {} out of range", idx));
                }
                if !(1..=MAX_WEIGHT).contains(&w) {
                    return invalid(format!("weight {} out of range 1..={}", w, MAX_WEIGHT));
                }
                total += w as u64;
                targets.push(idx);
                cum.push(total as u32);
            }
            if total > i32::MAX as u64 {
                return invalid(format!("total weight {} too large", total));
            }
            rules.push(Rule { conds, targets, cum });
        }
        r.finish()?;
        let has_body = !paths.is_empty();
        Ok(Table {
            slot_count,
            headers,
            body: PathNode::build(&paths, &path_slots),
            has_body,
            weight_slot,
            default_target,
            rules,
        })
    }

    /// Decides message `b[ms..me]`: a target index, `NO_MATCH` or `MALFORMED`.
    pub fn decide(&self, b: &[u8], ms: usize, me: usize, slots: &mut Slots) -> Result<i32> {
        slots.reset(self.slot_count);
        let body = read_headers(b, ms, me, &self.headers, slots)?;
        // the body is parsed (and so validated) only when the table reads a body field
        if self.has_body && !scan_object_body(b, body, me, &self.body, slots) {
            return Ok(MALFORMED);
        }
        for rule in &self.rules {
            if rule.conds.iter().all(|c| test(c, b, slots)) {
                return Ok(self.choose(rule, b, body, me, slots));
            }
        }
        Ok(self.default_target)
    }

    fn choose(&self, rule: &Rule, b: &[u8], body: usize, me: usize, slots: &Slots) -> i32 {
        if rule.targets.len() == 1 {
            return rule.targets[0];
        }
        let ws = self.weight_slot;
        let h = if ws >= 0 && slots.has_text(ws as usize) {
            murmur2::hash(slots.bytes(ws as usize, b))
        } else {
            murmur2::hash(&b[body..me])
        };
        let total = *rule.cum.last().unwrap_or(&1);
        let bucket = (h & 0x7fff_ffff) as u32 % total;
        for (t, &c) in rule.cum.iter().enumerate() {
            if bucket < c {
                return rule.targets[t];
            }
        }
        rule.targets[rule.targets.len() - 1]
    }

    /// Decides every message of a batch: `offsets` holds `out.len() + 1` positions into `data`.
    pub fn decide_batch(&self, data: &[u8], offsets: &[i32], out: &mut [i32]) -> Result<()> {
        let mut slots = Slots::default();
        for (i, o) in out.iter_mut().enumerate() {
            let (s, e) = message_span(data, offsets, i)?;
            *o = self.decide(data, s, e, &mut slots)?;
        }
        Ok(())
    }
}

/// The span of message `i` of a batch, checked against the data buffer.
pub fn message_span(data: &[u8], offsets: &[i32], i: usize) -> Result<(usize, usize)> {
    let (s, e) = (offsets[i], offsets[i + 1]);
    if s < 0 || e < s || e as usize > data.len() {
        return invalid(format!("malformed batch: message {} spans [{}, {})", i, s, e));
    }
    Ok((s as usize, e as usize))
}

#[inline]
fn test(c: &Cond, b: &[u8], slots: &mut Slots) -> bool {
    if let Test::Range(min, max) = c.test {
        return match slots.number(c.slot, b) {
            Some(v) => v >= min && v <= max,
            None => false,
        };
    }
    if !slots.has_text(c.slot) {
        return false;
    }
    let t = slots.bytes(c.slot, b);
    match &c.test {
        Test::Equals(v) => t == v.as_slice(),
        Test::Prefix(v) => t.starts_with(v),
        Test::Glob(p) => glob(t, p),
        Test::In(set) => set.contains(t),
        Test::Range(..) => false,
    }
}
