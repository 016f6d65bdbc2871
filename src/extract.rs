//! Claims from one article: values found by the scanner, sentences, the people, places
//! and events each sentence names, and the rules' patterns matched over the sentence's
//! tokens. Pure, and never looks at another article.

use crate::article::{Article, LineIndex};
use crate::rule::pattern::{Mention, Tok, ValueKind};
use crate::rule::vocab::{Vocab, WordSet};
use crate::rule::{Rule, RuleSet, Scope};
use crate::scan::{self, Found};
use crate::text::{self, Sentence, Token, TokenKind};
use crate::value::{NumberUnit, Value};
use serde::Serialize;
use std::collections::BTreeSet;
use std::ops::Range;

/// Subject of a claim whose event no sentence names; such claims are kept but never
/// compared.
pub const UNKNOWN_SUBJECT: &str = "unknown";

/// Where a claim stands in its article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Span {
    /// Byte offset of the value's first byte.
    pub start: usize,
    /// Byte offset just past the value.
    pub end: usize,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// A claim: `(kind, subject, qualifier) = value`, with where it stands.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Claim {
    /// Id of the rule that found it.
    pub rule: String,
    /// What is measured.
    pub kind: String,
    /// What it is about.
    pub subject: String,
    /// Which version or side; `None` when the text does not say.
    pub qualifier: Option<String>,
    /// The value.
    pub value: Value,
    /// The value's words.
    pub text: String,
    /// The sentence it stands in.
    pub quote: String,
    /// Where.
    pub span: Span,
    /// Whether it can be compared: its subject is known and, where the rule sorts
    /// claims into qualifiers, its qualifier too.
    #[serde(skip)]
    pub comparable: bool,
    /// Whether only the qualifier is missing for it to be compared: its subject is known
    /// and its rule sorts claims into qualifiers, but no cue word said which.
    #[serde(skip)]
    pub qualifier_missing: bool,
    /// Whether the comparison supplied the qualifier: the text did not say which
    /// version, but only one version reported by the articles has this value.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub qualifier_inferred: bool,
    /// Whether its value is a date ("on Sunday") placed against a publication date the
    /// article did not give but took from the reports of its story it agrees with. Such
    /// a date may be a week off: it can join an agreement, never make a dispute.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub placed_by_inferred_date: bool,
}

impl Claim {
    /// The key claims are grouped by: `kind subject/qualifier`.
    pub fn key(&self) -> String {
        match &self.qualifier {
            Some(q) => format!("{} {}/{}", self.kind, self.subject, q),
            None => format!("{} {}", self.kind, self.subject),
        }
    }

    /// A comparable claim of `value` about `subject`, unqualified, from rule `test`, at
    /// the start of line 1: what unit tests build their findings from.
    #[cfg(test)]
    pub(crate) fn example(kind: &str, subject: &str, value: Value) -> Claim {
        Claim {
            rule: "test".into(),
            kind: kind.into(),
            subject: subject.into(),
            qualifier: None,
            text: value.display(),
            value,
            quote: String::new(),
            span: Span { start: 0, end: 1, line: 1, column: 1 },
            comparable: true,
            qualifier_missing: false,
            qualifier_inferred: false,
            placed_by_inferred_date: false,
        }
    }
}

/// A sentence ready for matching: its tokens with values merged in, and what it names.
struct Prepared {
    toks: Vec<Tok>,
    /// Lower-case words of each token (a value's words for a value token).
    words_of: Vec<std::ops::Range<usize>>,
    spans: Vec<Range<usize>>,
    mentions: Vec<Mention>,
    event: Option<String>,
    /// The sentence's words and punctuation as written (lower-cased).
    raw: Vec<Token>,
    /// People and places the sentence names (not counting places people came from).
    named: BTreeSet<String>,
    /// The kinds of value the sentence holds.
    kinds: Vec<ValueKind>,
}

impl Prepared {
    /// The lower-case words of token `i` (a value's words for a value token).
    fn words_at(&self, i: usize) -> impl Iterator<Item = &str> {
        let range = self.words_of.get(i).cloned().unwrap_or(0..0);
        self.raw.get(range).into_iter().flatten().filter_map(|t| match &t.kind {
            TokenKind::Word(w) => Some(w.as_str()),
            TokenKind::Punct(_) => None,
        })
    }
}

