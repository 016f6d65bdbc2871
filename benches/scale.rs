//! Scale: ten thousand articles through `compare`, and a million claims through the
//! comparison alone.
//!
//! The targets: extraction at 10 MB/s or more per core, on all cores; memory
//! proportional to the claims kept, not to the text read; comparison of a million
//! claims, grouped into stories and split into sides, in under 3 seconds. This bench
//!
//! 1. writes 10,000 articles into `$TMP/claimcheck-scale-<pid>/normal`: front matter
//!    (title, outlet, a publication date from 2025-11-20 to 2025-12-31) and 10 to 30
//!    sentences of the bundled corpus in random order, their figures, number words,
//!    weekdays and months varied now and then so that articles agree and conflict;
//!    and two more sets for the memory question: the same 10,000 articles with about
//!    twice their length again in sentences that hold no value (`long`: more text, the
//!    same claims), and 20,000 articles (`double`: twice the text and the claims);
//! 2. runs the release binary, `claimcheck compare DIR --format json`, over each set,
//!    timing it and reading its peak resident memory (`/usr/bin/time -v`, else the
//!    child's `VmHWM` in `/proc`);
//! 3. times extraction alone through the library (`Article::from_bytes` and
//!    `extract::extract` with the bundled rules, files read beforehand), on all cores
//!    with rayon and on one thread, and the comparison of the claims it found;
//! 4. times `compare::compare` over a million synthetic claims: 100,000 articles of 10
//!    claims over 3,000 keys, telling 20 stories (each article names some of its
//!    story's people and a few names every story shares; the time includes grouping
//!    the articles into stories and each finding's sides), once with every key equally
//!    likely and once with a few keys in most articles (Zipf), as a real story's
//!    headline facts are;
//! 5. times each report format (`--format`) over the 10,000 articles: through the
//!    library, each printer writing to a new file as the binary does (rendering on one
//!    thread, writing on another) against reading, extracting and comparing the same
//!    articles (the share a format adds, measured apart from the rest of the run), and
//!    rendering alone into nothing; then through the binary, `claimcheck compare DIR
//!    --format F -o FILE` with `CLAIMCHECK_TIMINGS=1`, runs of the formats taken in turn,
//!    each run's share spent writing its report (the median kept). The target is under
//!    5% for every format. The report file of the run before is removed, untimed,
//!    before each run;
//! 6. removes the folder and prints a summary.
//!
//! The binary is not built by `cargo bench`: run `cargo build --release` first, then
//! `cargo bench --bench scale`. Knobs: `CLAIMCHECK_BIN` (the binary; default
//! `target/release/claimcheck`), `CLAIMCHECK_BENCH_RUNS` (runs of the timed library
//! steps, best taken; default 3), `CLAIMCHECK_SCALE_ARTICLES` (default 10000),
//! `CLAIMCHECK_SCALE_CLAIMS` (default 1000000), `CLAIMCHECK_SCALE_ONLY=generate|binary|
//! extract|formats|compare` (one step, for a profiler), `CLAIMCHECK_SCALE_FORMAT=NAME` (one
//! report format in step 5), `CLAIMCHECK_SCALE_KEYS=uniform|zipf` (one key distribution),
//! `CLAIMCHECK_SCALE_KEEP=1` (keep the folder).

use chrono::{Duration as Days, NaiveDate};
use claimcheck::article::Article;
use claimcheck::compare::{self, ArticleClaims, Finding, Relation};
use claimcheck::extract::{self, Claim, Span};
use claimcheck::report::pipe::write_in_background;
use claimcheck::report::{Context, Report};
use claimcheck::rule::{self, RuleSet};
use claimcheck::scan;
use claimcheck::value::{Amount, DateValue, Hedge, Value, seconds};
use rayon::prelude::*;
use std::fmt::Write as _;
use std::hint::black_box;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod common;
use common::{mb_per_s, time};

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).filter(|n| *n > 0).unwrap_or(default)
}

/// SplitMix64: small, seeded, and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// Uniform in `low..=high`.
    fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 > 1.0 - p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

// ---------------------------------------------------------------------------------
// The source sentences

/// What the generator recombines: sentences of the corpus bodies, the subset that
/// holds no value at all (padding that adds text and no claims), and the titles.
struct Pool {
    sentences: Vec<String>,
    empty: Vec<String>,
    titles: Vec<String>,
    files: usize,
}

/// Split a paragraph into sentences at `.`, `!` or `?` followed by a space and a
/// capital or a quote; not after a word of one or two letters or one with a dot
/// inside ("U.S.", "Mr.").
fn split_sentences(paragraph: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = paragraph.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let next = chars.get(k + 1).map(|x| x.1);
        let after = chars.get(k + 2).map(|x| x.1);
        let ends = match (next, after) {
            (None, _) => true,
            (Some(' '), Some(a)) => a.is_uppercase() || matches!(a, '"' | '\u{201c}' | '\''),
            _ => false,
        };
        let word = paragraph[start..i].rsplit(' ').next().unwrap_or("");
        if ends && word.chars().count() > 2 && !word.contains('.') {
            let s = paragraph[start..=i].trim();
            if !s.is_empty() {
                out.push(s.to_string());
            }
            start = i + 1;
        }
    }
    let rest = paragraph[start..].trim();
    if !rest.is_empty() {
        out.push(rest.to_string());
    }
    out
}

