//! The value scanner: walks a text once, tries the value parsers only where a value can
//! start (a digit, a number or ordinal word, a month or weekday name, a unit or a
//! relative-day word, or a hedge a few words before one), and keeps the longest reading
//! at each place: "half a century" is one duration, not "half" and "a century".
//!
//! Pure: text and publication date in, values with byte spans out.

use crate::parse::date::{self, Anchor, DateExpr, Tense};
use crate::parse::lex::lower;
use crate::parse::{duration, not_value, number, ordinal};
use crate::rule::vocab::Fnv;
use crate::value::{Mod, Value};
use chrono::NaiveDate;
use nom::Parser;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

/// A value found in a text.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    /// Byte offset of the first byte of the value's words.
    pub start: usize,
    /// Byte offset just past the value's words.
    pub end: usize,
    /// The value the words give.
    pub value: Value,
    /// A doubt worth showing the reader ("the text calls 2025-12-29 a sunday").
    pub warning: Option<String>,
}

/// How many words before a trigger a value may start ("no less than", "as long as").
const LOOKBACK: usize = 4;

/// Bytes of context on each side searched for the tense of a weekday's sentence.
const SENTENCE_WINDOW: usize = 300;

/// Words after which "over" spreads an event across a period ("talks held over two
/// days") instead of exceeding it.
const ACROSS_WORDS: &[&str] = &[
    "held",
    "conducted",
    "spread",
    "spanning",
    "place",
    "talks",
    "meetings",
    "negotiations",
    "met",
    "meet",
    "continued",
    "unfolded",
    "sessions",
];

/// Verbs whose particle is "over" ("handed over four documents"): after them "over" is
/// no hedge.
const OVER_VERBS: &[&str] = &[
    "hand",
    "handed",
    "hands",
    "handing",
    "turn",
    "turned",
    "turns",
    "turning",
    "take",
    "took",
    "taken",
    "takes",
    "taking",
    "pass",
    "passed",
    "passes",
    "passing",
    "sign",
    "signed",
    "signs",
    "signing",
    "win",
    "won",
    "wins",
    "carry",
    "carried",
    "carries",
    "left",
    "fought",
    "fight",
    "argued",
    "argue",
    "quarrel",
    "quarreled",
    "disputed",
    "clash",
    "clashed",
    "hold",
    "holds",
    "looked",
    "look",
    "mull",
    "mulled",
    "pore",
    "pored",
    "sleep",
    "slept",
    "stay",
    "stayed",
    "flew",
    "fly",
    "flown",
    "roll",
    "rolled",
    "read",
    "go",
    "went",
    "gone",
];

/// What a word can be to a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    /// The first content word of a value: "five", "December", "today".
    Trigger,
    /// A word that can open a value phrase before its trigger: "more", "the", "since".
    Prefix,
    /// Neither.
    None,
}

/// The role of every trigger and prefix word, looked up once a word.
static ROLES: std::sync::LazyLock<HashMap<&'static str, Role, BuildHasherDefault<Fnv>>> =
    std::sync::LazyLock::new(|| {
        let mut roles = HashMap::default();
        let openers = PREFIX_WORDS.iter().chain(crate::parse::hedge::HEDGE_OPENERS);
        for w in openers.chain(crate::parse::date::MONTH_PREPOSITIONS) {
            roles.insert(*w, Role::Prefix);
        }
        // A word that is both ("one", "half") is a trigger.
        for w in TRIGGER_WORDS {
            roles.insert(*w, Role::Trigger);
        }
        roles
    });

/// The role of a lower-case word.
fn role(w: &str) -> Role {
    ROLES.get(w).copied().unwrap_or(Role::None)
}

/// Words that can be the first content word of a value.
const TRIGGER_WORDS: &[&str] = &[
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fourty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "thousand",
    "million",
    "billion",
    "trillion",
    "dozen",
    "half",
    "quarter",
    "third",
    "thirds",
    "quarters",
    "couple",
    "pair",
    "few",
    "minus",
    "negative",
    "first",
    "second",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
    "thirtieth",
    "fortieth",
    "fiftieth",
    "sixtieth",
    "seventieth",
    "eightieth",
    "ninetieth",
    "hundredth",
    "thousandth",
    "hour",
    "day",
    "week",
    "weekend",
    "fortnight",
    "month",
    "year",
    "decade",
    "century",
    "millennium",
    "minute",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    "today",
    "tonight",
    "yesterday",
    "tomorrow",
];

