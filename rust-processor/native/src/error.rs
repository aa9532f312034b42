//! The error every fallible function returns; the JNI layer maps it onto a Java exception.

use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// Bad input from the caller: becomes `IllegalArgumentException`.
    Invalid(String),
    /// A misuse of an object's lifecycle: becomes `IllegalStateException`.
    State(String),
}

pub type Result<T> = std::result::Result<T, Error>;

pub fn invalid<T>(msg: impl Into<String>) -> Result<T> {
    Err(Error::Invalid(msg.into()))
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Invalid(m) | Error::State(m) => f.write_str(m),
        }
    }
}
