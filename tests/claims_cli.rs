//! End-to-end tests of the claim commands (`extract`, `compare`, `check`, `diff`,
//! `rules test`, `rules list`): the binary as a user or a CI job runs it, on bad inputs
//! mixed with good ones, on articles that contradict the bundled corpus, on user rule
//! folders (good and broken), and on the JSON contract of DESIGN.md.
//!
//! The test articles here are written for these tests; the corpus is read from
//! `corpus/` (copied to a temp folder where a test needs to watch it).

use serde_json::{Value as Json, json};
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");

/// F: the Kremlin meeting on Tuesday, December 2, "nearly five hours".
const KREMLIN_F: &str = "2025-12-03-baltic-crossroads-kremlin.md";
/// H: the deliberate contradiction, the Kremlin meeting "on December 3".
const KREMLIN_H: &str = "2025-12-04-riverbend-gazette-kremlin-recap.md";
/// M and N: the Mar-a-Lago meeting, the guarantee terms and the year-end summary.
const LANTERN_M: &str = "2025-12-29-lantern-review-mar-a-lago.md";
const GRANITE_N: &str = "2025-12-31-granite-herald-year-end.md";
/// O: the undated explainer (`published: unknown`).
const UNDATED_O: &str = "unknown-crossfield-plan-explainer.md";

/// A new article that dates the Kremlin meeting a day after the corpus says it ended.
const WRONG_DATE_ARTICLE: &str = "---
title: Envoys spent an evening at the Kremlin
outlet: Claimcheck Test Desk
published: 2025-12-05
---
Steve Witkoff and Jared Kushner were received by Vladimir Putin at the Kremlin on December 4, a Russian spokesman told reporters.
";

/// A new article that shortens the five-hour Kremlin meeting to about two hours (the
/// date in the same paragraph ties it to that meeting).
const SHORT_MEETING_ARTICLE: &str = "---
title: A brief encounter in Moscow
outlet: Claimcheck Test Desk
published: 2025-12-05
---
Vladimir Putin received Steve Witkoff and Jared Kushner at the Kremlin on December 2, and the meeting lasted about two hours, according to a Russian spokesman.
";

mod common;
use common::{CLEAN_ARTICLE, Run, run_with, ukraine_story};

/// The stderr lines of a run that mention `needle`.
fn stderr_lines_with<'a>(run: &'a Run, needle: &str) -> Vec<&'a str> {
    run.stderr.lines().filter(|l| l.contains(needle)).collect()
}

/// The error lines of a run's stderr.
fn error_lines(run: &Run) -> Vec<&str> {
    run.stderr.lines().filter(|l| l.starts_with("error:")).collect()
}

fn run_in(cwd: Option<&Path>, args: &[&str]) -> Run {
    run_with(cwd, args, None)
}

fn run(args: &[&str]) -> Run {
    run_in(None, args)
}

/// Run from the crate root, so corpus paths print as `corpus/...`.
fn run_at_root(args: &[&str]) -> Run {
    run_in(Some(Path::new(env!("CARGO_MANIFEST_DIR"))), args)
}

/// A folder under the temp folder with a name no other test (or test run) uses;
/// removed with everything in it when dropped.
struct TempDir {
    path: PathBuf,
}

impl TempDir {
    fn new(name: &str) -> TempDir {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("claimcheck-claims-cli-{}-{n}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("create temp folder");
        TempDir { path }
    }

    /// Write `bytes` to `relative` (creating folders) and return its path as a string.
    fn write(&self, relative: &str, bytes: impl AsRef<[u8]>) -> String {
        let path = self.path.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create folder");
        }
        std::fs::write(&path, bytes).expect("write temp file");
        s(&path)
    }

    fn join(&self, relative: &str) -> String {
        s(&self.path.join(relative))
    }

    fn arg(&self) -> String {
        s(&self.path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        restore_permissions(&self.path);
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// Make every file under `dir` readable again, so a chmod 000 file can be cleaned up.
fn restore_permissions(dir: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(entries) = std::fs::read_dir(dir) {
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    restore_permissions(&path);
                } else if !path.is_symlink() {
                    let _ = std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644));
                }
            }
        }
    }
    #[cfg(not(unix))]
    let _ = dir;
}

fn s(path: &Path) -> String {
    path.to_str().expect("temp path is UTF-8").to_string()
}

fn corpus_file(name: &str) -> String {
    format!("{CORPUS}/{name}")
}

/// Copy the corpus's Ukraine story (its top-level files, README included; not the other
/// stories' folders) into `dest`.
fn copy_corpus(dest: &Path) {
    std::fs::create_dir_all(dest).expect("create corpus copy");
    for entry in std::fs::read_dir(CORPUS).expect("read corpus") {
        let path = entry.expect("corpus entry").path();
        if path.is_file() {
            std::fs::copy(&path, dest.join(path.file_name().unwrap())).expect("copy corpus file");
        }
    }
}

/// Every file under `dir` (relative path) with its length and a hash of its bytes.
fn tree(dir: &Path) -> BTreeMap<String, (usize, u64)> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).expect("read folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let bytes = std::fs::read(&path).expect("read file");
                let mut hasher = std::collections::hash_map::DefaultHasher::new();
                bytes.hash(&mut hasher);
                let relative = path.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                out.insert(relative, (bytes.len(), hasher.finish()));
            }
        }
    }
    out
}

/// The `articles` array of an `extract` document, keyed by path.
fn articles_by_path(doc: &Json) -> BTreeMap<String, Json> {
    assert_eq!(doc["schema_version"], json!(1), "{doc}");
    doc["articles"]
        .as_array()
        .unwrap_or_else(|| panic!("no articles array: {doc}"))
        .iter()
        .map(|a| (a["path"].as_str().expect("article path").to_string(), a.clone()))
        .collect()
}

/// The claims of one article, as (kind, value words) pairs.
fn claim_words(article: &Json) -> Vec<(String, String)> {
    article["claims"]
        .as_array()
        .expect("claims array")
        .iter()
        .map(|c| (c["kind"].as_str().unwrap().to_string(), c["text"].as_str().unwrap().to_string()))
        .collect()
}

fn findings(doc: &Json) -> Vec<Json> {
    assert_eq!(doc["schema_version"], json!(1), "{doc}");
    doc["findings"].as_array().unwrap_or_else(|| panic!("no findings array: {doc}")).clone()
}