/// Words besides the hedges' first words and the prepositions before a month
/// ("since", "last") that can open a value phrase a few words before its trigger: an
/// article ("the 2nd of"), a part of a month ("early", "mid"), a relative word
/// ("past", "coming").
const PREFIX_WORDS: &[&str] = &[
    // Inner words of hedges ("as long as", "a little over") and of date phrases ("the
    // 2nd of", "the middle of", "in three days").
    "little",
    "long",
    "many",
    "much",
    "high",
    "than",
    "to",
    "least",
    "most",
    "minimum",
    "maximum",
    "excess",
    "shy",
    "short",
    "quite",
    "full",
    "the",
    "on",
    "past",
    "previous",
    "coming",
    "early",
    "late",
    "mid",
    "middle",
    "beginning",
    "start",
    "end",
    "earlier",
    "later",
    "following",
    "between",
    "half",
    "one",
];

/// What a parser read at one place, before dates are placed.
enum Reading {
    Value(Value),
    Date(DateExpr),
}

/// The start of the next word at or after `i`, on a character boundary.
fn next_word_start(text: &str, mut i: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_alphanumeric() {
            let prev_is_word = i > 0 && bytes[i - 1].is_ascii_alphanumeric();
            if !prev_is_word {
                return Some(i);
            }
            i += 1;
        } else if b < 0x80 {
            i += 1;
        } else {
            // Skip the whole non-ASCII character; letters outside ASCII start no value.
            let len = text.get(i..).and_then(|s| s.chars().next()).map_or(1, char::len_utf8);
            i += len;
        }
    }
    None
}

/// End of the ASCII letters-and-digits run starting at `start`.
fn ascii_word_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = start;
    while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
        i += 1;
    }
    i
}

/// The word that ends just before `at`, skipping spaces and punctuation between.
fn word_before(text: &str, at: usize) -> Option<&str> {
    let head = text.get(..at)?;
    let trimmed = head.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '.');
    let trimmed = trimmed.strip_suffix('.').unwrap_or(trimmed);
    let start = trimmed.char_indices().rev().find(|(_, c)| !c.is_alphanumeric()).map_or(0, |(i, c)| i + c.len_utf8());
    let w = trimmed.get(start..)?;
    (!w.is_empty()).then_some(w)
}

/// Every reading at `start`, longest first; ties prefer dates, then durations,
/// numbers, ordinals.
fn read_at(text: &str, start: usize) -> Option<(usize, Reading)> {
    let input = text.get(start..)?;
    let before = word_before(text, start);
    let mut buf = [0; 24];
    let ranges = before.and_then(|w| lower(w, &mut buf)) != Some("from");
    let mut best: Option<(usize, Reading)> = None;
    let mut offer = |rest: &str, reading: Reading| {
        let len = input.len() - rest.len();
        if len > 0 && best.as_ref().is_none_or(|(l, _)| len > *l) {
            best = Some((len, reading));
        }
    };
    if let Ok((rest, expr)) = date::date(input) {
        offer(rest, Reading::Date(expr));
    }
    if let Ok((rest, v)) = duration::duration(ranges).parse(input) {
        offer(rest, Reading::Value(v));
    }
    if let Ok((rest, v)) = number::number(ranges).parse(input) {
        offer(rest, Reading::Value(v));
    }
    if let Ok((rest, n)) = ordinal::ordinal(input) {
        offer(rest, Reading::Value(Value::Ordinal(n)));
    }
    best.map(|(len, reading)| (start + len, reading))
}

/// Whether a reading is a figure that is really a year inside a name or a date we do
/// not read ("Vision 2030", "the 2024 election"): four bare digits from 1000 to 2999.
fn is_bare_year(text: &str, start: usize, end: usize, reading: &Reading) -> bool {
    let Reading::Value(Value::Number { amount, unit: None }) = reading else { return false };
    let words = text.get(start..end).unwrap_or("");
    amount.modifier == Mod::Exact
        && words.len() == 4
        && words.bytes().all(|b| b.is_ascii_digit())
        && (1000.0..3000.0).contains(&amount.value)
}

