//! Unikernal's native core, reached from Java through JNI (`io.unikernal.rust.NativeBridge`).
//!
//! The semantics are those of the Java engine in the kernel (`io.unikernal.routing.internal`);
//! every module here mirrors one there, and the equivalence test in rust-processor checks both
//! against each other. Standard library only.

pub mod breaker;
pub mod bridge;
pub mod error;
pub mod exec;
pub mod jni;
pub mod json;
pub mod murmur2;
pub mod table;
pub mod text;
pub mod wire;
