//! Lock-free circuit-breaker state with microsecond timing; mirrors
//! `io.unikernal.routing.breaker.AtomicCircuitBreaker` (same packing, same transitions).

use crate::error::{invalid, Result};
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::OnceLock;
use std::time::Instant;

const BITS: u32 = 20;
const MASK: u64 = (1 << BITS) - 1;
const CALLS: u32 = 0;
const FAILS: u32 = BITS;
const ADMITTED: u32 = 2 * BITS;
const STATE: u32 = 3 * BITS;

pub const CLOSED: u64 = 0;
pub const OPEN: u64 = 1;
pub const HALF_OPEN: u64 = 2;

pub struct Breaker {
    rate: u64,
    window: u64,
    open_micros: i64,
    half_open_calls: u64,
    word: AtomicU64,
    opened_at: AtomicI64,
}

#[inline]
fn state(w: u64) -> u64 {
    w >> STATE
}

#[inline]
fn field(w: u64, shift: u32) -> u64 {
    (w >> shift) & MASK
}

#[inline]
fn pack(state: u64, calls: u64, fails: u64, admitted: u64) -> u64 {
    (state << STATE) | (admitted << ADMITTED) | (fails << FAILS) | calls
}

/// A monotonic microsecond clock (since the first call in this process).
pub fn now_micros() -> i64 {
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_micros() as i64
}

impl Breaker {
    pub fn new(rate: i32, window: i32, open_micros: i64, half_open_calls: i32) -> Result<Breaker> {
        if !(1..=100).contains(&rate) {
            return invalid(format!("failureRatePercent {} must be 1..100", rate));
        }
        if window < 1 || window as u64 > MASK {
            return invalid(format!("windowSize {} must be 1..{}", window, MASK));
        }
        if open_micros < 0 {
            return invalid(format!("openMicros {} must not be negative", open_micros));
        }
        if half_open_calls < 1 || half_open_calls as u64 > MASK {
            return invalid(format!("halfOpenCalls {} must be 1..{}", half_open_calls, MASK));
        }
        Ok(Breaker {
            rate: rate as u64,
            window: window as u64,
            open_micros,
            half_open_calls: half_open_calls as u64,
            word: AtomicU64::new(0),
            opened_at: AtomicI64::new(0),
        })
    }

    pub fn try_acquire(&self, now: i64) -> bool {
        loop {
            let w = self.word.load(Ordering::Acquire);
            let next = match state(w) {
                CLOSED => return true,
                OPEN => {
                    if now.wrapping_sub(self.opened_at.load(Ordering::Acquire)) < self.open_micros {
                        return false;
                    }
                    pack(HALF_OPEN, 0, 0, 1)
                }
                _ => {
                    if field(w, ADMITTED) >= self.half_open_calls {
                        return false;
                    }
                    w + (1 << ADMITTED)
                }
            };
            if self.word.compare_exchange(w, next, Ordering::AcqRel, Ordering::Acquire).is_ok() {
                return true;
            }
        }
    }

    pub fn record(&self, now: i64, failed: bool) {
        loop {
            let w = self.word.load(Ordering::Acquire);
            let next = match state(w) {
                CLOSED => {
                    let calls = field(w, CALLS) + 1;
                    let fails = field(w, FAILS) + failed as u64;
                    if calls < self.window {
                        pack(CLOSED, calls, fails, 0)
                    } else if fails * 100 >= self.rate * calls {
                        self.opened_at.store(now, Ordering::Release);
                        pack(OPEN, 0, 0, 0)
                    } else {
                        pack(CLOSED, 0, 0, 0)
                    }
                }
                OPEN => return, // a late outcome from before the breaker opened
                _ => {
                    if failed {
                        self.opened_at.store(now, Ordering::Release);
                        pack(OPEN, 0, 0, 0)
                    } else {
                        let ok = field(w, CALLS) + 1;
                        if ok >= self.half_open_calls {
                            pack(CLOSED, 0, 0, 0)
                        } else {
                            pack(HALF_OPEN, ok, 0, field(w, ADMITTED))
                        }
                    }
                }
            };
            if self.word.compare_exchange(w, next, Ordering::AcqRel, Ordering::Acquire).is_ok() {
                return;
            }
        }
    }

    pub fn state(&self) -> u64 {
        state(self.word.load(Ordering::Acquire))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opens_and_half_opens() {
        let b = Breaker::new(50, 4, 1000, 1).unwrap();
        for (t, f) in [(0, false), (1, true), (2, false), (3, true)] {
            b.record(t, f);
        }
        assert_eq!(b.state(), OPEN);
        assert!(!b.try_acquire(1002));
        assert!(b.try_acquire(1003));
        assert!(!b.try_acquire(1004));
        b.record(1005, false);
        assert_eq!(b.state(), CLOSED);
        assert!(now_micros() >= 0);
    }
}
