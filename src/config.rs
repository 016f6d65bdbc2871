//! `claimcheck.toml`: a project's settings, so that CI and people at their desks run the
//! same check. Found by walking up from the working directory (or named with
//! `--config`, or ignored with `--isolated`); paths in it are relative to its folder.
//!
//! ```toml
//! rules = ["house-rules"]             # rule folders added to the bundled pack
//! corpus = ["corpus/**/*.md"]         # what `compare`, `check` and `baseline` read by default
//! ignore = ["drafts", "*.draft.md"]   # never read from folders or corpus globs
//! fail-on = "conflict"                # what fails `check`: conflict, update or never
//!
//! [tolerance]                         # how wide "about" is, per kind (default 0.1)
//! meeting_duration = 0.2
//!
//! [severity]                          # error (default), warning, note or off, per kind
//! war_duration = "warning"
//! ```
//!
//! Command-line flags win over the file, the file over the defaults. A key claimcheck
//! does not know is an error naming the key, the file and the line, never ignored: a
//! misspelt setting that silently does nothing is worse than none.

use crate::article::InputError;
use crate::glob::Glob;
use crate::report::{Severities, Severity};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The file name looked for.
pub const FILE_NAME: &str = "claimcheck.toml";

/// What fails `check` (`fail-on`, `--fail-on`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    /// A new article contradicts another (the default).
    #[default]
    Conflict,
    /// Also when a new article's value differs as an update (a timeline of values).
    Update,
    /// Never: report only.
    Never,
}

impl FailOn {
    /// Whether a disputed claim of this relation fails `check`.
    pub fn fails(self, relation: crate::compare::Relation) -> bool {
        use crate::compare::Relation;
        match self {
            FailOn::Conflict => relation == Relation::Conflict,
            FailOn::Update => relation != Relation::Agree,
            FailOn::Never => false,
        }
    }
}

/// The file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct File {
    #[serde(default)]
    rules: Vec<String>,
    #[serde(default)]
    corpus: Vec<Spanned<String>>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
    fail_on: Option<FailOn>,
    #[serde(default)]
    tolerance: BTreeMap<Spanned<String>, Spanned<f64>>,
    #[serde(default)]
    severity: BTreeMap<Spanned<String>, Severity>,
    #[serde(default)]
    stories: crate::compare::Grouping,
}

/// Settings read from a `claimcheck.toml`.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// The file they came from.
    pub path: PathBuf,
    /// Rule folders to add, resolved against the file's folder.
    pub rules: Vec<PathBuf>,
    /// What to read when no articles are named: paths or globs, relative to the folder.
    pub corpus: Vec<Glob>,
    /// Paths never read from folders or corpus globs.
    pub ignore: Vec<Glob>,
    /// What fails `check`, when set.
    pub fail_on: Option<FailOn>,
    /// Width of an "about" band per kind (a fraction of the value).
    pub tolerance: BTreeMap<String, f64>,
    /// Severity per kind.
    pub severity: Severities,
    /// How articles are put into stories.
    pub stories: crate::compare::Grouping,
    /// Each kind named under `[tolerance]` or `[severity]`, with its table and line, for
    /// [`Config::unknown_kinds`].
    named_kinds: Vec<(String, &'static str, usize)>,
}

impl Config {
    /// Read settings from `text`, the contents of `path`. Errors name the file, the line
    /// and what was expected.
    pub fn parse(path: &Path, text: &str) -> Result<Config, InputError> {
        let shown = path.display().to_string();
        let error = |offset: Option<usize>, message: String| InputError {
            path: shown.clone(),
            line: offset.map(|o| crate::rule::position(text, o).0),
            message,
        };
        let file: File = toml::from_str(text).map_err(|e| {
            let message = e.message().trim().replace("unknown field", "unknown key");
            error(e.span().map(|s| s.start), format!("{message}; see `claimcheck.toml` in the README"))
        })?;
        let folder = path.parent().unwrap_or(Path::new(""));
        let globs = |entries: &[Spanned<String>]| -> Result<Vec<Glob>, InputError> {
            entries.iter().map(|g| Glob::new(g.get_ref()).map_err(|m| error(Some(g.span().start), m))).collect()
        };
        let mut named_kinds = Vec::new();
        let mut tolerance = BTreeMap::new();
        for (kind, value) in &file.tolerance {
            let t = *value.get_ref();
            if !(0.0..1.0).contains(&t) {
                return Err(error(
                    Some(value.span().start),
                    format!(
                        "tolerance {t} for {}: expected a fraction from 0 up to 1 (0.1 lets \"about 10\" be 9 to 11)",
                        kind.get_ref()
                    ),
                ));
            }
            named_kinds.push((kind.get_ref().clone(), "tolerance", crate::rule::position(text, kind.span().start).0));
            tolerance.insert(kind.get_ref().clone(), t);
        }
        let mut severity = Severities::new();
        for (kind, level) in &file.severity {
            named_kinds.push((kind.get_ref().clone(), "severity", crate::rule::position(text, kind.span().start).0));
            severity.insert(kind.get_ref().clone(), *level);
        }
        Ok(Config {
            path: path.to_path_buf(),
            rules: file.rules.iter().map(|r| folder.join(r)).collect(),
            corpus: globs(&file.corpus)?,
            ignore: globs(&file.ignore)?,
            fail_on: file.fail_on,
            tolerance,
            severity,
            stories: file.stories,
            named_kinds,
        })
    }