/// Whether "over" at `start` is no hedge: a particle of the verb before it ("handed
/// over four documents"), or, before a duration, spreading an event across the period
/// ("held over two days").
fn over_is_no_hedge(text: &str, start: usize, reading: &Reading) -> bool {
    let starts_with_over = text.get(start..start + 5).is_some_and(|s| s.eq_ignore_ascii_case("over "));
    if !starts_with_over {
        return false;
    }
    let mut buf = [0; 24];
    let Some(before) = word_before(text, start).and_then(|w| lower(w, &mut buf)) else { return false };
    OVER_VERBS.contains(&before)
        || (matches!(reading, Reading::Value(Value::Duration(_))) && ACROSS_WORDS.contains(&before))
}

/// The tense of the sentence around `at`: the cue word nearest to it decides. The
/// words from `at` on start with the value's own first word, which is passed over.
pub fn tense_around(text: &str, at: usize) -> Tense {
    let (before, after) = sentence_sides(text, at, at);
    tense_between(before, after, 1).unwrap_or(Tense::Past)
}

/// The tense of the sentence that holds the words `start..end` (a date): the cue word
/// nearest to them decides, as in [`tense_around`]; `None` when the sentence has no
/// tense cue.
pub fn tense_of_span(text: &str, start: usize, end: usize) -> Option<Tense> {
    let (before, after) = sentence_sides(text, start, end.max(start));
    // A date that opens its sentence is set off by a comma from the clause it belongs
    // to ("On January 3, the envoys will meet"); one that ends a clause is not ("talks
    // opened on November 23, and will resume").
    let clause = before.rsplit([',', ';']).next().unwrap_or(before);
    let fronted = clause.split_whitespace().count() <= 1;
    let after = if fronted { after.trim_start_matches(|c: char| c == ',' || c.is_whitespace()) } else { after };
    tense_between(before, after, 0)
}

/// The sentence around `start..end`, as the part before `start` and the part from `end`
/// on, each cut at the sentence's end and at most [`SENTENCE_WINDOW`] bytes long.
pub fn sentence_sides(text: &str, start: usize, end: usize) -> (&str, &str) {
    let mut lo = start.saturating_sub(SENTENCE_WINDOW);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    let mut hi = end.saturating_add(SENTENCE_WINDOW).min(text.len());
    while !text.is_char_boundary(hi) {
        hi -= 1;
    }
    let (Some(before), Some(after)) = (text.get(lo..start), text.get(end..hi)) else { return ("", "") };
    let is_end = |c: char| matches!(c, '!' | '?' | '\n' | ';');
    let sentence_start = before.rfind(|c: char| is_end(c)).map_or(0, |i| i + 1);
    let before = before.get(sentence_start..).unwrap_or("");
    // Stop at a full stop followed by a space, not at "Dec." or "U.S." inside.
    let sentence_end = after.find(|c: char| is_end(c)).unwrap_or(after.len());
    let full_stops = |s: &str| -> Vec<usize> {
        s.match_indices(". ")
            .map(|(i, _)| i)
            .filter(|i| !crate::text::ends_with_abbreviation(s.get(..*i).unwrap_or("")))
            .collect()
    };
    let sentence_end = full_stops(after.get(..sentence_end).unwrap_or("")).first().copied().unwrap_or(sentence_end);
    let after = after.get(..sentence_end).unwrap_or("");
    let before = match full_stops(before).last() {
        Some(i) => before.get(i + 2..).unwrap_or(""),
        None => before,
    };
    (before, after)
}

