//! The JNI exports of `io.unikernal.rust.NativeBridge`. Each export is a thin wrapper: it calls an
//! `intern_…` function returning `Result`, inside `catch_unwind`, and turns an error into a Java
//! exception (IllegalArgumentException / IllegalStateException) and a panic into
//! `io.unikernal.rust.NativePanicException`. No panic ever unwinds into the JVM.

use crate::breaker::{now_micros, Breaker};
use crate::error::{invalid, Error, Result};
use crate::exec::{Key, Pool, Projection, Schema};
use crate::jni::{Env, JBoolean, JInt, JLong, JObject, RawEnv};
use crate::json::Slots;
use crate::murmur2;
use crate::table::Table;
use std::cell::RefCell;
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};

thread_local! {
    /// Scratch for single decisions, so a call does not re-initialise 1 KiB of slots.
    static SLOTS: RefCell<Slots> = RefCell::new(Slots::default());
}

fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = p.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = p.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_string()
    }
}

/// Runs `f`, converting its error or panic into a pending Java exception and returning `fallback`.
fn guard<T>(env: *mut RawEnv, fallback: T, f: impl FnOnce(Env) -> Result<T>) -> T {
    let env = Env::new(env);
    match catch_unwind(AssertUnwindSafe(|| f(env))) {
        Ok(Ok(v)) => v,
        Ok(Err(Error::Invalid(m))) => {
            env.throw("java/lang/IllegalArgumentException", &m);
            fallback
        }
        Ok(Err(Error::State(m))) => {
            env.throw("java/lang/IllegalStateException", &m);
            fallback
        }
        Err(p) => {
            env.throw("io/unikernal/rust/NativePanicException", &format!("native panic: {}", panic_message(p.as_ref())));
            fallback
        }
    }
}

/// Turns a handle from Java back into a reference.
///
/// The Java side (`NativeObject`) passes only handles it got from the matching `…Create` and has
/// not freed: it checks for 0 (closed) and throws before calling, so a freed handle never arrives.
fn handle_ref<'a, T>(handle: JLong) -> Result<&'a T> {
    if handle == 0 {
        return Err(Error::State("native object is closed".into()));
    }
    // SAFETY: non-zero handles are `Box::into_raw` results of the matching create function, alive
    // until the matching free, which Java calls exactly once and only after the last use.
    Ok(unsafe { &*(handle as *const T) })
}

fn into_handle<T>(value: T) -> JLong {
    Box::into_raw(Box::new(value)) as JLong
}

fn free_handle<T>(handle: JLong) {
    if handle != 0 {
        // SAFETY: as in `handle_ref`; Java's close() swaps the handle to 0 atomically before calling
        // free, so this runs at most once per handle.
        drop(unsafe { Box::from_raw(handle as *mut T) });
    }
}

/// A batch's direct buffers as slices: the encoded messages and `count + 1` int32 offsets.
struct BatchView<'a> {
    data: &'a [u8],
    offsets: std::borrow::Cow<'a, [i32]>,
}

fn batch_view<'a>(env: Env, data: JObject, offsets: JObject, count: JInt) -> Result<BatchView<'a>> {
    if count < 0 {
        return invalid(format!("negative batch size {}", count));
    }
    let (dptr, dcap) = env.direct_buffer(data);
    let (optr, ocap) = env.direct_buffer(offsets);
    if dptr.is_null() || optr.is_null() || dcap < 0 || ocap < 0 {
        return invalid("batch buffers must be direct ByteBuffers");
    }
    let need = 4 * (count as i64 + 1);
    if ocap < need {
        return invalid(format!("offsets buffer has {} bytes, {} messages need {}", ocap, count, need));
    }
    // SAFETY: both pointers and capacities come from GetDirectBufferAddress/Capacity of direct
    // buffers the Java caller keeps reachable for the whole call (they are arguments of it), so the
    // memory is valid for `cap` bytes and not freed while we read it. Java does not write to them
    // during the call (MessageBatch is single-threaded by contract); we only read.
    let data_slice = unsafe { std::slice::from_raw_parts(dptr as *const u8, dcap as usize) };
    // SAFETY: as above, for the first `need` bytes of the offsets buffer.
    let raw = unsafe { std::slice::from_raw_parts(optr as *const u8, need as usize) };
    let offsets = if (optr as usize) % 4 == 0 && cfg!(target_endian = "little") {
        // SAFETY: the address is 4-aligned, the length is a multiple of 4, the bytes are
        // initialised, and every bit pattern is a valid i32 (little-endian like the Java writer).
        std::borrow::Cow::Borrowed(unsafe { std::slice::from_raw_parts(optr as *const i32, count as usize + 1) })
    } else {
        std::borrow::Cow::Owned(raw.chunks_exact(4).map(|c| i32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect())
    };
    // messages must lie inside the bytes in use, [0, offsets[count]), as the Java engine checks too
    let used = offsets[count as usize];
    if used < 0 || used as i64 > dcap {
        return invalid(format!("malformed batch: data ends at {} but the buffer holds {}", used, dcap));
    }
    Ok(BatchView { data: &data_slice[..used as usize], offsets })
}

fn check_out(env: Env, out: JObject, count: JInt) -> Result<()> {
    let len = env.array_length(out);
    if len < count.max(0) as usize {
        return invalid(format!("output array has {} slots for {} messages", len, count));
    }
    Ok(())
}

// ---- routing table ----

fn intern_table_create(env: Env, spec: JObject) -> Result<JLong> {
    let bytes = env.byte_array(spec);
    Ok(into_handle(Table::decode(&bytes)?))
}

fn intern_table_decide(env: Env, handle: JLong, msg: JObject, len: JInt) -> Result<JInt> {
    let table: &Table = handle_ref(handle)?;
    let n = env.array_length(msg);
    if len < 0 || len as usize > n {
        return invalid(format!("message length {} outside its array of {}", len, n));
    }
    let ptr = env.get_critical(msg);
    if ptr.is_null() {
        return Err(Error::State("the JVM could not pin the message array".into()));
    }
    // no JNI calls until release: a critical region must stay short and call nothing back
    let result = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: `ptr` points at the pinned `byte[]` of at least `n >= len` bytes, valid until the
        // release below; we only read it.
        let bytes = unsafe { std::slice::from_raw_parts(ptr as *const u8, len as usize) };
        SLOTS.with(|s| table.decide(bytes, 0, bytes.len(), &mut s.borrow_mut()))
    }));
    env.release_critical(msg, ptr);
    match result {
        Ok(r) => r,
        Err(p) => resume_unwind(p),
    }
}