    /// Read the file at `path`.
    pub fn load(path: &Path) -> Result<Config, InputError> {
        let text = std::fs::read_to_string(path).map_err(|e| InputError {
            path: path.display().to_string(),
            line: None,
            message: format!("cannot read the configuration: {e}"),
        })?;
        Config::parse(path, &text)
    }

    /// The folder its paths are relative to.
    pub fn folder(&self) -> &Path {
        self.path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
    }

    /// Kinds under `[tolerance]` or `[severity]` that no rule has: most likely a typo,
    /// which would otherwise do nothing.
    pub fn unknown_kinds(&self, known: &[&str]) -> Vec<InputError> {
        self.named_kinds
            .iter()
            .filter(|(kind, _, _)| !known.contains(&kind.as_str()))
            .map(|(kind, table, line)| InputError {
                path: self.path.display().to_string(),
                line: Some(*line),
                message: format!("unknown kind `{kind}` in [{table}]; expected one of {}", known.join(", ")),
            })
            .collect()
    }

    /// Whether a file, by its path from the configuration's folder, is ignored.
    pub fn ignores(&self, relative: &str) -> bool {
        self.ignore.iter().any(|g| g.matches(relative))
    }
}

/// The nearest `claimcheck.toml` in `start` or a folder above it.
pub fn discover(start: &Path) -> Option<PathBuf> {
    start.ancestors().map(|folder| folder.join(FILE_NAME)).find(|candidate| candidate.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, InputError> {
        Config::parse(Path::new("site/claimcheck.toml"), text)
    }

    #[test]
    fn every_setting_reads_and_paths_are_relative_to_the_file() {
        let config = parse(
            "rules = [\"house\"]\ncorpus = [\"corpus/**/*.md\"]\nignore = [\"drafts\"]\nfail-on = \"update\"\n\n\
             [tolerance]\nmeeting_duration = 0.25\n\n[severity]\nwar_duration = \"warning\"\n",
        )
        .unwrap();
        assert_eq!(config.rules, vec![PathBuf::from("site/house")]);
        assert_eq!(config.corpus[0].pattern, "corpus/**/*.md");
        assert!(config.ignore[0].matches("corpus/drafts/a.md"));
        assert_eq!(config.fail_on, Some(FailOn::Update));
        assert_eq!(config.tolerance.get("meeting_duration"), Some(&0.25));
        assert_eq!(config.severity.get("war_duration"), Some(&Severity::Warning));
        assert!(config.unknown_kinds(&["meeting_duration", "war_duration"]).is_empty());
    }

    #[test]
    fn an_unknown_key_names_itself_and_its_line() {
        let e = parse("fail-on = \"conflict\"\n\nfial-on = \"never\"\n").unwrap_err();
        assert_eq!((e.path.as_str(), e.line), ("site/claimcheck.toml", Some(3)));
        assert!(e.message.contains("unknown key `fial-on`"), "{e}");
        assert!(e.message.contains("fail-on"), "lists what was expected: {e}");
    }

    #[test]
    fn bad_values_say_what_was_expected() {
        let e = parse("fail-on = \"sometimes\"\n").unwrap_err();
        assert_eq!(e.line, Some(1));
        assert!(e.message.contains("conflict") && e.message.contains("never"), "{e}");
        let e = parse("[tolerance]\nmeeting_duration = 1.5\n").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("expected a fraction"), "{e}");
        let e = parse("[severity]\nmeeting_date = \"fatal\"\n").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("warning"), "{e}");
        let e = parse("corpus = [\"../other/*.md\"]\n").unwrap_err();
        assert!(e.message.contains("climbs out"), "{e}");
        let e = parse("rules = [\n").unwrap_err();
        assert!(e.line.is_some(), "{e}");
    }

    #[test]
    fn kinds_no_rule_has_are_errors_at_their_line() {
        let config = parse("[severity]\nmeeting_date = \"note\"\nmeeting_dat = \"off\"\n").unwrap();
        let errors = config.unknown_kinds(&["meeting_date", "plan_points"]);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, Some(3));
        assert!(errors[0].message.starts_with("unknown kind `meeting_dat` in [severity]; expected one of"));
    }
}
