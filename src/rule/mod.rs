//! Rules as data: one TOML file a rule under `rules/`, its id the path
//! (`rules/plan/points.toml` is `plan.points`), with its examples and near misses
//! beside it; plus the entity and event tables (`rules/entities.toml`,
//! `rules/events.toml`).
//!
//! Loading is pure: it takes (path, contents) pairs, so the bundled pack (compiled into
//! the binary) and a user's folder load the same way, and every error names the file,
//! line and column and says what was expected.

pub mod examples;
pub mod pattern;
pub mod vocab;

use crate::entity::{Entities, EntityFile, EventFile};
use crate::value::{Amount, Value, seconds};
use pattern::{Pattern, parse_pattern};
use serde::Deserialize;
use std::fmt;
use std::path::Path;
use toml::Spanned;

/// A rule file that could not be loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleError {
    /// The file.
    pub path: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column (characters), when known.
    pub column: Option<usize>,
    /// What is wrong and what was expected.
    pub message: String,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "{}:{}:{}: {}", self.path, l, c, self.message),
            (Some(l), None) => write!(f, "{}:{}: {}", self.path, l, self.message),
            _ => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

impl std::error::Error for RuleError {}

/// Where qualifier cue words are looked for around a claim's value.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// The clause holding the value: up to the nearest comma, dash, semicolon or
    /// bracket on either side (the match itself always counts).
    #[default]
    Clause,
    /// The whole sentence.
    Sentence,
}

/// A named set of cue words.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cues {
    /// The qualifier or subject the cues select.
    pub name: String,
    /// Words, lower case; a trailing `*` matches any ending ("revis*").
    pub cues: Vec<String>,
    /// For subject cues: how many tokens before the value may hold the cue.
    #[serde(default = "default_before")]
    pub before: usize,
    /// For subject cues: how many tokens after the value may hold the cue ("day 12 of
    /// the strike"); none unless the rule says.
    #[serde(default)]
    pub after: usize,
    /// The cues numbered in the rule set's vocabulary, so that a sentence holding none
    /// of them is passed over with a few bit tests.
    #[serde(skip)]
    pub numbered: Vec<vocab::Cue>,
}

impl Cues {
    /// Whether a sentence whose words are `words` may hold one of the cues.
    pub fn may_occur_in(&self, words: &vocab::WordSet) -> bool {
        self.numbered.len() != self.cues.len() || self.numbered.iter().any(|c| words.holds(c))
    }
}

fn default_before() -> usize {
    3
}

/// A claim an example expects.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectedClaim {
    /// The value as `claimcheck values` displays it: "28", "15 years", "more than 4
    /// hours", "2025-12-02", "#6".
    pub value: String,
    /// Expected subject, when the example pins it.
    #[serde(default)]
    pub subject: Option<String>,
    /// Expected qualifier, when the example pins it ("" for none).
    #[serde(default)]
    pub qualifier: Option<String>,
    /// For a claim about an event: who takes part, by key ("witkof" for Witkoff), when
    /// the example pins it.
    #[serde(default)]
    pub who: Option<Vec<String>>,
    /// For a claim about an event: where, by place id, when the example pins it.
    #[serde(default, rename = "where")]
    pub places: Option<Vec<String>>,
}

/// A positive example: text in, claims out.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// The text, one or a few sentences.
    pub text: Spanned<String>,
    /// Publication date to place relative dates against.
    #[serde(default)]
    pub published: Option<String>,
    /// What the rule must find in it (other rules' claims are ignored).
    pub claims: Vec<ExpectedClaim>,
}

/// A near miss: text in which the rule must find nothing.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reject {
    /// The text.
    pub text: Spanned<String>,
    /// Publication date.
    #[serde(default)]
    pub published: Option<String>,
}

/// A pattern as written in a rule file as a table, which also fixes the qualifier or
/// subject of what it matches.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FullPattern {
    pattern: String,
    #[serde(default)]
    qualifier: Option<String>,
    #[serde(default)]
    subject: Option<String>,
}

