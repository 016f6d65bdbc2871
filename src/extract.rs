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

mod occasion;
pub use occasion::awaits_occasion;

/// Subject of a claim whose event no sentence names; such claims are kept but never
/// compared.
pub const UNKNOWN_SUBJECT: &str = "unknown";

/// What stands for whose a plan or position is in the subject of a claim whose words
/// do not say: comparison gives it the owner most claims of its story name
/// ([`crate::compare::owners`]).
pub const PENDING_OWNER: &str = "{owner}";

/// Common nouns whose possessive says whose a plan is ("the union's plan").
#[rustfmt::skip]
const OWNER_NOUNS: &[&str] = &[
    "union", "city", "council", "company", "port", "authority", "government", "administration", "ministry",
    "board", "party", "management", "employer", "employers", "workers", "district", "county",
    "state", "mayor", "governor", "league", "opposition", "coalition", "bank", "agency", "commission",
];

/// Whose the plan or position the matched words speak of is: a country, or a person's
/// country where the article ties them to one, or the person, or an organization or a
/// body named by a possessive ("the union's list"), in the matched words or the four
/// before them. The nearest before the value wins.
fn owner(p: &Prepared, matched: &Range<usize>, entities: &crate::entity::Entities) -> Option<String> {
    let from = matched.start.saturating_sub(4);
    let mut best: Option<(usize, String)> = None;
    let mut consider = |at: usize, owner: String| {
        if best.as_ref().is_none_or(|(b, _)| at >= *b) {
            best = Some((at, owner));
        }
    };
    for m in p.mentions.iter().filter(|m| m.start >= from && m.end <= matched.end) {
        // "revisions in Geneva, Florida and Berlin" say where, not whose.
        if m.kind == crate::rule::pattern::EntityKind::Place && listed_after_preposition(p, m) {
            continue;
        }
        if let Some(owner) = party(m, p, entities, |_| None) {
            consider(m.start, owner);
        }
    }
    for i in from..matched.end.min(p.toks.len()) {
        if p.mentions.iter().any(|m| (m.start..m.end).contains(&i)) {
            continue;
        }
        if let Some(noun) = p.words_at(i).find_map(|w| w.strip_suffix("'s").filter(|n| OWNER_NOUNS.contains(n))) {
            consider(i, noun.to_string());
        }
    }
    best.map(|(_, owner)| owner)
}

/// Whether a place stands after a preposition, or in a list that follows one ("in
/// Geneva, Florida and Berlin").
fn listed_after_preposition(p: &Prepared, m: &Mention) -> bool {
    let mut k = m.start;
    while k > 0 {
        let listed = matches!(p.toks[k - 1], Tok::Punct(','))
            || p.words_at(k - 1).any(|w| w == "and")
            || p.mentions.iter().any(|o| o.end == k && o.kind == crate::rule::pattern::EntityKind::Place);
        if !listed {
            break;
        }
        k = p.mentions.iter().find(|o| o.end == k).map_or(k - 1, |o| o.start);
    }
    k > 0 && p.words_at(k - 1).any(|w| matches!(w, "in" | "at" | "to" | "from" | "of" | "near" | "across" | "through"))
}

/// The party a mention stands for: a place's country, a demonym's or institution's own
/// id, a person's country where the sentence (or else `later`, what the whole article
/// says) ties them to one, else the person.
fn party(
    m: &Mention,
    p: &Prepared,
    entities: &crate::entity::Entities,
    later: impl Fn(&str) -> Option<String>,
) -> Option<String> {
    use crate::rule::pattern::EntityKind;
    match m.kind {
        EntityKind::Place => country_of_place(entities, &m.id),
        EntityKind::Demonym | EntityKind::Institution => Some(m.id.clone()),
        EntityKind::Person => {
            Some(p.scene.countries.get(&m.id).cloned().or_else(|| later(&m.id)).unwrap_or_else(|| m.id.clone()))
        }
    }
}

