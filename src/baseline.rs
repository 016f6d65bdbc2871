//! Baselines: the disagreements a newsroom has accepted, so that `check` reports only
//! what is new. Written by `claimcheck baseline write` (default
//! `.claimcheck/baseline.json`), read by `check --baseline FILE`, trimmed by
//! `claimcheck baseline prune`.
//!
//! An entry is a content fingerprint ([`crate::report::fingerprint`]: relation, key,
//! value, the values against it; never lines or file names) with how many claims had
//! it in each article, and, for people reading the file, the key and the value. Moving
//! a paragraph, editing another or renaming the file keeps a claim's fingerprint;
//! changing its value, or a counterpart's, does not.
//!
//! Matching: a claim is accepted while its fingerprint has count left in its own
//! article, or else in an article that is gone (renamed or deleted). So a new article
//! repeating an accepted claim is reported, and a renamed one is not. Counts no claim
//! used, in articles the run looked at, are stale: their findings are gone.
//!
//! Pure: text in, a baseline out, and back; the command line reads and writes files.

use crate::article::InputError;
use crate::report::Occurrence;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// Where `baseline write`, `baseline prune` and `check --baseline` look by default.
pub const DEFAULT_PATH: &str = ".claimcheck/baseline.json";

/// The baseline file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// Always 1.
    pub schema_version: u32,
    /// The accepted claims, sorted by key, value and fingerprint.
    pub entries: Vec<Entry>,
}

/// Claims with one fingerprint.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The fingerprint, 16 hexadecimal digits.
    pub fingerprint: String,
    /// `conflict` or `update`.
    pub relation: String,
    /// The claim key's kind.
    pub kind: String,
    /// Its subject.
    pub subject: String,
    /// Its qualifier.
    pub qualifier: Option<String>,
    /// The value, as displayed.
    pub value: String,
    /// How many claims had it, by the path of their article.
    pub counts: BTreeMap<String, usize>,
}

impl Entry {
    /// `relation[kind] subject/qualifier = value`, for listings.
    pub fn describe(&self) -> String {
        let key = match &self.qualifier {
            Some(q) => format!("{}/{q}", self.subject),
            None => self.subject.clone(),
        };
        format!("{}[{}] {key} = {}", self.relation, self.kind, self.value)
    }

    /// How many claims had it in all.
    pub fn count(&self) -> usize {
        self.counts.values().sum()
    }
}

/// A path as recorded and compared: `/` separators, no leading `./`.
pub fn normal_path(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut rest = path.as_str();
    while let Some(r) = rest.strip_prefix("./") {
        rest = r;
    }
    rest.to_string()
}

impl Baseline {
    /// A baseline of these claims.
    pub fn of(occurrences: &[Occurrence], findings: &[crate::compare::Finding]) -> Baseline {
        let mut entries: BTreeMap<u64, Entry> = BTreeMap::new();
        for o in occurrences {
            let f = &findings[o.finding];
            let entry = entries.entry(o.fingerprint).or_insert_with(|| Entry {
                fingerprint: format!("{:016x}", o.fingerprint),
                relation: o.relation.name().to_string(),
                kind: f.kind.clone(),
                subject: f.subject.clone(),
                qualifier: f.qualifier.clone(),
                value: o.claim.claim.value.display(),
                counts: BTreeMap::new(),
            });
            *entry.counts.entry(normal_path(&o.claim.path)).or_default() += 1;
        }
        let mut entries: Vec<Entry> = entries.into_values().collect();
        sort(&mut entries);
        Baseline { schema_version: 1, entries }
    }

    /// Read a baseline; an error names the file, the line and what was expected.
    pub fn parse(path: &str, text: &str) -> Result<Baseline, InputError> {
        let error = |line: Option<usize>, message: String| InputError { path: path.to_string(), line, message };
        let baseline: Baseline = serde_json::from_str(text).map_err(|e| {
            // The message without serde_json's own " at line L column C": ours leads.
            let full = e.to_string();
            let message = full.rfind(" at line ").map_or(full.as_str(), |at| &full[..at]);
            error(
                (e.line() > 0).then_some(e.line()),
                format!("not a claimcheck baseline: {message}; expected the JSON `claimcheck baseline write` writes"),
            )
        })?;
        if baseline.schema_version != 1 {
            return Err(error(
                line_of(text, "\"schema_version\""),
                format!("schema_version {} is not one this claimcheck reads; expected 1", baseline.schema_version),
            ));
        }
        for entry in &baseline.entries {
            let valid = entry.fingerprint.len() == 16 && entry.fingerprint.bytes().all(|b| b.is_ascii_hexdigit());
            let counted = !entry.counts.is_empty() && entry.counts.values().all(|n| *n > 0);
            if !valid || !counted {
                let expected = if valid { "counts of 1 or more" } else { "16 hexadecimal digits" };
                return Err(error(
                    line_of(text, &entry.fingerprint),
                    format!("bad entry {:?}: expected {expected}", entry.fingerprint),
                ));
            }
        }
        Ok(baseline)
    }