/// (path, line) of every claim in a finding.
fn places(finding: &Json) -> Vec<(String, u64)> {
    finding["claims"]
        .as_array()
        .expect("claims array")
        .iter()
        .map(|c| (c["path"].as_str().unwrap().to_string(), c["span"]["line"].as_u64().unwrap()))
        .collect()
}

/// The conflict finding of `kind` (there must be exactly one).
fn conflict_of_kind(findings: &[Json], kind: &str) -> Json {
    let found: Vec<&Json> =
        findings.iter().filter(|f| f["relation"] == json!("conflict") && f["kind"] == json!(kind)).collect();
    assert_eq!(found.len(), 1, "one {kind} conflict expected: {findings:#?}");
    found[0].clone()
}

// --- bad input --------------------------------------------------------------------

/// Bytes of an article whose front matter gives an impossible date on line 3.
const BAD_DATE: &str =
    "---\ntitle: A date that does not exist\npublished: 2025-13-45\n---\nThe original 28-point plan was discussed.\n";

/// An article with two bytes that are not UTF-8; its claim is still read.
const LATIN1: &[u8] = b"The original 28-point plan was \xe9crit \xff in haste.\n";

/// A folder of good articles (F and H of the corpus) mixed with every kind of bad
/// input; returns the folder and the files that must fail, each with the start of its
/// one error line. The chmod 000 file counts only where it really is unreadable.
fn mixed_folder() -> (TempDir, Vec<(String, String)>) {
    let dir = TempDir::new("mixed");
    dir.write(KREMLIN_F, std::fs::read(corpus_file(KREMLIN_F)).unwrap());
    dir.write(KREMLIN_H, std::fs::read(corpus_file(KREMLIN_H)).unwrap());
    let binary = dir.write("binary.txt", b"PK\x03\x04\0\0\0\x08 not an article\0");
    let bad_date = dir.write("bad-date.md", BAD_DATE);
    dir.write("latin1.txt", LATIN1);
    dir.write("empty.md", b"");
    let mut failing =
        vec![(binary.clone(), format!("error: {binary}: ")), (bad_date.clone(), format!("error: {bad_date}:3: "))];
    let locked = dir.write("locked.md", "The original 28-point plan.\n");
    if make_unreadable(Path::new(&locked)) {
        failing.push((locked.clone(), format!("error: {locked}: ")));
    } else {
        eprintln!("skipped the unreadable-file case: chmod 000 does not stop this user (root?) from reading");
    }
    (dir, failing)
}

/// chmod 000; whether the file is now unreadable for this process.
fn make_unreadable(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o000)).expect("chmod 000");
        std::fs::read(path).is_err()
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        false
    }
}

/// Each failing file has one error line naming it; the other files none.
fn assert_one_error_line_per_failed_file(got: &Run, failing: &[(String, String)]) {
    for (path, start) in failing {
        let lines = stderr_lines_with(got, path);
        assert_eq!(lines.len(), 1, "one stderr line for {path}: {}", got.stderr);
        assert!(lines[0].starts_with(start.as_str()), "{:?} should start with {start:?}", lines[0]);
    }
    assert_eq!(error_lines(got).len(), failing.len(), "one error line per failed file: {}", got.stderr);
}

#[test]
fn extract_reports_each_bad_file_and_prints_the_good_ones() {
    let (dir, failing) = mixed_folder();
    let got = run(&["extract", &dir.arg(), "--format", "json"]);
    got.assert_code(2);
    assert_one_error_line_per_failed_file(&got, &failing);
    assert!(got.stderr.contains("2025-13-45"), "the bad date is quoted: {}", got.stderr);

    let articles = articles_by_path(&got.json());
    let f = &articles[&dir.join(KREMLIN_F)];
    assert_eq!(f["published"], json!("2025-12-03"));
    let f_claims = claim_words(f);
    assert!(f_claims.contains(&("meeting_date".into(), "Tuesday, December 2".into())), "{f_claims:?}");
    assert!(f_claims.contains(&("meeting_duration".into(), "nearly five hours".into())), "{f_claims:?}");
    let h_claims = claim_words(&articles[&dir.join(KREMLIN_H)]);
    assert!(h_claims.contains(&("meeting_date".into(), "December 3".into())), "{h_claims:?}");
    // Invalid UTF-8 is read (with a warning) and empty files give no claims.
    assert_eq!(claim_words(&articles[&dir.join("latin1.txt")]), vec![("plan_points".into(), "28".into())]);
    assert_eq!(articles[&dir.join("empty.md")]["claims"], json!([]));
    for (path, _) in &failing {
        assert!(!articles.contains_key(path), "a failed file has no entry: {path}");
    }
}

#[test]
fn compare_reports_each_bad_file_and_compares_the_good_ones() {
    let (dir, failing) = mixed_folder();
    let got = run(&["compare", &dir.arg(), "--format", "json"]);
    got.assert_code(2);
    assert_one_error_line_per_failed_file(&got, &failing);
    let findings = findings(&got.json());
    // F and H still meet: H's December 3 against F's December 2.
    let date = conflict_of_kind(&findings, "meeting_date");
    let paths: Vec<String> = places(&date).into_iter().map(|(p, _)| p).collect();
    assert_eq!(paths, vec![dir.join(KREMLIN_F), dir.join(KREMLIN_H)]);
}

#[test]
fn human_extract_also_reports_bad_files_and_prints_the_good_ones() {
    let (dir, failing) = mixed_folder();
    let got = run(&["extract", &dir.arg()]);
    got.assert_code(2);
    assert_one_error_line_per_failed_file(&got, &failing);
    assert!(got.stdout.contains(&format!("{} (2025-12-03)", dir.join(KREMLIN_F))), "{}", got.stdout);
    assert!(got.stdout.contains("\"Tuesday, December 2\""), "{}", got.stdout);
}