/// What stands for the event in the subject of a claim whose event comparison tells
/// from its facets ([`Facets`]).
pub const PENDING_EVENT: &str = "{event}";

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

/// Who, where and when a claim about an event speaks of, as its sentence (or the
/// sentences before it in its paragraph) names them: what comparison uses to decide
/// which claims of different articles are about the same event.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Facets {
    /// People and organizations taking part, by key ([`crate::people::fold`]), sorted.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub who: Vec<String>,
    /// Where: place ids, sorted.
    #[serde(rename = "where", skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<String>,
    /// The places those lie in (Florida and the United States for Miami), sorted.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub within: Vec<String>,
    /// When: the days the report describes (a meeting's own date, else its
    /// sentence's), first and last.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "days")]
    pub when: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
    /// Whether it is a call rather than a meeting in person.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub call: bool,
    /// The names as the article writes them, for people to read ("Merz, Starmer ·
    /// Berlin").
    pub shown: String,
}

/// Days as `["YYYY-MM-DD", "YYYY-MM-DD"]`.
fn days<S: serde::Serializer>(
    when: &Option<(chrono::NaiveDate, chrono::NaiveDate)>,
    out: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeTuple;
    let Some((first, last)) = when else { return out.serialize_none() };
    let mut pair = out.serialize_tuple(2)?;
    pair.serialize_element(&first.to_string())?;
    pair.serialize_element(&last.to_string())?;
    pair.end()
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
    /// Whether the words named whose plan or position it is (a rule's `{owner}`).
    #[serde(skip)]
    pub owner_named: bool,
    /// Whether the comparison supplied the qualifier: the text did not say which
    /// version, but only one version reported by the articles has this value.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub qualifier_inferred: bool,
    /// Whether its value is a date ("on Sunday") placed against a publication date the
    /// article did not give but took from the reports of its story it agrees with. Such
    /// a date may be a week off: it can join an agreement, never make a dispute.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub placed_by_inferred_date: bool,
    /// For a claim about an event no table names: who, where and when, from which
    /// comparison tells the event ([`crate::compare::events`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub facets: Option<Box<Facets>>,
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
            owner_named: false,
            qualifier_inferred: false,
            placed_by_inferred_date: false,
            facets: None,
        }
    }
}

/// Who and where a sentence names.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Scene {
    /// People and organizations by key, with the name as written.
    who: std::collections::BTreeMap<String, String>,
    /// Places by id, with the name as written.
    places: std::collections::BTreeMap<String, String>,
    /// Where in the text each place is first named (a byte offset).
    place_at: std::collections::BTreeMap<String, usize>,
    /// Whether a place of it is a dateline's ("BERLIN —").
    dateline: bool,
    /// Whether the sentence speaks of a call.
    call: bool,
    /// The country of each person named, where the article has tied them to one.
    countries: std::collections::BTreeMap<String, String>,
}

impl Scene {
    fn is_empty(&self) -> bool {
        self.who.is_empty() && self.places.is_empty()
    }