    /// The file's text: pretty JSON, one key a line, ending in a newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// Match claims against the entries ([`Matching`]). `gone(path)` says whether an
    /// article is no longer there (renamed or deleted): its counts are open to claims
    /// with the same fingerprint elsewhere.
    pub fn matching(&self, occurrences: &[Occurrence], gone: impl Fn(&str) -> bool) -> Matching {
        let mut left: Vec<BTreeMap<String, usize>> = self.entries.iter().map(|e| e.counts.clone()).collect();
        let mut index: HashMap<u64, usize> = HashMap::new();
        for (i, e) in self.entries.iter().enumerate() {
            if let Ok(fingerprint) = u64::from_str_radix(&e.fingerprint, 16) {
                index.insert(fingerprint, i);
            }
        }
        let mut accepted = vec![false; occurrences.len()];
        // Claims in their own article's count first; then the counts of articles gone.
        for own in [true, false] {
            for (o, occurrence) in occurrences.iter().enumerate() {
                let Some(&e) = index.get(&occurrence.fingerprint) else { continue };
                if accepted[o] {
                    continue;
                }
                let path = normal_path(&occurrence.claim.path);
                let slot = if own {
                    left[e].get_mut(&path).filter(|n| **n > 0)
                } else {
                    left[e].iter_mut().find(|(p, n)| **n > 0 && gone(p)).map(|(_, n)| n)
                };
                if let Some(n) = slot {
                    *n -= 1;
                    accepted[o] = true;
                }
            }
        }
        for counts in &mut left {
            counts.retain(|_, n| *n > 0);
        }
        Matching { accepted, left }
    }

    /// The baseline as it should be now: the counts of articles `in_scope` (those the
    /// run looked at, and those gone) rebuilt from the claims it accepted, under their
    /// present paths; the other counts kept.
    pub fn pruned(&self, occurrences: &[Occurrence], matching: &Matching, in_scope: impl Fn(&str) -> bool) -> Baseline {
        let mut entries: Vec<Entry> = self
            .entries
            .iter()
            .map(|e| Entry {
                counts: e.counts.iter().filter(|(p, _)| !in_scope(p)).map(|(p, n)| (p.clone(), *n)).collect(),
                ..e.clone()
            })
            .collect();
        let index: HashMap<&str, usize> =
            self.entries.iter().enumerate().map(|(i, e)| (e.fingerprint.as_str(), i)).collect();
        for (o, _) in occurrences.iter().zip(&matching.accepted).filter(|(_, a)| **a) {
            if let Some(&e) = index.get(format!("{:016x}", o.fingerprint).as_str()) {
                *entries[e].counts.entry(normal_path(&o.claim.path)).or_default() += 1;
            }
        }
        entries.retain(|e| !e.counts.is_empty());
        Baseline { schema_version: 1, entries }
    }
}

/// How claims matched a baseline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Matching {
    /// Per claim: whether the baseline accepts it.
    pub accepted: Vec<bool>,
    /// Per entry: the counts no claim used, by path.
    pub left: Vec<BTreeMap<String, usize>>,
}

fn sort(entries: &mut [Entry]) {
    entries.sort_by(|a, b| {
        (&a.kind, &a.subject, &a.qualifier, &a.value, &a.fingerprint).cmp(&(
            &b.kind,
            &b.subject,
            &b.qualifier,
            &b.value,
            &b.fingerprint,
        ))
    });
}