#[test]
fn invalid_utf8_and_empty_files_are_not_failures() {
    let dir = TempDir::new("lenient");
    let latin1 = dir.write("latin1.txt", LATIN1);
    dir.write("empty.md", b"");
    dir.write("blank.txt", b"\n\n   \n");
    dir.write(KREMLIN_F, std::fs::read(corpus_file(KREMLIN_F)).unwrap());
    for command in ["extract", "compare"] {
        let got = run(&[command, &dir.arg(), "--format", "json"]);
        got.assert_code(0);
        assert!(error_lines(&got).is_empty(), "{command}: no errors: {}", got.stderr);
        let warnings = stderr_lines_with(&got, &latin1);
        assert_eq!(warnings.len(), 1, "{command}: one warning naming the file: {}", got.stderr);
        assert!(warnings[0].starts_with(&format!("warning: {latin1}: invalid UTF-8 at byte 31")), "{}", warnings[0]);
        assert_eq!(got.stderr.lines().count(), 1, "{command}: nothing else on stderr: {}", got.stderr);
    }
    let articles = articles_by_path(&run(&["extract", &dir.arg(), "--format", "json"]).json());
    assert_eq!(articles.len(), 4, "{articles:?}");
    assert_eq!(articles[&dir.join("empty.md")]["claims"], json!([]));
    assert_eq!(articles[&dir.join("blank.txt")]["claims"], json!([]));
    // The claim's span still counts bytes of the file as it is.
    let claim = &articles[&latin1]["claims"][0];
    assert_eq!(claim["span"], json!({"start": 13, "end": 15, "line": 1, "column": 14}));
}

#[test]
fn an_unreadable_file_alone_is_exit_2_naming_it() {
    let dir = TempDir::new("locked");
    let locked = dir.write("locked.md", "The original 28-point plan.\n");
    if !make_unreadable(Path::new(&locked)) {
        eprintln!("skipped: chmod 000 does not stop this user (root?) from reading");
        return;
    }
    let got = run(&["extract", &locked, "--format", "json"]);
    got.assert_code(2);
    assert_eq!(error_lines(&got).len(), 1, "{}", got.stderr);
    assert!(error_lines(&got)[0].starts_with(&format!("error: {locked}: cannot read")), "{}", got.stderr);
}

#[cfg(unix)]
#[test]
fn a_dangling_link_is_an_unreadable_file_even_for_root() {
    let dir = TempDir::new("dangling");
    dir.write(KREMLIN_F, std::fs::read(corpus_file(KREMLIN_F)).unwrap());
    let link = dir.join("gone.md");
    std::os::unix::fs::symlink(dir.join("nowhere.md"), &link).expect("symlink");
    let got = run(&["extract", &dir.arg(), "--format", "json"]);
    got.assert_code(2);
    assert_one_error_line_per_failed_file(&got, &[(link.clone(), format!("error: {link}: cannot read"))]);
    assert!(articles_by_path(&got.json()).contains_key(&dir.join(KREMLIN_F)));
}

#[test]
fn a_missing_path_is_exit_2_naming_it() {
    let dir = TempDir::new("missing");
    let missing = dir.join("no-such-article.md");
    let f = corpus_file(KREMLIN_F);
    for command in ["extract", "compare"] {
        let got = run(&[command, &missing, &f, "--format", "json"]);
        got.assert_code(2);
        assert_eq!(error_lines(&got), vec![format!("error: {missing}: no such file or folder")], "{command}");
        got.json();
    }
    let got = run(&["extract", &missing, &f, "--format", "json"]);
    assert!(articles_by_path(&got.json()).contains_key(&f), "the good file is still read");

    let got = run(&["check", &missing, "--against", CORPUS]);
    got.assert_code(2);
    assert_eq!(error_lines(&got), vec![format!("error: {missing}: no such file or folder")]);
    let got = run(&["check", &f, "--against", &missing]);
    got.assert_code(2);
    assert_eq!(error_lines(&got), vec![format!("error: {missing}: no such file or folder")]);
    let got = run(&["diff", &missing, &f]);
    got.assert_code(2);
    assert_eq!(stderr_lines_with(&got, &missing).len(), 1, "{}", got.stderr);
}

// --- check --------------------------------------------------------------------------

/// A copy of the corpus's Ukraine story and a folder for new articles, side by side.
struct CheckSetup {
    dir: TempDir,
    corpus: String,
}

impl CheckSetup {
    fn new(name: &str) -> CheckSetup {
        let dir = TempDir::new(name);
        let corpus = dir.join("corpus");
        copy_corpus(Path::new(&corpus));
        let top_level = std::fs::read_dir(CORPUS).unwrap().filter(|e| e.as_ref().is_ok_and(|e| e.path().is_file()));
        assert_eq!(tree(Path::new(&corpus)).len(), top_level.count(), "a whole copy of the story");
        CheckSetup { dir, corpus }
    }

    fn corpus_file(&self, name: &str) -> String {
        format!("{}/{name}", self.corpus)
    }

    /// Run `check NEW --against CORPUS` (plus `extra`) and check that the corpus is
    /// unchanged: same files, same bytes, nothing added.
    fn check(&self, new: &str, extra: &[&str]) -> Run {
        let before = tree(Path::new(&self.corpus));
        let mut args = vec!["check", new, "--against", &self.corpus];
        args.extend_from_slice(extra);
        let got = run(&args);
        assert_eq!(tree(Path::new(&self.corpus)), before, "check changed the corpus");
        got
    }
}

#[test]
fn check_passes_a_clean_article() {
    let setup = CheckSetup::new("check-clean");
    let new = setup.dir.write("new/clean.md", CLEAN_ARTICLE);
    let got = setup.check(&new, &["--format", "json"]);
    got.assert_code(0);
    assert_eq!(got.stderr, "");
    let findings = findings(&got.json());
    assert!(!findings.is_empty(), "the clean article agrees with the corpus on something");
    for f in &findings {
        assert_eq!(f["relation"], json!("agree"), "{f}");
        assert!(places(f).iter().any(|(p, _)| *p == new), "every finding involves the new article: {f}");
    }
    let geneva = findings.iter().find(|f| f["kind"] == json!("meeting_date")).expect("the Geneva date finding");
    assert!(places(geneva).contains(&(new.clone(), 6)), "{geneva}");

    let human = setup.check(&new, &[]);
    human.assert_code(0);
    assert!(human.stdout.contains(&format!("{new}:6:")), "{}", human.stdout);
    assert!(human.stdout.ends_with("0 conflicts, 0 updates, 2 agreements across 16 articles\n"), "{}", human.stdout);
}

