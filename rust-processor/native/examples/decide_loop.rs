//! Times the engine alone (no JNI) on one encoded table and message:
//! `cargo run --release --offline --example decide_loop -- table.bin msg.bin`
use std::time::Instant;
use unikernal_native::json::Slots;
use unikernal_native::table::Table;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let table = Table::decode(&std::fs::read(&args[1]).expect("table file")).expect("valid table");
    let msg = std::fs::read(&args[2]).expect("message file");
    let mut slots = Slots::default();
    let n: usize = std::env::var("N").ok().and_then(|v| v.parse().ok()).unwrap_or(5_000_000);
    let mut sum = 0i64;
    let t = Instant::now();
    for _ in 0..n {
        sum += table.decide(&msg, 0, msg.len(), &mut slots).expect("decides") as i64;
    }
    let dt = t.elapsed();
    println!("{} decisions in {:?}: {:.1} ns each (checksum {})", n, dt, dt.as_nanos() as f64 / n as f64, sum);
}
