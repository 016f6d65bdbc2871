//! Timing helpers the bench binaries share.

#![allow(dead_code)]

use std::hint::black_box;
use std::time::{Duration, Instant};

/// Time `f` `runs` times; returns the durations sorted and the last result.
pub fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (Vec<Duration>, T) {
    let mut times = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let started = Instant::now();
        let out = black_box(f());
        times.push(started.elapsed());
        last = Some(out);
    }
    times.sort();
    (times, last.expect("at least one run"))
}

/// Throughput of `bytes` read in `d`, in MB/s.
pub fn mb_per_s(bytes: usize, d: Duration) -> f64 {
    bytes as f64 / 1e6 / d.as_secs_f64()
}