fn intern_table_decide_batch(env: Env, handle: JLong, data: JObject, offsets: JObject, count: JInt, out: JObject) -> Result<()> {
    let table: &Table = handle_ref(handle)?;
    check_out(env, out, count)?;
    let view = batch_view(env, data, offsets, count)?;
    let mut results = vec![0i32; count as usize];
    table.decide_batch(view.data, &view.offsets, &mut results)?;
    env.set_int_array(out, &results);
    Ok(())
}

#[no_mangle]
pub extern "system" fn Java_io_unikernal_rust_NativeBridge_tableCreate(env: *mut RawEnv, _c: JObject, spec: JObject) -> JLong {
    guard(env, 0, |e| intern_table_create(e, spec))
}

#[no_mangle]
pub extern "system" fn Java_io_unikernal_rust_NativeBridge_tableFree(env: *mut RawEnv, _c: JObject, handle: JLong) {
    guard(env, (), |_| {
        free_handle::<Table>(handle);
        Ok(())
    })
}

#[no_mangle]
pub extern "system" fn Java_io_unikernal_rust_NativeBridge_tableDecide(env: *mut RawEnv, _c: JObject, handle: JLong, msg: JObject, len: JInt) -> JInt {
    guard(env, -1, |e| intern_table_decide(e, handle, msg, len))
}

#[no_mangle]
pub extern "system" fn Java_io_unikernal_rust_NativeBridge_tableDecideBatch(
    env: *mut RawEnv,
    _c: JObject,
    handle: JLong,
    data: JObject,
    offsets: JObject,
    count: JInt,
    out: JObject,
) {
    guard(env, (), |e| intern_table_decide_batch(e, handle, data, offsets, count, out))
}

// ---- executor ----

fn intern_exec_partition(env: Env, h: JLong, data: JObject, offs: JObject, count: JInt, key: JObject, parts: JInt, out: JObject) -> Result<()> {
    let pool: &Pool = handle_ref(h)?;
    check_out(env, out, count)?;
    let key = Key::decode(&env.byte_array(key))?;
    let view = batch_view(env, data, offs, count)?;
    let mut results = vec![0i32; count as usize];
    pool.partition(view.data, &view.offsets, &key, parts, &mut results)?;
    env.set_int_array(out, &results);
    Ok(())
}

fn intern_exec_validate(env: Env, h: JLong, data: JObject, offs: JObject, count: JInt, schema: JObject, out: JObject) -> Result<()> {
    let pool: &Pool = handle_ref(h)?;
    check_out(env, out, count)?;
    let schema = Schema::decode(&env.byte_array(schema))?;
    let view = batch_view(env, data, offs, count)?;
    let mut results = vec![0i32; count as usize];
    pool.validate(view.data, &view.offsets, &schema, &mut results)?;
    env.set_int_array(out, &results);
    Ok(())
}