fn value_kind(value: &Value) -> ValueKind {
    match value {
        Value::Number { unit: Some(NumberUnit::Percent), .. } => ValueKind::Percent,
        Value::Number { .. } => ValueKind::Number,
        Value::Ordinal(_) => ValueKind::Ordinal,
        Value::Duration(_) => ValueKind::Duration,
        Value::Date(_) => ValueKind::Date,
    }
}

/// Merge value spans into a sentence's tokens and remap entity mentions onto them.
fn prepare(text: &str, sentence: &Sentence, values: &[Found], rules: &RuleSet) -> Prepared {
    let raw: Vec<Token> = text::tokens(text, sentence.span.clone());
    let raw_mentions = rules.entities.mentions(text, &raw);
    let first_value = values.partition_point(|v| v.end <= sentence.span.start);
    let holds_values = values.get(first_value).is_some_and(|f| f.start < sentence.span.end);
    if !holds_values {
        // No claim can stand here: only what the sentence names matters, for the
        // sentences after it.
        let came_from = |m: &Mention| {
            m.kind == crate::rule::pattern::EntityKind::Place
                && m.start > 0
                && matches!(&raw[m.start - 1].kind, TokenKind::Word(w) if w == "from")
        };
        let named: BTreeSet<String> = raw_mentions.iter().filter(|m| !came_from(m)).map(|m| m.id.clone()).collect();
        let event = rules.entities.event(&named).map(str::to_string);
        return Prepared {
            toks: Vec::new(),
            words_of: Vec::new(),
            spans: Vec::new(),
            mentions: Vec::new(),
            event,
            raw,
            named,
            kinds: Vec::new(),
        };
    }
    let mut toks = Vec::with_capacity(raw.len());
    let mut words_of: Vec<std::ops::Range<usize>> = Vec::with_capacity(raw.len());
    let mut spans = Vec::with_capacity(raw.len());
    let mut map = Vec::with_capacity(raw.len());
    let mut v = first_value;
    let mut i = 0;
    while i < raw.len() {
        while v < values.len() && values[v].end <= raw[i].span.start {
            v += 1;
        }
        let inside = values
            .get(v)
            .filter(|f| f.start <= raw[i].span.start && raw[i].span.start < f.end && f.end <= sentence.span.end);
        if let Some(found) = inside {
            toks.push(Tok::Value { index: v, kind: value_kind(&found.value) });
            spans.push(found.start..found.end);
            let from = i;
            while i < raw.len() && raw[i].span.start < found.end {
                map.push(toks.len() - 1);
                i += 1;
            }
            words_of.push(from..i);
            continue;
        }
        toks.push(match &raw[i].kind {
            TokenKind::Word(w) => Tok::Word(w.clone(), rules.vocab.id(w)),
            TokenKind::Punct(c) => Tok::Punct(*c),
        });
        spans.push(raw[i].span.clone());
        words_of.push(i..i + 1);
        map.push(toks.len() - 1);
        i += 1;
    }
    let mentions: Vec<Mention> = raw_mentions
        .into_iter()
        .filter_map(|m| {
            let start = *map.get(m.start)?;
            let end = *map.get(m.end - 1)? + 1;
            let covers_value = (start..end).any(|t| matches!(toks[t], Tok::Value { .. }));
            (!covers_value).then_some(Mention { start, end, ..m })
        })
        .collect();
    let came_from = |m: &Mention| {
        m.kind == crate::rule::pattern::EntityKind::Place
            && m.start > 0
            && matches!(&toks[m.start - 1], Tok::Word(w, _) if w == "from")
    };
    let named: BTreeSet<String> = mentions.iter().filter(|m| !came_from(m)).map(|m| m.id.clone()).collect();
    let event = rules.entities.event(&named).map(str::to_string);
    let mut kinds: Vec<ValueKind> = toks
        .iter()
        .filter_map(|t| match t {
            Tok::Value { kind, .. } => Some(*kind),
            _ => None,
        })
        .collect();
    kinds.dedup();
    Prepared { toks, words_of, spans, mentions, event, raw, named, kinds }
}