#[test]
fn check_fails_an_article_that_misdates_the_kremlin_meeting() {
    let setup = CheckSetup::new("check-date");
    let new = setup.dir.write("new/wrong-date.md", WRONG_DATE_ARTICLE);
    let got = setup.check(&new, &["--format", "json"]);
    got.assert_code(1);
    assert_eq!(got.stderr, "");
    let findings = findings(&got.json());
    let date = conflict_of_kind(&findings, "meeting_date");
    let at = places(&date);
    assert!(at.contains(&(new.clone(), 6)), "the new article's line: {at:?}");
    assert!(at.contains(&(setup.corpus_file(KREMLIN_F), 7)), "F's December 2: {at:?}");
    assert!(at.contains(&(setup.corpus_file(KREMLIN_H), 7)), "H's December 3: {at:?}");
    let new_claim = date["claims"].as_array().unwrap().iter().find(|c| c["path"] == json!(new)).unwrap();
    assert_eq!(new_claim["text"], json!("December 4"));
    assert_eq!(new_claim["published"], json!("2025-12-05"));
    assert_eq!(new_claim["value"], json!({"type": "date", "start": "2025-12-04", "end": "2025-12-04", "grain": "day"}));

    let human = setup.check(&new, &[]);
    human.assert_code(1);
    assert!(human.stdout.starts_with("conflict[meeting_date] "), "{}", human.stdout);
    let column = WRONG_DATE_ARTICLE.lines().nth(5).unwrap().find("December 4").unwrap() + 1;
    let want = format!("  {new}:6:{column}  2025-12-04  \"December 4\"  (2025-12-05)");
    assert!(human.stdout.contains(&want), "{want:?} in\n{}", human.stdout);
    assert!(human.stdout.contains(&format!("  {}:7:75  2025-12-02", setup.corpus_file(KREMLIN_F))), "{}", human.stdout);
}

#[test]
fn check_fails_an_article_that_shortens_the_kremlin_meeting() {
    let setup = CheckSetup::new("check-duration");
    let new = setup.dir.write("new/short-meeting.md", SHORT_MEETING_ARTICLE);
    let got = setup.check(&new, &["--format", "json"]);
    got.assert_code(1);
    let findings = findings(&got.json());
    let duration = conflict_of_kind(&findings, "meeting_duration");
    let at = places(&duration);
    assert!(at.contains(&(new.clone(), 6)), "{at:?}");
    for counterpart in [KREMLIN_F, "2025-12-03-evening-meridian-five-hour-talks.md", KREMLIN_H] {
        assert!(at.contains(&(setup.corpus_file(counterpart), 7)), "{counterpart}: {at:?}");
    }
    let new_claim = duration["claims"].as_array().unwrap().iter().find(|c| c["path"] == json!(new)).unwrap();
    assert_eq!(new_claim["text"], json!("about two hours"));
    assert_eq!(new_claim["value"]["mod"], json!("approx"));
    assert_eq!(new_claim["subject"], duration["subject"]);
}

#[test]
fn check_with_several_formats_and_rules_never_writes_to_the_corpus() {
    // CheckSetup::check compares the corpus before and after every run; this adds the
    // runs that write the most (JSON, a user rule folder, several new articles).
    let setup = CheckSetup::new("check-readonly");
    setup.dir.write("rules/drones/strikes.toml", DRONE_RULE);
    let rules = setup.dir.join("rules");
    let a = setup.dir.write("new/a.md", WRONG_DATE_ARTICLE);
    let b = setup.dir.write("new/b.md", CLEAN_ARTICLE);
    let got = setup.check(&a, &[&b, "--rules", &rules, "--format", "json"]);
    got.assert_code(1);
    let got = setup.check(&setup.dir.join("new"), &[]);
    got.assert_code(1);
}

#[test]
fn a_new_article_inside_the_corpus_is_not_compared_with_itself() {
    let setup = CheckSetup::new("check-self");
    // H, checked where it lies, spelled differently from the folder walk's path.
    let h = format!("{}/./{KREMLIN_H}", setup.corpus);
    let got = setup.check(&h, &["--format", "json"]);
    got.assert_code(1);
    for finding in findings(&got.json()) {
        let at = places(&finding);
        let mine: Vec<&(String, u64)> = at.iter().filter(|(p, _)| p.ends_with(KREMLIN_H)).collect();
        assert_eq!(mine.len(), 1, "H once per finding, under the path given: {finding}");
        assert_eq!(mine[0].0, h);
    }
    let human = setup.check(&h, &[]);
    assert!(human.stdout.ends_with("across 15 articles\n"), "15 articles, not 16: {}", human.stdout);

    // A new article whose only claim no other article makes: no finding at all.
    let rules = setup.dir.join("rules");
    setup.dir.write("rules/drones/strikes.toml", DRONE_RULE);
    let new = setup.dir.write("corpus/incoming/2025-12-06-drones.md", DRONE_ARTICLE);
    let got = setup.check(&new, &["--rules", &rules, "--format", "json"]);
    got.assert_code(0);
    assert_eq!(findings(&got.json()), Vec::<Json>::new());
    // The same article, checked from elsewhere against a copy of it, does agree.
    let twin = setup.dir.write("twin/2025-12-06-drones.md", DRONE_ARTICLE);
    let got = setup.check(&twin, &["--rules", &rules, "--format", "json"]);
    got.assert_code(0);
    let findings = findings(&got.json());
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0]["relation"], json!("agree"));
    assert_eq!(places(&findings[0]), vec![(new.clone(), 6), (twin.clone(), 6)]);
}

#[test]
fn check_with_a_bad_new_file_is_exit_2() {
    let setup = CheckSetup::new("check-bad");
    let binary = setup.dir.write("new/binary.md", b"\0\0\0\x01claims?\0");
    let got = setup.check(&binary, &["--format", "json"]);
    got.assert_code(2);
    assert_eq!(error_lines(&got).len(), 1, "{}", got.stderr);
    assert!(error_lines(&got)[0].starts_with(&format!("error: {binary}: binary file")), "{}", got.stderr);
    got.json();

    let bad_date = setup.dir.write("new/bad-date.md", BAD_DATE);
    let got = setup.check(&bad_date, &[]);
    got.assert_code(2);
    assert_eq!(error_lines(&got).len(), 1, "{}", got.stderr);
    assert!(error_lines(&got)[0].starts_with(&format!("error: {bad_date}:3: ")), "{}", got.stderr);

    // An input error outranks a conflict: exit 2, and the conflict is still printed.
    let wrong = setup.dir.write("new/wrong-date.md", WRONG_DATE_ARTICLE);
    let got = setup.check(&wrong, &[&binary, "--format", "json"]);
    got.assert_code(2);
    conflict_of_kind(&findings(&got.json()), "meeting_date");
}

