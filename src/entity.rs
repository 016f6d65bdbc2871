//! People, places and events: who and where a sentence speaks of, read from tables in
//! `rules/entities.toml` and `rules/events.toml`.
//!
//! People have aliases (Zelensky, Zelenskiy, Zelenskyy are one person); places lie in
//! other places (Miami in Florida, the Kremlin in Moscow); an event is named by the
//! people and places a sentence mentions together (a Kremlin meeting: the Kremlin, or
//! Putin with Witkoff).

use crate::rule::pattern::{EntityKind, Mention};
use crate::text::{Token, TokenKind};
use serde::Deserialize;
use std::collections::{BTreeSet, HashMap};

/// A person or place with the names it goes by.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Canonical id ("zelensky", "miami").
    pub id: String,
    /// Every spelling, full names and short ones ("Volodymyr Zelensky", "Zelenskyy").
    pub names: Vec<String>,
    /// For a place: the id of the place it lies in ("florida" for Miami).
    #[serde(default, rename = "in")]
    pub within: Option<String>,
}

/// The file `rules/entities.toml`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntityFile {
    /// People.
    #[serde(default)]
    pub person: Vec<Entry>,
    /// Places.
    #[serde(default)]
    pub place: Vec<Entry>,
}

/// An event: a meeting or round of talks told apart by who and where.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Canonical id ("kremlin-meeting").
    pub id: String,
    /// Ways a sentence can name it: each a set of people and place ids that must all be
    /// mentioned (a place counts when a place inside it is mentioned).
    pub when: Vec<Vec<String>>,
    /// Whether the same people meet at the same place again and again (talks in Miami,
    /// visits to the Kremlin): then each meeting is told apart by the week its
    /// paragraph dates it to, and a claim no date ties to one meeting is not compared.
    #[serde(default)]
    pub recurring: bool,
    /// Others who take part: naming them does not name the event, but a sentence that
    /// names them may still speak of it.
    #[serde(default)]
    pub with: Vec<String>,
}

/// The file `rules/events.toml`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventFile {
    /// Events, most specific first.
    #[serde(default)]
    pub event: Vec<Event>,
}

/// The tables are keyed by the rules' own names and looked up once a word: a simple
/// hash serves.
type FastHash = std::hash::BuildHasherDefault<crate::rule::vocab::Fnv>;

/// A name: its words (lower case), what it names, and the id of what it names.
type Name = (Vec<String>, EntityKind, String);

/// Lookup tables built from the entity and event files.
#[derive(Clone, Debug, Default)]
pub struct Entities {
    /// First word of a name (lower case) to the names that start with it.
    by_first_word: HashMap<String, Vec<Name>, FastHash>,
    /// Place id to the place it lies in.
    parent: HashMap<String, String, FastHash>,
    /// Events in order.
    events: Vec<Event>,
}

fn name_words(name: &str) -> Vec<String> {
    crate::text::tokens(name, 0..name.len())
        .into_iter()
        .filter_map(|t| match t.kind {
            TokenKind::Word(w) => Some(w.to_string()),
            TokenKind::Punct('-') => Some("-".into()),
            TokenKind::Punct(_) => None,
        })
        .collect()
}

impl Entities {
    /// Add people, places and events to the tables.
    pub fn add(&mut self, entities: &EntityFile, events: &EventFile) {
        for (list, kind) in [(&entities.person, EntityKind::Person), (&entities.place, EntityKind::Place)] {
            for entry in list {
                for name in &entry.names {
                    let words = name_words(name);
                    let Some(first) = words.first().cloned() else { continue };
                    let slot = self.by_first_word.entry(first).or_default();
                    slot.push((words, kind, entry.id.clone()));
                    // Longest names first, so "Steve Witkoff" wins over "Steve".
                    slot.sort_by_key(|name| std::cmp::Reverse(name.0.len()));
                }
                if let Some(parent) = &entry.within {
                    self.parent.insert(entry.id.clone(), parent.clone());
                }
            }
        }
        self.events.extend(events.event.iter().cloned());
    }