/// A sentence's words as a set.
fn word_set(p: &Prepared, vocab: &Vocab) -> WordSet {
    let words = p.raw.iter().filter_map(|t| match &t.kind {
        TokenKind::Word(w) => Some(w.as_str()),
        TokenKind::Punct(_) => None,
    });
    WordSet::new(words, vocab)
}

/// Whether `word` matches a cue ("revis*" matches "revised").
fn cue_matches(cue: &str, word: &str) -> bool {
    match cue.strip_suffix('*') {
        Some(stem) => word.starts_with(stem),
        None => word == cue,
    }
}

fn is_clause_break(tok: &Tok) -> bool {
    // Quotation marks are no break: a scare-quoted "finalized" still describes its noun.
    matches!(tok, Tok::Punct(',' | ';' | ':' | '(' | ')' | '\u{2013}' | '\u{2014}'))
}

/// The qualifier whose cue word stands nearest the value, within the rule's scope.
fn qualifier(rule: &Rule, p: &Prepared, value_at: usize, matched: Range<usize>) -> Option<String> {
    let toks = &p.toks;
    let (lo, hi) = match rule.qualifier_scope {
        Scope::Sentence => (0, toks.len()),
        Scope::Clause => {
            let lo = toks[..matched.start].iter().rposition(is_clause_break).map_or(0, |i| i + 1);
            let hi = toks[matched.end..].iter().position(is_clause_break).map_or(toks.len(), |i| matched.end + i);
            (lo, hi)
        }
    };
    let mut best: Option<(usize, &str)> = None;
    for i in lo..hi {
        for group in &rule.qualifiers {
            if p.words_at(i).any(|w| group.cues.iter().any(|c| cue_matches(c, w))) {
                let distance = i.abs_diff(value_at);
                if best.is_none_or(|(d, _)| distance < d) {
                    best = Some((distance, &group.name));
                }
            }
        }
    }
    let scenario = || rule.scenarios.then(|| crate::counted::scenario(toks, &|i| p.words_at(i).collect(), value_at));
    best.map(|(_, q)| q.to_string()).or_else(|| rule.default_qualifier.clone()).or_else(|| scenario().flatten())
}

/// Verbs that report speech.
const SPEECH: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "stated",
    "added",
    "claimed",
    "noted",
    "put",
    "puts",
    "estimated",
    "according",
];

/// Who a figure is attributed to: the person just before the nearest verb of speech
/// ahead of the value ("Trump said ... 95 percent"); after "he said" or "she told", the
/// sentence's first person named; else the person named nearest the value.
fn speaker(p: &Prepared, value_at: usize) -> Option<&str> {
    let people: Vec<&Mention> =
        p.mentions.iter().filter(|m| m.kind == crate::rule::pattern::EntityKind::Person).collect();
    let is_speech = |i: usize| p.words_at(i).any(|w| SPEECH.contains(&w));
    let verb = (0..value_at).rev().take_while(|i| !matches!(p.toks[*i], Tok::Punct(';'))).find(|i| is_speech(*i));
    if let Some(v) = verb {
        if let Some(m) = people.iter().rfind(|m| m.end <= v && v - m.end <= 2) {
            return Some(&m.id);
        }
        let pronoun = v.checked_sub(1).is_some_and(|i| p.words_at(i).any(|w| matches!(w, "he" | "she")));
        if pronoun {
            return people.first().map(|m| m.id.as_str());
        }
    }
    people
        .iter()
        .min_by_key(|m| if m.end <= value_at { value_at - m.end } else { m.start - value_at })
        .map(|m| m.id.as_str())
}

/// Whether a claim's subject is the rule's own (so the rule's qualifiers apply to it),
/// rather than one a subject cue or a pattern gave it (Russia's plan has no versions
/// the rule tracks).
fn own_subject(rule: &Rule, template: &str, subject: Option<&str>) -> bool {
    template == rule.subject && !rule.subjects.iter().any(|g| Some(g.name.as_str()) == subject)
}

