//! End-to-end tests of `claimcheck values`: the binary as a user runs it, on the bad
//! inputs a news pipeline meets (empty, invalid UTF-8, binary, missing, absurd figures,
//! one enormous line, a malformed front matter) and on the JSON contract of DESIGN.md.

use serde_json::{Value as Json, json};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

mod common;
use common::{Run, run_with};

/// The `values` array of a run's JSON document.
fn values_of(run: &Run) -> Vec<Json> {
    match run.json().get("values") {
        Some(Json::Array(values)) => values.clone(),
        other => panic!("no `values` array but {other:?}: {run:?}"),
    }
}

/// Run `claimcheck` with `args`, feeding `stdin` (nothing when `None`).
fn run(args: &[&str], stdin: Option<&[u8]>) -> Run {
    run_with(None, args, stdin)
}

/// A file under the temp folder with a name no other test (or test run) uses; removed
/// when dropped.
struct TempFile {
    path: PathBuf,
}

impl TempFile {
    fn new(name: &str, bytes: &[u8]) -> TempFile {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("claimcheck-values-cli-{}-{n}-{name}", std::process::id()));
        std::fs::write(&path, bytes).expect("write temp file");
        TempFile { path }
    }

    fn arg(&self) -> &str {
        self.path.to_str().expect("temp path is UTF-8")
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// The JSON rows as (text, value) pairs, after checking that every row's `text` is
/// the input's bytes at `start..end`.
fn rows(input: &[u8], run: &Run) -> Vec<(String, Json)> {
    values_of(run)
        .into_iter()
        .map(|row| {
            let text = row["text"].as_str().unwrap_or_else(|| panic!("row without text: {row}")).to_string();
            let start = row["start"].as_u64().unwrap_or_else(|| panic!("row without start: {row}")) as usize;
            let end = row["end"].as_u64().unwrap_or_else(|| panic!("row without end: {row}")) as usize;
            assert!(start < end && end <= input.len(), "span {start}..{end} out of the input: {row}");
            assert_eq!(&input[start..end], text.as_bytes(), "text is not the input at its span: {row}");
            (text, row["value"].clone())
        })
        .collect()
}

fn day(date: &str, grain: &str) -> Json {
    json!({"type": "date", "start": date, "end": date, "grain": grain})
}

#[test]
fn empty_file_gives_no_values() {
    let file = TempFile::new("empty.txt", b"");
    let got = run(&["values", file.arg(), "--format", "json"], None);
    got.assert_code(0);
    assert_eq!(got.stderr, "");
    let doc = got.json();
    assert_eq!(doc["schema_version"], json!(1));
    assert_eq!(doc["values"], json!([]));

    let human = run(&["values", file.arg()], None);
    human.assert_code(0);
    assert_eq!(human.stdout, "no values found\n");
}

#[test]
fn empty_stdin_gives_no_values() {
    for args in [&["values", "-", "--format", "json"][..], &["values", "--format", "json"][..]] {
        let got = run(args, Some(b""));
        got.assert_code(0);
        assert_eq!(got.stderr, "", "{args:?}");
        let doc = got.json();
        assert_eq!(doc["values"], json!([]), "{args:?}");
        assert_eq!(doc["path"], json!("-"), "{args:?}");
    }
}

#[test]
fn invalid_utf8_is_read_lossily_with_offsets_kept() {
    let input: &[u8] = b"caf\xe9 lasted 5 hours";
    let file = TempFile::new("latin1.txt", input);
    let got = run(&["values", file.arg(), "--format", "json"], None);
    got.assert_code(0);
    assert!(got.stderr.contains("warning:"), "{}", got.stderr);
    assert!(got.stderr.contains("byte 3"), "the warning names the offset: {}", got.stderr);
    assert!(got.stderr.contains(file.arg()), "the warning names the file: {}", got.stderr);
    let values = values_of(&got);
    assert_eq!(values.len(), 1, "{values:?}");
    let (start, end) = (values[0]["start"].as_u64().unwrap() as usize, values[0]["end"].as_u64().unwrap() as usize);
    assert_eq!(&input[start..end], b"5 hours");
    assert_eq!((start, end), (12, 19));
    assert_eq!(values[0]["text"], json!("5 hours"));
    assert_eq!((values[0]["line"].clone(), values[0]["column"].clone()), (json!(1), json!(13)));
    assert_eq!(
        values[0]["value"],
        json!({"type": "duration", "seconds": 18000, "mod": "exact", "min_seconds": 18000, "max_seconds": 18000})
    );
}

#[test]
fn invalid_utf8_on_stdin_keeps_offsets_across_several_bad_bytes() {
    // A lone continuation byte, a truncated three-byte sequence, and a stray 0xFF.
    let input: &[u8] = b"\x80 talks \xe2\x80 ran over four hours \xff on December 2.";
    let got = run(&["values", "-", "--published", "2025-12-03", "--format", "json"], Some(input));
    got.assert_code(0);
    assert!(got.stderr.contains("byte 0"), "first bad byte is at 0: {}", got.stderr);
    let found = rows(input, &got);
    let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(texts, ["over four hours", "December 2"]);
    assert_eq!(found[1].1, day("2025-12-02", "day"));
}

#[test]
fn binary_file_is_an_input_error_naming_it() {
    let file = TempFile::new("archive.bin", b"PK\x03\x04\x00\x00 lasted 5 hours");
    let got = run(&["values", file.arg(), "--format", "json"], None);
    got.assert_code(2);
    assert_eq!(got.stdout, "");
    assert!(got.stderr.contains(file.arg()), "names the file: {}", got.stderr);
    assert!(got.stderr.contains("binary"), "says why: {}", got.stderr);
}

#[test]
fn missing_file_is_an_input_error_naming_it() {
    let path = std::env::temp_dir().join(format!("claimcheck-values-cli-{}-no-such-file.md", std::process::id()));
    let path = path.to_str().unwrap();
    let got = run(&["values", path], None);
    got.assert_code(2);
    assert_eq!(got.stdout, "");
    assert!(got.stderr.contains(path), "names the file: {}", got.stderr);
}

#[test]
fn a_folder_is_an_input_error_naming_it() {
    let dir = std::env::temp_dir();
    let got = run(&["values", dir.to_str().unwrap()], None);
    got.assert_code(2);
    assert!(got.stderr.contains(dir.to_str().unwrap()), "{}", got.stderr);
}

#[test]
fn absurd_numbers_never_panic() {
    let got = run(&["values", "-", "--format", "json"], Some(b"999999999999999999999999 points"));
    got.assert_code(0);
    // Longer than any figure a reporter writes: a serial number, not a value (and no
    // tail of it read as one either).
    assert_eq!(values_of(&got), Vec::<Json>::new());

    let absurd = [
        "99999999999999999999999999th meeting",
        "minus 999999999999999 trillion hours",
        "999999999999999.999999999999 million years",
        "between 999999999999999 and 9999999999999999 years",
        "in 9999 years and 10000 years ago, on December 31, 9999",
        "the 99999999999999999999th of December 99999",
        "99999999999999999999999999999999999999999999999999999999999999999999999999999999 hours",
        "1,000,000,000,000,000,000,000 days",
        "0.000000000000000000000000000000000000000000000000000001 seconds",
        "$999999999999999 trillion, 999999999999999%, 1e308 points",
    ];
    for text in absurd {
        for published in ["0000-01-01", "9999-12-31"] {
            let got = run(&["values", "-", "--published", published, "--format", "json"], Some(text.as_bytes()));
            got.assert_code(0);
            rows(text.as_bytes(), &got);
        }
    }
}

/// One line of about 50 MB: filler words with a few value phrases every 500 KB. The
/// time it takes belongs in `benches/values.rs`; here it must finish, in bounded
/// memory, with every value found.
#[test]
fn a_50_mb_single_line_is_read_whole() {
    const TOTAL: usize = 50 * 1024 * 1024;
    const EVERY: usize = 500 * 1024;
    let phrase = "met on December 2 for over four hours, the sixth round ";
    let filler = "ab ".repeat(EVERY / 3);
    let mut input = String::with_capacity(TOTAL + EVERY);
    let mut phrases = 0;
    while input.len() < TOTAL {
        input.push_str(&filler);
        input.push_str(phrase);
        phrases += 1;
    }
    assert!(!input.contains('\n'));
    let file = TempFile::new("one-line.txt", input.as_bytes());
    drop(input);
    let got = run(&["values", file.arg(), "--format", "json"], None);
    got.assert_code(0);
    let values = values_of(&got);
    assert_eq!(values.len(), 3 * phrases, "three values per phrase");
    let texts: Vec<&str> = values.iter().take(3).map(|v| v["text"].as_str().unwrap()).collect();
    assert_eq!(texts, ["December 2", "over four hours", "sixth"]);
    assert!(values.iter().all(|v| v["line"] == json!(1)));
}

#[test]
fn bad_front_matter_date_names_file_and_line() {
    let file = TempFile::new("bad-date.md", b"---\ntitle: Talks\npublished: 2025-13-45\n---\nThey met for 5 hours.\n");
    for format in ["human", "json"] {
        let got = run(&["values", file.arg(), "--format", format], None);
        got.assert_code(2);
        assert_eq!(got.stdout, "", "{format}");
        let at = format!("{}:3:", file.arg());
        assert!(got.stderr.contains(&at), "expected {at:?} in {}", got.stderr);
        assert!(got.stderr.contains("2025-13-45"), "quotes the bad value: {}", got.stderr);
    }
}

#[test]
fn published_flag_places_weekdays_and_relative_weeks() {
    let input = "The envoys met on Sunday. They will return next week.\n";
    // 2025-12-01 is a Monday: the Sunday before it, and the week after this one.
    let got = run(&["values", "-", "--published", "2025-12-01", "--format", "json"], Some(input.as_bytes()));
    got.assert_code(0);
    assert_eq!(got.json()["published"], json!("2025-12-01"));
    assert_eq!(
        rows(input.as_bytes(), &got),
        [
            ("on Sunday".to_string(), day("2025-11-30", "day")),
            (
                "next week".to_string(),
                json!({"type": "date", "start": "2025-12-08", "end": "2025-12-14", "grain": "week"})
            ),
        ]
    );

    // The design's example: "next week" in an article of Wednesday 2025-11-26.
    let got = run(&["values", "-", "--published", "2025-11-26", "--format", "json"], Some(input.as_bytes()));
    got.assert_code(0);
    assert_eq!(
        rows(input.as_bytes(), &got),
        [
            ("on Sunday".to_string(), day("2025-11-23", "day")),
            (
                "next week".to_string(),
                json!({"type": "date", "start": "2025-12-01", "end": "2025-12-07", "grain": "week"})
            ),
        ]
    );
}

#[test]
fn without_a_date_weekdays_and_relative_dates_stay_unplaced() {
    let input = "The envoys met on Sunday. They will return next week.\n";
    let got = run(&["values", "-", "--format", "json"], Some(input.as_bytes()));
    got.assert_code(0);
    assert_eq!(got.json()["published"], json!(null));
    let found = rows(input.as_bytes(), &got);
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(
        found[0].1,
        json!({"type": "date", "start": null, "end": null, "grain": "weekday", "weekday": "sunday"})
    );
    assert_eq!((found[1].1["start"].clone(), found[1].1["end"].clone()), (json!(null), json!(null)));
}

#[test]
fn front_matter_date_places_values_and_spans_count_the_front_matter() {
    let input = "---\ntitle: Talks\npublished: 2025-12-01\n---\nThe envoys met on Sunday.\n";
    let file = TempFile::new("dated.md", input.as_bytes());
    let expected = [("on Sunday".to_string(), day("2025-11-30", "day"))];

    let got = run(&["values", file.arg(), "--format", "json"], None);
    got.assert_code(0);
    assert_eq!(got.json()["published"], json!("2025-12-01"));
    assert_eq!(rows(input.as_bytes(), &got), expected);
    let row = &values_of(&got)[0];
    assert_eq!((row["line"].clone(), row["column"].clone()), (json!(5), json!(16)));

    // The article's own date is the one it was published on; the flag is for
    // articles that give none.
    let got = run(&["values", file.arg(), "--published", "2025-12-10", "--format", "json"], None);
    got.assert_code(0);
    assert_eq!(got.json()["published"], json!("2025-12-01"));
    assert_eq!(rows(input.as_bytes(), &got), expected);
}

#[test]
fn json_follows_the_contract_for_every_value_type() {
    let input = "The 28-point plan was cut to 19 points. The sixth meeting, on December 2, lasted over \
                 four hours; aides spoke of almost four years of war and guarantees of up to 50 years.\n";
    let got = run(&["values", "-", "--published", "2025-12-03", "--format", "json"], Some(input.as_bytes()));
    got.assert_code(0);
    assert_eq!(got.stderr, "");
    let doc = got.json();
    assert_eq!(doc["schema_version"], json!(1));
    let number = |n: i64| json!({"type": "number", "value": n, "mod": "exact", "min": n, "max": n});
    let year = 365 * 86_400;
    let expected = [
        ("28", number(28)),
        ("19", number(19)),
        ("sixth", json!({"type": "ordinal", "value": 6})),
        ("December 2", day("2025-12-02", "day")),
        (
            "over four hours",
            json!({"type": "duration", "seconds": 14400, "mod": "more", "min_seconds": 14400, "max_seconds": null}),
        ),
        (
            "almost four years",
            json!({"type": "duration", "seconds": 4 * year, "mod": "less",
                   "min_seconds": 113_529_600, "max_seconds": 4 * year}),
        ),
        (
            "up to 50 years",
            json!({"type": "duration", "seconds": 50 * year, "mod": "up_to", "min_seconds": 0,
                   "max_seconds": 50 * year}),
        ),
    ];
    let expected: Vec<(String, Json)> = expected.into_iter().map(|(t, v)| (t.to_string(), v)).collect();
    assert_eq!(rows(input.as_bytes(), &got), expected);
    for row in values_of(&got) {
        for field in ["text", "start", "end", "line", "column", "value"] {
            assert!(row.get(field).is_some(), "row lacks {field}: {row}");
        }
    }
}

#[test]
fn human_format_prints_a_table() {
    let input = "The sixth meeting lasted over four hours on December 2.\n";
    let got = run(&["values", "-", "--published", "2025-12-03", "--format", "human"], Some(input.as_bytes()));
    got.assert_code(0);
    let lines: Vec<&str> = got.stdout.lines().collect();
    assert_eq!(lines.len(), 5, "header, three rows, a count: {}", got.stdout);
    assert_eq!(lines[0].split_whitespace().collect::<Vec<_>>(), ["WHERE", "TYPE", "TEXT", "VALUE"]);
    let row = |i: usize| lines[i].split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(row(1), "1:5 ordinal sixth #6");
    assert_eq!(row(2), "1:26 duration over four hours more than 4 hours");
    assert_eq!(row(3), "1:45 date December 2 2025-12-02");
    assert_eq!(lines[4], "3 values");
    // Columns line up under the header.
    let type_col = lines[0].find("TYPE").unwrap();
    assert!(lines[1..4].iter().all(|l| l.get(type_col..).is_some_and(|s| !s.starts_with(' '))), "{}", got.stdout);
}

#[test]
fn bad_published_flag_is_a_usage_error() {
    for bad in ["2025-02-30", "2025-13-01", "yesterday", "12/02/2025"] {
        let got = run(&["values", "-", "--published", bad], Some(b"They met for 5 hours."));
        got.assert_code(2);
        assert_eq!(got.stdout, "", "{bad}");
        assert!(got.stderr.contains("--published"), "names the flag: {}", got.stderr);
        assert!(got.stderr.contains(bad), "quotes the value: {}", got.stderr);
    }
}

#[test]
fn unknown_format_is_a_usage_error() {
    let got = run(&["values", "-", "--format", "xml"], Some(b""));
    got.assert_code(2);
    assert_eq!(got.stdout, "");
}