    /// Every mention of a known person or place among `tokens` (token indices), longest
    /// name first. `text` is the article, to check that names are capitalized.
    pub fn mentions(&self, text: &str, tokens: &[Token]) -> Vec<Mention> {
        let mut out = Vec::new();
        // The sentence as the world data looks names up (words, and punctuation as
        // written), made at the first capitalized word.
        let mut words: Option<Vec<&str>> = None;
        let mut i = 0;
        while i < tokens.len() {
            let TokenKind::Word(w) = &tokens[i].kind else {
                i += 1;
                continue;
            };
            let capital = text.get(tokens[i].span.clone()).is_some_and(|s| s.starts_with(char::is_uppercase));
            let found = capital.then(|| self.by_first_word.get(strip_possessive(w))).flatten().and_then(|names| {
                names.iter().find_map(|(words, kind, id)| {
                    matches_at(tokens, i, words).map(|end| Mention { start: i, end, kind: *kind, id: id.clone() })
                })
            });
            let after_place = out.last().is_some_and(|m: &Mention| m.end == i);
            // World names start with a capital ("Miami", "U.S."), or a small word the
            // name holds ("the" is no part of one): a lower-case word starts none.
            let found = found.or_else(|| {
                if !capital {
                    return None;
                }
                let words = words.get_or_insert_with(|| {
                    tokens
                        .iter()
                        .map(|t| match &t.kind {
                            TokenKind::Word(w) => w.as_str(),
                            TokenKind::Punct(_) => text.get(t.span.clone()).unwrap_or(""),
                        })
                        .collect()
                });
                world_mention(text, tokens, i, words, after_place)
            });
            match found {
                Some(m) => {
                    i = m.end;
                    out.push(m);
                }
                None => i += 1,
            }
        }
        out
    }

    /// Whether the tables name any event: without one, what a sentence names tells no
    /// event, and need not be gathered.
    pub fn has_events(&self) -> bool {
        !self.events.is_empty()
    }

    /// Whether event `id` recurs (see [`Event::recurring`]).
    pub fn is_recurring(&self, id: &str) -> bool {
        self.events.iter().any(|e| e.id == id && e.recurring)
    }

    /// Whether a sentence naming `named` may speak of `event` without naming it: every
    /// person or place it names takes part in one of the event's conditions (a place
    /// counts when it lies inside one). A sentence naming someone else speaks of
    /// something else.
    pub fn fits(&self, event: &str, named: &BTreeSet<String>) -> bool {
        let Some(e) = self.events.iter().find(|e| e.id == event) else { return false };
        named.iter().all(|n| e.when.iter().flatten().chain(&e.with).any(|part| self.lies_in(n, part)))
    }

    /// The places place `id` lies in, nearest first: by the tables, then by the world
    /// data (the Kremlin lies in Moscow, in the Moscow region, in Russia).
    pub fn containers(&self, id: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut current = id.to_string();
        while let Some(parent) = self.parent.get(current.as_str()) {
            if out.iter().any(|p| p == parent) || out.len() >= 16 {
                return out;
            }
            out.push(parent.clone());
            current = parent.clone();
        }
        let world = crate::world::World::bundled();
        out.extend(world.chain(&current).into_iter().skip(1).map(str::to_string));
        out
    }

    /// Whether place `id` is `container` or lies inside it.
    pub fn lies_in(&self, id: &str, container: &str) -> bool {
        id == container || self.containers(id).iter().any(|c| c == container)
    }

    /// The event a set of mentions names: the first event, in file order, one of whose
    /// conditions the mentions meet, preferring conditions with more parts.
    pub fn event(&self, mentioned: &BTreeSet<String>) -> Option<&str> {
        if mentioned.is_empty() || self.events.is_empty() {
            return None;
        }
        // Everything mentioned, and every place a mentioned place lies in, once.
        let mut reach: Vec<&str> = Vec::new();
        let mut outer: Vec<String> = Vec::new();
        for m in mentioned {
            reach.push(m.as_str());
            outer.extend(self.containers(m));
        }
        reach.extend(outer.iter().map(String::as_str));
        let mut best: Option<(usize, &str)> = None;
        for event in &self.events {
            for condition in &event.when {
                let met = !condition.is_empty() && condition.iter().all(|need| reach.contains(&need.as_str()));
                if met && best.is_none_or(|(n, _)| condition.len() > n) {
                    best = Some((condition.len(), &event.id));
                }
            }
        }
        best.map(|(_, id)| id)
    }
}

