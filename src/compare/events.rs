//! Which claims of different articles speak of the same event, told from their facets
//! (who takes part, where, when, a call or a meeting) rather than from a table of one
//! story's meetings.
//!
//! Two mentions are of one event when nothing in their facets keeps them apart and
//! something ties them:
//! - **who**: one side's people include the other's, or they share two; "Merz and
//!   Starmer" and "Merz and Macron" are two meetings;
//! - **where**: one place lies in the other (Miami in Florida), or a side names none;
//! - **when**: the days they describe are the same, or a side gives none; or they lie
//!   within a day of each other where people or place tie them firmly, within three
//!   where two people meet at one city or venue (a report may be days off);
//! - a call is never a meeting in person;
//! - and they share a person or a place.
//!
//! Mentions are taken the most telling first (dated, then naming the most), each
//! joining the one event it fits with every mention already in it. A mention that fits
//! several events (Witkoff in Moscow, with no date, when he went twice) is about none
//! of them that anyone can tell: its claims are kept and never compared. Meetings that
//! recur are so told apart by their time.

use super::ArticleClaims;
use crate::extract::{Facets, PENDING_EVENT, UNKNOWN_SUBJECT};
use chrono::{Datelike, NaiveDate};
use std::collections::{BTreeMap, HashMap};

/// What of a claim's facets tells its event (the names as written do not).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Mention {
    who: Vec<String>,
    places: Vec<String>,
    within: Vec<String>,
    when: Option<(NaiveDate, NaiveDate)>,
    call: bool,
    /// For an article dated by its story: the days its words count from that date, which
    /// may be a week off; they only choose between events it fits alike.
    hint: Option<(NaiveDate, NaiveDate)>,
}

impl Mention {
    /// The mention a claim's facets make; `undated`: its article's date was taken from
    /// its story's reports, so the days its words count from it may be a week off, and
    /// tell nothing.
    fn of(f: &Facets, undated: bool) -> Mention {
        Mention {
            who: f.who.clone(),
            places: f.places.clone(),
            within: f.within.clone(),
            when: f.when.filter(|_| !undated),
            call: f.call,
            hint: f.when.filter(|_| undated),
        }
    }

    /// Whether place `id` is one of this mention's places or lies around one.
    fn reaches(&self, id: &String) -> bool {
        self.places.binary_search(id).is_ok() || self.within.binary_search(id).is_ok()
    }
}

fn shared(a: &[String], b: &[String]) -> usize {
    a.iter().filter(|x| b.binary_search(x).is_ok()).count()
}

/// Days between two spans of days; 0 when they overlap.
fn gap((a0, a1): (NaiveDate, NaiveDate), (b0, b1): (NaiveDate, NaiveDate)) -> i64 {
    if a1 < b0 {
        (b0 - a1).num_days()
    } else if b1 < a0 {
        (a0 - b1).num_days()
    } else {
        0
    }
}

/// Whether two mentions' places lie in one first-level region (a city and its
/// neighbour: "Hallandale Beach" and "Miami"). That keeps them together, and ties them
/// on the very same day only.
fn same_region(a: &Mention, b: &Mention) -> bool {
    // Region ids are paths ("united-states/florida"); countries are not.
    a.within.iter().any(|r| r.contains('/') && b.within.binary_search(r).is_ok())
}

/// Whether a place of one mention lies in (or is) a place of the other.
fn same_place(a: &Mention, b: &Mention) -> bool {
    a.places.iter().any(|p| b.reaches(p)) || b.places.iter().any(|p| a.reaches(p))
}

/// Whether nothing keeps two mentions apart: both calls or both meetings in person;
/// places nested; days within a few of each other. (Who takes part is weighed against
/// the whole event: [`people_fit`].)
fn compatible(a: &Mention, b: &Mention) -> bool {
    if a.call != b.call {
        return false;
    }
    if !a.places.is_empty() && !b.places.is_empty() && !same_place(a, b) && !same_region(a, b) {
        return false;
    }
    match (a.when, b.when) {
        (Some(x), Some(y)) => gap(x, y) <= MOST_DAYS_OFF,
        _ => true,
    }
}

/// Whether the people a mention names fit those an event's mentions name together
/// (sorted, without repeats): one names part of the other's, or they share two.
/// "Putin" fits a meeting of Putin, Witkoff and Kushner; "Merz and Macron" does not fit
/// one of Merz and Starmer.
fn people_fit(who: &[String], all: &[String]) -> bool {
    if who.is_empty() || all.is_empty() {
        return true;
    }
    let people = shared(who, all);
    people == who.len() || people == all.len() || people >= 2
}

/// The most days apart two reports of one meeting may put it: where the same two
/// people or more meet at the same city or venue.
const MOST_DAYS_OFF: i64 = 3;

