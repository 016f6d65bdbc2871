//! Snapshots of what a user reads: the claims of every corpus article and every seed
//! (`extract --format json`), the findings over the whole corpus, all three stories
//! (`compare`, human and JSON), one claim-sheet diff, and `check` of a clean and of a
//! contradicting new article against the Ukraine story. Review changes with `cargo
//! insta review`.
//!
//! Paths are made machine-independent: corpus commands run from the crate root, or for
//! `check` in a temp copy of the Ukraine story (paths `corpus/...` either way), seeds run
//! from their folder (paths are file names), and new articles written to a temp folder
//! are renamed `new/<name>.md` in the output. The seeds are
//! read in place from `../shared/seeds`; where that folder is absent their snapshots are
//! skipped with a message.

use std::path::{Path, PathBuf};
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

mod common;
use common::{CLEAN_ARTICLE, SEEDS, TempDir};

/// A new article that moves the Kremlin meeting to December 4 and cuts it to about
/// two hours.
const CONTRADICTING_ARTICLE: &str = "---
title: Envoys spent an evening at the Kremlin
outlet: Claimcheck Test Desk
published: 2025-12-05
---
Steve Witkoff and Jared Kushner were received by Vladimir Putin at the Kremlin on December 4, and the meeting lasted about two hours, a Russian spokesman told reporters.
";

/// Standard output of the binary run in `cwd`, after checking its exit code and that
/// nothing went to standard error.
fn stdout_of(cwd: &Path, args: &[&str], code: i32) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run the claimcheck binary");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(code), "claimcheck {args:?}: {stderr}");
    assert_eq!(stderr, "", "claimcheck {args:?} wrote to stderr");
    String::from_utf8(out.stdout).expect("stdout is UTF-8")
}

/// The house settings: snapshots in `snapshots/`, named by the test, with the command
/// line as description.
fn settings(command: &str) -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"));
    settings.set_omit_expression(true);
    settings.set_prepend_module_to_snapshot(false);
    settings.set_description(command);
    settings
}

/// Run every snapshot of a family, then fail once naming every one that did not match
/// (as insta's `glob!` does), so one change does not hide the others. (`glob!` itself
/// needs insta's `glob` feature, which this crate does not enable.)
fn each<T>(items: &[T], name: impl Fn(&T) -> String, snapshot: impl Fn(&T, &str)) {
    let mut failed = Vec::new();
    for item in items {
        let name = name(item);
        if std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| snapshot(item, &name))).is_err() {
            failed.push(name);
        }
    }
    assert!(failed.is_empty(), "{} snapshot(s) failed: {}", failed.len(), failed.join(", "));
}

/// The corpus articles (README.md left out), as paths inside `corpus/`
/// (`dock-strike/...md` for a story folder's), sorted.
fn corpus_articles() -> Vec<String> {
    fn walk(folder: &Path, prefix: &str, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(folder).expect("read corpus").flatten() {
            let Ok(name) = entry.file_name().into_string() else { continue };
            if entry.path().is_dir() {
                walk(&entry.path(), &format!("{prefix}{name}/"), out);
            } else if name.ends_with(".md") && name != "README.md" {
                out.push(format!("{prefix}{name}"));
            }
        }
    }
    let mut names = Vec::new();
    walk(&Path::new(ROOT).join("corpus"), "", &mut names);
    names.sort();
    names
}

/// `extract --format json` of one corpus article, one snapshot an article
/// (`extract_corpus@<path in corpus>`, as `glob!` would name it: a story folder's
/// `dock-strike/x.md` is the file `extract_corpus@dock-strike__x.md.snap`).
#[test]
fn extract_corpus() {
    let names = corpus_articles();
    assert_eq!(names.len(), 27, "15 on the Ukraine peace plan, 6 on the dock strike, 6 on the city budget: {names:?}");
    each(
        &names,
        |name| format!("extract_corpus@{name}"),
        |name, snapshot| {
            let path = format!("corpus/{name}");
            let json = stdout_of(Path::new(ROOT), &["extract", &path, "--format", "json"], 0);
            settings(&format!("claimcheck extract {path} --format json"))
                .bind(|| insta::assert_snapshot!(snapshot, json));
        },
    );
}