fn load_pool() -> Pool {
    let paths = common::corpus_articles();
    let mut pool = Pool { sentences: Vec::new(), empty: Vec::new(), titles: Vec::new(), files: 0 };
    for path in &paths {
        let Ok(bytes) = std::fs::read(path) else { continue };
        let Ok(article) = Article::from_bytes(&path.to_string_lossy(), &bytes) else { continue };
        pool.files += 1;
        pool.titles.extend(article.meta.title.clone());
        for paragraph in article.body().split("\n\n") {
            let lines: Vec<&str> =
                paragraph.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
            pool.sentences.extend(split_sentences(&lines.join(" ")));
        }
    }
    assert!(!pool.sentences.is_empty(), "no sentences found in corpus/: the bench needs the bundled corpus");
    pool.empty = pool.sentences.iter().filter(|s| scan::scan(s, 0, None).is_empty()).cloned().collect();
    if pool.empty.is_empty() {
        pool.empty.push("Diplomats on both sides declined to comment on the talks.".to_string());
    }
    if pool.titles.is_empty() {
        pool.titles.push("Envoys meet again on the peace plan".to_string());
    }
    pool
}

// ---------------------------------------------------------------------------------
// Varying the values

const NUMBER_WORDS: [&str; 15] = [
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "fifteen", "twenty",
    "thirty", "fifty",
];
const ORDINAL_WORDS: [&str; 9] = ["second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];
const WEEKDAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const MONTHS: [&str; 2] = ["November", "December"];

fn ordinal_suffix(n: u64) -> &'static str {
    match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

/// A plausible other figure: small numbers (days of a month, counts) move by one or
/// two and stay from 1 to 28; larger ones by up to a fifth.
fn other_figure(n: u64, rng: &mut Rng) -> u64 {
    if n <= 31 {
        let delta = *rng.pick(&[-2i64, -1, 1, 2]);
        (n as i64 + delta).clamp(1, 28) as u64
    } else {
        let factor = 0.8 + 0.4 * rng.below(1001) as f64 / 1000.0;
        ((n as f64 * factor).round() as u64).max(1)
    }
}

/// A neighbour in a list of words, in the case of the original.
fn neighbour(list: &[&str], at: usize, original: &str, rng: &mut Rng) -> String {
    let to = if at == 0 {
        1
    } else if at + 1 == list.len() || rng.chance(0.5) {
        at - 1
    } else {
        at + 1
    };
    same_case(list[to], original)
}

fn same_case(word: &str, like: &str) -> String {
    if like.starts_with(|c: char| c.is_uppercase()) {
        let mut chars = word.chars();
        chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
    } else {
        word.to_lowercase()
    }
}

/// `sentence` with each figure, number word, ordinal, weekday and month replaced by
/// another with probability `p`. Years are kept.
fn vary(sentence: &str, p: f64, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(sentence.len() + 8);
    let mut rest = sentence;
    while !rest.is_empty() {
        let run = rest.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(rest.len());
        if run == 0 {
            let c = rest.chars().next().expect("non-empty");
            out.push(c);
            rest = &rest[c.len_utf8()..];
            continue;
        }
        let token = &rest[..run];
        rest = &rest[run..];
        let digits = token.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 {
            let (figure, suffix) = token.split_at(digits);
            let n: u64 = figure.parse().unwrap_or(0);
            let year = digits == 4 && (1900..2100).contains(&n);
            let ordinal = matches!(suffix, "st" | "nd" | "rd" | "th");
            if year || !(suffix.is_empty() || ordinal) || digits > 9 || !rng.chance(p) {
                out.push_str(token);
            } else {
                let m = other_figure(n, rng);
                let _ = write!(out, "{m}{}", if ordinal { ordinal_suffix(m) } else { "" });
            }
            continue;
        }
        let lower = token.to_ascii_lowercase();
        let replaced = if let Some(at) = NUMBER_WORDS.iter().position(|w| *w == lower) {
            rng.chance(p).then(|| neighbour(&NUMBER_WORDS, at, token, rng))
        } else if let Some(at) = ORDINAL_WORDS.iter().position(|w| *w == lower) {
            rng.chance(p).then(|| neighbour(&ORDINAL_WORDS, at, token, rng))
        } else if WEEKDAYS.iter().any(|w| w.eq_ignore_ascii_case(token)) {
            rng.chance(p).then(|| same_case(rng.pick::<&str>(&WEEKDAYS), token))
        } else if MONTHS.iter().any(|w| w.eq_ignore_ascii_case(token)) {
            rng.chance(p / 3.0).then(|| same_case(rng.pick::<&str>(&MONTHS), token))
        } else {
            None
        };
        out.push_str(replaced.as_deref().unwrap_or(token));
    }
    out
}

// ---------------------------------------------------------------------------------
// Writing the articles

const OUTLETS: [&str; 12] = [
    "The Harbor Ledger",
    "Tidewater Courier",
    "Northgate Dispatch",
    "Gulf Coast Wire",
    "Prairie Sentinel",
    "Baltic Crossroads",
    "The Evening Meridian",
    "Riverbend Gazette",
    "Summit Post",
    "Alpine Monitor",
    "Coral Street Journal",
    "Danube Observer",
];

/// One article, the same for the same `seed`; `padding` value-free sentences per
/// claim-bearing one are added in paragraphs at the end (0 for none).
fn article_text(pool: &Pool, seed: u64, padding: f64) -> String {
    let mut rng = Rng(seed);
    let first = NaiveDate::from_ymd_opt(2025, 11, 20).expect("valid date");
    let published = first + Days::days(rng.below(42) as i64);
    // Most outlets copy the wire faithfully; some get figures wrong or report others.
    let p = if rng.chance(0.7) { 0.03 } else { 0.3 };
    let mut text = String::with_capacity(4096);
    let title: &String = rng.pick(&pool.titles);
    let title = vary(title, p, &mut rng);
    let _ = write!(text, "---\ntitle: {title}\noutlet: {}\npublished: {published}\n---\n", rng.pick(&OUTLETS));
    let count = rng.between(10, 30);
    let mut written = 0;
    while written < count {
        let in_paragraph = rng.between(2, 5).min(count - written);
        for k in 0..in_paragraph {
            if k > 0 {
                text.push(' ');
            }
            let sentence: &String = rng.pick(&pool.sentences);
            text.push_str(&vary(sentence, p, &mut rng));
        }
        text.push_str("\n\n");
        written += in_paragraph;
    }
    let mut extra = (count as f64 * padding).round() as usize;
    while extra > 0 {
        let in_paragraph = rng.between(2, 5).min(extra);
        for k in 0..in_paragraph {
            if k > 0 {
                text.push(' ');
            }
            let sentence: &String = rng.pick(&pool.empty);
            text.push_str(sentence);
        }
        text.push_str("\n\n");
        extra -= in_paragraph;
    }
    text
}

/// A generated set of articles on disk.
struct Set {
    name: &'static str,
    dir: PathBuf,
    files: Vec<PathBuf>,
    bytes: usize,
}

fn write_set(pool: &Pool, root: &Path, name: &'static str, articles: usize, padding: f64) -> Set {
    let dir = root.join(name);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
    let written: Vec<(PathBuf, usize)> = (0..articles)
        .into_par_iter()
        .map(|i| {
            let text = article_text(pool, 0x5CA1E ^ (i as u64).wrapping_mul(0x9E37_79B9), padding);
            let path = dir.join(format!("article-{i:06}.md"));
            std::fs::write(&path, &text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
            (path, text.len())
        })
        .collect();
    let bytes = written.iter().map(|w| w.1).sum();
    Set { name, dir, files: written.into_iter().map(|w| w.0).collect(), bytes }
}

/// Removes the folder when the bench ends, also on a panic.
struct TempRoot(PathBuf);

impl Drop for TempRoot {
    fn drop(&mut self) {
        if std::env::var("CLAIMCHECK_SCALE_KEEP").is_ok_and(|v| v == "1") {
            eprintln!("kept {}", self.0.display());
        } else {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

// ---------------------------------------------------------------------------------
// The binary, end to end

/// What one run of the binary cost.
struct BinaryRun {
    wall: Duration,
    peak_kb: Option<u64>,
    how: &'static str,
    output_bytes: usize,
    /// Claims listed in the findings (occurrences of the `"rule"` field).
    output_claims: usize,
    status: String,
}

fn binary_path() -> PathBuf {
    std::env::var_os("CLAIMCHECK_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/target/release/claimcheck")))
}

/// Newest modification time of the files under `dir`.
fn newest(dir: &Path) -> Option<std::time::SystemTime> {
    let mut best = None;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).ok()?.flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else if let Ok(t) = entry.metadata().and_then(|m| m.modified()) {
                best = best.max(Some(t));
            }
        }
    }
    best
}