/// Whether something ties two compatible mentions: a person or a place they share;
/// where their days are a day apart, a firm tie (two people, or a city or venue with
/// no one else named); further apart, two people at one city or venue. A report may be
/// a day or more off about one meeting; with less in common, two days are two
/// meetings.
fn tied(a: &Mention, b: &Mention) -> bool {
    let people = shared(&a.who, &b.who);
    let place = !a.places.is_empty() && !b.places.is_empty() && same_place(a, b);
    // Neighbouring cities of one region tie on the very same day only.
    let same_day = matches!((a.when, b.when), (Some(x), Some(y)) if gap(x, y) == 0);
    if people == 0 && !place && !(same_day && same_region(a, b)) {
        return false;
    }
    let apart = match (a.when, b.when) {
        (Some(x), Some(y)) => gap(x, y),
        _ => 0,
    };
    let local = place && !a.within.is_empty() && !b.within.is_empty();
    let nested = people == a.who.len().min(b.who.len());
    match apart {
        0 => true,
        1 => people >= 2 || (local && nested),
        _ => people >= 2 && local,
    }
}

/// Whether two mentions are of one event taken alone.
#[cfg(test)]
fn fits(a: &Mention, b: &Mention) -> bool {
    compatible(a, b) && people_fit(&a.who, &b.who) && tied(a, b)
}

/// The event of each mention of one story, by name; `None` for a mention that fits
/// several.
fn cluster(mut mentions: Vec<&Mention>) -> HashMap<&Mention, Option<String>> {
    // The most telling first: dated, then naming more people and places.
    let telling =
        |m: &Mention| std::cmp::Reverse((m.when.is_some(), !m.places.is_empty(), m.who.len() + m.places.len()));
    mentions.sort_by(|a, b| telling(a).cmp(&telling(b)).then_with(|| a.cmp(b)));
    let mut events: Vec<Vec<usize>> = Vec::new();
    // The people each event's mentions name together.
    let mut people: Vec<Vec<String>> = Vec::new();
    let mut of: Vec<Option<usize>> = Vec::with_capacity(mentions.len());
    for m in &mentions {
        let fitting: Vec<usize> = events
            .iter()
            .enumerate()
            .filter(|(e, members)| {
                people_fit(&m.who, &people[*e])
                    && members.iter().all(|&j| compatible(m, mentions[j]))
                    && members.iter().any(|&j| tied(m, mentions[j]))
            })
            .map(|(e, _)| e)
            .collect();
        // Of several, the days counted from a date taken from the story pick one, if
        // they fit one only.
        let fitting = if fitting.len() > 1 && m.hint.is_some() {
            let near = |e: &usize| {
                events[*e]
                    .iter()
                    .any(|&j| mentions[j].when.is_some_and(|w| m.hint.is_some_and(|h| gap(h, w) <= MOST_DAYS_OFF)))
            };
            let picked: Vec<usize> = fitting.iter().copied().filter(near).collect();
            if picked.len() == 1 { picked } else { fitting }
        } else {
            fitting
        };
        let event = match fitting.as_slice() {
            [] => {
                events.push(Vec::new());
                people.push(Vec::new());
                Some(events.len() - 1)
            }
            [one] => Some(*one),
            _ => None,
        };
        if let Some(e) = event {
            events[e].push(of.len());
            people[e].extend(m.who.iter().cloned());
            people[e].sort();
            people[e].dedup();
        }
        of.push(event);
    }
    // Events are named once all their mentions are in; two events that would share a
    // name are numbered.
    let mut seen: HashMap<String, usize> = HashMap::new();
    let names: Vec<String> = events
        .iter()
        .map(|members| {
            let n = name(members.iter().map(|&j| mentions[j]));
            let count = seen.entry(n.clone()).or_default();
            *count += 1;
            if *count == 1 { n } else { format!("{n}#{count}") }
        })
        .collect();
    mentions.into_iter().zip(of).map(|(m, e)| (m, e.map(|e| names[e].clone()))).collect()
}