fn intern_exec_project(env: Env, h: JLong, data: JObject, offs: JObject, count: JInt, spec: JObject, out: JObject, ends: JObject) -> Result<JInt> {
    let pool: &Pool = handle_ref(h)?;
    check_out(env, ends, count)?;
    let projection = Projection::decode(&env.byte_array(spec))?;
    let view = batch_view(env, data, offs, count)?;
    let (optr, ocap) = env.direct_buffer(out);
    if optr.is_null() || ocap < 0 {
        return invalid("projection output must be a direct ByteBuffer");
    }
    // SAFETY: a direct buffer passed as an argument of this call stays reachable and allocated
    // for the whole call; it is distinct from the input buffers (the Java wrapper allocates it),
    // so this mutable slice aliases nothing we read.
    let out_slice = unsafe { std::slice::from_raw_parts_mut(optr, ocap as usize) };
    let mut end_values = vec![0i32; count as usize];
    let used = pool.project(view.data, &view.offsets, &projection, out_slice, &mut end_values)?;
    env.set_int_array(ends, &end_values);
    Ok(used as JInt)
}

#[no_mangle]
pub extern "system" fn Java_io_unikernal_rust_NativeBridge_execCreate(env: *mut RawEnv, _c: JObject, threads: JInt) -> JLong {
    guard(env, 0, |_| Ok(into_handle(Pool::new(threads)?)))
}

#[no_mangle]
pub extern "system" fn Java_io_unikernal_rust_NativeBridge_execFree(env: *mut RawEnv, _c: JObject, handle: JLong) {
    guard(env, (), |_| {
        free_handle::<Pool>(handle);
        Ok(())
    })
}

#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub extern "system" fn Java_io_unikernal_rust_NativeBridge_execPartition(
    env: *mut RawEnv,
    _c: JObject,
    h: JLong,
    data: JObject,
    offs: JObject,
    count: JInt,
    key: JObject,
    parts: JInt,
    out: JObject,
) {
    guard(env, (), |e| intern_exec_partition(e, h, data, offs, count, key, parts, out))
}

#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub extern "system" fn Java_io_unikernal_rust_NativeBridge_execValidate(
    env: *mut RawEnv,
    _c: JObject,
    h: JLong,
    data: JObject,
    offs: JObject,
    count: JInt,
    schema: JObject,
    out: JObject,
) {
    guard(env, (), |e| intern_exec_validate(e, h, data, offs, count, schema, out))
}

#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub extern "system" fn Java_io_unikernal_rust_NativeBridge_execProject(
    env: *mut RawEnv,
    _c: JObject,
    h: JLong,
    data: JObject,
    offs: JObject,
    count: JInt,
    spec: JObject,
    out: JObject,
    ends: JObject,
) -> JInt {
    guard(env, -1, |e| intern_exec_project(e, h, data, offs, count, spec, out, ends))
}

#[no_mangle]
pub extern "system" fn Java_io_unikernal_rust_NativeBridge_murmur2(env: *mut RawEnv, _c: JObject, data: JObject) -> JInt {
    guard(env, 0, |e| Ok(murmur2::hash(&e.byte_array(data))))
}

// ---- circuit breaker ----

#[no_mangle]
pub extern "system" fn Java_io_unikernal_rust_NativeBridge_breakerCreate(
    env: *mut RawEnv,
    _c: JObject,
    rate: JInt,
    window: JInt,
    open_micros: JLong,
    half_open: JInt,
) -> JLong {
    guard(env, 0, |_| Ok(into_handle(Breaker::new(rate, window, open_micros, half_open)?)))
}

#[no_mangle]
pub extern "system" fn Java_io_unikernal_rust_NativeBridge_breakerFree(env: *mut RawEnv, _c: JObject, handle: JLong) {
    guard(env, (), |_| {
        free_handle::<Breaker>(handle);
        Ok(())
    })
}

#[no_mangle]
pub extern "system" fn Java_io_unikernal_rust_NativeBridge_breakerTryAcquire(env: *mut RawEnv, _c: JObject, h: JLong, now: JLong) -> JBoolean {
    guard(env, 0, |_| Ok(handle_ref::<Breaker>(h)?.try_acquire(now) as JBoolean))
}

#[no_mangle]
pub extern "system" fn Java_io_unikernal_rust_NativeBridge_breakerRecord(env: *mut RawEnv, _c: JObject, h: JLong, now: JLong, failed: JBoolean) {
    guard(env, (), |_| {
        handle_ref::<Breaker>(h)?.record(now, failed != 0);
        Ok(())
    })
}

#[no_mangle]
pub extern "system" fn Java_io_unikernal_rust_NativeBridge_breakerState(env: *mut RawEnv, _c: JObject, h: JLong) -> JInt {
    guard(env, 0, |_| Ok(handle_ref::<Breaker>(h)?.state() as JInt))
}

#[no_mangle]
pub extern "system" fn Java_io_unikernal_rust_NativeBridge_nowMicros(env: *mut RawEnv, _c: JObject) -> JLong {
    guard(env, 0, |_| Ok(now_micros()))
}

/// Panics on purpose, so a test can prove the boundary turns a panic into a Java exception.
#[no_mangle]
pub extern "system" fn Java_io_unikernal_rust_NativeBridge_panicForTest(env: *mut RawEnv, _c: JObject) {
    guard(env, (), |_| -> Result<()> { panic!("deliberate panic for the boundary test") })
}
