//! The few JNI functions this crate calls, declared by hand (no `jni` crate here): the JNIEnv
//! function table is an array of pointers whose indexes are fixed by the JNI specification
//! (checked against the JDK 17 `jni.h` with offsetof; see docs/rust-core.md).

use std::ffi::{c_char, c_void, CString};

pub type JObject = *mut c_void;
pub type JInt = i32;
pub type JLong = i64;
pub type JBoolean = u8;
pub type JSize = i32;

const FIND_CLASS: usize = 6;
const THROW_NEW: usize = 14;
const EXCEPTION_CHECK: usize = 228;
const GET_ARRAY_LENGTH: usize = 171;
const GET_BYTE_ARRAY_REGION: usize = 200;
const SET_INT_ARRAY_REGION: usize = 211;
const GET_PRIMITIVE_ARRAY_CRITICAL: usize = 222;
const RELEASE_PRIMITIVE_ARRAY_CRITICAL: usize = 223;
const GET_DIRECT_BUFFER_ADDRESS: usize = 230;
const GET_DIRECT_BUFFER_CAPACITY: usize = 231;
const TABLE_SIZE: usize = 234;
/// `ReleasePrimitiveArrayCritical` mode: do not copy back (we only read).
pub const JNI_ABORT: JInt = 2;

/// `JNIEnv` as C sees it: a pointer to the function table.
#[repr(C)]
pub struct RawEnv {
    functions: *const [*const c_void; TABLE_SIZE],
}

/// A borrowed JNIEnv for the duration of one native call.
#[derive(Clone, Copy)]
pub struct Env(*mut RawEnv);

macro_rules! jni_fn {
    ($env:expr, $idx:expr, $ty:ty) => {{
        // SAFETY: `$env` is the JNIEnv the JVM passed to this native call, valid on this thread
        // for the call's duration; index `$idx` is the slot the JNI specification assigns to
        // this function, and `$ty` is its exact C signature from jni.h.
        unsafe { std::mem::transmute::<*const c_void, $ty>((*(*$env.0).functions)[$idx]) }
    }};
}

impl Env {
    /// Wraps the pointer the JVM passed in.
    pub fn new(raw: *mut RawEnv) -> Env {
        Env(raw)
    }

    fn raw(&self) -> *mut RawEnv {
        self.0
    }

    /// Throws `class_name` (JNI form, e.g. `java/lang/IllegalArgumentException`) with `msg`.
    pub fn throw(&self, class_name: &str, msg: &str) {
        if self.exception_pending() {
            return;
        }
        let find: extern "system" fn(*mut RawEnv, *const c_char) -> JObject = jni_fn!(self, FIND_CLASS, _);
        let throw_new: extern "system" fn(*mut RawEnv, JObject, *const c_char) -> JInt = jni_fn!(self, THROW_NEW, _);
        let cname = CString::new(class_name).unwrap_or_default();
        let cmsg = CString::new(msg.replace('\0', " ")).unwrap_or_default();
        let cls = find(self.raw(), cname.as_ptr());
        if cls.is_null() {
            return; // FindClass has thrown NoClassDefFoundError already
        }
        throw_new(self.raw(), cls, cmsg.as_ptr());
    }

    pub fn exception_pending(&self) -> bool {
        let check: extern "system" fn(*mut RawEnv) -> JBoolean = jni_fn!(self, EXCEPTION_CHECK, _);
        check(self.raw()) != 0
    }

    pub fn array_length(&self, array: JObject) -> usize {
        let f: extern "system" fn(*mut RawEnv, JObject) -> JSize = jni_fn!(self, GET_ARRAY_LENGTH, _);
        f(self.raw(), array).max(0) as usize
    }

    /// Copies a whole `byte[]` (specs are small and read once).
    pub fn byte_array(&self, array: JObject) -> Vec<u8> {
        let n = self.array_length(array);
        let mut v = vec![0u8; n];
        let f: extern "system" fn(*mut RawEnv, JObject, JSize, JSize, *mut i8) = jni_fn!(self, GET_BYTE_ARRAY_REGION, _);
        f(self.raw(), array, 0, n as JSize, v.as_mut_ptr() as *mut i8);
        v
    }

    pub fn set_int_array(&self, array: JObject, values: &[i32]) {
        let f: extern "system" fn(*mut RawEnv, JObject, JSize, JSize, *const i32) = jni_fn!(self, SET_INT_ARRAY_REGION, _);
        f(self.raw(), array, 0, values.len() as JSize, values.as_ptr());
    }

    pub fn get_critical(&self, array: JObject) -> *mut c_void {
        let f: extern "system" fn(*mut RawEnv, JObject, *mut JBoolean) -> *mut c_void = jni_fn!(self, GET_PRIMITIVE_ARRAY_CRITICAL, _);
        f(self.raw(), array, std::ptr::null_mut())
    }

    pub fn release_critical(&self, array: JObject, ptr: *mut c_void) {
        let f: extern "system" fn(*mut RawEnv, JObject, *mut c_void, JInt) = jni_fn!(self, RELEASE_PRIMITIVE_ARRAY_CRITICAL, _);
        f(self.raw(), array, ptr, JNI_ABORT);
    }

    /// The address and capacity of a direct buffer; null/negative for a heap buffer.
    pub fn direct_buffer(&self, buffer: JObject) -> (*mut u8, i64) {
        let addr: extern "system" fn(*mut RawEnv, JObject) -> *mut c_void = jni_fn!(self, GET_DIRECT_BUFFER_ADDRESS, _);
        let cap: extern "system" fn(*mut RawEnv, JObject) -> JLong = jni_fn!(self, GET_DIRECT_BUFFER_CAPACITY, _);
        (addr(self.raw(), buffer) as *mut u8, cap(self.raw(), buffer))
    }
}