// --- diff ---------------------------------------------------------------------------

/// Every line of a diff body is context, removal or addition, and ends with its lines.
fn assert_diff_shape(out: &str, a: &str, b: &str) {
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.first(), Some(&format!("--- {a}").as_str()), "{out}");
    assert_eq!(lines.get(1), Some(&format!("+++ {b}").as_str()), "{out}");
    assert!(lines.get(2).is_some_and(|l| l.starts_with("@@ -")), "{out}");
    for line in &lines[3..] {
        let ends_ok = match line.chars().next() {
            Some(' ') => {
                let tail = line.rsplit_once("  (line ").map(|(_, t)| t).unwrap_or("");
                tail.ends_with(')') && tail.contains(" | line ")
            }
            Some('-' | '+') => {
                let tail = line.rsplit_once("  (line ").map(|(_, t)| t).unwrap_or("");
                tail.strip_suffix(')').is_some_and(|n| n.parse::<usize>().is_ok())
            }
            _ => false,
        };
        assert!(ends_ok, "diff line out of shape: {line:?}\n{out}");
    }
}

#[test]
fn diff_shows_shared_claims_as_context_and_differences_as_minus_plus() {
    let (m, n) = (format!("corpus/{LANTERN_M}"), format!("corpus/{GRANITE_N}"));
    let got = run_at_root(&["diff", &m, &n]);
    got.assert_code(0);
    assert_eq!(got.stderr, "");
    assert_diff_shape(&got.stdout, &m, &n);
    let lines: Vec<&str> = got.stdout.lines().collect();
    for want in [
        " guarantee_duration security-guarantee/proposed = 15 years  (line 7 | line 9)",
        " meeting_date trump-zelenski@florida/week-of-2025-12-22 = 2025-12-28  (line 9 | line 9)",
        " plan_points main-plan/revised = 20  (line 11 | line 11)",
        "-war_duration russia-ukraine-war/since-2014 = just under 12 years  (line 15)",
        "+plan_points main-plan/original = 28  (line 11)",
    ] {
        assert!(lines.contains(&want), "missing {want:?} in\n{}", got.stdout);
    }

    let (f, h) = (format!("corpus/{KREMLIN_F}"), format!("corpus/{KREMLIN_H}"));
    let got = run_at_root(&["diff", &f, &h]);
    got.assert_code(0);
    assert_diff_shape(&got.stdout, &f, &h);
    let lines: Vec<&str> = got.stdout.lines().collect();
    assert!(
        lines.contains(&"-meeting_date kushner-putin-witkof@kremlin/week-of-2025-12-01 = 2025-12-02  (line 7)"),
        "{}",
        got.stdout
    );
    assert!(
        lines.contains(&"+meeting_date kushner-putin-witkof@kremlin/week-of-2025-12-01 = 2025-12-03  (line 7)"),
        "{}",
        got.stdout
    );
}

/// DESIGN.md: "agreements as context lines, differences as -/+ lines". M's "90
/// percent" and N's "about 90 percent" agree (`compare` reports them as an agreement),
/// and so do F's "nearly five hours" and H's "five hours"; the diff compares the
/// printed values, not whether they overlap, and shows both pairs as -/+.
#[test]
fn diff_shows_agreeing_values_as_context() {
    let got = run_at_root(&["diff", &format!("corpus/{LANTERN_M}"), &format!("corpus/{GRANITE_N}")]);
    got.assert_code(0);
    let context: Vec<&str> = got.stdout.lines().filter(|l| l.starts_with(' ')).collect();
    assert!(
        context.iter().any(|l| l.contains("peace-deal-agreed-percent-zelenski")),
        "90% and about 90% agree:\n{}",
        got.stdout
    );
    let got = run_at_root(&["diff", &format!("corpus/{KREMLIN_F}"), &format!("corpus/{KREMLIN_H}")]);
    let context: Vec<&str> = got.stdout.lines().filter(|l| l.starts_with(' ')).collect();
    assert!(
        context.iter().any(|l| l.starts_with(" meeting_duration kushner-putin-witkof@kremlin")),
        "just under 5 hours and 5 hours agree:\n{}",
        got.stdout
    );
}

// --- rules --------------------------------------------------------------------------

/// A user rule: drone counts, with one example that holds.
const DRONE_RULE: &str = r#"# How many drones an overnight attack used (a user's rule, for tests).
kind = "troop_count"
subject = "overnight-drone-attack"
description = "How many drones were launched in one night"

patterns = ["{number} drones"]

[[example]]
text = "Overnight the army counted 140 drones over the capital."
claims = [{ value = "140" }]
"#;

/// An article in which only the drone rule finds something.
const DRONE_ARTICLE: &str = "---
title: A long night over the capital
outlet: Claimcheck Test Desk
published: 2025-12-06
---
Air defence crews said 140 drones crossed into the region before dawn, most of them shot down.
";

/// A user rule whose one example cannot match (the pattern wants drones, not tanks).
const FAILING_RULE: &str = r#"kind = "troop_count"
subject = "armour"
patterns = ["{number} drones"]

[[example]]
text = "The column counted 30 tanks."
claims = [{ value = "30" }]
"#;

#[test]
fn rules_test_passes_the_bundled_pack() {
    let got = run(&["rules", "test"]);
    got.assert_code(0);
    let last = got.stdout.lines().last().unwrap_or("");
    let (passed, rest) = last.split_once(" passed, ").unwrap_or_else(|| panic!("summary line: {last:?}"));
    assert!(passed.parse::<usize>().is_ok_and(|n| n > 0), "{last:?}");
    assert!(rest.starts_with("0 failed"), "{last:?}");
    assert!(!got.stdout.contains("FAIL"), "{}", got.stdout);
}