fn peak_from_time_report(report: &str) -> Option<u64> {
    report
        .lines()
        .find_map(|l| l.trim().strip_prefix("Maximum resident set size (kbytes):"))
        .and_then(|v| v.trim().parse().ok())
}

fn vm_hwm(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// `claimcheck compare DIR --format json`, output counted and dropped.
fn run_binary(bin: &Path, dir: &Path) -> BinaryRun {
    let gnu_time = Path::new("/usr/bin/time");
    let use_time = gnu_time.exists()
        && Command::new(gnu_time)
            .args(["-v", "true"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
    let mut command = if use_time {
        let mut c = Command::new(gnu_time);
        c.arg("-v").arg(bin);
        c
    } else {
        Command::new(bin)
    };
    command.arg("compare").arg(dir).args(["--format", "json"]).stdout(Stdio::piped()).stderr(Stdio::piped());
    let started = Instant::now();
    let mut child = command.spawn().unwrap_or_else(|e| panic!("cannot run {}: {e}", bin.display()));
    let pid = child.id();
    let mut stdout = child.stdout.take().expect("piped stdout");
    let mut stderr = child.stderr.take().expect("piped stderr");
    let counter = std::thread::spawn(move || {
        const NEEDLE: &[u8] = b"\"rule\"";
        let mut buf = vec![0u8; 1 << 16];
        let mut carry: Vec<u8> = Vec::new();
        let (mut total, mut claims) = (0, 0);
        while let Ok(n) = stdout.read(&mut buf) {
            if n == 0 {
                break;
            }
            total += n;
            // Keep the last few bytes so that a field split across two reads counts once.
            carry.extend_from_slice(&buf[..n]);
            claims += carry.windows(NEEDLE.len()).filter(|w| *w == NEEDLE).count();
            let keep = carry.len().min(NEEDLE.len() - 1);
            carry.drain(..carry.len() - keep);
        }
        (total, claims)
    });
    let errors = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    // Without GNU time, watch the child's high-water mark until it exits.
    let mut polled = None;
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for the binary") {
            break status;
        }
        if !use_time {
            polled = vm_hwm(pid).max(polled);
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let wall = started.elapsed();
    let (output_bytes, output_claims) = counter.join().unwrap_or((0, 0));
    let report = errors.join().unwrap_or_default();
    let (peak_kb, how) =
        if use_time { (peak_from_time_report(&report), "/usr/bin/time -v") } else { (polled, "VmHWM polled") };
    let status = if status.success() {
        "exit 0".to_string()
    } else {
        let first = report.lines().find(|l| l.starts_with("error")).unwrap_or("").to_string();
        format!("{status} {first}")
    };
    BinaryRun { wall, peak_kb, how, output_bytes, output_claims, status }
}

// ---------------------------------------------------------------------------------
// Extraction and comparison through the library

fn extract_all(files: &[(String, Vec<u8>)], rules: &RuleSet) -> Vec<ArticleClaims> {
    files
        .par_iter()
        .filter_map(|(path, bytes)| {
            let article = Article::from_bytes(path, bytes).ok()?;
            let claims = extract::extract(&article, rules);
            Some(ArticleClaims {
                path: path.clone(),
                title: article.meta.title,
                published: article.meta.published,
                url: article.meta.url,
                claims,
                ..Default::default()
            })
        })
        .collect()
}

fn relations(findings: &[Finding]) -> String {
    let count = |r: Relation| findings.iter().filter(|f| f.relation == r).count();
    format!(
        "{} findings ({} conflict, {} update, {} agree)",
        findings.len(),
        count(Relation::Conflict),
        count(Relation::Update),
        count(Relation::Agree)
    )
}

// ---------------------------------------------------------------------------------
// A million synthetic claims

const KINDS: [&str; 7] = [
    "plan_points",
    "meeting_date",
    "meeting_duration",
    "meeting_ordinal",
    "guarantee_duration",
    "war_duration",
    "other_count",
];
const QUALIFIERS: [Option<&str>; 3] = [None, Some("original"), Some("revised")];

/// How claim keys are drawn.
#[derive(Clone, Copy)]
enum Keys {
    /// Every key equally likely.
    Uniform,
    /// Key k with weight 1/(k+1): a few keys in most articles.
    Zipf,
}

/// The value key `k` really has, and a value that conflicts with it.
fn key_values(k: usize) -> (Value, Value) {
    let kind = k % KINDS.len();
    let base = (k / KINDS.len()) % 40;
    let number = |n: f64| Value::Number { amount: Amount::exact(n), unit: None };
    let day = |d: usize| {
        let first = NaiveDate::from_ymd_opt(2025, 11, 20).expect("valid date");
        Value::Date(DateValue::day(first + Days::days(d as i64)))
    };
    match kind {
        0 => (number(10.0 + base as f64), number(11.0 + base as f64)),
        1 => (day(base), day(base + 1)),
        2 => (
            Value::Duration(Amount::exact((2 + base % 6) as f64 * seconds::HOUR)),
            Value::Duration(Amount::exact((9 + base % 6) as f64 * seconds::HOUR)),
        ),
        3 => (Value::Ordinal(1 + base as u32 % 9), Value::Ordinal(2 + base as u32 % 9)),
        4 => (
            Value::Duration(Amount::exact((5 + base) as f64 * seconds::YEAR)),
            Value::Duration(Amount::exact((50 + base) as f64 * seconds::YEAR)),
        ),
        5 => (
            Value::Duration(Amount::exact((1380 + base) as f64 * seconds::DAY)),
            Value::Duration(Amount::exact((1500 + base) as f64 * seconds::DAY)),
        ),
        _ => (number(100.0 * (1 + base) as f64), number(100.0 * (1 + base) as f64 + 37.0)),
    }
}

/// A hedged form of `value` that still overlaps it ("about 19", "over four hours").
fn hedged(value: &Value, rng: &mut Rng) -> Value {
    let hedge = *rng.pick(&[Hedge::About, Hedge::Over, Hedge::Almost, Hedge::UpTo]);
    match value {
        Value::Number { amount, unit } => Value::Number { amount: amount.hedged(hedge), unit: *unit },
        Value::Duration(amount) => Value::Duration(amount.hedged(hedge)),
        other => other.clone(),
    }
}

/// How many stories the synthetic articles tell.
const STORIES: usize = 20;

/// Names every synthetic story mentions now and then: a capital, a leader.
const COMMON_NAMES: &[&str] = &["Washington", "Trump", "Europe", "Congress"];

/// `articles` articles of `per_article` claims over `keys` keys. Half the keys are
/// reported faithfully by everyone (their findings agree); on the others one claim in
/// ten has a conflicting value. One claim in ten is hedged; one in twenty lacks its
/// qualifier and one in twenty its subject (never compared).
fn synthetic(articles: usize, per_article: usize, keys: usize, draw: Keys, seed: u64) -> Vec<ArticleClaims> {
    let cumulative: Vec<f64> = match draw {
        Keys::Uniform => Vec::new(),
        Keys::Zipf => (0..keys)
            .scan(0.0, |sum, k| {
                *sum += 1.0 / (k + 1) as f64;
                Some(*sum)
            })
            .collect(),
    };
    let first = NaiveDate::from_ymd_opt(2025, 11, 20).expect("valid date");
    (0..articles)
        .into_par_iter()
        .map(|a| {
            let mut rng = Rng(seed ^ (a as u64).wrapping_mul(0xD1B5_4A32_D192_ED03));
            let path = format!("/tmp/claimcheck-scale/outlet-{:02}/article-{a:07}.md", a % 40);
            // Each article tells one of STORIES stories: it names some of that story's
            // people and places, and a few that every story names; its claims are about
            // that story's subjects.
            let story = a % STORIES;
            let mut names: Vec<String> =
                (0..8).filter(|_| rng.chance(0.6)).map(|n| format!("Story{story}Name{n}")).collect();
            names.extend(COMMON_NAMES.iter().filter(|_| rng.chance(0.5)).map(|n| n.to_string()));
            let published = Some(first + Days::days(rng.below(42) as i64));
            let claims = (0..per_article)
                .map(|c| {
                    let k = match draw {
                        Keys::Uniform => rng.below(keys),
                        Keys::Zipf => {
                            let x = (rng.next() >> 11) as f64 / (1u64 << 53) as f64 * cumulative[keys - 1];
                            cumulative.partition_point(|s| *s < x).min(keys - 1)
                        }
                    };
                    let k = (k / STORIES) * STORIES + story;
                    let k = if k >= keys { k - STORIES } else { k };
                    let (truth, wrong) = key_values(k);
                    let disputed = k % 2 == 1;
                    let mut value = if disputed && rng.chance(0.1) { wrong } else { truth };
                    if rng.chance(0.1) {
                        value = hedged(&value, &mut rng);
                    }
                    let kind = KINDS[k % KINDS.len()];
                    let mut qualifier = QUALIFIERS[(k / KINDS.len()) % QUALIFIERS.len()].map(str::to_string);
                    let mut subject = format!("story-{:03}-subject", k / (KINDS.len() * QUALIFIERS.len()));
                    let (mut comparable, mut qualifier_missing) = (true, false);
                    if qualifier.is_some() && rng.chance(0.05) {
                        qualifier = None;
                        comparable = false;
                        qualifier_missing = true;
                    } else if rng.chance(0.05) {
                        subject = extract::UNKNOWN_SUBJECT.to_string();
                        comparable = false;
                    }
                    let start = 200 + 160 * c;
                    Claim {
                        rule: format!("{}/{}", kind.split('_').next().unwrap_or(kind), kind),
                        kind: kind.to_string(),
                        subject,
                        qualifier,
                        text: value.display(),
                        quote: format!(
                            "Officials said on {} that the figure, {}, had been confirmed by negotiators \
                             in article {a} after a long day of talks in the capital.",
                            published.map(|d| d.to_string()).unwrap_or_default(),
                            value.display()
                        ),
                        value,
                        span: Span { start, end: start + 9, line: 6 + c, column: 12 },
                        comparable,
                        qualifier_missing,
                        owner_named: false,
                        qualifier_inferred: false,
                        placed_by_inferred_date: false,
                        facets: None,
                    }
                })
                .collect();
            ArticleClaims {
                path,
                title: Some(format!("Article {a}")),
                published,
                url: None,
                claims,
                names,
                ..Default::default()
            }
        })
        .collect()
}

/// Claims per key: how many keys, and how many articles the busiest key is in.
fn key_shape(articles: &[ArticleClaims]) -> (usize, usize) {
    let mut per_key: std::collections::HashMap<(&str, &str, Option<&str>), usize> = Default::default();
    for a in articles {
        let mut seen = std::collections::HashSet::new();
        for c in a.claims.iter().filter(|c| c.comparable) {
            let key = (c.kind.as_str(), c.subject.as_str(), c.qualifier.as_deref());
            if seen.insert(key) {
                *per_key.entry(key).or_default() += 1;
            }
        }
    }
    (per_key.len(), per_key.values().copied().max().unwrap_or(0))
}

/// Compare `articles` once; seconds and a description.
fn time_compare(articles: &[ArticleClaims]) -> (f64, String) {
    let started = Instant::now();
    let findings = black_box(compare::compare(articles, |_| true));
    let secs = started.elapsed().as_secs_f64();
    let shown = relations(&findings);
    drop(findings);
    (secs, shown)
}

// ---------------------------------------------------------------------------------

fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name").and_then(|r| r.split_once(':')).map(|(_, m)| m.trim().to_string()))
        .unwrap_or_else(|| "unknown CPU".to_string());
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let memory = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| m.lines().find_map(|l| l.strip_prefix("MemTotal:")).map(|v| v.trim().to_string()))
        .unwrap_or_default();
    format!(
        "{cores} cores ({model}), {memory} memory, rayon {} threads; load average at the start {}",
        rayon::current_num_threads(),
        load()
    )
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1e6
}

fn main() {
    let runs = env_number("CLAIMCHECK_BENCH_RUNS", 3);
    let articles = env_number("CLAIMCHECK_SCALE_ARTICLES", 10_000);
    let million = env_number("CLAIMCHECK_SCALE_CLAIMS", 1_000_000);
    let only = std::env::var("CLAIMCHECK_SCALE_ONLY").ok();
    let wants = |step: &str| only.as_deref().is_none_or(|o| o == step);
    let mut summary: Vec<String> = vec![format!("machine: {}", machine())];
    let cores = rayon::current_num_threads();

    // ---- 4 first when alone: it needs no files.
    if only.as_deref() == Some("compare") {
        synthetic_compare(million, &mut summary);
        print_summary(&summary);
        return;
    }

    let pool = load_pool();
    println!(
        "source: {} sentences ({} without any value) and {} titles from {} corpus articles",
        pool.sentences.len(),
        pool.empty.len(),
        pool.titles.len(),
        pool.files
    );
    let root = TempRoot(std::env::temp_dir().join(format!("claimcheck-scale-{}", std::process::id())));

    // ---- 1. Generate.
    let started = Instant::now();
    let mut sets = vec![write_set(&pool, &root.0, "normal", articles, 0.0)];
    if wants("binary") {
        sets.push(write_set(&pool, &root.0, "tiny", 10, 0.0));
        sets.push(write_set(&pool, &root.0, "long", articles, 2.0));
        sets.push(write_set(&pool, &root.0, "double", articles * 2, 0.0));
    }
    let written: usize = sets.iter().map(|s| s.bytes).sum();
    let line = format!(
        "generated {} articles, {:.1} MB, in {:.1} s under {}",
        sets.iter().map(|s| s.files.len()).sum::<usize>(),
        mb(written),
        started.elapsed().as_secs_f64(),
        root.0.display()
    );
    println!("{line}");
    summary.push(line);
    for s in &sets {
        let line = format!(
            "  set {:<6} {:>6} articles {:>6.1} MB ({:.0} bytes an article)",
            s.name,
            s.files.len(),
            mb(s.bytes),
            s.bytes as f64 / s.files.len().max(1) as f64
        );
        println!("{line}");
        summary.push(line);
    }
    if only.as_deref() == Some("generate") {
        print_summary(&summary);
        return;
    }

    // ---- 3. Extraction through the library, from bytes already read.
    if wants("extract") {
        let rules =
            RuleSet::load(&rule::bundled_sources()).unwrap_or_else(|e| panic!("bundled rules do not load: {e:?}"));
        let set = &sets[0];
        let files: Vec<(String, Vec<u8>)> = set
            .files
            .iter()
            .map(|p| (p.display().to_string(), std::fs::read(p).expect("read a generated article")))
            .collect();
        // Repeat while the runs stay short; one run of a slow extraction is enough.
        let mut times = Vec::new();
        let mut extracted = Vec::new();
        while times.len() < runs && times.iter().sum::<Duration>() < Duration::from_secs(20) {
            let started = Instant::now();
            extracted = black_box(extract_all(&files, &rules));
            times.push(started.elapsed());
        }
        times.sort();
        let claims: usize = extracted.iter().map(|a| a.claims.len()).sum();
        let comparable: usize = extracted.iter().map(|a| a.claims.iter().filter(|c| c.comparable).count()).sum();
        // What the claims kept take: the structs and their strings (no allocator slack).
        let held: usize = extracted
            .iter()
            .flat_map(|a| &a.claims)
            .map(|c| {
                std::mem::size_of::<Claim>()
                    + c.rule.len()
                    + c.kind.len()
                    + c.subject.len()
                    + c.qualifier.as_ref().map_or(0, String::len)
                    + c.text.len()
                    + c.quote.len()
            })
            .sum();
        let all = mb_per_s(set.bytes, times[0]);
        let line = format!(
            "extract {} articles ({:.1} MB), all {cores} cores: best of {} {:.2} s = {all:.2} MB/s, {:.2} MB/s per core; {claims} claims ({comparable} comparable)",
            files.len(),
            mb(set.bytes),
            times.len(),
            times[0].as_secs_f64(),
            all / cores as f64
        );
        println!("{line}");
        summary.push(line);
        let line = format!(
            "  the claims kept hold {:.1} MB ({} bytes a claim, of which the quote {:.0}), for {:.1} MB of text read",
            mb(held),
            held / claims.max(1),
            extracted.iter().flat_map(|a| &a.claims).map(|c| c.quote.len()).sum::<usize>() as f64
                / claims.max(1) as f64,
            mb(set.bytes)
        );
        println!("{line}");
        summary.push(line);
        // One thread over the first files only, enough bytes for a stable rate.
        let mut bytes = 0;
        let subset: Vec<(String, Vec<u8>)> = files
            .iter()
            .take_while(|f| {
                bytes += f.1.len();
                bytes <= 6_000_000
            })
            .cloned()
            .collect();
        let subset_bytes: usize = subset.iter().map(|f| f.1.len()).sum();
        let one = rayon::ThreadPoolBuilder::new().num_threads(1).build().expect("a one-thread pool");
        let (times1, _) = one.install(|| time(runs.min(2), || extract_all(&subset, &rules)));
        let single = mb_per_s(subset_bytes, times1[0]);
        let met = single >= 10.0 && all / cores as f64 >= 10.0;
        let line = format!(
            "extract on one thread ({} articles, {:.1} MB): best {:.2} s = {single:.2} MB/s; all cores give {:.2}x that; target 10 MB/s per core: {}",
            subset.len(),
            mb(subset_bytes),
            times1[0].as_secs_f64(),
            all / single,
            if met { "met" } else { "NOT met" }
        );
        println!("{line}");
        summary.push(line);
        let (secs, shown) = time_compare_with(&extracted, &rules);
        let line = format!(
            "compare the extracted claims ({} articles, {comparable} comparable claims): {secs:.3} s, {shown}",
            extracted.len()
        );
        println!("{line}");
        summary.push(line);
    }

    // ---- 2 and 5. The binary end to end, and its memory.
    if wants("binary") {
        let bin = binary_path();
        if !bin.exists() {
            let line = format!(
                "binary: {} not found; run `cargo build --release` first (cargo bench builds benches, not the binary)",
                bin.display()
            );
            println!("{line}");
            summary.push(line);
        } else {
            let stale = newest(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")))
                .zip(std::fs::metadata(&bin).and_then(|m| m.modified()).ok())
                .is_some_and(|(src, built)| src > built);
            if stale {
                let line = format!("warning: {} is older than src/; run `cargo build --release`", bin.display());
                println!("{line}");
                summary.push(line);
            }
            let mut peaks: Vec<(&str, usize, u64, usize)> = Vec::new();
            let mut how = "";
            for set in sets.iter().filter(|s| s.name != "tiny").chain(sets.iter().filter(|s| s.name == "tiny")) {
                let run = run_binary(&bin, &set.dir);
                let peak = run.peak_kb.map(|k| format!("{:.1} MB", k as f64 / 1024.0)).unwrap_or("?".into());
                let line = format!(
                    "binary compare {:<6} {:>6} articles {:>6.1} MB: {:>6.2} s ({:>5.2} MB/s), peak RSS {peak}, JSON {:.1} MB listing {} claims, {}",
                    set.name,
                    set.files.len(),
                    mb(set.bytes),
                    run.wall.as_secs_f64(),
                    mb_per_s(set.bytes, run.wall),
                    mb(run.output_bytes),
                    run.output_claims,
                    run.status
                );
                println!("{line}");
                summary.push(line);
                peaks.extend(run.peak_kb.map(|k| (set.name, set.bytes, k, run.output_claims)));
                how = run.how;
            }
            summary.push(format!("  (peak RSS read with {how})"));
            if let Some(&(_, _, base, _)) = peaks.iter().find(|p| p.0 == "tiny") {
                for &(name, bytes, kb, claims) in peaks.iter().filter(|p| p.0 != "tiny") {
                    let above = kb.saturating_sub(base) as f64 * 1024.0;
                    let line = format!(
                        "  memory {name:<6}: {:.1} MB above the 10-article run; {:.0} bytes a listed claim, {:.2} bytes a byte of text",
                        above / 1e6,
                        above / claims.max(1) as f64,
                        above / bytes.max(1) as f64
                    );
                    println!("{line}");
                    summary.push(line);
                }
            }
        }
    }
    // ---- 5. What each report format adds.
    if wants("formats") {
        formats(&sets[0], &root.0, runs, &mut summary);
    }
    drop(root);

    // ---- 4. A million claims.
    if wants("compare") {
        synthetic_compare(million, &mut summary);
    }
    print_summary(&summary);
}

// ---------------------------------------------------------------------------------
// Report formats

/// Every report format, the cheapest first.
const FORMATS: [Report; 8] = [
    Report::Concise,
    Report::Github,
    Report::Human,
    Report::Json,
    Report::Jsonl,
    Report::Sarif,
    Report::Markdown,
    Report::Claimreview,
];

/// What each format adds to a `compare` of `set`: through the library (the printer
/// alone against reading, extraction and comparison), then through the binary (the
/// share of each run spent writing the report, as the run itself tells it).
fn formats(set: &Set, root: &Path, runs: usize, summary: &mut Vec<String>) {
    let rules = RuleSet::load(&rule::bundled_sources()).unwrap_or_else(|e| panic!("bundled rules do not load: {e:?}"));
    // What `compare` does before it writes: read the articles (from the page cache, as
    // in the binary's runs), extract their claims on all cores, compare.
    let (times, (articles, findings)) = time(runs, || {
        let files: Vec<(String, Vec<u8>)> = set
            .files
            .par_iter()
            .map(|p| (p.display().to_string(), std::fs::read(p).expect("read a generated article")))
            .collect();
        let articles = extract_all(&files, &rules);
        let findings = compare::compare(&articles, |c| rules.claim_changes(&c.rule, &c.kind));
        (articles, findings)
    });
    let base = times[0].as_secs_f64();
    let line = format!(
        "formats: read, extract and compare {} articles through the library, best of {runs}: {base:.2} s, {}",
        articles.len(),
        relations(&findings)
    );
    println!("{line}");
    summary.push(line);
    let ctx = Context { articles: articles.len(), ..Context::default() };
    let path = root.join("report.out");
    let mut worst: f64 = 0.0;
    let only = std::env::var("CLAIMCHECK_SCALE_FORMAT").ok();
    for format in FORMATS.into_iter().filter(|f| only.as_ref().is_none_or(|o| *o == f.name())) {
        // Rendered alone, into nothing: what the printer costs without the system's
        // writing.
        let (rendered, _) = time(runs, || format.write(&findings, &ctx, &mut std::io::sink()).expect("render"));
        // Written to a new file as the binary writes it, a thread rendering and another
        // writing. The last run's file is removed first, untimed: freeing its pages is
        // the file system's work on an old report, not this one's.
        let mut best = Duration::MAX;
        for _ in 0..runs {
            let _ = std::fs::remove_file(&path);
            let started = Instant::now();
            let file = std::fs::File::create(&path).expect("create the report file");
            write_in_background(file, |out| format.write(&findings, &ctx, out)).expect("write the report");
            best = best.min(started.elapsed());
        }
        let size = std::fs::metadata(&path).map_or(0, |m| m.len() as usize);
        let share = best.as_secs_f64() / base;
        worst = worst.max(share);
        let line = format!(
            "  {:<11} written in {:.3} s ({:>6.1} MB; rendered alone in {:.3} s): {:.1}% of read, extract and compare",
            format.name(),
            best.as_secs_f64(),
            mb(size),
            rendered[0].as_secs_f64(),
            100.0 * share
        );
        println!("{line}");
        summary.push(line);
    }
    verdict("read, extract and compare", worst, summary);
    drop((articles, findings));

    let bin = binary_path();
    if !bin.exists() {
        return;
    }
    // Rounds of every format in turn, so that a busy moment of the machine does not
    // fall on one format's runs alone. Each run says (CLAIMCHECK_TIMINGS) how long it
    // took and how much of that went to writing the report: the share is measured
    // inside each run, so the runs' differences in speed do not enter it.
    let mut shares: Vec<Vec<f64>> = vec![Vec::new(); FORMATS.len()];
    let mut best = [Duration::MAX; FORMATS.len()];
    for _ in 0..runs {
        for (k, format) in FORMATS.iter().enumerate() {
            let _ = std::fs::remove_file(&path);
            let started = Instant::now();
            let output = Command::new(&bin)
                .arg("compare")
                .arg(&set.dir)
                .args(["--format", &format.name(), "--output"])
                .arg(&path)
                .env("CLAIMCHECK_TIMINGS", "1")
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .output()
                .unwrap_or_else(|e| panic!("cannot run {}: {e}", bin.display()));
            assert!(output.status.success(), "claimcheck compare --format {} failed: {}", format.name(), output.status);
            best[k] = best[k].min(started.elapsed());
            let stderr = String::from_utf8_lossy(&output.stderr);
            let timings = stderr.lines().rev().find_map(|l| l.strip_prefix("timings: "));
            let figures: Vec<f64> = timings
                .unwrap_or_default()
                .split(|c: char| !(c.is_ascii_digit() || c == '.'))
                .filter_map(|w| w.parse().ok())
                .collect();
            if let [total, writing, ..] = figures[..] {
                shares[k].push(writing / total);
            }
        }
    }
    let _ = std::fs::remove_file(&path);
    let mut worst: f64 = 0.0;
    for ((format, time), shares) in FORMATS.iter().zip(best).zip(&mut shares) {
        shares.sort_by(f64::total_cmp);
        let median = shares.get(shares.len() / 2).copied().unwrap_or(f64::NAN);
        worst = worst.max(median);
        let line = format!(
            "  binary compare --format {:<11} best of {runs}: {:.2} s; writing the report {:.1}% of the run (median; {:.1}% to {:.1}%)",
            format.name(),
            time.as_secs_f64(),
            100.0 * median,
            100.0 * shares.first().copied().unwrap_or(f64::NAN),
            100.0 * shares.last().copied().unwrap_or(f64::NAN),
        );
        println!("{line}");
        summary.push(line);
    }
    verdict("a compare run (median)", worst, summary);
}

/// Whether the worst format's share stays under the target of 5% of `of`.
fn verdict(of: &str, worst: f64, summary: &mut Vec<String>) {
    let met = if worst < 0.05 { "met" } else { "NOT met" };
    let line = format!("  every format under 5% of {of}: {met} (worst {:.1}%)", 100.0 * worst);
    println!("{line}");
    summary.push(line);
}

fn time_compare_with(articles: &[ArticleClaims], rules: &RuleSet) -> (f64, String) {
    let started = Instant::now();
    let findings = black_box(compare::compare(articles, |c| rules.claim_changes(&c.rule, &c.kind)));
    let secs = started.elapsed().as_secs_f64();
    (secs, relations(&findings))
}

/// Compare `total` synthetic claims with uniform keys, then the skewed keys at doubling
/// sizes up to `total`, stopping where the next size would take over 30 s by the
/// growth seen so far (and projecting `total` from it).
fn synthetic_compare(total: usize, summary: &mut Vec<String>) {
    let per_article = 10;
    let keys = 3_000;
    let keys_wanted = std::env::var("CLAIMCHECK_SCALE_KEYS").unwrap_or_default();
    if keys_wanted != "zipf" {
        let articles = total / per_article;
        let data = synthetic(articles, per_article, keys, Keys::Uniform, 1);
        let (count, busiest) = key_shape(&data);
        let (secs, shown) = time_compare(&data);
        let line = format!(
            "compare {} claims, uniform over {count} keys ({articles} articles of {STORIES} stories, busiest key in {busiest}): {secs:.2} s, {shown}; target under 3 s: {}",
            articles * per_article,
            if secs < 3.0 { "met" } else { "NOT met" }
        );
        println!("{line}");
        summary.push(line);
        drop(data);
    }
    if keys_wanted == "uniform" {
        return;
    }

    let mut previous: Option<(usize, f64)> = None;
    let mut size = (total / 16).max(per_article * 2);
    loop {
        let articles = size / per_article;
        let data = synthetic(articles, per_article, keys, Keys::Zipf, 2);
        let (count, busiest) = key_shape(&data);
        let (secs, shown) = time_compare(&data);
        let line = format!(
            "compare {} claims, Zipf over {count} keys ({articles} articles, busiest key in {busiest}): {secs:.2} s, {shown}{}",
            articles * per_article,
            if size >= total { if secs < 3.0 { "; target met" } else { "; target NOT met" } } else { "" }
        );
        println!("{line}");
        summary.push(line);
        if size >= total {
            break;
        }
        let next = (size * 2).min(total);
        // The growth seen so far, to decide whether the next size fits the time budget.
        let exponent = previous
            .filter(|(_, t0)| *t0 > 0.05)
            .map(|(n0, t0)| (secs / t0).ln() / (size as f64 / n0 as f64).ln())
            .unwrap_or(1.0);
        if secs * (next as f64 / size as f64).powf(exponent) > 30.0 {
            let projected = secs * (total as f64 / size as f64).powf(exponent);
            let line = format!(
                "compare {total} claims, Zipf: not run (over 30 s); time grows as n^{exponent:.2}, so about {projected:.0} s projected; target NOT met"
            );
            println!("{line}");
            summary.push(line);
            break;
        }
        previous = Some((size, secs));
        size = next;
    }
}

/// The load average: other processes on the machine skew every figure here.
fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into())
}

fn print_summary(lines: &[String]) {
    println!();
    println!("load average at the end: {}", load());
    println!("==== claimcheck scale summary ====");
    for l in lines {
        println!("{l}");
    }
    println!("==================================");
}