/// The 1-based line where `needle` first stands in `text`.
fn line_of(text: &str, needle: &str) -> Option<usize> {
    text.find(needle).map(|at| text[..at].matches('\n').count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::{ArticleClaims, compare};
    use crate::extract::{Claim, Span};
    use crate::report::occurrences;
    use crate::value::{Amount, Value};
    use chrono::NaiveDate;

    fn article(path: &str, value: f64, line: usize) -> ArticleClaims {
        let claim = Claim {
            rule: "r".into(),
            text: value.to_string(),
            span: Span { start: line * 10, end: line * 10 + 1, line, column: 1 },
            ..Claim::example("meeting_duration", "talks", Value::Duration(Amount::exact(value)))
        };

        ArticleClaims {
            path: path.into(),
            title: None,
            published: NaiveDate::from_ymd_opt(2025, 12, 1),
            url: None,
            claims: vec![claim],
            ..Default::default()
        }
    }

    /// The baseline of `articles`, and how `later` matches it (paths not in `later`
    /// are gone).
    fn round(articles: &[ArticleClaims], later: &[ArticleClaims]) -> (Baseline, Matching, Vec<String>) {
        let findings = compare(articles, |_| false);
        let baseline = Baseline::of(&occurrences(&findings, |_| true), &findings);
        let findings = compare(later, |_| false);
        let now = occurrences(&findings, |_| true);
        let matching = baseline.matching(&now, |p| !later.iter().any(|a| a.path == p));
        let new = now.iter().zip(&matching.accepted).filter(|(_, a)| !**a).map(|(o, _)| o.claim.path.clone()).collect();
        (baseline, matching, new)
    }

    #[test]
    fn moved_lines_and_renamed_files_stay_accepted_and_changed_values_do_not() {
        let before = [article("a.md", 5.0, 3), article("b.md", 5.0, 4), article("c.md", 3.0, 7)];
        let (baseline, matching, new) = round(&before, &before);
        assert_eq!(baseline.entries.len(), 2, "{baseline:#?}");
        assert_eq!(baseline.entries.iter().map(Entry::count).sum::<usize>(), 3);
        assert!(new.is_empty() && matching.left.iter().all(BTreeMap::is_empty), "{matching:?}");

        let moved = [article("a.md", 5.0, 30), article("b.md", 5.0, 40), article("renamed.md", 3.0, 1)];
        let (_, _, new) = round(&before, &moved);
        assert!(new.is_empty(), "lines and names do not matter: {new:?}");

        let changed = [article("a.md", 5.0, 3), article("b.md", 5.0, 4), article("c.md", 2.0, 7)];
        let (baseline, matching, new) = round(&before, &changed);
        assert_eq!(new, vec!["a.md", "b.md", "c.md"], "c changed, and a and b now stand against another value");
        let findings = compare(&changed, |_| false);
        let now = occurrences(&findings, |_| true);
        let matching_now = baseline.matching(&now, |_| false);
        assert_eq!(matching_now, matching);
        assert!(baseline.pruned(&now, &matching, |_| true).entries.is_empty());
        let kept = baseline.pruned(&now, &matching, |p| p == "c.md");
        assert_eq!(kept.entries.iter().map(Entry::count).sum::<usize>(), 2, "counts outside the run are kept");
    }

    #[test]
    fn a_new_article_repeating_an_accepted_claim_is_the_one_reported() {
        let before = [article("a.md", 5.0, 3), article("c.md", 3.0, 7)];
        let after = [article("a.md", 5.0, 3), article("c.md", 3.0, 7), article("d.md", 3.0, 2)];
        let (_, _, new) = round(&before, &after);
        assert_eq!(new, vec!["d.md"]);
    }

    #[test]
    fn pruning_moves_a_renamed_article_s_counts_to_its_new_path() {
        let before = [article("a.md", 5.0, 3), article("c.md", 3.0, 7)];
        let after = [article("a.md", 5.0, 3), article("renamed.md", 3.0, 7)];
        let findings = compare(&before, |_| false);
        let baseline = Baseline::of(&occurrences(&findings, |_| true), &findings);
        let findings = compare(&after, |_| false);
        let now = occurrences(&findings, |_| true);
        let gone = |p: &str| p == "c.md";
        let matching = baseline.matching(&now, gone);
        assert!(matching.accepted.iter().all(|a| *a));
        let pruned = baseline.pruned(&now, &matching, |p| gone(p) || after.iter().any(|a| a.path == p));
        let paths: Vec<&str> = pruned.entries.iter().flat_map(|e| e.counts.keys().map(String::as_str)).collect();
        assert_eq!(paths, vec!["renamed.md", "a.md"]);
    }

    #[test]
    fn the_file_round_trips_and_bad_files_name_their_line() {
        let before = [article("./a.md", 5.0, 3), article("c.md", 3.0, 7)];
        let findings = compare(&before, |_| false);
        let baseline = Baseline::of(&occurrences(&findings, |_| true), &findings);
        assert_eq!(baseline.entries[0].counts.keys().collect::<Vec<_>>(), vec!["c.md"]);
        assert_eq!(baseline.entries[1].counts.keys().collect::<Vec<_>>(), vec!["a.md"], "no leading ./");
        let text = baseline.to_json();
        assert_eq!(Baseline::parse("b.json", &text).unwrap(), baseline);

        let e = Baseline::parse("b.json", "{\n  \"schema_version\": 1,\n  \"entries\": [\n    {\"oops\": 1}\n  ]\n}")
            .unwrap_err();
        assert_eq!(e.line, Some(4), "{e}");
        assert!(e.to_string().starts_with("b.json:4: not a claimcheck baseline: unknown field `oops`"), "{e}");
        let e = Baseline::parse("b.json", "{\n  \"schema_version\": 1,\n  \"entries\": [\n").unwrap_err();
        assert!(e.line.is_some() && e.message.contains("EOF"), "{e}");
        let e = Baseline::parse("b.json", "{\"schema_version\": 2, \"entries\": []}").unwrap_err();
        assert!(e.message.contains("expected 1"), "{e}");
        let bad = text.replacen(&baseline.entries[0].fingerprint, "xyz", 1);
        let e = Baseline::parse("b.json", &bad).unwrap_err();
        assert!(e.message.contains("16 hexadecimal digits") && e.line.is_some(), "{e}");
    }
}
