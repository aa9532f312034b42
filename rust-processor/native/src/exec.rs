//! The batch executor: a fixed pool of worker threads, and the CPU-bound operations it runs over a
//! batch (Kafka partitioning, JSON projection, schema validation). Mirrors
//! `io.unikernal.routing.exec.BatchOps` and `JavaBatchExecutor`: same chunking, same results.

use crate::error::{invalid, Error, Result};
use crate::json::{is_integer_token, parse_number, scan_object_body, PathNode, Slots, ARRAY, FALSE, MISSING, NULL, NUMBER, OBJECT, STRING, TRUE};
use crate::murmur2;
use crate::table::message_span;
use crate::wire::{read_headers, Reader};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;

/// Below this many messages a batch runs on the caller's thread: handing off would cost more.
pub const MIN_PARALLEL: usize = 256;

type Job = Box<dyn FnOnce() + Send + 'static>;
type ScopedJob<'a> = Box<dyn FnOnce() -> Result<()> + Send + 'a>;

pub struct Pool {
    threads: usize,
    sender: Mutex<Option<Sender<Job>>>,
    workers: Mutex<Vec<JoinHandle<()>>>,
}

/// Counts finished jobs and keeps the first error, so the caller can wait for all of them.
struct Latch {
    state: Mutex<(usize, Option<Error>)>,
    done: Condvar,
}

impl Pool {
    pub fn new(threads: i32) -> Result<Pool> {
        if !(1..=256).contains(&threads) {
            return invalid(format!("threads {} must be 1..256", threads));
        }
        let (tx, rx) = channel::<Job>();
        let rx = Arc::new(Mutex::new(rx));
        let mut workers = Vec::new();
        // the caller's thread works too, so threads - 1 workers make `threads` in all
        for i in 1..threads {
            let rx: Arc<Mutex<Receiver<Job>>> = Arc::clone(&rx);
            let handle = std::thread::Builder::new()
                .name(format!("unikernal-native-exec-{}", i))
                .spawn(move || loop {
                    let job = match rx.lock() {
                        Ok(guard) => guard.recv(),
                        Err(_) => return,
                    };
                    match job {
                        Ok(job) => job(),
                        Err(_) => return, // the pool was dropped
                    }
                })
                .map_err(|e| Error::State(format!("cannot start a worker thread: {}", e)))?;
            workers.push(handle);
        }
        Ok(Pool { threads: threads as usize, sender: Mutex::new(Some(tx)), workers: Mutex::new(workers) })
    }

    pub fn threads(&self) -> usize {
        self.threads
    }

    /// Runs the jobs, the first on the caller's thread and the rest on the pool, and returns only
    /// when every job has finished (also when one panicked).
    fn run_scoped(&self, mut jobs: Vec<ScopedJob<'_>>) -> Result<()> {
        if jobs.is_empty() {
            return Ok(());
        }
        let first = jobs.remove(0);
        let latch = Arc::new(Latch { state: Mutex::new((jobs.len(), None)), done: Condvar::new() });
        {
            let sender = self.sender.lock().map_err(|_| Error::State("executor lock poisoned".into()))?;
            let sender = sender.as_ref().ok_or_else(|| Error::State("executor is closed".into()))?;
            for job in jobs {
                // SAFETY: the job borrows data that lives for this call only ('a). We extend the
                // lifetime to 'static to hand it to a pool thread, and this function does not
                // return (nor unwind) before the latch below has counted every such job as
                // finished, so no borrow outlives its data. Panics inside a job are caught in the
                // wrapper and still count down.
                let job: ScopedJob<'static> = unsafe { std::mem::transmute::<ScopedJob<'_>, ScopedJob<'static>>(job) };
                let l = Arc::clone(&latch);
                let wrapped: Job = Box::new(move || {
                    let r = catch_unwind(AssertUnwindSafe(job)).unwrap_or_else(|_| Err(Error::State("panic in an executor job".into())));
                    let mut st = l.state.lock().unwrap_or_else(|p| p.into_inner());
                    st.0 -= 1;
                    if let Err(e) = r {
                        st.1.get_or_insert(e);
                    }
                    l.done.notify_all();
                });
                if sender.send(wrapped).is_err() {
                    // cannot happen while the workers hold the receiver; count it down so we do not hang
                    let mut st = latch.state.lock().unwrap_or_else(|p| p.into_inner());
                    st.0 -= 1;
                    st.1.get_or_insert(Error::State("executor workers are gone".into()));
                }
            }
        }
        let mine = catch_unwind(AssertUnwindSafe(first));
        let mut st = latch.state.lock().unwrap_or_else(|p| p.into_inner());
        while st.0 > 0 {
            st = latch.done.wait(st).unwrap_or_else(|p| p.into_inner());
        }
        let theirs = st.1.take();
        drop(st);
        match mine {
            Ok(Ok(())) => theirs.map_or(Ok(()), Err),
            Ok(Err(e)) => Err(e),
            Err(p) => std::panic::resume_unwind(p),
        }
    }

