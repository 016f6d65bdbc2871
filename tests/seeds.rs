//! The five source reports in `../shared/seeds` (third-party text, read in place, never
//! copied here): the values a careful reader finds in them, checked through the library
//! and through the binary's JSON, and a snapshot of `values --format json` for each.
//!
//! The reports carry no publication date; each test uses the date the text implies
//! (see the seeds' README). Where the folder is absent, every test here passes with a
//! message saying it was skipped.

use chrono::NaiveDate;
use claimcheck::article::Article;
use serde_json::{Value as Json, json};
use std::path::{Path, PathBuf};
use std::process::Command;

mod common;
use common::SEEDS;

const HOUR: i64 = 3_600;
const YEAR: i64 = 365 * 86_400;

/// The seeds folder, or `None` (with a message) where it is absent.
fn seeds_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seeds"));
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: ../shared/seeds not found");
        None
    }
}

/// The path of seed `number` ("000_37c6020937afcbb6.txt" for "000").
fn seed_path(dir: &Path, number: &str) -> PathBuf {
    let prefix = format!("{number}_");
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read the seeds folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(&prefix)))
        .collect();
    assert_eq!(found.len(), 1, "expected one seed file {prefix}*: {found:?}");
    found.remove(0)
}

fn published(number: &str) -> &'static str {
    SEEDS.iter().find(|(n, _)| *n == number).map(|(_, d)| *d).expect("a known seed")
}

/// Every value of a seed as (text, value JSON), read through the library.
fn values_from_library(dir: &Path, number: &str) -> Vec<(String, Json)> {
    let path = seed_path(dir, number);
    let bytes = std::fs::read(&path).expect("read seed");
    let article = Article::from_bytes(path.to_str().unwrap(), &bytes).expect("a seed reads as an article");
    let date = NaiveDate::parse_from_str(published(number), "%Y-%m-%d").unwrap();
    claimcheck::scan::scan(&article.text, article.body_start, Some(date))
        .into_iter()
        .map(|f| {
            let text = article.text.get(f.start..f.end).expect("span on char boundaries").to_string();
            (text, serde_json::to_value(&f.value).expect("value serializes"))
        })
        .collect()
}

/// `claimcheck values SEED --published DATE --format json`, parsed.
fn json_from_binary(dir: &Path, number: &str) -> Json {
    let path = seed_path(dir, number);
    let out = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
        .args(["values", path.to_str().unwrap(), "--published", published(number), "--format", "json"])
        .output()
        .expect("run claimcheck");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let mut doc: Json = serde_json::from_slice(&out.stdout).expect("stdout is JSON");
    assert_eq!(doc["schema_version"], json!(1));
    assert_eq!(doc["path"], json!(path.to_str().unwrap()));
    assert_eq!(doc["published"], json!(published(number)));
    // Machine-independent: the file name instead of the absolute path.
    let name = path.file_name().and_then(|n| n.to_str()).unwrap().to_string();
    doc["path"] = json!(name);
    doc
}

fn values_from_binary(dir: &Path, number: &str) -> Vec<(String, Json)> {
    let doc = json_from_binary(dir, number);
    let text = std::fs::read(seed_path(dir, number)).unwrap();
    doc["values"]
        .as_array()
        .expect("a values array")
        .iter()
        .map(|row| {
            let (start, end) = (row["start"].as_u64().unwrap() as usize, row["end"].as_u64().unwrap() as usize);
            let words = row["text"].as_str().unwrap();
            assert_eq!(text.get(start..end), Some(words.as_bytes()), "span of {row}");
            (words.to_string(), row["value"].clone())
        })
        .collect()
}

fn number(n: i64) -> Json {
    json!({"type": "number", "value": n, "mod": "exact", "min": n, "max": n})
}

fn duration(seconds: i64) -> Json {
    json!({"type": "duration", "seconds": seconds, "mod": "exact", "min_seconds": seconds, "max_seconds": seconds})
}

fn days(start: &str, end: &str, grain: &str) -> Json {
    json!({"type": "date", "start": start, "end": end, "grain": grain})
}