    /// The facets of a claim standing in this scene at `when`; `within` gives the places
    /// a place lies in.
    /// `near`: where the claim's value stands, when the scene is its own sentence's: of
    /// several places apart ("reshaped in Geneva, in Florida and at the Kremlin on Dec.
    /// 2"), the one nearest the value is where.
    fn facets(
        &self,
        when: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
        rules: &RuleSet,
        near: Option<usize>,
    ) -> Facets {
        // What each place named lies in, looked up once.
        let chains: std::collections::BTreeMap<&String, Vec<String>> =
            self.places.keys().map(|p| (p, rules.entities.containers(p))).collect();
        // Where the event is: the places named that hold none of the others ("the
        // Kremlin" of "the Kremlin in Moscow"), and what those lie in.
        let mut within: Vec<String> = chains.values().flatten().cloned().collect();
        within.sort();
        within.dedup();
        // A country counts only where nothing inside one is named: "peace in Ukraine"
        // beside "the Kremlin" is what the talks are about, not where.
        let local = chains.values().any(|c| !c.is_empty());
        let places: Vec<(&String, &String)> = self
            .places
            .iter()
            .filter(|(id, _)| within.binary_search(id).is_err())
            .filter(|(id, _)| !local || chains.get(id).is_some_and(|c| !c.is_empty()))
            .collect();
        let places: Vec<(&String, &String)> = match near {
            Some(at) if places.len() > 1 => places
                .into_iter()
                .min_by_key(|(id, _)| self.place_at.get(*id).map_or(usize::MAX, |p| p.abs_diff(at)))
                .into_iter()
                .collect(),
            _ => places,
        };
        let within: Vec<String> = within
            .into_iter()
            .filter(|w| places.iter().any(|(p, _)| chains.get(p).is_some_and(|c| c.contains(w))))
            .collect();
        let who: Vec<&str> = self.who.values().map(String::as_str).collect();
        let shown_places: Vec<&str> = places.iter().map(|(_, w)| w.as_str()).collect();
        let shown = [who.join(", "), shown_places.join(", ")].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>();
        Facets {
            who: self.who.keys().cloned().collect(),
            places: places.iter().map(|(id, _)| (*id).clone()).collect(),
            within,
            when,
            call: self.call,
            shown: shown.join(" \u{b7} "),
        }
    }
}

/// Words that make a sentence speak of a call rather than a meeting in person: "phoned",
/// "by phone", "a phone call", "the call" (not "a cell phone", "called for").
fn speaks_of_a_call(raw: &[Token]) -> bool {
    let word = |i: usize| match raw.get(i).map(|t| &t.kind) {
        Some(TokenKind::Word(w)) => w.as_str(),
        _ => "",
    };
    (0..raw.len()).any(|i| match word(i) {
        "phoned" | "telephoned" | "videoconference" => true,
        "phone" | "telephone" | "video" => {
            let before = if matches!(word(i.wrapping_sub(1)), "the" | "a") {
                word(i.wrapping_sub(2))
            } else {
                word(i.wrapping_sub(1))
            };
            matches!(before, "by" | "over") || matches!(word(i + 1), "call" | "calls" | "conversation" | "talks")
        }
        "call" => {
            matches!(word(i.wrapping_sub(1)), "a" | "the" | "their" | "his" | "her" | "phone")
                && !matches!(word(i + 1), "for" | "on")
        }
        _ => false,
    })
}

/// Words before a place's name that make it where something happens.
const WHERE: &[&str] = &["in", "at", "to", "inside", "near", "outside", "into", "within", "around", "on"];

/// Words after a place's name that make it where something happens ("the Geneva talks",
/// "Berlin hosted").
#[rustfmt::skip]
const GATHERINGS: &[&str] = &[
    "talks", "meeting", "meetings", "summit", "session", "sessions", "negotiations", "round", "visit", "conference",
    "discussions", "sit-down", "hosted", "hosts", "format", "process", "venue",
];

/// The country a place lies in, or the place itself where it is a country.
fn country_of_place(entities: &crate::entity::Entities, id: &str) -> Option<String> {
    Some(entities.containers(id).pop().unwrap_or_else(|| id.to_string()))
}