    fn chunk_size(&self, n: usize) -> usize {
        if n < MIN_PARALLEL || self.threads == 1 {
            n.max(1)
        } else {
            n.div_ceil(self.threads)
        }
    }

    pub fn partition(&self, data: &[u8], offsets: &[i32], key: &Key, partitions: i32, out: &mut [i32]) -> Result<()> {
        if partitions < 1 {
            return invalid(format!("partitions {} must be at least 1", partitions));
        }
        let per = self.chunk_size(out.len());
        let jobs = out
            .chunks_mut(per)
            .enumerate()
            .map(|(c, chunk)| -> ScopedJob<'_> {
                Box::new(move || {
                    let mut slots = Slots::default();
                    for (j, o) in chunk.iter_mut().enumerate() {
                        let (ms, me) = message_span(data, offsets, c * per + j)?;
                        slots.reset(1);
                        let body = read_headers(data, ms, me, &key.headers, &mut slots)?;
                        if let Some(path) = &key.body {
                            if !scan_object_body(data, body, me, path, &mut slots) {
                                *o = -2;
                                continue;
                            }
                        }
                        *o = if slots.has_text(0) { murmur2::partition(slots.bytes(0, data), partitions) } else { -1 };
                    }
                    Ok(())
                })
            })
            .collect();
        self.run_scoped(jobs)
    }

    pub fn validate(&self, data: &[u8], offsets: &[i32], schema: &Schema, out: &mut [i32]) -> Result<()> {
        let per = self.chunk_size(out.len());
        let jobs = out
            .chunks_mut(per)
            .enumerate()
            .map(|(c, chunk)| -> ScopedJob<'_> {
                Box::new(move || {
                    let mut slots = Slots::default();
                    for (j, o) in chunk.iter_mut().enumerate() {
                        let (ms, me) = message_span(data, offsets, c * per + j)?;
                        slots.reset(schema.fields.len());
                        let body = read_headers(data, ms, me, &[], &mut slots)?;
                        *o = if scan_object_body(data, body, me, &schema.paths, &mut slots) { schema.check(&mut slots, data) } else { -2 };
                    }
                    Ok(())
                })
            })
            .collect();
        self.run_scoped(jobs)
    }

    /// Projects every message; returns the bytes used in `out` (bodies back to back, `ends[i]` closing body i).
    pub fn project(&self, data: &[u8], offsets: &[i32], p: &Projection, out: &mut [u8], ends: &mut [i32]) -> Result<usize> {
        let n = ends.len();
        let mut bound = Vec::with_capacity(n + 1);
        bound.push(0usize);
        for i in 0..n {
            let (s, e) = message_span(data, offsets, i)?;
            let b = bound[i] + (2 + p.keys_len + (e - s)).max(4);
            bound.push(b);
        }
        if bound[n] > out.len() {
            return invalid(format!("output buffer has {} bytes, projection may need {}", out.len(), bound[n]));
        }
        let per = self.chunk_size(n);
        let mut jobs: Vec<ScopedJob<'_>> = Vec::new();
        let mut rest: &mut [u8] = &mut out[..bound[n]];
        let bound_ref = &bound;
        for (c, end_chunk) in ends.chunks_mut(per).enumerate() {
            let from = c * per;
            let to = from + end_chunk.len();
            let (mine, tail) = rest.split_at_mut(bound[to] - bound[from]);
            rest = tail;
            jobs.push(Box::new(move || {
                let mut slots = Slots::default();
                slots.raw_strings = true;
                for (j, end) in end_chunk.iter_mut().enumerate() {
                    let i = from + j;
                    let at = bound_ref[i] - bound_ref[from];
                    let w = p.project_one(data, offsets, i, &mut mine[at..], &mut slots)?;
                    *end = (bound_ref[i] + w) as i32;
                }
                Ok(())
            }));
        }
        self.run_scoped(jobs)?;
        let mut at = 0usize;
        for i in 0..n {
            let len = ends[i] as usize - bound[i];
            out.copy_within(bound[i]..bound[i] + len, at);
            at += len;
            ends[i] = at as i32;
        }
        Ok(at)
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        if let Ok(mut s) = self.sender.lock() {
            s.take(); // workers see the channel closed and exit
        }
        if let Ok(mut w) = self.workers.lock() {
            for h in w.drain(..) {
                let _ = h.join();
            }
        }
    }
}