/// A compiled pattern with what it fixes.
#[derive(Clone, Debug)]
pub struct RulePattern {
    /// The pattern.
    pub pattern: Pattern,
    /// Qualifier of every claim it matches, overriding cue words.
    pub qualifier: Option<String>,
    /// Subject (or subject template) of every claim it matches.
    pub subject: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    kind: String,
    subject: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    qualifier: Option<String>,
    #[serde(default)]
    qualifier_scope: Scope,
    #[serde(default)]
    qualifiers: Vec<Cues>,
    #[serde(default)]
    subjects: Vec<Cues>,
    #[serde(default)]
    context: Vec<String>,
    #[serde(default)]
    changes: bool,
    #[serde(default)]
    max_days: Option<i64>,
    #[serde(default)]
    within_days: Option<i64>,
    #[serde(default)]
    unless: Vec<String>,
    #[serde(default)]
    recurring: bool,
    #[serde(default)]
    holders: bool,
    #[serde(default)]
    unit: Option<Spanned<String>>,
    #[serde(default)]
    ordinal_counts: bool,
    #[serde(default)]
    scenarios: bool,
    patterns: Vec<Spanned<toml::Value>>,
    #[serde(default)]
    example: Vec<Example>,
    #[serde(default)]
    reject: Vec<Reject>,
}

/// A loaded rule.
#[derive(Clone, Debug)]
pub struct Rule {
    /// Id from the path: `plan.points`.
    pub id: String,
    /// The file it came from.
    pub path: String,
    /// The file's text, for pointing at lines of its examples.
    pub source: String,
    /// What it measures: `plan_points`, `meeting_date`, ...
    pub kind: String,
    /// The subject: a name, `{event}` (the event the sentence names), or a template
    /// with `{persons}` / `{places}` (the ids mentioned inside the match, sorted,
    /// joined with `-`), `{speaker}` (the person named nearest the value in the
    /// sentence) or `{counted}` (what a count counts and what happened to it:
    /// [`crate::counted`]).
    pub subject: String,
    /// What it is for, in a line.
    pub description: Option<String>,
    /// Qualifier when no cue word is found; `None` leaves the claim unqualified.
    pub default_qualifier: Option<String>,
    /// Where cue words are searched.
    pub qualifier_scope: Scope,
    /// Qualifier cue words.
    pub qualifiers: Vec<Cues>,
    /// Subject overrides by cue words just before the value.
    pub subjects: Vec<Cues>,
    /// Words of which the sentence (or the one before it in the paragraph) must hold
    /// one for the rule to apply.
    pub context: Vec<vocab::Cue>,
    /// Whether the fact changes over time, so a later article's different value is an
    /// update rather than a conflict.
    pub changes: bool,
    /// For date claims: the most days a value may span ("next week" spans 7; "in
    /// December" 31) for the rule to take it.
    pub max_days: Option<i64>,
    /// For date claims: the most days a value may lie from the report's publication
    /// date (either way) for the rule to take it, so that the history a report recounts
    /// ("a deal that funded it until February 15, 2019") is not read as today's news.
    pub within_days: Option<i64>,
    /// Words that, standing earlier in the value's clause, make the rule pass the value
    /// over: a hypothetical ("if the truce lasts 60 days") states no term.
    pub unless: Vec<String>,
    /// Whether the subject recurs (a chamber votes again and again): a claim is then
    /// about the occasion its sentence (or the one before it in the paragraph) dates to
    /// the day, its subject suffixed `@YYYY-MM-DD`; without such a date it is kept but
    /// never compared.
    pub recurring: bool,
    /// Whether a position's qualifier follows the party that holds it: a party named
    /// just before the qualifier's cue ("Kyiv proposed", "the United States offered")
    /// makes the qualifier `party:stance`; a stance no party is named with takes, at
    /// comparison, the party that holds it in most of its story's claims.
    pub holders: bool,
    /// The unit of time a number or ordinal the rule takes counts, in seconds: with
    /// `unit = "day"`, "day 12" and "its 15th day" are durations of 12 and 15 days.
    pub unit: Option<f64>,
    /// Whether an ordinal the rule takes is a count so far: "failed for the tenth time"
    /// counts ten failures.
    pub ordinal_counts: bool,
    /// Whether the rule's figures are given for scenarios: a figure in a sentence with an
    /// "if" clause is qualified by the condition ("if-six-weeks"), and one without is
    /// compared only where one scenario alone has its value.
    pub scenarios: bool,
    /// The lexicon of counted things and what happened to them, for `{counted}`.
    pub lexicon: std::sync::Arc<crate::counted::Lexicon>,
    /// The patterns.
    pub patterns: Vec<RulePattern>,
    /// Positive examples.
    pub examples: Vec<Example>,
    /// Near misses.
    pub rejects: Vec<Reject>,
}

impl Rule {
    /// Whether the rule sorts its claims into qualifiers, so an unqualified claim of it
    /// cannot be compared.
    pub fn needs_qualifier(&self) -> bool {
        (!self.qualifiers.is_empty() || self.scenarios) && self.default_qualifier.is_none()
    }