/// The tense the cue words of a sentence give, `before` and `after` a value; the first
/// `skip` words of `after` are the value's own. `None` when no word is a cue.
fn tense_between(before: &str, after: &str, skip: usize) -> Option<Tense> {
    // Strong cues (auxiliaries, plans, irregular past forms) decide first; words in -ed
    // and reporting verbs ("said") only where no strong cue stands in the sentence,
    // since "the updated document" or "officials said" say little of when.
    // `opens` tells a word that opens the sentence, whose capital says nothing.
    let cue = |w: &str, opens: bool| -> Option<(Tense, bool)> {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'');
        let capital = !opens && w.starts_with(|c: char| c.is_uppercase());
        let mut buf = [0; 24];
        let w = crate::parse::lex::ascii_lower(w, &mut buf);
        match &*w {
            "will" | "shall" | "won't" | "scheduled" | "expected" | "expects" | "expect" | "plans" | "plan"
            | "planned" | "planning" | "intend" | "aim" | "hope" | "due" | "upcoming" | "going" | "would"
            | "intends" | "aims" | "next" | "set" | "hopes" | "until" => Some((Tense::Future, true)),
            "was" | "were" | "had" | "did" | "met" | "held" | "took" | "began" | "came" | "went" | "sat" | "spoke"
            | "gave" | "made" | "left" | "ran" | "saw" | "last" | "ago" | "brought" | "sought" | "won" | "lost"
            | "got" | "flew" | "wrote" | "earlier" => Some((Tense::Past, true)),
            "said" | "told" => Some((Tense::Past, false)),
            w if w.ends_with("'ll") => Some((Tense::Future, true)),
            // A capital inside a sentence makes a name, not a verb: "the United States".
            w if w.len() > 4 && w.ends_with("ed") && !capital => Some((Tense::Past, false)),
            _ => None,
        }
    };
    // After the value, only its own clause counts: in "met on Thursday, opening talks
    // officials expect to continue", the "expect" speaks of later days.
    let after = after.split([',', ';']).next().unwrap_or(after);
    let words_before = before.split_whitespace().count();
    let nearest = |strong: bool| {
        let pick = |i: usize, w: &str, opens: bool| cue(w, opens).filter(|(_, s)| *s == strong).map(|(t, _)| (i, t));
        let before_cue =
            before.split_whitespace().rev().enumerate().find_map(|(i, w)| pick(i, w, i + 1 == words_before));
        let after_cue = after.split_whitespace().skip(skip).enumerate().find_map(|(i, w)| pick(i, w, false));
        match (before_cue, after_cue) {
            (Some((b, t)), Some((a, u))) => Some(if b <= a { t } else { u }),
            (Some((_, t)), None) | (None, Some((_, t))) => Some(t),
            (None, None) => None,
        }
    };
    nearest(true).or_else(|| nearest(false))
}

/// Every value in `text[from..]`, in order, with spans into the whole `text`. Dates
/// without a year and relative dates are placed against `published`.
pub fn scan(text: &str, from: usize, published: Option<NaiveDate>) -> Vec<Found> {
    scan_anchored(text, from, &Anchor::published(published))
}