fn read_path(r: &mut Reader<'_>) -> Result<Vec<Vec<u8>>> {
    let segs = r.count("path depth", 16)?;
    if segs == 0 {
        return invalid("empty path");
    }
    (0..segs).map(|_| r.bytes("path segment length", 1024)).collect()
}

/// A partition key: one header, or one body path, in slot 0.
pub struct Key {
    headers: Vec<(Vec<u8>, usize)>,
    body: Option<PathNode>,
}

impl Key {
    pub fn decode(spec: &[u8]) -> Result<Key> {
        let mut r = Reader::new(spec);
        let source = r.u8()?;
        let path = read_path(&mut r)?;
        r.finish()?;
        match source {
            0 if path.len() == 1 => Ok(Key { headers: vec![(path.into_iter().next().unwrap_or_default(), 0)], body: None }),
            1 => Ok(Key { headers: Vec::new(), body: Some(PathNode::build(&[path], &[0])) }),
            _ => invalid(format!("key source {} with {} segments", source, path.len())),
        }
    }
}

/// A projection: body paths in slots 0..n and their output keys (`"a.b":`).
pub struct Projection {
    paths: PathNode,
    keys: Vec<Vec<u8>>,
    keys_len: usize,
}

impl Projection {
    pub fn decode(spec: &[u8]) -> Result<Projection> {
        let mut r = Reader::new(spec);
        let n = r.count("projection size", 64)?;
        if n == 0 {
            return invalid("empty projection");
        }
        let mut paths = Vec::new();
        let mut keys = Vec::new();
        let mut keys_len = 0;
        for _ in 0..n {
            let path = read_path(&mut r)?;
            let joined = path.join(&b'.');
            keys_len += joined.len() + 4;
            let mut k = Vec::with_capacity(joined.len() + 3);
            k.push(b'"');
            k.extend_from_slice(&joined);
            k.extend_from_slice(b"\":");
            keys.push(k);
            paths.push(path);
        }
        r.finish()?;
        let ids: Vec<usize> = (0..n).collect();
        Ok(Projection { paths: PathNode::build(&paths, &ids), keys, keys_len })
    }