/// The place, institution or demonym of the world data whose name starts at token
/// `at`, written with its capitals.
/// `after_place`: the token before it ends another place ("Palm Beach Fla.").
fn world_mention(text: &str, tokens: &[Token], at: usize, words: &[&str], after_place: bool) -> Option<Mention> {
    let found = crate::world::World::bundled().lookup(words, at)?;
    let written = tokens.get(at..at + found.len)?.iter().map(|t| text.get(t.span.clone()).unwrap_or(""));
    if !found.written_as_name(written) {
        return None;
    }
    // A city or region inside a longer run of capitalized words is part of another
    // name: "Vladimir Putin", "Marco Rubio", "the Washington Post".
    let settlement = matches!(found.place.kind, crate::world::Kind::City | crate::world::Kind::Region);
    let name_word = |i: usize| {
        tokens.get(i).is_some_and(|t| match &t.kind {
            TokenKind::Word(w) => {
                text.get(t.span.clone()).is_some_and(|s| s.starts_with(char::is_uppercase))
                    && !crate::names::not_a_name(strip_possessive(w))
                    && crate::world::World::bundled().lookup(words, i).is_none()
            }
            TokenKind::Punct(_) => false,
        })
    };
    if settlement && ((at > 0 && !after_place && name_word(at - 1)) || name_word(at + found.len)) {
        return None;
    }
    let kind = match found.place.kind {
        crate::world::Kind::Institution => EntityKind::Institution,
        crate::world::Kind::Demonym => EntityKind::Demonym,
        _ => EntityKind::Place,
    };
    Some(Mention { start: at, end: at + found.len, kind, id: found.place.id.to_string() })
}

fn strip_possessive(w: &str) -> &str {
    w.strip_suffix("'s").unwrap_or(w)
}

fn matches_at(tokens: &[Token], at: usize, words: &[String]) -> Option<usize> {
    let mut i = at;
    for (n, want) in words.iter().enumerate() {
        let tok = tokens.get(i)?;
        let ok = match &tok.kind {
            TokenKind::Word(w) => {
                let last = n + 1 == words.len();
                w == want || (last && strip_possessive(w) == want)
            }
            TokenKind::Punct(c) => want == "-" && matches!(c, '-' | '\u{2010}' | '\u{2011}'),
        };
        if !ok {
            return None;
        }
        i += 1;
    }
    Some(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tables() -> Entities {
        let entities: EntityFile = toml::from_str(
            r#"
            [[person]]
            id = "zelensky"
            names = ["Volodymyr Zelensky", "Zelensky", "Zelenskiy", "Zelenskyy"]
            [[person]]
            id = "putin"
            names = ["Vladimir Putin", "Putin"]
            [[person]]
            id = "witkoff"
            names = ["Steve Witkoff", "Witkoff"]
            [[place]]
            id = "florida"
            names = ["Florida"]
            [[place]]
            id = "miami"
            names = ["Miami"]
            in = "florida"
            [[place]]
            id = "mar-a-lago"
            names = ["Mar-a-Lago"]
            in = "florida"
            [[place]]
            id = "kremlin"
            names = ["Kremlin"]
            in = "moscow"
            "#,
        )
        .unwrap();
        let events: EventFile = toml::from_str(
            r#"
            [[event]]
            id = "kremlin-meeting"
            when = [["kremlin"], ["putin", "witkoff"]]
            [[event]]
            id = "trump-zelensky-florida-meeting"
            when = [["mar-a-lago"], ["zelensky", "florida"]]
            [[event]]
            id = "florida-talks"
            when = [["florida"]]
            "#,
        )
        .unwrap();
        let mut e = Entities::default();
        e.add(&entities, &events);
        e
    }

    fn ids(e: &Entities, text: &str) -> Vec<String> {
        let toks = crate::text::tokens(text, 0..text.len());
        e.mentions(text, &toks).into_iter().map(|m| m.id).collect()
    }

    #[test]
    fn aliases_are_one_person() {
        let e = tables();
        assert_eq!(
            ids(&e, "Zelenskiy met Zelenskyy's aides and Volodymyr Zelensky"),
            ["zelensky", "zelensky", "zelensky"]
        );
        assert_eq!(ids(&e, "talks at Mar-a-Lago"), ["mar-a-lago"]);
        assert!(ids(&e, "the florida of it").is_empty(), "lower-case words are no names");
    }

    #[test]
    fn places_lie_in_places() {
        let e = tables();
        assert!(e.lies_in("miami", "florida"));
        assert!(e.lies_in("kremlin", "moscow"));
        assert!(!e.lies_in("florida", "miami"));
    }

    #[test]
    fn events_by_people_and_places() {
        let e = tables();
        let set = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>();
        assert_eq!(e.event(&set(&["kremlin"])), Some("kremlin-meeting"));
        assert_eq!(e.event(&set(&["putin", "witkoff"])), Some("kremlin-meeting"));
        assert_eq!(e.event(&set(&["miami"])), Some("florida-talks"));
        assert_eq!(e.event(&set(&["zelensky", "miami"])), Some("trump-zelensky-florida-meeting"));
        assert_eq!(e.event(&set(&["putin"])), None);
    }
}