#[test]
fn rules_test_of_a_folder_with_a_failing_example_names_file_and_line() {
    let dir = TempDir::new("rules-fail");
    let file = dir.write("x/fail.toml", FAILING_RULE);
    let got = run(&["rules", "test", &dir.arg()]);
    got.assert_code(1);
    let fails: Vec<&str> = got.stdout.lines().filter(|l| l.starts_with("FAIL ")).collect();
    assert_eq!(fails.len(), 1, "{}", got.stdout);
    assert!(fails[0].starts_with(&format!("FAIL {file}:6: [x.fail] ")), "{}", fails[0]);
    assert_eq!(got.stdout.lines().last(), Some("0 passed, 1 failed: examples and near misses of 1 rule"));

    // Only the folder's rules are tested, not the bundled pack with them.
    let dir = TempDir::new("rules-pass");
    dir.write("drones/strikes.toml", DRONE_RULE);
    let got = run(&["rules", "test", &dir.arg()]);
    got.assert_code(0);
    assert_eq!(got.stdout, "1 passed, 0 failed: examples and near misses of 1 rule\n");
}

/// `rules test r`, where `r` is a user's folder: the test picks the folder's rules by
/// the prefix of their path, and the bundled pack's paths (`rules/...`) start with `r`.
#[test]
fn rules_test_of_a_short_relative_folder_tests_only_that_folder() {
    let dir = TempDir::new("rules-prefix");
    dir.write("r/drones/strikes.toml", DRONE_RULE);
    let got = run_in(Some(&dir.path), &["rules", "test", "r"]);
    got.assert_code(0);
    assert_eq!(got.stdout, "1 passed, 0 failed: examples and near misses of 1 rule\n");
}

#[test]
fn a_malformed_pattern_is_exit_2_with_file_line_and_column() {
    let dir = TempDir::new("rules-bad-pattern");
    let file = dir.write(
        "plan/bad.toml",
        "kind = \"plan_points\"\nsubject = \"test-plan\"\npatterns = [\"(plan {number} points\"]\n",
    );
    let want = format!("error: {file}:3:35: expected ')' to close the group opened at 3:14");
    let got = run(&["extract", &corpus_file(KREMLIN_F), "--rules", &dir.arg()]);
    got.assert_code(2);
    assert_eq!(got.stderr.lines().collect::<Vec<_>>(), vec![want.as_str()]);
    for args in [
        vec!["compare", CORPUS, "--rules", &dir.arg()],
        vec!["rules", "list", "--rules", &dir.arg()],
        vec!["rules", "test", &dir.arg()],
    ] {
        let got = run(&args);
        got.assert_code(2);
        assert_eq!(got.stderr.lines().collect::<Vec<_>>(), vec![want.as_str()], "{args:?}");
    }
}

#[test]
fn an_unknown_key_in_a_rule_file_is_exit_2_naming_file_line_and_key() {
    let dir = TempDir::new("rules-unknown-key");
    let file =
        dir.write("count/typo.toml", "kind = \"troop_count\"\nsubjekt = \"x\"\npatterns = [\"{number} drones\"]\n");
    let got = run(&["extract", &corpus_file(KREMLIN_F), "--rules", &dir.arg()]);
    got.assert_code(2);
    let errors = error_lines(&got);
    assert_eq!(errors.len(), 1, "{}", got.stderr);
    assert!(errors[0].starts_with(&format!("error: {file}:2:1: unknown field `subjekt`")), "{}", errors[0]);
    let got = run(&["rules", "test", &dir.arg()]);
    got.assert_code(2);
}

#[test]
fn a_user_rule_folder_adds_a_rule() {
    let dir = TempDir::new("rules-user");
    let rule = dir.write("rules/drones/strikes.toml", DRONE_RULE);
    let rules = dir.join("rules");
    let article = dir.write("night.md", DRONE_ARTICLE);

    let got = run(&["extract", &article, "--rules", &rules, "--format", "json"]);
    got.assert_code(0);
    let articles = articles_by_path(&got.json());
    let claims = articles[&article]["claims"].as_array().unwrap().clone();
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0]["rule"], json!("drones.strikes"));
    assert_eq!(claims[0]["kind"], json!("troop_count"));
    assert_eq!(claims[0]["subject"], json!("overnight-drone-attack"));
    assert_eq!(claims[0]["value"], json!({"type": "number", "value": 140, "mod": "exact", "min": 140, "max": 140}));
    assert_eq!(claims[0]["span"]["line"], json!(6));
    // Without the folder the bundled pack finds nothing there.
    let got = run(&["extract", &article, "--format", "json"]);
    assert_eq!(articles_by_path(&got.json())[&article]["claims"], json!([]));

    let got = run(&["rules", "list", "--rules", &rules]);
    got.assert_code(0);
    let line =
        got.stdout.lines().find(|l| l.starts_with("drones.strikes ")).unwrap_or_else(|| panic!("{}", got.stdout));
    let words: Vec<&str> = line.split_whitespace().collect();
    assert_eq!(&words[..3], &["drones.strikes", "troop_count", rule.as_str()], "{line}");
    assert!(line.ends_with("How many drones were launched in one night"), "{line}");
    // The bundled rules are listed too.
    assert!(got.stdout.lines().any(|l| l.starts_with("plan.points ")), "{}", got.stdout);
}

#[test]
fn a_user_rule_with_a_bundled_id_replaces_it() {
    let dir = TempDir::new("rules-replace");
    dir.write(
        "plan/points.toml",
        "kind = \"plan_points\"\nsubject = \"replaced-plan\"\npatterns = [\"{number}-point plan\"]\n",
    );
    let got = run(&["rules", "list", "--rules", &dir.arg()]);
    got.assert_code(0);
    let plan: Vec<&str> = got.stdout.lines().filter(|l| l.starts_with("plan.points ")).collect();
    assert_eq!(plan.len(), 1, "{}", got.stdout);
    assert!(plan[0].contains(&dir.join("plan/points.toml")), "{}", plan[0]);
}

// --- --published --------------------------------------------------------------------

