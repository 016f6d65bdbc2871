//! Timing helpers and the corpus listing the bench binaries share.

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

/// The bundled corpus's articles (`corpus/*.md` without its README), sorted.
pub fn corpus_articles() -> Vec<std::path::PathBuf> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
    let mut paths: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "md"))
                .filter(|p| p.file_name().is_some_and(|n| !n.eq_ignore_ascii_case("README.md")))
                .collect()
        })
        .unwrap_or_default();
    paths.sort();
    paths
}