    fn project_one(&self, data: &[u8], offsets: &[i32], i: usize, out: &mut [u8], slots: &mut Slots) -> Result<usize> {
        let (ms, me) = message_span(data, offsets, i)?;
        slots.reset(self.keys.len());
        let body = read_headers(data, ms, me, &[], slots)?;
        if !scan_object_body(data, body, me, &self.paths, slots) {
            out[..4].copy_from_slice(b"null");
            return Ok(4);
        }
        let mut at = 0;
        let mut put = |bytes: &[u8], at: &mut usize| {
            out[*at..*at + bytes.len()].copy_from_slice(bytes);
            *at += bytes.len();
        };
        put(b"{", &mut at);
        let mut first = true;
        for (f, key) in self.keys.iter().enumerate() {
            if slots.kind[f] == MISSING {
                continue;
            }
            if !first {
                put(b",", &mut at);
            }
            first = false;
            put(key, &mut at);
            put(slots.bytes(f, data), &mut at);
        }
        put(b"}", &mut at);
        Ok(at)
    }
}

struct FieldRule {
    kind: u8,
    required: bool,
    min: f64,
    max: f64,
    max_length: i32,
}

/// The executor's small schema (see `io.unikernal.routing.exec.ValidationSchema`).
pub struct Schema {
    paths: PathNode,
    fields: Vec<FieldRule>,
}

const ANY: u8 = 0;
const T_STRING: u8 = 1;
const T_NUMBER: u8 = 2;
const T_INTEGER: u8 = 3;
const T_BOOLEAN: u8 = 4;
const T_OBJECT: u8 = 5;
const T_ARRAY: u8 = 6;
const T_NULL: u8 = 7;

impl Schema {
    pub fn decode(spec: &[u8]) -> Result<Schema> {
        let mut r = Reader::new(spec);
        let n = r.count("schema size", 64)?;
        let mut paths = Vec::new();
        let mut fields = Vec::new();
        for _ in 0..n {
            paths.push(read_path(&mut r)?);
            let kind = r.u8()?;
            if kind > T_NULL {
                return invalid(format!("unknown value type {}", kind));
            }
            let required = r.u8()? != 0;
            let (min, max) = (r.f64()?, r.f64()?);
            if min.is_nan() || max.is_nan() || min > max {
                return invalid(format!("bounds [{}, {}] are not a range", min, max));
            }
            let max_length = r.i32()?;
            if max_length < -1 {
                return invalid(format!("maxLength {} must be -1 or >= 0", max_length));
            }
            fields.push(FieldRule { kind, required, min, max, max_length });
        }
        r.finish()?;
        let ids: Vec<usize> = (0..n).collect();
        Ok(Schema { paths: PathNode::build(&paths, &ids), fields })
    }

    fn check(&self, slots: &mut Slots, data: &[u8]) -> i32 {
        for (f, rule) in self.fields.iter().enumerate() {
            let code = |reason: i32| (f as i32 + 1) * 8 + reason;
            let k = slots.kind[f];
            if k == MISSING || (k == NULL && rule.kind != T_NULL && rule.kind != ANY) {
                if rule.required {
                    return code(1);
                }
                continue;
            }
            let t = slots.bytes(f, data);
            let type_ok = match rule.kind {
                ANY => true,
                T_STRING => k == STRING,
                T_NUMBER => k == NUMBER,
                T_INTEGER => k == NUMBER && is_integer_token(t),
                T_BOOLEAN => k == TRUE || k == FALSE,
                T_OBJECT => k == OBJECT,
                T_ARRAY => k == ARRAY,
                _ => k == NULL,
            };
            if !type_ok {
                return code(2);
            }
            if k == NUMBER {
                let v = parse_number(t);
                if v < rule.min {
                    return code(3);
                }
                if v > rule.max {
                    return code(4);
                }
            }
            if k == STRING && rule.max_length >= 0 && t.len() > rule.max_length as usize {
                return code(5);
            }
        }
        0
    }
}