/// The seeds folder, or `None` (with a message) where it is absent.
fn seeds_dir() -> Option<PathBuf> {
    let dir = Path::new(ROOT).join("../shared/seeds");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: ../shared/seeds not found");
        None
    }
}

/// `extract --format json --published DATE` of each seed with its implied date, run in
/// the seeds folder so the path is the file name.
#[test]
fn extract_seeds() {
    let Some(dir) = seeds_dir() else { return };
    each(
        SEEDS,
        |(number, _)| format!("extract_seed_{number}"),
        |(number, date), snapshot| {
            let prefix = format!("{number}_");
            let file = std::fs::read_dir(&dir)
                .expect("read seeds")
                .filter_map(|e| e.ok()?.file_name().into_string().ok())
                .find(|n| n.starts_with(&prefix))
                .unwrap_or_else(|| panic!("no seed {prefix}*"));
            let json = stdout_of(&dir, &["extract", &file, "--published", date, "--format", "json"], 0);
            settings(&format!("claimcheck extract {file} --published {date} --format json"))
                .bind(|| insta::assert_snapshot!(snapshot, json));
        },
    );
}

#[test]
fn compare_corpus_human() {
    let out = stdout_of(Path::new(ROOT), &["compare", "corpus"], 0);
    settings("claimcheck compare corpus").bind(|| insta::assert_snapshot!("compare_corpus_human", out));
}

#[test]
fn compare_corpus_json() {
    let out = stdout_of(Path::new(ROOT), &["compare", "corpus", "--format", "json"], 0);
    settings("claimcheck compare corpus --format json").bind(|| insta::assert_snapshot!("compare_corpus_json", out));
}

/// F and H: the same Kremlin meeting, H dated a day late (the corpus's first
/// deliberate contradiction).
#[test]
fn diff_kremlin_f_h() {
    let (a, b) =
        ("corpus/2025-12-03-baltic-crossroads-kremlin.md", "corpus/2025-12-04-riverbend-gazette-kremlin-recap.md");
    let out = stdout_of(Path::new(ROOT), &["diff", a, b], 0);
    settings(&format!("claimcheck diff {a} {b}")).bind(|| insta::assert_snapshot!("diff_kremlin_f_h", out));
}

/// `check NEW --against corpus` in both formats, against a copy of the corpus's Ukraine
/// story (the story NEW belongs to), with the temp path of NEW replaced by `new/<name>`.
fn check_snapshots(name: &str, text: &str, code: i32) {
    let new = TempDir::new(&format!("claims-snapshots-{}", name.trim_end_matches(".md")));
    new.write(name, text);
    let story = TempDir::with_corpus(&format!("claims-snapshots-story-{}", name.trim_end_matches(".md")));
    let path = new.path(name).to_str().expect("UTF-8 temp path").to_string();
    let shown = format!("new/{name}");
    for (format, suffix) in [("human", "human"), ("json", "json")] {
        let out = stdout_of(&story.0, &["check", &path, "--against", "corpus", "--format", format], code);
        assert!(out.contains(&path), "the new article is named in the output:\n{out}");
        let out = out.replace(&path, &shown);
        assert!(!out.contains(&new.0.display().to_string()), "no temp path left:\n{out}");
        let snapshot = format!("check_{}_{suffix}", name.trim_end_matches(".md").replace('-', "_"));
        settings(&format!("claimcheck check {shown} --against corpus --format {format}  (exit {code})"))
            .bind(|| insta::assert_snapshot!(snapshot, out));
    }
}

#[test]
fn check_clean_article() {
    check_snapshots("clean.md", CLEAN_ARTICLE, 0);
}

#[test]
fn check_contradicting_article() {
    check_snapshots("contradicting.md", CONTRADICTING_ARTICLE, 1);
}