/// The subject: a subject cue just before the value (or, where the cue group says, just
/// after it), else the rule's subject with `{event}`, `{persons}` and `{places}` filled
/// in. `None` when a placeholder cannot be.
fn subject(
    rule: &Rule,
    template: &str,
    p: &Prepared,
    event: Option<&str>,
    value_at: usize,
    matched: &Range<usize>,
) -> Option<String> {
    // A pattern that names its subject knows better than cue words.
    let cues = if template == rule.subject { rule.subjects.as_slice() } else { &[] };
    for group in cues {
        let from = value_at.saturating_sub(group.before);
        let to = value_at.saturating_add(group.after).min(p.toks.len().saturating_sub(1));
        let cued = (from..value_at)
            .chain(value_at + 1..=to)
            .any(|i| p.words_at(i).any(|w| group.cues.iter().any(|c| cue_matches(c, w))));
        if cued {
            return Some(group.name.clone());
        }
    }
    let mut subject = template.to_string();
    if subject.contains("{speaker}") {
        subject = subject.replace("{speaker}", speaker(p, value_at)?);
    }
    if subject.contains("{event}") {
        subject = subject.replace("{event}", event?);
    }
    if subject.contains("{counted") {
        let words = |i| p.words_at(i).collect();
        subject = crate::counted::fill(&rule.lexicon, &subject, &p.toks, &words, &p.mentions, value_at, matched)?;
    }
    for (placeholder, kind) in
        [("{persons}", crate::rule::pattern::EntityKind::Person), ("{places}", crate::rule::pattern::EntityKind::Place)]
    {
        if subject.contains(placeholder) {
            let within: BTreeSet<&str> = p
                .mentions
                .iter()
                .filter(|m| m.kind == kind && m.start >= matched.start && m.end <= matched.end)
                .map(|m| m.id.as_str())
                .collect();
            if within.is_empty() {
                return None;
            }
            subject = subject.replace(placeholder, &within.into_iter().collect::<Vec<_>>().join("-"));
        }
    }
    Some(subject)
}

/// Whether a value is one the rule may take: a date no longer than its `max_days`.
fn fits(rule: &Rule, value: &Value) -> bool {
    match (rule.max_days, value) {
        (Some(max), Value::Date(crate::value::DateValue::Span { start, end, .. })) => (*end - *start).num_days() < max,
        (Some(max), Value::Date(crate::value::DateValue::Unplaced(u))) => match u {
            crate::value::Unplaced::Month(_) => false,
            crate::value::Unplaced::Relative { days, .. } => *days < max,
            _ => true,
        },
        _ => true,
    }
}

/// The day a sentence's first date of one day names, if it names one.
fn day_of_sentence(p: &Prepared, values: &[Found]) -> Option<chrono::NaiveDate> {
    p.toks.iter().find_map(|t| match t {
        Tok::Value { index, kind: ValueKind::Date } => match values.get(*index)?.value {
            Value::Date(crate::value::DateValue::Span { start, end, .. }) if start == end => Some(start),
            _ => None,
        },
        _ => None,
    })
}

/// The Monday of the week a sentence's first placed date (of a week or less) falls in.
fn week_of_sentence(p: &Prepared, values: &[Found]) -> Option<chrono::NaiveDate> {
    use chrono::Datelike;
    p.toks.iter().find_map(|t| match t {
        Tok::Value { index, kind: ValueKind::Date } => match values.get(*index)?.value {
            Value::Date(crate::value::DateValue::Span { start, end, .. }) if (end - start).num_days() < 8 => {
                Some(start - chrono::Duration::days(start.weekday().num_days_from_monday() as i64))
            }
            _ => None,
        },
        _ => None,
    })
}