/// An event's name, from its mentions: the people most of them name (three at most),
/// the most specific place, and the week of its first day: `merz-starmer@berlin/
/// 2025-12-08`.
fn name<'a>(members: impl Iterator<Item = &'a Mention>) -> String {
    let members: Vec<&Mention> = members.collect();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for m in &members {
        for w in &m.who {
            *counts.entry(w.as_str()).or_default() += 1;
        }
    }
    let mut people: Vec<(&str, usize)> = counts.into_iter().collect();
    people.sort_by_key(|(w, n)| (std::cmp::Reverse(*n), *w));
    let mut who: Vec<&str> = people.into_iter().take(3).map(|(w, _)| w).collect();
    who.sort_unstable();
    // The place most of them name; on a tie, the one inside most others.
    let mut places: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for m in &members {
        for p in &m.places {
            let entry = places.entry(p.as_str()).or_default();
            entry.0 += 1;
            entry.1 = entry.1.max(m.within.len());
        }
    }
    let place = places.into_iter().max_by_key(|(p, n)| (*n, std::cmp::Reverse(*p))).map(|(p, _)| p);
    let first = members.iter().filter_map(|m| m.when.map(|w| w.0)).min();
    let mut name = who.join("-");
    if let Some(p) = place {
        // A city's id is its path ("germany/berlin/berlin"): its last part names it.
        if !name.is_empty() {
            name.push('@');
        }
        name.push_str(p.rsplit('/').next().unwrap_or(p));
    }
    if let Some(day) = first {
        let monday = day - chrono::Duration::days(i64::from(day.weekday().num_days_from_monday()));
        name.push_str(&format!("/week-of-{monday}"));
    }
    if name.is_empty() { "event".into() } else { name }
}