    /// The claim's value for a value the rule's pattern took: a count of the rule's
    /// `unit` ("day 12", "the 15th day") becomes that length of time; anything else is
    /// taken as it is.
    pub fn claim_value(&self, value: &Value) -> Value {
        match (self.unit, value) {
            (Some(unit), Value::Number { amount, unit: None }) => Value::Duration(amount.scaled(unit)),
            (Some(unit), Value::Ordinal(n)) => Value::Duration(Amount::exact(f64::from(*n) * unit)),
            (None, Value::Ordinal(n)) if self.ordinal_counts => {
                Value::Number { amount: Amount::exact(f64::from(*n)), unit: None }
            }
            _ => value.clone(),
        }
    }
}

/// The units of time a rule's `unit` may name, in seconds.
const TIME_UNITS: &[(&str, f64)] = &[
    ("hour", seconds::HOUR),
    ("day", seconds::DAY),
    ("week", seconds::WEEK),
    ("month", seconds::MONTH),
    ("year", seconds::YEAR),
];

/// The rules and tables claims are extracted with.
#[derive(Clone, Debug, Default)]
pub struct RuleSet {
    /// Rules, sorted by id.
    pub rules: Vec<Rule>,
    /// People, places and events.
    pub entities: Entities,
    /// The words the rules' patterns and context lists name, numbered.
    pub vocab: vocab::Vocab,
}

/// 1-based line and character column of byte `offset` in `text`.
pub fn position(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let mut at = offset;
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let head = &text[..at];
    let line = head.matches('\n').count() + 1;
    let line_start = head.rfind('\n').map_or(0, |i| i + 1);
    (line, head[line_start..].chars().count() + 1)
}

fn toml_error(path: &str, text: &str, e: &toml::de::Error) -> RuleError {
    let (line, column) = match e.span() {
        Some(span) => {
            let (l, c) = position(text, span.start);
            (Some(l), Some(c))
        }
        None => (None, None),
    };
    RuleError { path: path.to_string(), line, column, message: e.message().trim().to_string() }
}

/// A rule's id from its path inside the rules folder: `plan/points.toml` is
/// `plan.points`.
pub fn rule_id(relative: &str) -> String {
    relative.trim_end_matches(".toml").replace(['/', '\\'], ".")
}

/// Byte offset in the file where the pattern text starts inside the TOML value spanning
/// `span` (a string, or a table holding it); escapes are not counted.
fn string_body_offset(text: &str, span: std::ops::Range<usize>, pattern: &str) -> usize {
    let raw = text.get(span.clone()).unwrap_or("");
    match raw.find(pattern) {
        Some(i) if !pattern.is_empty() => span.start + i,
        _ => span.start + 1.min(raw.len()),
    }
}

fn load_rule(
    path: &str,
    relative: &str,
    text: &str,
    lexicon: &std::sync::Arc<crate::counted::Lexicon>,
) -> Result<Rule, RuleError> {
    let file: RuleFile = toml::from_str(text).map_err(|e| toml_error(path, text, &e))?;
    let mut patterns = Vec::new();
    for entry in &file.patterns {
        let at_entry = |message: String| {
            let (line, column) = position(text, entry.span().start);
            RuleError { path: path.to_string(), line: Some(line), column: Some(column), message }
        };
        let (source, qualifier, subject) = match entry.get_ref() {
            toml::Value::String(s) => (s.clone(), None, None),
            toml::Value::Table(t) => {
                let full: FullPattern =
                    t.clone().try_into().map_err(|e: toml::de::Error| at_entry(e.message().trim().to_string()))?;
                (full.pattern, full.qualifier, full.subject)
            }
            other => {
                return Err(at_entry(format!(
                    "expected a pattern string or a table with `pattern`, found a {}",
                    other.type_str()
                )));
            }
        };
        let expanded = lexicon.expand(&source);
        match parse_pattern(&expanded) {
            Ok(pattern) => patterns.push(RulePattern { pattern, qualifier, subject }),
            Err(e) => {
                let body = string_body_offset(text, entry.span(), &source);
                let at = |offset: usize| {
                    let (l, c) = position(text, body + offset);
                    format!("{l}:{c}")
                };
                let (line, column) = position(text, body + e.offset);
                return Err(RuleError {
                    path: path.to_string(),
                    line: Some(line),
                    column: Some(column),
                    message: e.render(at),
                });
            }
        }
    }
    let unit = match &file.unit {
        None => None,
        Some(unit) => {
            let name = unit.get_ref().trim_end_matches('s');
            match TIME_UNITS.iter().find(|(n, _)| *n == name) {
                Some((_, secs)) => Some(*secs),
                None => {
                    let (line, column) = position(text, unit.span().start);
                    let known: Vec<&str> = TIME_UNITS.iter().map(|(n, _)| *n).collect();
                    return Err(RuleError {
                        path: path.to_string(),
                        line: Some(line),
                        column: Some(column),
                        message: format!("unknown unit {:?}; expected one of {}", unit.get_ref(), known.join(", ")),
                    });
                }
            }
        }
    };
    if patterns.is_empty() {
        return Err(RuleError {
            path: path.to_string(),
            line: None,
            column: None,
            message: "a rule needs at least one pattern in `patterns`".into(),
        });
    }
    Ok(Rule {
        id: rule_id(relative),
        path: path.to_string(),
        source: text.to_string(),
        kind: file.kind,
        subject: file.subject,
        description: file.description,
        default_qualifier: file.qualifier.filter(|q| !q.is_empty()),
        qualifier_scope: file.qualifier_scope,
        qualifiers: file.qualifiers,
        subjects: file.subjects,
        context: file.context.iter().map(|c| vocab::Cue::new(c)).collect(),
        changes: file.changes,
        max_days: file.max_days,
        within_days: file.within_days,
        unless: file.unless,
        recurring: file.recurring,
        holders: file.holders,
        unit,
        ordinal_counts: file.ordinal_counts,
        scenarios: file.scenarios,
        lexicon: lexicon.clone(),
        patterns,
        examples: file.example,
        rejects: file.reject,
    })
}

