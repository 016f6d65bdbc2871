//! Helpers the command-line test files share: running the binary, what a run gave, the
//! seeds' implied publication dates, and a new article that agrees with the corpus.

#![allow(dead_code)]

use serde_json::Value as Json;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// Each seed by the start of its file name, with the publication date its text implies
/// (`../shared/seeds/README.md`).
pub const SEEDS: &[(&str, &str)] = &[
    ("000", "2025-12-31"),
    ("001", "2025-12-02"),
    ("002", "2025-12-03"),
    ("003", "2025-11-26"),
    ("004", "2025-12-01"),
];

/// A new article that agrees with the corpus: the Geneva date and the original plan.
pub const CLEAN_ARTICLE: &str = "---
title: Geneva round set the outline for later talks
outlet: Claimcheck Test Desk
published: 2025-11-28
---
Ukrainian and American negotiators met in Geneva on November 23 and worked from the original 28-point plan, two diplomats said.
";

/// What one run of the binary gave.
#[derive(Debug)]
pub struct Run {
    /// Exit code (`None` when killed by a signal).
    pub code: Option<i32>,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl Run {
    /// Standard output read as JSON.
    pub fn json(&self) -> Json {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("stdout is no JSON ({e}): {self:?}"))
    }

    /// The run exited with `want` and did not panic.
    pub fn assert_code(&self, want: i32) {
        assert!(!self.stderr.contains("panicked"), "the binary panicked: {}", self.stderr);
        assert_eq!(self.code, Some(want), "exit code: {self:?}");
    }
}

/// Run `claimcheck` with `args` in `cwd` (the test's own when `None`), feeding `stdin`
/// (nothing when `None`).
pub fn run_with(cwd: Option<&Path>, args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_claimcheck"));
    cmd.args(args).stdout(Stdio::piped()).stderr(Stdio::piped()).env_remove("CLAIMCHECK_TIMINGS");
    cmd.stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() });
    if let Some(dir) = cwd {
        cmd.current_dir(dir);
    }
    let mut child = cmd.spawn().expect("start the claimcheck binary");
    if let Some(bytes) = stdin {
        let mut pipe = child.stdin.take().expect("stdin pipe");
        let bytes = bytes.to_vec();
        // Write from a thread so a large input cannot deadlock against a full stdout.
        std::thread::spawn(move || {
            let _ = pipe.write_all(&bytes);
        });
    }
    let out = child.wait_with_output().expect("wait for claimcheck");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A folder of its own under the system's temp folder, removed when dropped.
pub struct TempDir(pub std::path::PathBuf);

impl TempDir {
    /// An empty folder named after the test.
    pub fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("claimcheck-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create a temp folder");
        TempDir(dir)
    }

    /// A folder holding, in `corpus/`, a copy of the bundled corpus's Ukraine story: its
    /// top-level files (README included), without the other stories' folders, so that
    /// what a test finds does not change when a story is added.
    pub fn with_corpus(name: &str) -> TempDir {
        let dir = TempDir::new(name);
        std::fs::create_dir_all(dir.0.join("corpus")).expect("create corpus/");
        for entry in std::fs::read_dir(CORPUS).expect("read corpus/").flatten() {
            if entry.path().is_file() {
                std::fs::copy(entry.path(), dir.0.join("corpus").join(entry.file_name())).expect("copy an article");
            }
        }
        dir
    }

    /// The path of `relative` inside it.
    pub fn path(&self, relative: &str) -> std::path::PathBuf {
        self.0.join(relative)
    }

    /// Write `text` to `relative`, making folders as needed.
    pub fn write(&self, relative: &str, text: &str) {
        let path = self.path(relative);
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder).expect("create folders");
        }
        std::fs::write(path, text).expect("write a file");
    }

    /// The text of `relative`.
    pub fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.path(relative)).unwrap_or_else(|e| panic!("read {relative}: {e}"))
    }

    /// Run `claimcheck` with `args` inside the folder (or a folder within it).
    pub fn run(&self, args: &[&str]) -> Run {
        run_with(Some(&self.0), args, None)
    }
}

/// The bundled corpus.
pub const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");

/// The articles of the corpus's Ukraine story as `corpus/<file>`, sorted: the corpus's
/// top-level articles. The other stories have folders of their own
/// (`corpus/dock-strike/`, `corpus/city-budget/`).
pub fn ukraine_story() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(CORPUS)
        .expect("read corpus/")
        .flatten()
        .filter(|e| e.path().is_file())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n.ends_with(".md") && n != "README.md")
        .map(|n| format!("corpus/{n}"))
        .collect();
    names.sort();
    names
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The article of the corpus that dates the Kremlin meeting December 3, a day after
/// everyone else (and gives it five hours, against one report's "about three").
pub const RECAP: &str = "corpus/2025-12-04-riverbend-gazette-kremlin-recap.md";