/// What a careful reader finds: (seed, the value's words, the value).
fn checks() -> Vec<(&'static str, &'static str, Json)> {
    vec![
        ("000", "28", number(28)),
        ("000", "20", number(20)),
        ("001", "28", number(28)),
        ("001", "19", number(19)),
        ("002", "28", number(28)),
        ("002", "19", number(19)),
        ("003", "28", number(28)),
        ("004", "28", number(28)),
        (
            "000",
            "as long as half a century",
            json!({"type": "duration", "seconds": 50 * YEAR, "mod": "up_to", "min_seconds": 0,
                   "max_seconds": 50 * YEAR}),
        ),
        ("000", "15-year", duration(15 * YEAR)),
        ("002", "five-hour", duration(5 * HOUR)),
        (
            "004",
            "over four hours",
            json!({"type": "duration", "seconds": 4 * HOUR, "mod": "more", "min_seconds": 4 * HOUR,
                   "max_seconds": null}),
        ),
        ("002", "sixth", json!({"type": "ordinal", "value": 6})),
        ("002", "December 2", days("2025-12-02", "2025-12-02", "day")),
        ("000", "January 3", days("2026-01-03", "2026-01-03", "day")),
        ("000", "on Sunday", days("2025-12-28", "2025-12-28", "day")),
        ("004", "on Sunday", days("2025-11-30", "2025-11-30", "day")),
        ("003", "next week", days("2025-12-01", "2025-12-07", "week")),
    ]
}

/// Check every expectation against `values_of(seed)`; report all misses at once.
fn check_all(source: &str, values_of: impl Fn(&str) -> Vec<(String, Json)>) {
    let mut misses = Vec::new();
    for (number, _) in SEEDS {
        let found = values_of(number);
        for (seed, words, want) in checks().into_iter().filter(|(s, _, _)| s == number) {
            let same_words: Vec<&Json> = found.iter().filter(|(t, _)| t == words).map(|(_, v)| v).collect();
            if !same_words.contains(&&want) {
                misses.push(format!("{seed} {words:?}: want {want}, found {same_words:?}"));
            }
        }
        // "almost four years": just under 4 years, bounded above by 4 years.
        if *number == "003" {
            let hit = found.iter().find(|(t, _)| t == "almost four years").map(|(_, v)| v.clone());
            let ok = hit.as_ref().is_some_and(|v| {
                let min = v["min_seconds"].as_f64().unwrap_or(f64::NAN);
                v["type"] == json!("duration")
                    && v["seconds"] == json!(4 * YEAR)
                    && v["mod"] == json!("less")
                    && v["max_seconds"] == json!(4 * YEAR)
                    && min > 0.0
                    && min < (4 * YEAR) as f64
            });
            if !ok {
                misses.push(format!("003 \"almost four years\": want mod less, 4 years, found {hit:?}"));
            }
        }
    }
    assert!(misses.is_empty(), "{source}: {} checks failed:\n{}", misses.len(), misses.join("\n"));
}

#[test]
fn seed_values_through_the_library() {
    let Some(dir) = seeds_dir() else { return };
    check_all("library", |number| values_from_library(&dir, number));
}

#[test]
fn seed_values_through_the_binary_json() {
    let Some(dir) = seeds_dir() else { return };
    check_all("binary", |number| values_from_binary(&dir, number));
}

#[test]
fn library_and_binary_agree_on_every_seed() {
    let Some(dir) = seeds_dir() else { return };
    for (number, _) in SEEDS {
        assert_eq!(values_from_library(&dir, number), values_from_binary(&dir, number), "seed {number}");
    }
}

fn snapshot(number: &str) {
    let Some(dir) = seeds_dir() else { return };
    let doc = json_from_binary(&dir, number);
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"));
    settings.set_omit_expression(true);
    settings.set_prepend_module_to_snapshot(false);
    settings
        .set_description(format!("claimcheck values {number}_*.txt --published {} --format json", published(number)));
    settings.bind(|| insta::assert_json_snapshot!(format!("values_seed_{number}"), doc));
}

#[test]
fn values_seed_000() {
    snapshot("000");
}

#[test]
fn values_seed_001() {
    snapshot("001");
}

#[test]
fn values_seed_002() {
    snapshot("002");
}

#[test]
fn values_seed_003() {
    snapshot("003");
}

#[test]
fn values_seed_004() {
    snapshot("004");
}