/// The event each sentence speaks of. A sentence that names no event takes the event of
/// the nearest sentence before it in the same paragraph that does; a paragraph that
/// names none takes the article's own story (the event its headline names, or else its
/// opening paragraph). A sentence that names someone or somewhere outside that event
/// takes none. A recurring event is further told apart by
/// the week its sentence (or the nearest one before it in the paragraph) dates it to,
/// or the only week the article dates it to; without one, `None`.
fn sentence_events(
    article: &Article,
    masked: &str,
    sentences: &[Sentence],
    prepared: &[Prepared],
    values: &[Found],
    rules: &RuleSet,
) -> Vec<Option<String>> {
    // The article's own story: the event its headline names, else the first event its
    // opening paragraph names.
    let headline_event = article
        .meta
        .title
        .as_deref()
        .and_then(|title| {
            let toks = text::tokens(title, 0..title.len());
            let named: BTreeSet<String> = rules.entities.mentions(title, &toks).into_iter().map(|m| m.id).collect();
            rules.entities.event(&named).map(str::to_string)
        })
        .or_else(|| {
            let first = sentences.first()?.paragraph;
            sentences.iter().zip(prepared).take_while(|(s, _)| s.paragraph == first).find_map(|(_, p)| p.event.clone())
        });
    let _ = masked;
    let mut events: Vec<Option<String>> = Vec::with_capacity(prepared.len());
    let mut weeks: Vec<Option<chrono::NaiveDate>> = Vec::with_capacity(prepared.len());
    for (i, p) in prepared.iter().enumerate() {
        let previous = i.checked_sub(1).filter(|prev| sentences[*prev].paragraph == sentences[i].paragraph);
        let event = match (&p.event, previous) {
            (Some(e), _) => Some(e.clone()),
            (None, Some(prev)) => events[prev].clone().or_else(|| headline_event.clone()),
            (None, None) => headline_event.clone(),
        }
        .filter(|e| p.event.is_some() || rules.entities.fits(e, &p.named));
        let own_week = week_of_sentence(p, values);
        let week = own_week.or_else(|| previous.filter(|prev| events[*prev] == event).and_then(|prev| weeks[prev]));
        events.push(event);
        weeks.push(week);
    }
    // The weeks the article dates each recurring event to.
    let mut dated: std::collections::BTreeMap<&str, BTreeSet<chrono::NaiveDate>> = Default::default();
    for (event, week) in events.iter().zip(&weeks) {
        if let (Some(e), Some(w)) = (event, week) {
            dated.entry(e.as_str()).or_default().insert(*w);
        }
    }
    events
        .iter()
        .zip(&weeks)
        .map(|(event, week)| {
            let event = event.as_deref()?;
            if !rules.entities.is_recurring(event) {
                return Some(event.to_string());
            }
            let only = dated.get(event).filter(|w| w.len() == 1).and_then(|w| w.iter().next().copied());
            week.or(only).map(|w| format!("{event}@week-of-{w}"))
        })
        .collect()
}

/// How a claim ranks among the claims of one value: whether its subject is known,
/// whether its pattern fixes the qualifier, the match's length in bytes, whether it can
/// be compared.
type Rank = (bool, bool, usize, bool);