/// Who and where the tokens of a sentence name: the people and places of the entity
/// tables, and the people and organizations the text names by the shape of their names.
fn scene(
    text: &str,
    raw: &[Token],
    mentions: &mut Vec<Mention>,
    names: &mut crate::people::Names,
    entities: &crate::entity::Entities,
    headline: bool,
) -> Scene {
    let mut scene = Scene { call: speaks_of_a_call(raw), ..Scene::default() };
    let mut taken = vec![false; raw.len()];
    let written = |m: &Mention| -> String {
        let from = raw[m.start].span.start;
        let to = raw[m.end - 1].span.end;
        let w = text::straight_apostrophes(text.get(from..to).unwrap_or(""));
        w.strip_suffix("'s").unwrap_or(&w).to_string()
    };
    for m in mentions.iter() {
        for t in taken.iter_mut().take(m.end).skip(m.start) {
            *t = true;
        }
        // The word before the name, past "the" ("at the Kremlin").
        let word_at = |i: usize| match &raw[i].kind {
            TokenKind::Word(w) => Some(w.as_str()),
            TokenKind::Punct(_) => None,
        };
        let before = m.start.checked_sub(1).and_then(word_at);
        let before = match before {
            Some("the" | "a" | "an") => m.start.checked_sub(2).and_then(word_at),
            other => other,
        };
        // A dateline ("MOSCOW —", "PALM BEACH, Fla. —") says where the report, and
        // mostly its news, is from.
        let dateline = m.start == 0 && {
            let dash = raw
                .iter()
                .skip(m.end)
                .take(6)
                .position(|t| matches!(t.kind, TokenKind::Punct('\u{2014}' | '\u{2013}')));
            dash.is_some_and(|d| {
                raw[m.end..m.end + d].iter().all(|t| match t.kind {
                    TokenKind::Punct(_) => true,
                    TokenKind::Word(_) => text.get(t.span.clone()).is_some_and(|w| w.starts_with(char::is_uppercase)),
                })
            })
        };
        let came_from = m.kind == crate::rule::pattern::EntityKind::Place && before == Some("from");
        // A place is where something happens after "in", "at", "to" and the like, or
        // before the event's noun ("the Berlin talks"); elsewhere it is a party ("Ukraine
        // rejected", "Washington pushed for", "talks on Ukraine", "Moscow's plan").
        let after = raw.get(m.end).and_then(|t| match &t.kind {
            TokenKind::Word(w) => Some(w.as_str()),
            TokenKind::Punct(_) => None,
        });
        let last_word = match raw.get(m.end - 1).map(|t| &t.kind) {
            Some(TokenKind::Word(w)) => w.as_str(),
            _ => "",
        };
        let possessive = last_word.ends_with("'s");
        let venue = !possessive
            && (dateline
                || before.is_some_and(|w| WHERE.contains(&w))
                || after.is_some_and(|w| GATHERINGS.contains(&w)));
        scene.dateline |= dateline && venue && m.kind == crate::rule::pattern::EntityKind::Place;
        // (Keys are copied only for what is new: a name comes back again and again.)
        match m.kind {
            crate::rule::pattern::EntityKind::Place if !came_from && venue && !scene.places.contains_key(&m.id) => {
                scene.places.insert(m.id.clone(), written(m));
                scene.place_at.insert(m.id.clone(), raw[m.start].span.start);
            }
            crate::rule::pattern::EntityKind::Person | crate::rule::pattern::EntityKind::Institution
                if !scene.who.contains_key(&m.id) =>
            {
                scene.who.insert(m.id.clone(), written(m));
            }
            _ => {}
        }
    }
    let found = if headline { names.find_in_headline(text, raw, &taken) } else { names.find(text, raw, &taken) };
    // "US envoy Steve Witkoff", "Russia's President Putin": a country right before a
    // title ties the person to it.
    for n in found.iter().filter(|n| n.title.is_some()) {
        let country = mentions
            .iter()
            .find(|m| {
                m.end == n.start
                    && matches!(
                        m.kind,
                        crate::rule::pattern::EntityKind::Place | crate::rule::pattern::EntityKind::Demonym
                    )
            })
            .and_then(|m| country_of_place(entities, &m.id));
        if let Some(country) = country {
            names.affiliate(&n.key, &country);
        }
    }
    for n in &found {
        if let Some(country) = names.country_of(&n.key) {
            scene.countries.insert(n.key.clone(), country.to_string());
        }
    }
    for n in found {
        // People the text names fill a rule's `{person}` slots as the tables' do.
        if n.kind != crate::people::NameKind::Organization {
            mentions.push(Mention {
                start: n.start,
                end: n.end,
                kind: crate::rule::pattern::EntityKind::Person,
                id: n.key.clone(),
            });
        }
        if !n.aside {
            scene.who.entry(n.key).or_insert(n.written);
        }
    }
    mentions.sort_by_key(|m| m.start);
    scene
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
    /// Who and where it names.
    scene: Scene,
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
fn prepare(
    text: &str,
    sentence: &Sentence,
    values: &[Found],
    rules: &RuleSet,
    names: &mut crate::people::Names,
) -> Prepared {
    let raw: Vec<Token> = text::tokens(text, sentence.span.clone());
    let mut raw_mentions = rules.entities.mentions(text, &raw);
    let scene = scene(text, &raw, &mut raw_mentions, names, &rules.entities, false);
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
        let named = named_ids(raw_mentions.iter().filter(|m| !came_from(m)), rules);
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
            scene,
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
    let named = named_ids(mentions.iter().filter(|m| !came_from(m)), rules);
    let event = rules.entities.event(&named).map(str::to_string);
    let mut kinds: Vec<ValueKind> = toks
        .iter()
        .filter_map(|t| match t {
            Tok::Value { kind, .. } => Some(*kind),
            _ => None,
        })
        .collect();
    kinds.dedup();
    Prepared { toks, words_of, spans, mentions, event, raw, named, kinds, scene }
}

/// The ids a sentence names, for telling a story table's event: gathered only where a
/// table names events.
fn named_ids<'m>(mentions: impl Iterator<Item = &'m Mention>, rules: &RuleSet) -> BTreeSet<String> {
    if !rules.entities.has_events() {
        return BTreeSet::new();
    }
    mentions.map(|m| m.id.clone()).collect()
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
fn qualifier(rule: &Rule, p: &Prepared, words: &WordSet, value_at: usize, matched: Range<usize>) -> Option<String> {
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
    let groups: Vec<&crate::rule::Cues> = rule.qualifiers.iter().filter(|g| g.may_occur_in(words)).collect();
    for i in lo..hi {
        for group in &groups {
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

/// The party that holds the position the value states: a country, a capital acting
/// for it, its people's adjective, or a person (as the country the article ties them
/// to), named right before the word that gives the stance, with only helping words
/// between ("Kyiv proposed", "the United States has offered", "Zelenskyy asked").
///
/// `names`: what the whole article taught about people, so that a caption's "Ukrainian
/// President Volodymyr Zelensky" ties an earlier "Zelenskyy asked" to Ukraine.
fn holder(
    rule: &Rule,
    p: &Prepared,
    stance: &str,
    value_at: usize,
    entities: &crate::entity::Entities,
    names: &crate::people::Names,
) -> Option<String> {
    let group = rule.qualifiers.iter().find(|g| g.name == stance)?;
    let cue = (0..p.toks.len())
        .filter(|&i| p.words_at(i).any(|w| group.cues.iter().any(|c| cue_matches(c, w))))
        .min_by_key(|&i| i.abs_diff(value_at))?;
    // Only helping words and adverbs may stand between the party and its verb ("Kyiv
    // has also proposed"); a place after a preposition is where, not who.
    let helping = |i: usize| p.words_at(i).all(|w| HELPING.contains(&w)) && !matches!(p.toks[i], Tok::Punct(_));
    let placed = |m: &Mention| {
        m.start > 0 && p.words_at(m.start - 1).any(|w| matches!(w, "in" | "at" | "to" | "from" | "of" | "near"))
    };
    let m = p
        .mentions
        .iter()
        .filter(|m| m.end <= cue && cue - m.end <= 3 && (m.end..cue).all(helping) && !placed(m))
        .max_by_key(|m| m.end)?;
    party(m, p, entities, |key| names.country_of(key).map(str::to_string))
}

/// Words that may stand between a party and the verb of its stance.
#[rustfmt::skip]
const HELPING: &[&str] = &[
    "has", "have", "had", "is", "was", "were", "are", "been", "also", "reportedly", "then", "now", "again", "still",
    "would", "will", "could", "formally", "publicly", "initially",
];

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
    entities: &crate::entity::Entities,
) -> Option<String> {
    // Whose plan it is, where the words say: that wins over cue words.
    let owned = if template.contains(PENDING_OWNER) { owner(p, matched, entities) } else { None };
    // A pattern that names its subject knows better than cue words.
    let cues = if template == rule.subject && owned.is_none() { rule.subjects.as_slice() } else { &[] };
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
    if let Some(owner) = owned {
        subject = subject.replace(PENDING_OWNER, &owner);
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

/// The Monday of the week a sentence's first placed date (of a week or less) falls in.
fn week_of_sentence(p: &Prepared, values: &[Found]) -> Option<chrono::NaiveDate> {
    use chrono::Datelike;
    let (start, _) = days_of_sentence(p, values)?;
    Some(start - chrono::Duration::days(i64::from(start.weekday().num_days_from_monday())))
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

/// The scene each sentence speaks in: the people and places it names itself, else
/// those of the nearest sentence before it in its paragraph that names some, else the
/// article's own: its headline's, or else its opening paragraph's first.
fn sentence_scenes<'a>(
    sentences: &[Sentence],
    prepared: &'a [Prepared],
    headline: Option<&'a Scene>,
) -> Vec<Option<&'a Scene>> {
    let opening = sentences.first().map(|s| s.paragraph);
    let own = headline.filter(|h| !h.is_empty()).or_else(|| {
        sentences
            .iter()
            .zip(prepared)
            .take_while(|(s, _)| Some(s.paragraph) == opening)
            .map(|(_, p)| &p.scene)
            .find(|scene| !scene.is_empty())
    });
    let mut scenes: Vec<Option<&Scene>> = Vec::with_capacity(prepared.len());
    for (i, p) in prepared.iter().enumerate() {
        let previous = i.checked_sub(1).filter(|prev| sentences[*prev].paragraph == sentences[i].paragraph);
        let scene = if !p.scene.is_empty() { Some(&p.scene) } else { previous.and_then(|prev| scenes[prev]).or(own) };
        scenes.push(scene);
    }
    scenes
}

/// The days a sentence's first placed date of a week or less covers.
fn days_of_sentence(p: &Prepared, values: &[Found]) -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
    p.toks.iter().find_map(|t| match t {
        Tok::Value { index, kind: ValueKind::Date } => days_of(&values.get(*index)?.value),
        _ => None,
    })
}

/// The days a placed date of a week or less covers.
fn days_of(value: &Value) -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
    match value {
        Value::Date(crate::value::DateValue::Span { start, end, .. }) if (*end - *start).num_days() < 8 => {
            Some((*start, *end))
        }
        _ => None,
    }
}

/// How a claim ranks among the claims of one value: whether its subject is known,
/// whether its pattern fixes the qualifier, the match's length in bytes, whether it can
/// be compared.
type Rank = (bool, bool, usize, bool);

/// Every claim the rules find in `article`, in text order.
pub fn extract(article: &Article, rules: &RuleSet) -> Vec<Claim> {
    read(article, rules, false).0
}

/// [`extract`], with the names of the article's body as [`crate::names::names`] lists
/// them (read from its text without markup), learned in the same reading.
pub fn extract_with_names(article: &Article, rules: &RuleSet) -> (Vec<Claim>, Vec<String>) {
    read(article, rules, true)
}

fn read(article: &Article, rules: &RuleSet, list_names: bool) -> (Vec<Claim>, Vec<String>) {
    let masked = text::mask_markup(&article.text, article.body_start);
    let anchor = crate::parse::date::Anchor { published: article.meta.published, year_hint: article.year_hint };
    let values = scan::scan_anchored(&masked, article.body_start, &anchor);
    let sentences = text::sentences(&masked, article.body_start..masked.len());
    let index = LineIndex::new(&article.text);
    let body = masked.get(article.body_start..).unwrap_or("");
    let (mut names, body_names) = crate::people::Names::read_body(body, article.body_start, list_names);
    let headline = article.meta.title.as_deref().map(|title| {
        let toks = text::tokens(title, 0..title.len());
        let mut mentions = rules.entities.mentions(title, &toks);
        scene(title, &toks, &mut mentions, &mut names, &rules.entities, true)
    });
    let prepared: Vec<Prepared> = sentences.iter().map(|s| prepare(&masked, s, &values, rules, &mut names)).collect();
    let scenes = sentence_scenes(&sentences, &prepared, headline.as_ref());
    let dateline = prepared.first().map(|p| &p.scene).filter(|scene| scene.dateline);
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
                    if !fits(rule, &found.value)
                        || !occasion::near_publication(rule, &found.value, article.meta.published)
                    {
                        continue;
                    }
                    let value_at = capture.start;
                    if occasion::hypothetical(rule, p, value_at) {
                        continue;
                    }
                    let matched = m.start..m.end;
                    let qualifier =
                        entry.qualifier.clone().or_else(|| qualifier(rule, p, words, value_at, matched.clone()));
                    // A position is the party's that holds it, where one is named with it.
                    let qualifier = match qualifier {
                        Some(stance) if rule.holders => {
                            match holder(rule, p, &stance, value_at, &rules.entities, &names) {
                                Some(party) => Some(format!("{party}:{stance}")),
                                None => Some(stance),
                            }
                        }
                        other => other,
                    };
                    let template = entry.subject.as_deref().unwrap_or(&rule.subject);
                    // An event no table names is told by its facets, once comparison has
                    // seen every article: its subject keeps the `{event}` placeholder.
                    let pending = events[si].is_none() && scenes[si].is_some_and(|scene| !scene.is_empty());
                    let event = events[si].as_deref().or(pending.then_some(PENDING_EVENT));
                    let subject = subject(rule, template, p, event, value_at, &matched, &rules.entities);
                    let facets =
                        subject.as_deref().filter(|s| s.contains(PENDING_EVENT)).and(scenes[si]).map(|scene| {
                            let when = days_of(&found.value).filter(|_| rule.max_days.is_some()).or_else(|| {
                                (0..=si)
                                    .rev()
                                    .take_while(|&j| sentences[j].paragraph == sentence.paragraph)
                                    .find_map(|j| days_of_sentence(&prepared[j], &values))
                            });
                            let mut facets =
                                scene.facets(when, rules, std::ptr::eq(scene, &p.scene).then_some(found.start));
                            // Where the sentences say nowhere, the dateline does.
                            if let Some(d) = dateline.filter(|_| facets.places.is_empty()) {
                                let there = d.facets(None, rules, None);
                                facets.places = there.places;
                                facets.within = there.within;
                            }
                            Box::new(facets)
                        });
                    let subject = subject.filter(|s| s != UNKNOWN_SUBJECT);
                    // A recurring subject is the occasion of the day its words date it to.
                    let (subject, occasion_known) = match subject {
                        Some(s) if rule.recurring => match occasion::occasion_day(&sentences, &prepared, &values, si) {
                            Some(d) => (Some(format!("{s}@{d}")), true),
                            None => (Some(s), false),
                        },
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
                    let owner_named = template.contains(PENDING_OWNER)
                        && subject.as_deref().is_some_and(|s| !s.contains(PENDING_OWNER) && s != UNKNOWN_SUBJECT);
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
                        owner_named,
                        qualifier_inferred: false,
                        placed_by_inferred_date: false,
                        facets,
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
    (claims, body_names)
}