/// Where in a rule pack the lexicon of counts stands.
pub const LEXICON: &str = "lexicon/counted.toml";

/// One file of a rule pack: its path for messages, its path inside the pack folder
/// (for the id), and its contents.
#[derive(Clone, Debug)]
pub struct Source {
    /// Path shown in messages ("rules/plan/points.toml").
    pub path: String,
    /// Path inside the pack folder ("plan/points.toml").
    pub relative: String,
    /// The TOML text.
    pub text: String,
}

/// The bundled rule pack, compiled in from `rules/` by the build script.
pub fn bundled_sources() -> Vec<Source> {
    include!(concat!(env!("OUT_DIR"), "/bundled_rules.rs"))
        .iter()
        .map(|(relative, text): &(&str, &str)| Source {
            path: format!("rules/{relative}"),
            relative: relative.to_string(),
            text: text.to_string(),
        })
        .collect()
}

/// Every `.toml` file under `dir`, walked recursively, in sorted order.
pub fn folder_sources(dir: &Path) -> Result<Vec<Source>, RuleError> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    let err = |p: &Path, e: std::io::Error| RuleError {
        path: p.display().to_string(),
        line: None,
        column: None,
        message: format!("cannot read rule folder: {e}"),
    };
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).map_err(|e| err(&folder, e))? {
            let path = entry.map_err(|e| err(&folder, e))?.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "toml") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).map_err(|e| err(&path, e))?;
            let relative = path.strip_prefix(dir).unwrap_or(&path).to_string_lossy().replace('\\', "/");
            Ok(Source { path: path.display().to_string(), relative, text })
        })
        .collect()
}

impl RuleSet {
    /// Load rule packs; later sources add to earlier ones, and a rule with the id of an
    /// earlier one replaces it. Returns every error, not just the first.
    pub fn load(sources: &[Source]) -> Result<RuleSet, Vec<RuleError>> {
        let mut set = RuleSet::default();
        let mut errors = Vec::new();
        // The lexicon of counts first: rules' patterns and subjects use it. A later
        // lexicon replaces an earlier one.
        let mut lexicon = std::sync::Arc::new(crate::counted::Lexicon::default());
        for source in sources.iter().filter(|s| s.relative == LEXICON) {
            match toml::from_str::<crate::counted::Lexicon>(&source.text) {
                Ok(l) => lexicon = std::sync::Arc::new(l),
                Err(e) => errors.push(toml_error(&source.path, &source.text, &e)),
            }
        }
        for source in sources {
            match source.relative.as_str() {
                LEXICON => {}
                "entities.toml" => match toml::from_str::<EntityFile>(&source.text) {
                    Ok(entities) => set.entities.add(&entities, &EventFile::default()),
                    Err(e) => errors.push(toml_error(&source.path, &source.text, &e)),
                },
                "events.toml" => match toml::from_str::<EventFile>(&source.text) {
                    Ok(events) => set.entities.add(&EntityFile::default(), &events),
                    Err(e) => errors.push(toml_error(&source.path, &source.text, &e)),
                },
                relative => match load_rule(&source.path, relative, &source.text, &lexicon) {
                    Ok(rule) => {
                        set.rules.retain(|r| r.id != rule.id);
                        set.rules.push(rule);
                    }
                    Err(e) => errors.push(e),
                },
            }
        }
        set.rules.sort_by(|a, b| a.id.cmp(&b.id));
        let mut vocab = vocab::Vocab::default();
        for rule in &mut set.rules {
            rule.patterns.iter_mut().for_each(|p| p.pattern.intern(&mut vocab));
            rule.context.iter_mut().for_each(|c| c.intern(&mut vocab));
            for group in &mut rule.qualifiers {
                group.numbered = group.cues.iter().map(|c| vocab::Cue::new(c)).collect();
                group.numbered.iter_mut().for_each(|c| c.intern(&mut vocab));
            }
        }
        set.vocab = vocab;
        if errors.is_empty() { Ok(set) } else { Err(errors) }
    }