/// Tell the events that claims with facets speak of, story by story (`story_of` gives
/// each article's), and put each
/// event's name in their subjects' `{event}`. A claim whose event cannot be told is
/// kept, with an unknown subject, and never compared.
pub fn identify(articles: &mut [ArticleClaims], story_of: &[usize]) {
    use rayon::prelude::*;
    let pending = |c: &crate::extract::Claim| c.facets.is_some() && c.subject.contains(PENDING_EVENT);
    // Each pending claim's mention (by its index in its article), made on all cores.
    let mentions: Vec<Vec<(usize, Mention)>> = articles
        .par_iter()
        .map(|a| {
            let of = |(k, c): (usize, &crate::extract::Claim)| {
                Some((k, Mention::of(c.facets.as_deref()?, a.published_inferred)))
            };
            a.claims.iter().enumerate().filter(|(_, c)| pending(c)).filter_map(of).collect()
        })
        .collect();
    let story = |i: usize| story_of.get(i).copied().unwrap_or(0);
    let mut by_story: BTreeMap<usize, Vec<&Mention>> = BTreeMap::new();
    for (i, list) in mentions.iter().enumerate() {
        for (_, m) in list {
            by_story.entry(story(i)).or_default().push(m);
        }
    }
    if by_story.is_empty() {
        return;
    }
    let events: BTreeMap<usize, HashMap<&Mention, Option<String>>> = by_story
        .into_iter()
        .map(|(story, mut mentions)| {
            mentions.sort();
            mentions.dedup();
            (story, cluster(mentions))
        })
        .collect();
    articles.par_iter_mut().zip(&mentions).enumerate().for_each(|(i, (a, list))| {
        for (k, m) in list {
            let Some(c) = a.claims.get_mut(*k) else { continue };
            match events.get(&story(i)).and_then(|e| e.get(m)).cloned().flatten() {
                Some(name) => c.subject = c.subject.replace(PENDING_EVENT, &name),
                None => {
                    c.subject = UNKNOWN_SUBJECT.to_string();
                    c.comparable = false;
                }
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize)]
    struct Side {
        text: String,
        published: String,
    }

    #[derive(Deserialize)]
    struct Pair {
        a: Side,
        b: Side,
        same: bool,
    }

    #[derive(Deserialize)]
    struct Table {
        pair: Vec<Pair>,
    }

    /// The pairs of the examples table beside this module, read as articles by the
    /// bundled rules and told apart as `compare` does.
    #[test]
    fn example_pairs_are_one_event_or_two() {
        let table: Table = toml::from_str(include_str!("events_examples.toml")).expect("events_examples.toml parses");
        let rules = crate::rule::RuleSet::load(&crate::rule::bundled_sources()).expect("the bundled rules load");
        for pair in table.pair {
            let read = |side: &Side| {
                let text = format!("---\npublished: {}\n---\n{}\n", side.published, side.text);
                let article = crate::article::Article::from_bytes("example.md", text.as_bytes()).expect("reads");
                let claims = crate::extract::extract(&article, &rules)
                    .into_iter()
                    .filter(|c| c.facets.is_some())
                    .take(1)
                    .collect::<Vec<_>>();
                assert_eq!(claims.len(), 1, "no meeting claim with facets in {:?}", side.text);
                ArticleClaims { claims, ..ArticleClaims::default() }
            };
            let mut articles = vec![read(&pair.a), read(&pair.b)];
            identify(&mut articles, &[0, 0]);
            let (a, b) = (&articles[0].claims[0], &articles[1].claims[0]);
            assert_eq!(
                a.subject == b.subject && a.comparable,
                pair.same,
                "{:?} / {:?}: {} vs {}",
                pair.a.text,
                pair.b.text,
                a.subject,
                b.subject
            );
        }
    }

    fn mention(who: &[&str], places: &[&str], within: &[&str], when: Option<(&str, &str)>) -> Mention {
        let strings = |xs: &[&str]| {
            let mut v: Vec<String> = xs.iter().map(|s| s.to_string()).collect();
            v.sort();
            v
        };
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        Mention {
            who: strings(who),
            places: strings(places),
            within: strings(within),
            when: when.map(|(a, b)| (day(a), day(b))),
            call: false,
            hint: None,
        }
    }

    #[test]
    fn people_and_places_nested_are_one_event() {
        let hosted = mention(&["merz", "starmer"], &["berlin"], &["germany"], Some(("2025-12-08", "2025-12-08")));
        let talks = mention(&["merz", "starmer"], &["germany"], &[], Some(("2025-12-08", "2025-12-08")));
        let next_day = mention(&["macron", "merz"], &["berlin"], &["germany"], Some(("2025-12-09", "2025-12-09")));
        assert!(fits(&hosted, &talks));
        assert!(!fits(&hosted, &next_day), "another leader the next day is another meeting");
        let events = cluster(vec![&hosted, &talks, &next_day]);
        assert_eq!(events[&hosted], events[&talks]);
        assert_ne!(events[&hosted], events[&next_day]);
        assert_eq!(events[&hosted].as_deref(), Some("merz-starmer@berlin/week-of-2025-12-08"));
    }

    #[test]
    fn a_day_apart_is_one_event_only_when_firmly_tied() {
        let a = mention(&["putin", "witkoff"], &["moscow"], &["russia"], Some(("2025-12-02", "2025-12-02")));
        let b = mention(&["putin", "witkoff"], &[], &[], Some(("2025-12-03", "2025-12-03")));
        assert!(fits(&a, &b), "a report a day off about the same two people and place");
        let c = mention(&["witkoff"], &[], &[], Some(("2025-12-03", "2025-12-03")));
        let d = mention(&["witkoff"], &[], &[], Some(("2025-12-02", "2025-12-02")));
        assert!(!fits(&c, &d), "one name alone a day apart ties nothing");
        let far = mention(&["putin", "witkoff"], &["moscow"], &["russia"], Some(("2025-08-06", "2025-08-06")));
        assert!(!fits(&a, &far), "the same people months apart met again");
        let off =
            mention(&["putin", "witkoff"], &["kremlin"], &["moscow", "russia"], Some(("2025-12-04", "2025-12-04")));
        assert!(fits(&a, &off), "two days off about the same two people at the same city");
        let elsewhere = mention(&["putin", "witkoff"], &[], &[], Some(("2025-12-04", "2025-12-04")));
        assert!(!fits(&a, &elsewhere), "two days apart with no place to tie them");
    }

    #[test]
    fn places_apart_and_calls_are_other_events() {
        let moscow = mention(&["witkoff"], &["moscow"], &["russia"], None);
        let miami = mention(&["witkoff"], &["miami"], &["florida", "united-states"], None);
        assert!(!fits(&moscow, &miami));
        let north = mention(&["witkoff"], &["us/florida/hallandale"], &["us", "us/florida"], None);
        let miami = mention(&["witkoff"], &["us/florida/miami"], &["us", "us/florida"], None);
        assert!(fits(&north, &miami), "neighbouring cities of one region, tied by a person");
        let nobody = mention(&[], &["us/florida/miami"], &["us", "us/florida"], None);
        assert!(!fits(&north, &nobody), "a region ties nothing undated");
        let day = Some(("2025-11-30", "2025-11-30"));
        let north = mention(&[], &["us/florida/hallandale"], &["us", "us/florida"], day);
        let miami = mention(&[], &["us/florida/miami"], &["us", "us/florida"], day);
        assert!(fits(&north, &miami), "neighbouring cities on the same day");
        let mut call = mention(&["witkoff"], &[], &[], None);
        call.call = true;
        assert!(!fits(&call, &mention(&["witkoff"], &[], &[], None)));
        assert!(!fits(&mention(&["a"], &[], &[], None), &mention(&["b"], &[], &[], None)), "nothing ties them");
    }

    #[test]
    fn a_mention_that_fits_two_events_is_of_neither() {
        let august = mention(&["putin", "witkoff"], &["moscow"], &["russia"], Some(("2025-08-06", "2025-08-06")));
        let december = mention(&["putin", "witkoff"], &["moscow"], &["russia"], Some(("2025-12-02", "2025-12-02")));
        let undated = mention(&["putin", "witkoff"], &[], &[], None);
        let events = cluster(vec![&undated, &august, &december]);
        assert_ne!(events[&august], events[&december]);
        assert_eq!(events[&undated], None);
        // With one visit only, the undated mention is of it.
        let events = cluster(vec![&undated, &december]);
        assert_eq!(events[&undated], events[&december]);
    }
}