/// [`scan`], with dates placed against a full [`Anchor`].
pub fn scan_anchored(text: &str, from: usize, anchor: &Anchor) -> Vec<Found> {
    let _memo = crate::parse::lex::memo_scope(text);
    let mut found = Vec::new();
    let mut recent: [usize; LOOKBACK] = [0; LOOKBACK];
    let mut recent_len = 0usize;
    let mut pos = from;
    let mut free_from = from;
    while let Some(ws) = next_word_start(text, pos) {
        let we = ascii_word_end(text, ws).max(ws + 1);
        let is_digit = text.as_bytes()[ws].is_ascii_digit();
        let mut buf = [0; 24];
        let role = if is_digit {
            Role::Trigger
        } else {
            text.get(ws..we).and_then(|w| lower(w, &mut buf)).map_or(Role::None, role)
        };
        let trigger = role == Role::Trigger;
        if trigger {
            if let Some(end) = not_value::zone(text, ws, word_before(text, ws)) {
                pos = end.max(we);
                free_from = pos;
                recent_len = 0;
                continue;
            }
            // Where a value may start, in order: the recent openers, a sign glued to the
            // digits, the trigger itself (on the stack: this runs at every figure).
            let mut starts = [0usize; LOOKBACK + 2];
            let mut count = 0;
            for &s in recent[..recent_len.min(LOOKBACK)].iter().filter(|s| **s >= free_from) {
                starts[count] = s;
                count += 1;
            }
            starts[..count].sort_unstable();
            // A sign or currency symbol glued to the digits starts the value.
            if is_digit && ws > 0 {
                let prefix = text.get(..ws).and_then(|h| h.chars().next_back());
                if let Some(c @ ('$' | '€' | '£' | '-' | '\u{2212}')) = prefix {
                    let at = ws - c.len_utf8();
                    let before_sign = text.get(..at).and_then(|h| h.chars().next_back());
                    let glued = matches!(c, '-' | '\u{2212}') && before_sign.is_some_and(|b| !b.is_whitespace());
                    if at >= free_from && !glued {
                        starts[count] = at;
                        count += 1;
                    }
                }
            }
            starts[count] = ws;
            count += 1;
            let mut best: Option<(usize, usize, Reading)> = None;
            for &s in &starts[..count] {
                if let Some((end, reading)) = read_at(text, s) {
                    if end <= ws || is_bare_year(text, s, end, &reading) || over_is_no_hedge(text, s, &reading) {
                        continue;
                    }
                    if best.as_ref().is_none_or(|(_, e, _)| end > *e) {
                        best = Some((s, end, reading));
                    }
                }
            }
            if let Some((start, end, reading)) = best {
                if let Some(f) = place(text, start, end, reading, anchor) {
                    found.push(f);
                }
                pos = end;
                free_from = end;
                recent_len = 0;
                continue;
            }
        }
        // Only words that can open a value phrase are worth starting from later; any
        // other word cuts the chain, since a phrase never runs through it.
        let opens = role != Role::None;
        if !opens {
            recent_len = 0;
        } else if recent_len < LOOKBACK {
            recent[recent_len] = ws;
            recent_len += 1;
        } else {
            recent.rotate_left(1);
            recent[LOOKBACK - 1] = ws;
        }
        pos = if is_digit { skip_digit_run(text, we) } else { we };
    }
    found
}

/// Past the digits and joining punctuation after a failed digit start, so "1,39x" is
/// not read again from "39".
fn skip_digit_run(text: &str, mut i: usize) -> usize {
    let bytes = text.as_bytes();
    while i + 1 < bytes.len() && matches!(bytes[i], b',' | b'.') && bytes[i + 1].is_ascii_digit() {
        i += 1;
        while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
            i += 1;
        }
    }
    i
}