#[test]
fn published_flag_dates_only_undated_articles() {
    let o = corpus_file(UNDATED_O);
    let f = corpus_file(KREMLIN_F);
    let dir = TempDir::new("published");
    let bare = dir.write("bare.txt", "Negotiators met in Geneva on Sunday and kept to the original 28-point plan.\n");

    let without = articles_by_path(&run(&["extract", &o, &f, &bare, "--format", "json"]).json());
    let with = run(&["extract", &o, &f, &bare, "--published", "2025-11-24", "--format", "json"]);
    with.assert_code(0);
    let with = articles_by_path(&with.json());

    // `published: unknown` and no front matter at all take the flag...
    assert_eq!(without[&o]["published"], json!(null));
    assert_eq!(with[&o]["published"], json!("2025-11-24"));
    assert_eq!(without[&bare]["published"], json!(null));
    assert_eq!(with[&bare]["published"], json!("2025-11-24"));
    let sunday = |a: &Json| {
        a["claims"].as_array().unwrap().iter().find(|c| c["kind"] == json!("meeting_date")).cloned().unwrap()
    };
    assert_eq!(sunday(&with[&bare])["value"]["start"], json!("2025-11-23"));
    assert_eq!(sunday(&with[&bare])["subject"], json!("{event}"));
    assert_eq!(sunday(&with[&bare])["facets"]["where"], json!(["switzerland/geneva/geneva"]));
    assert_eq!(sunday(&without[&bare])["value"]["start"], json!(null));
    // ...a front-matter date wins over it, and the claims do not move.
    assert_eq!(with[&f]["published"], json!("2025-12-03"));
    assert_eq!(with[&f], without[&f]);
}

// --- inferred publication dates -----------------------------------------------------

/// An undated article whose address carries its day.
const URL_DATED: &str = "---
title: Geneva round keeps to the original plan
url: https://desk.example/world/2025/12/03/geneva-round
published: unknown
---
Negotiators met in Geneva on Sunday and kept to the original 28-point plan.
";

/// An article without front matter whose text reports a past day.
const TEXT_DATED: &str = "Officials briefed reporters in Kyiv on November 25, 2025.

Negotiators met in Geneva on Sunday and kept to the original 28-point plan.
";

/// An article that speaks only of a day to come.
const FUTURE_ONLY: &str =
    "Negotiators will meet in Geneva on December 9, 2025, to work from the original 28-point plan.
";

/// The claim of `article` whose words hold `words`.
fn claim_with(article: &Json, words: &str) -> Json {
    let claims = article["claims"].as_array().expect("claims array");
    claims
        .iter()
        .find(|c| c["text"].as_str().is_some_and(|t| t.contains(words)))
        .cloned()
        .unwrap_or_else(|| panic!("no claim with {words:?}: {article}"))
}

#[test]
fn undated_articles_get_the_date_they_imply_marked_as_inferred() {
    let dir = TempDir::new("inferred");
    let url = dir.write("url.md", URL_DATED);
    let text = dir.write("text.txt", TEXT_DATED);
    let future = dir.write("future.txt", FUTURE_ONLY);
    let got = run(&["extract", &url, &text, &future, "--format", "json"]);
    got.assert_code(0);
    let articles = articles_by_path(&got.json());

    // The address's day, and "on Sunday" counted back from it (2025-12-03 is a Wednesday).
    assert_eq!(articles[&url]["published"], json!("2025-12-03"));
    assert_eq!(articles[&url]["published_inferred"], json!(true));
    assert_eq!(claim_with(&articles[&url], "Sunday")["value"]["start"], json!("2025-11-30"));
    // The latest past day of the text (a Tuesday), and the Sunday before it.
    assert_eq!(articles[&text]["published"], json!("2025-11-25"));
    assert_eq!(articles[&text]["published_inferred"], json!(true));
    assert_eq!(claim_with(&articles[&text], "Sunday")["value"]["start"], json!("2025-11-23"));
    // A day to come says nothing of when the article was written.
    assert_eq!(articles[&future]["published"], json!(null));
    assert_eq!(articles[&future].get("published_inferred"), None, "{}", articles[&future]);

    let human = run(&["extract", &url, &text, &future]);
    human.assert_code(0);
    assert!(human.stdout.contains(&format!("{url} (2025-12-03, inferred)\n")), "{}", human.stdout);
    assert!(human.stdout.contains(&format!("{text} (2025-11-25, inferred)\n")), "{}", human.stdout);
    assert!(human.stdout.contains(&format!("{future} (undated)\n")), "{}", human.stdout);
}

#[test]
fn a_year_less_day_is_dated_by_the_articles_read_with_it() {
    let dir = TempDir::new("inferred-year");
    let clean = dir.write("clean.md", common::CLEAN_ARTICLE);
    let bare = dir.write("bare.txt", "Witkoff sat down with Putin at the Kremlin on December 2 for five hours.\n");
    let alone = articles_by_path(&run(&["extract", &bare, "--format", "json"]).json());
    assert_eq!(alone[&bare]["published"], json!(null), "no year places December 2");
    let together = articles_by_path(&run(&["extract", &clean, &bare, "--format", "json"]).json());
    assert_eq!(together[&bare]["published"], json!("2025-12-02"));
    assert_eq!(together[&bare]["published_inferred"], json!(true));
    assert_eq!(together[&clean].get("published_inferred"), None);
}

#[test]
fn front_matter_and_the_published_flag_win_over_inference() {
    let dir = TempDir::new("inferred-loses");
    let given = dir.write("given.md", URL_DATED.replace("published: unknown", "published: 2025-12-05"));
    let text = dir.write("text.txt", TEXT_DATED);
    let got = run(&["extract", &given, &text, "--published", "2025-12-01", "--format", "json"]);
    got.assert_code(0);
    let articles = articles_by_path(&got.json());
    assert_eq!(articles[&given]["published"], json!("2025-12-05"));
    assert_eq!(articles[&text]["published"], json!("2025-12-01"));
    for a in articles.values() {
        assert_eq!(a.get("published_inferred"), None, "{a}");
    }
    assert_eq!(claim_with(&articles[&text], "Sunday")["value"]["start"], json!("2025-11-30"));
}

#[test]
fn a_bad_published_flag_is_a_usage_error() {
    let got = run(&["extract", &corpus_file(KREMLIN_F), "--published", "2025-02-30"]);
    got.assert_code(2);
    assert!(got.stderr.contains("--published"), "{}", got.stderr);
    assert_eq!(got.stdout, "");
}