    /// Whether claims of `kind` report a fact that changes over time.
    pub fn kind_changes(&self, kind: &str) -> bool {
        self.rules.iter().any(|r| r.kind == kind && r.changes)
    }

    /// Whether a claim found by rule `rule` (an id) reports a fact that changes over
    /// time: the rule says so (`changes = true`). A claim of a rule no longer loaded
    /// goes by its kind.
    pub fn claim_changes(&self, rule: &str, kind: &str) -> bool {
        match self.rules.binary_search_by(|r| r.id.as_str().cmp(rule)) {
            Ok(at) => self.rules[at].changes,
            Err(_) => self.kind_changes(kind),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(relative: &str, text: &str) -> Source {
        Source { path: format!("rules/{relative}"), relative: relative.into(), text: text.into() }
    }

    #[test]
    fn ids_come_from_paths() {
        assert_eq!(rule_id("plan/points.toml"), "plan.points");
        let set = RuleSet::load(&[source(
            "plan/points.toml",
            "kind = \"plan_points\"\nsubject = \"us-peace-plan\"\npatterns = [\"{number}-point plan\"]\n",
        )])
        .unwrap();
        assert_eq!(set.rules[0].id, "plan.points");
    }

    #[test]
    fn a_bad_pattern_points_at_file_line_and_column() {
        let text = "kind = \"plan_points\"\nsubject = \"x\"\npatterns = [\n  \"(plan {number} points\",\n]\n";
        let errors = RuleSet::load(&[source("plan/points.toml", text)]).unwrap_err();
        let message = errors[0].to_string();
        assert!(message.starts_with("rules/plan/points.toml:4:"), "{message}");
        assert!(message.contains("expected ')'") && message.contains("4:4"), "{message}");
    }

    #[test]
    fn unknown_keys_and_bad_toml_are_errors_with_positions() {
        let errors =
            RuleSet::load(&[source("a/b.toml", "kind = \"k\"\nsubjekt = \"x\"\npatterns = []\n")]).unwrap_err();
        assert!(errors[0].to_string().starts_with("rules/a/b.toml:2:1: unknown field `subjekt`"), "{}", errors[0]);
        let errors = RuleSet::load(&[source("a/c.toml", "kind = \n")]).unwrap_err();
        assert_eq!(errors[0].line, Some(1));
    }

    #[test]
    fn a_rule_without_patterns_is_an_error() {
        let errors =
            RuleSet::load(&[source("a/b.toml", "kind = \"k\"\nsubject = \"x\"\npatterns = []\n")]).unwrap_err();
        assert!(errors[0].message.contains("at least one pattern"));
    }

    #[test]
    fn a_unit_turns_counts_into_durations() {
        let text = "kind = \"event_duration\"\nsubject = \"x\"\nunit = \"days\"\npatterns = [\"day {number}\"]\n";
        let set = RuleSet::load(&[source("a/b.toml", text)]).unwrap();
        let rule = &set.rules[0];
        assert_eq!(rule.claim_value(&Value::Ordinal(15)), Value::Duration(Amount::exact(15.0 * seconds::DAY)));
        let twelve = Value::Number { amount: Amount::exact(12.0), unit: None };
        assert_eq!(rule.claim_value(&twelve), Value::Duration(Amount::exact(12.0 * seconds::DAY)));
        let errors = RuleSet::load(&[source("a/b.toml", &text.replace("days", "fortnights"))]).unwrap_err();
        assert_eq!(
            errors[0].to_string(),
            "rules/a/b.toml:3:8: unknown unit \"fortnights\"; expected one of hour, day, week, month, year"
        );
    }

    #[test]
    fn the_bundled_pack_loads() {
        let set = RuleSet::load(&bundled_sources()).unwrap_or_else(|e| panic!("{}", e[0]));
        assert!(!set.rules.is_empty());
    }
}