/// Every claim the rules find in `article`, in text order.
pub fn extract(article: &Article, rules: &RuleSet) -> Vec<Claim> {
    let masked = text::mask_markup(&article.text, article.body_start);
    let anchor = crate::parse::date::Anchor { published: article.meta.published, year_hint: article.year_hint };
    let values = scan::scan_anchored(&masked, article.body_start, &anchor);
    let sentences = text::sentences(&masked, article.body_start..masked.len());
    let index = LineIndex::new(&article.text);
    let prepared: Vec<Prepared> = sentences.iter().map(|s| prepare(&masked, s, &values, rules)).collect();
    let events = sentence_events(article, &masked, &sentences, &prepared, &values, rules);
    // Best claim per value (by its first byte): qualified over unqualified, then the
    // longer match.
    let mut best: Vec<(usize, Rank, Claim)> = Vec::new();
    // Each sentence's words as a set, to pass over patterns whose required words it lacks
    // (words inside values count too: "five-hour" holds "hour"); made once, for the
    // sentences that hold values and the ones before them.
    let needed = |i: usize| prepared.get(i).is_some_and(|p| !p.kinds.is_empty());
    let sets: Vec<WordSet> = (0..prepared.len())
        .map(|i| if needed(i) || needed(i + 1) { word_set(&prepared[i], &rules.vocab) } else { WordSet::default() })
        .collect();
    for (si, (sentence, p)) in sentences.iter().zip(&prepared).enumerate() {
        if p.kinds.is_empty() {
            continue;
        }
        let words = &sets[si];
        let previous_words =
            si.checked_sub(1).filter(|prev| sentences[*prev].paragraph == sentence.paragraph).map(|prev| &sets[prev]);
        for rule in &rules.rules {
            if !rule.context.is_empty() {
                let has = |words: &WordSet| rule.context.iter().any(|c| words.holds(c));
                if !has(words) && !previous_words.is_some_and(has) {
                    continue;
                }
            }
            // Values the rule may not take are hidden from its patterns, so a pattern can
            // reach past them to one it may ("met ... this year on Tuesday").
            let hidden: Vec<Tok>;
            let needs_hiding = rule.max_days.is_some()
                && p.toks.iter().any(|t| {
                    matches!(t, Tok::Value { index, .. } if values.get(*index).is_some_and(|f| !fits(rule, &f.value)))
                });
            let toks = if needs_hiding {
                hidden = p
                    .toks
                    .iter()
                    .map(|t| match t {
                        Tok::Value { index, .. } if values.get(*index).is_some_and(|f| !fits(rule, &f.value)) => {
                            Tok::Word(smol_str::SmolStr::default(), crate::rule::vocab::UNKNOWN_WORD)
                        }
                        other => other.clone(),
                    })
                    .collect();
                &hidden
            } else {
                &p.toks
            };
            for entry in &rule.patterns {
                // A sentence without a value of the pattern's kind cannot match it.
                if !entry.pattern.value_kind().is_some_and(|k| p.kinds.contains(&k)) || !entry.pattern.may_match(words)
                {
                    continue;
                }
                for m in entry.pattern.find_all(toks, &p.mentions) {
                    let Some(capture) = m.captures.iter().find(|c| c.value_index.is_some()) else { continue };
                    let Some(found) = capture.value_index.and_then(|i| values.get(i)) else { continue };
                    if !fits(rule, &found.value) {
                        continue;
                    }
                    let value_at = capture.start;
                    let matched = m.start..m.end;
                    let qualifier = entry.qualifier.clone().or_else(|| qualifier(rule, p, value_at, matched.clone()));
                    let template = entry.subject.as_deref().unwrap_or(&rule.subject);
                    let subject = subject(rule, template, p, events[si].as_deref(), value_at, &matched);
                    let subject = subject.filter(|s| s != UNKNOWN_SUBJECT);
                    // A recurring subject is the occasion of the day its words date it to.
                    let (subject, occasion_known) = match subject {
                        Some(s) if rule.recurring => {
                            let paragraph = sentence.paragraph;
                            let day = (0..=si)
                                .rev()
                                .take_while(|&j| sentences[j].paragraph == paragraph)
                                .find_map(|j| day_of_sentence(&prepared[j], &values));
                            match day {
                                Some(d) => (Some(format!("{s}@{d}")), true),
                                None => (Some(s), false),
                            }
                        }
                        other => (other, true),
                    };
                    let qualifier_missing = subject.is_some()
                        && qualifier.is_none()
                        && rule.needs_qualifier()
                        && own_subject(rule, template, subject.as_deref());
                    let comparable = subject.is_some() && !qualifier_missing && occasion_known;
                    // A rule that knows what the value is about beats one that does not; a
                    // pattern that fixes its qualifier beats cue words; then the longer match.
                    let rank = (
                        subject.is_some(),
                        entry.qualifier.is_some(),
                        p.spans[m.end - 1].end - p.spans[m.start].start,
                        comparable,
                    );
                    let slot = best.iter().position(|(v, _, _)| *v == found.start);
                    if slot.is_some_and(|i| rank <= best[i].1) {
                        continue;
                    }
                    let (line, column) = index.line_col(&article.text, found.start);
                    let claim = Claim {
                        rule: rule.id.clone(),
                        kind: rule.kind.clone(),
                        subject: subject.unwrap_or_else(|| UNKNOWN_SUBJECT.to_string()),
                        qualifier,
                        value: rule.claim_value(&found.value),
                        text: article.text.get(found.start..found.end).unwrap_or("").to_string(),
                        quote: article
                            .text
                            .get(sentence.span.clone())
                            .unwrap_or("")
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" "),
                        span: Span { start: found.start, end: found.end, line, column },
                        comparable,
                        qualifier_missing,
                        qualifier_inferred: false,
                        placed_by_inferred_date: false,
                    };
                    match slot {
                        Some(i) => best[i] = (found.start, rank, claim),
                        None => best.push((found.start, rank, claim)),
                    }
                }
            }
        }
    }
    let mut claims: Vec<Claim> = best.into_iter().map(|(_, _, c)| c).collect();
    claims.sort_by(|a, b| a.span.start.cmp(&b.span.start).then(a.rule.cmp(&b.rule)));
    claims
}