// --- the JSON contract ----------------------------------------------------------------

fn assert_string(v: &Json, what: &str) {
    assert!(v.is_string(), "{what} should be a string: {v}");
}

fn assert_value_shape(v: &Json) {
    let mods = ["exact", "approx", "more", "less", "up_to", "at_least"];
    let number_or_null = |x: &Json| x.is_number() || x.is_null();
    match v["type"].as_str() {
        Some("number") => {
            assert!(v["value"].is_number() && number_or_null(&v["min"]) && number_or_null(&v["max"]), "{v}");
            assert!(mods.contains(&v["mod"].as_str().unwrap_or("")), "{v}");
        }
        Some("ordinal") => assert!(v["value"].is_u64(), "{v}"),
        Some("duration") => {
            assert!(v["seconds"].is_number(), "{v}");
            assert!(number_or_null(&v["min_seconds"]) && number_or_null(&v["max_seconds"]), "{v}");
            assert!(mods.contains(&v["mod"].as_str().unwrap_or("")), "{v}");
        }
        Some("date") => {
            for key in ["start", "end", "grain"] {
                assert!(v.get(key).is_some(), "date without {key}: {v}");
            }
            let iso = |x: &Json| x.is_null() || x.as_str().is_some_and(|s| s.len() == 10 && s.as_bytes()[4] == b'-');
            assert!(iso(&v["start"]) && iso(&v["end"]), "{v}");
        }
        other => panic!("unknown value type {other:?}: {v}"),
    }
}

/// A CLAIM object: every field of the contract, with its type.
fn assert_claim_shape(c: &Json, file_text: Option<&str>) {
    for key in ["rule", "kind", "subject", "text", "quote"] {
        assert_string(&c[key], key);
    }
    assert!(c["qualifier"].is_string() || c["qualifier"].is_null(), "qualifier: {c}");
    assert!(c.get("qualifier").is_some(), "qualifier is present even when null: {c}");
    assert_value_shape(&c["value"]);
    let span = &c["span"];
    for key in ["start", "end", "line", "column"] {
        assert!(span[key].is_u64(), "span.{key}: {c}");
    }
    let (start, end) = (span["start"].as_u64().unwrap() as usize, span["end"].as_u64().unwrap() as usize);
    assert!(start < end && span["line"].as_u64() >= Some(1) && span["column"].as_u64() >= Some(1), "{c}");
    if let Some(text) = file_text {
        assert_eq!(text.get(start..end), c["text"].as_str(), "text is the file's bytes at the span: {c}");
        let line = text[..start].matches('\n').count() + 1;
        assert_eq!(span["line"].as_u64(), Some(line as u64), "{c}");
        assert!(c["quote"].as_str().unwrap().contains(c["text"].as_str().unwrap()), "the quote holds the text: {c}");
    }
}

#[test]
fn extract_json_follows_the_contract() {
    let got = run_at_root(&["extract", "corpus", "--format", "json"]);
    got.assert_code(0);
    let doc = got.json();
    assert_eq!(doc["schema_version"], json!(1));
    let articles = doc["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 27, "the corpus's three stories without its README");
    let mut claims = 0;
    for a in articles {
        let path = a["path"].as_str().unwrap();
        assert!(path.starts_with("corpus/") && !path.ends_with("README.md"), "{path}");
        assert_string(&a["title"], "title");
        assert!(a["published"].is_null() || a["published"].as_str().is_some_and(|d| d.len() == 10), "{a}");
        let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap();
        for c in a["claims"].as_array().unwrap() {
            assert_claim_shape(c, Some(&text));
            claims += 1;
        }
    }
    assert!(claims > 30, "the corpus has claims: {claims}");
    let o = articles.iter().find(|a| a["path"] == json!(format!("corpus/{UNDATED_O}"))).unwrap();
    assert_eq!(o["published"], json!(null), "`published: unknown` is null");
}

fn assert_findings_shape(doc: &Json) {
    assert_eq!(doc["schema_version"], json!(1));
    for f in findings(doc) {
        assert!(["agree", "conflict", "update"].contains(&f["relation"].as_str().unwrap_or("")), "{f}");
        assert_string(&f["kind"], "kind");
        assert_string(&f["subject"], "subject");
        assert!(f["qualifier"].is_string() || f["qualifier"].is_null(), "{f}");
        let claims = f["claims"].as_array().unwrap();
        let mut paths: Vec<&str> = claims.iter().map(|c| c["path"].as_str().unwrap()).collect();
        paths.dedup();
        assert!(paths.len() >= 2, "a finding spans two articles or more: {f}");
        for c in claims {
            assert_string(&c["path"], "path");
            assert!(c.get("published").is_some(), "published is present even when null: {c}");
            assert!(c["published"].is_string() || c["published"].is_null(), "{c}");
            let text =
                std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(c["path"].as_str().unwrap())).ok();
            assert_claim_shape(c, text.as_deref());
            assert_eq!(
                (&c["kind"], &c["subject"], &c["qualifier"]),
                (&f["kind"], &f["subject"], &f["qualifier"]),
                "{f}"
            );
        }
    }
}

#[test]
fn compare_json_follows_the_contract() {
    let story = ukraine_story();
    let mut args: Vec<&str> = vec!["compare", "--format", "json"];
    args.extend(story.iter().map(String::as_str));
    let got = run_at_root(&args);
    got.assert_code(0);
    let doc = got.json();
    assert_findings_shape(&doc);
    let findings = findings(&doc);
    let relations: Vec<&str> = findings.iter().map(|f| f["relation"].as_str().unwrap()).collect();
    assert_eq!(relations.iter().filter(|r| **r == "conflict").count(), 2, "{relations:?}");
    assert_eq!(relations.iter().filter(|r| **r == "update").count(), 2, "{relations:?}");
}

#[test]
fn check_json_follows_the_contract() {
    let got = run_at_root(&["check", &format!("corpus/{KREMLIN_H}"), "--against", "corpus", "--format", "json"]);
    got.assert_code(1);
    let doc = got.json();
    assert_findings_shape(&doc);
    for f in findings(&doc) {
        assert!(places(&f).iter().any(|(p, _)| p.ends_with(KREMLIN_H)), "check lists findings of the new article: {f}");
    }
}