fn place(text: &str, start: usize, end: usize, reading: Reading, anchor: &Anchor) -> Option<Found> {
    match reading {
        Reading::Value(value) => Some(Found { start, end, value, warning: None }),
        Reading::Date(expr) => {
            let words = text.get(start..end)?;
            let tense = match expr {
                DateExpr::Weekday { cue: None, .. } => tense_around(text, start),
                _ => Tense::Past,
            };
            let placed = date::resolve(&expr, anchor, tense, words)?;
            Some(Found { start, end, value: Value::Date(placed.value), warning: placed.warning })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::{DateValue, seconds};

    fn texts(text: &str, published: Option<&str>) -> Vec<(String, String)> {
        let published = published.map(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d").unwrap());
        scan(text, 0, published).into_iter().map(|f| (text[f.start..f.end].to_string(), f.value.display())).collect()
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    #[test]
    fn longest_reading_wins() {
        assert_eq!(
            texts("Kyiv wants a pledge running as long as half a century.", None),
            pairs(&[("as long as half a century", "up to 50 years")])
        );
        assert_eq!(texts("a decade and a half of war", None), pairs(&[("a decade and a half", "15 years")]));
        assert_eq!(texts("a 15-year term", None), pairs(&[("15-year", "15 years")]));
    }

    #[test]
    fn plans_and_meetings() {
        assert_eq!(
            texts("Drafted with 28 points, the text now runs to 19 points.", None),
            pairs(&[("28", "28"), ("19", "19")])
        );
        assert_eq!(
            texts("The meeting lasted over four hours, his sixth such trip.", None),
            pairs(&[("over four hours", "more than 4 hours"), ("sixth", "#6")])
        );
    }

    #[test]
    fn weekdays_follow_the_tense_of_their_sentence() {
        let pub_wed = Some("2025-12-03");
        assert_eq!(texts("They met on Monday.", pub_wed), pairs(&[("on Monday", "2025-12-01")]));
        assert_eq!(texts("They will meet on Friday.", pub_wed), pairs(&[("on Friday", "2025-12-05")]));
        assert_eq!(
            texts("Envoys are expected to brief him on Wednesday, aides said.", pub_wed),
            pairs(&[("on Wednesday", "2025-12-03")])
        );
        assert_eq!(
            texts("Aides said the envoys will brief him on Friday.", pub_wed),
            pairs(&[("on Friday", "2025-12-05")])
        );
        // An adjective in -ed nearer the weekday does not outweigh "due to".
        assert_eq!(
            texts("Envoys are due to see him on Friday, carrying the updated text.", pub_wed),
            pairs(&[("on Friday", "2025-12-05")])
        );
        // A later clause's plans do not move the day the sentence's own verb gives.
        assert_eq!(
            texts("The teams sat down on Monday, opening talks that officials expect to last.", pub_wed),
            pairs(&[("on Monday", "2025-12-01")])
        );
    }

    #[test]
    fn a_dates_tense_comes_from_the_cues_of_its_sentence() {
        let tense = |text: &str, date: &str| {
            let start = text.find(date).unwrap();
            tense_of_span(text, start, start + date.len())
        };
        let day = "December 2, 2025";
        assert_eq!(tense("The envoys met Putin on December 2, 2025.", day), Some(Tense::Past));
        assert_eq!(tense("Talks are scheduled for December 2, 2025.", day), Some(Tense::Future));
        // A date that opens its sentence belongs to the clause after its comma...
        assert_eq!(tense("On December 2, 2025, the envoys will meet Putin.", day), Some(Tense::Future));
        // ...one that ends a clause does not.
        assert_eq!(tense("Talks opened on December 2, 2025, and will resume later.", day), Some(Tense::Past));
        // A capital inside a sentence is a name, not a verb in -ed; none is a cue.
        assert_eq!(tense("A meeting with the United States on December 2, 2025 to settle terms.", day), None);
        assert_eq!(tense("Updated December 2, 2025.", day), Some(Tense::Past));
    }

    #[test]
    fn not_values_are_skipped() {
        assert_eq!(texts("at 4:30 p.m. on Article 5 and F-16 jets", None), pairs(&[]));
        assert_eq!(texts("Published 04.12.25, 07:06 AM", None), pairs(&[]));
        assert_eq!(texts("the Vision 2030 plan and World War Two", None), pairs(&[]));
        assert_eq!(texts("call 555-123-4567 today", None), pairs(&[("today", "\"today\" (no date to count from)")]));
    }

    #[test]
    fn over_across_a_period_is_no_hedge() {
        let found = scan("Talks were held over two days in Miami.", 0, None);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].value, Value::Duration(crate::value::Amount::exact(2.0 * seconds::DAY)));
    }

    #[test]
    fn over_after_a_phrasal_verb_is_no_hedge() {
        assert_eq!(texts("They handed over four documents.", None), pairs(&[("four", "4")]));
        assert_eq!(texts("They handed in over four documents.", None), pairs(&[("over four", "more than 4")]));
    }

    #[test]
    fn changes_are_not_ranges() {
        assert_eq!(texts("cut from 28 to 19 points", None), pairs(&[("28", "28"), ("19", "19")]));
        assert_eq!(texts("grew from 19 to 20 points", None), pairs(&[("19", "19"), ("20", "20")]));
        assert_eq!(texts("30 to 50 years", None), pairs(&[("30 to 50 years", "30 years to 50 years")]));
    }

    #[test]
    fn spans_start_at_the_scan_offset() {
        let text = "---\npublished: 2025-12-03\n---\nOn December 2 they met.";
        let from = text.find("On").unwrap();
        let found = scan(text, from, NaiveDate::from_ymd_opt(2025, 12, 3));
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].start..found[0].end], "December 2");
        assert!(matches!(found[0].value, Value::Date(DateValue::Span { .. })));
    }
}
