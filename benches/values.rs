//! Throughput of the value scanner, on one thread.
//!
//! Builds a text of about 8 MB by repeating the bodies of the bundled corpus (or a
//! built-in paragraph where `corpus/` is absent), then times, best and median of a
//! few runs:
//!
//! - a baseline that only reads the text (counts its lines and words), the floor any
//!   scanner pays;
//! - `scan::scan`, the value layer itself (target: 20 MB/s or more);
//! - `scan::scan` plus the line and column of every value, as `claimcheck values` prints
//!   them;
//! - the same two on one long line (the corpus with its line breaks made spaces), where
//!   the cost of finding a column grows with the length of the line;
//! - each value parser on its own, called at every word start of 1 MB of the text, to
//!   show where the scanner's time goes.
//!
//! Run with `cargo bench --bench values`; `CLAIMCHECK_BENCH_RUNS` sets the number of runs
//! (default 7), `CLAIMCHECK_BENCH_MB` the size of the text (default 8), and
//! `CLAIMCHECK_BENCH_ONLY=scan` runs the scan alone (for a profiler).

use chrono::NaiveDate;
use claimcheck::article::{Article, LineIndex};
use claimcheck::parse::{date, duration, hedge, not_value, number, ordinal};
use claimcheck::scan;
use std::hint::black_box;
use std::time::{Duration, Instant};

mod common;
use common::{mb_per_s, time};

/// Used where the corpus folder is missing: the team's own words, value-dense like news.
const FALLBACK: &str = "Envoys met on Sunday for more than four hours, their sixth meeting since the \
    28-point plan was cut to 19 points. Officials said talks would resume next week, and that a \
    guarantee of up to 15 years was on the table, against the 50 years Kyiv had sought. The \
    delegation flew to Miami on December 2 and stayed for two and a half days; about 1,398 days \
    after the invasion, nearly a third of the front had not moved.\n\n";

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).filter(|n| *n > 0).unwrap_or(default)
}

/// The article bodies of `corpus/*.md` (front matter removed, README left out), or the
/// fallback paragraph; and a description of where the text came from.
fn source_text() -> (String, String) {
    let paths = common::corpus_articles();
    let mut text = String::new();
    for path in &paths {
        let Ok(bytes) = std::fs::read(path) else { continue };
        let Ok(article) = Article::from_bytes(&path.to_string_lossy(), &bytes) else { continue };
        text.push_str(article.body());
        text.push_str("\n\n");
    }
    if text.is_empty() {
        (FALLBACK.to_string(), "the built-in paragraph (corpus/ not found)".to_string())
    } else {
        (text, format!("{} corpus articles", paths.len()))
    }
}

/// `unit` repeated until the text holds at least `bytes` bytes.
fn repeat_to(unit: &str, bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + unit.len());
    while text.len() < bytes {
        text.push_str(unit);
    }
    text
}

/// One result line: best and median throughput and time.
fn report(label: &str, bytes: usize, times: &[Duration], extra: &str) -> f64 {
    let best = times[0];
    let median = times[times.len() / 2];
    let best_rate = mb_per_s(bytes, best);
    println!(
        "{label:<40} best {best_rate:>8.1} MB/s ({:>8.1} ms)   median {:>8.1} MB/s ({:>8.1} ms)   {extra}",
        best.as_secs_f64() * 1e3,
        mb_per_s(bytes, median),
        median.as_secs_f64() * 1e3,
    );
    best_rate
}

/// What reading the text costs at least: its lines and its words.
fn baseline(text: &str) -> (usize, usize) {
    let lines = text.bytes().filter(|b| *b == b'\n').count();
    let words = text.split_ascii_whitespace().count();
    (lines, words)
}

/// Scan, then place every value on its line and column as `claimcheck values` does.
fn scan_with_columns(text: &str, published: Option<NaiveDate>) -> (usize, usize) {
    let found = scan::scan(text, 0, published);
    let index = LineIndex::new(text);
    let mut cursor = index.cursor(text);
    let columns: usize = found.iter().map(|f| cursor.at(f.start).1).sum();
    (found.len(), columns)
}

/// Starts of the words of `text` (an ASCII letter or digit after anything else).
fn word_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    (0..bytes.len())
        .filter(|&i| bytes[i].is_ascii_alphanumeric() && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric()))
        .collect()
}

/// Each parser called at every word start: nanoseconds per call, and how many calls
/// read something.
fn parts(text: &str) {
    let starts = word_starts(text);
    println!("each parser at every one of the {} word starts of {} bytes:", starts.len(), text.len());
    let part = |name: &str, f: &mut dyn FnMut(&str) -> bool| {
        let started = Instant::now();
        let hits = starts.iter().filter(|&&at| f(black_box(&text[at..]))).count();
        let ns = started.elapsed().as_secs_f64() * 1e9 / starts.len().max(1) as f64;
        println!("  {name:<28} {ns:>7.0} ns per call   {hits:>6} reads");
    };
    part("hedge::prefix", &mut |i| hedge::prefix(i).is_ok());
    part("date::date", &mut |i| date::date(i).is_ok());
    part("duration::duration(true)", &mut |i| duration::duration(true)(i).is_ok());
    part("number::number(true)", &mut |i| number::number(true)(i).is_ok());
    part("number::quantity", &mut |i| number::quantity(i).is_ok());
    part("ordinal::ordinal", &mut |i| ordinal::ordinal(i).is_ok());
    let started = Instant::now();
    let zones = starts.iter().filter(|&&at| not_value::zone(text, at, None).is_some()).count();
    let ns = started.elapsed().as_secs_f64() * 1e9 / starts.len().max(1) as f64;
    println!("  {:<28} {ns:>7.0} ns per call   {zones:>6} zones", "not_value::zone");
}

fn main() {
    let runs = env_number("CLAIMCHECK_BENCH_RUNS", 7);
    let megabytes = env_number("CLAIMCHECK_BENCH_MB", 8);
    let published = NaiveDate::from_ymd_opt(2025, 12, 3);
    let (unit, origin) = source_text();
    let text = repeat_to(&unit, megabytes * 1_000_000);
    let bytes = text.len();
    println!(
        "claimcheck values bench: {bytes} bytes ({:.2} MB) from {origin} ({} bytes, repeated {}x); {runs} runs, one thread",
        bytes as f64 / 1e6,
        unit.len(),
        bytes.div_ceil(unit.len()),
    );

    if std::env::var("CLAIMCHECK_BENCH_ONLY").is_ok_and(|v| v == "scan") {
        let (times, found) = time(runs, || scan::scan(&text, 0, published));
        report("scan::scan", bytes, &times, &format!("{} values", found.len()));
        return;
    }

    let (times, (lines, words)) = time(runs, || baseline(&text));
    report("baseline: count lines and words", bytes, &times, &format!("{lines} lines, {words} words"));

    let (times, found) = time(runs, || scan::scan(&text, 0, published));
    let rate = report("scan::scan", bytes, &times, &format!("{} values", found.len()));
    let per_value = times[0].as_secs_f64() * 1e9 / found.len().max(1) as f64;
    let per_word = times[0].as_secs_f64() * 1e9 / words.max(1) as f64;
    println!("{:<40} {per_word:.0} ns per word, {per_value:.0} ns per value", "");
    drop(found);

    let (times, (count, _)) = time(runs, || scan_with_columns(&text, published));
    report("scan::scan + line/column (as the CLI)", bytes, &times, &format!("{count} values"));

    // One long line: the corpus with its line breaks made spaces. Finding a column
    // counts the characters from the start of the line, so this grows with the line.
    for size in [1_000_000, 2_000_000] {
        let one_line = repeat_to(&unit.replace('\n', " "), size);
        let runs = runs.min(3);
        let (times, found) = time(runs, || scan::scan(&one_line, 0, published));
        report(
            &format!("one {} MB line: scan::scan", size / 1_000_000),
            one_line.len(),
            &times,
            &format!("{} values", found.len()),
        );
        let (times, (count, _)) = time(runs, || scan_with_columns(&one_line, published));
        report(
            &format!("one {} MB line: scan + line/column", size / 1_000_000),
            one_line.len(),
            &times,
            &format!("{count} values"),
        );
    }

    parts(&text[..text.floor_char_boundary(1_000_000)]);

    let verdict = if rate >= 20.0 { "met" } else { "NOT met" };
    println!("target: scan::scan at 20 MB/s or more on one core: {verdict} ({rate:.1} MB/s best)");
}
