//! Properties of the value parsers and the scanner on untrusted text: no input makes
//! them panic, a parser only ever consumes a prefix of its input (what remains is a
//! suffix of it), and the scanner's spans are in bounds, on character boundaries,
//! sorted and disjoint. Names are read from any text, and whatever the values, the
//! claims on one side of a finding agree.
//!
//! Inputs are arbitrary Unicode, and sentences built from a vocabulary of value-ish
//! tokens (number words, units, months, weekdays, hedges, dashes, odd spaces), which
//! reach far deeper into the parsers than random characters do.

use chrono::{Datelike, NaiveDate};
use claimcheck::parse::date::{self, Anchor, Tense};
use claimcheck::parse::{duration, hedge, lex, not_value, number, ordinal};
use claimcheck::scan::{self, Found};
use proptest::prelude::*;
use proptest::test_runner::Config;

/// Words and marks that start, join or end values, and some that only look like it.
const VOCABULARY: &[&str] = &[
    "twenty",
    "-",
    "five",
    "hours",
    "December",
    "2",
    ",",
    "over",
    "half",
    "a",
    "century",
    "1,398",
    "4:30",
    "0",
    "7",
    "19",
    "28",
    "999999999999999",
    "9999999999999999999999",
    "Sunday",
    "next",
    "week",
    "\u{2013}",
    "\u{2014}",
    "\u{a0}",
    "\u{2009}",
    "\u{202f}",
    "\u{2212}",
    "on",
    "last",
    "this",
    "the",
    "of",
    "and",
    "to",
    "or",
    "between",
    "about",
    "up",
    "as",
    "long",
    "almost",
    "more",
    "than",
    "at",
    "least",
    "so",
    "sixth",
    "first",
    "second",
    "third",
    "thirds",
    "2nd",
    "21st",
    "11th",
    "hundred",
    "thousand",
    "million",
    "bn",
    "dozen",
    "couple",
    "few",
    "quarter",
    "ago",
    "in",
    "days",
    "day",
    "year",
    "years",
    "15-year",
    "decade",
    "minutes",
    "hr",
    "3hrs",
    "h",
    "y",
    "yesterday",
    "today",
    "tomorrow",
    "weekend",
    "month",
    "May",
    "may",
    "March",
    "Dec.",
    "Sept",
    "mid",
    "early",
    "late",
    "since",
    "2025",
    "2025-12-02",
    "2025-13-45",
    "12/05/2025",
    "04.12.25",
    "p.m.",
    "am",
    "GMT",
    "$",
    "€",
    "£",
    "%",
    "percent",
    "per",
    "cent",
    "World",
    "War",
    "Two",
    "Article",
    "F-16",
    "+44",
    "555-123-4567",
    "no",
    "one",
    "another",
    "old",
    "'s",
    "time",
    "approx.",
    "mins.",
    "1.5",
    "2.5",
    ".",
    ":",
    "/",
    "\n",
    "\r\n",
    "\t",
    "é",
    "ß",
    "İ",
    "🙂",
    "\u{1a}",
    "\u{300}",
    "\u{feff}",
    "Monday",
    "Tues.",
    "Sat",
    "morning",
    "from",
    "through",
    "February",
    "29",
    "30",
    "31",
    "32",
    "the day before",
    "Witkoff's",
    "plus",
    "exactly",
];

/// What joins two tokens: mostly a space, sometimes nothing or a mark.
const SEPARATORS: &[&str] = &[" ", " ", " ", " ", "", "-", "\u{a0}", "\n", ", ", "\u{2013}"];

fn vocabulary_text() -> impl Strategy<Value = String> {
    prop::collection::vec((prop::sample::select(VOCABULARY), prop::sample::select(SEPARATORS)), 0..16)
        .prop_map(|parts| parts.into_iter().flat_map(|(w, s)| [w, s]).collect())
}

fn unicode_text() -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), 0..40).prop_map(String::from_iter)
}

/// Vocabulary tokens mixed with arbitrary characters, joined by spaces.
fn mixed_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => prop::sample::select(VOCABULARY).prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..16).prop_map(|parts| parts.join(" "))
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![2 => vocabulary_text(), 1 => unicode_text(), 1 => mixed_text()]
}

/// Publication dates a user can give (`YYYY-MM-DD`, years 0000 to 9999), weighted to
/// the years news is written in.
fn publication_date() -> impl Strategy<Value = NaiveDate> {
    let any_day = (0i32..=9999, 1u32..=12, 1u32..=31);
    let recent = (2020i32..=2030, 1u32..=12, 1u32..=31);
    prop_oneof![1 => any_day, 3 => recent].prop_map(|(y, m, d)| {
        (0..4)
            .find_map(|back| NaiveDate::from_ymd_opt(y, m, d.saturating_sub(back)))
            .expect("one of the last four days exists")
    })
}

/// No date, a publication date, and only a year hint (an undated article read with
/// dated ones).
fn anchors(date: NaiveDate) -> [Anchor; 3] {
    [Anchor::default(), Anchor::published(Some(date)), Anchor { published: None, year_hint: Some(date) }]
}

/// Assert that a parser's result leaves a suffix of `input`: the very same bytes, not
/// merely equal ones.
fn assert_suffix<T, E>(name: &str, input: &str, result: Result<(&str, T), E>) {
    if let Ok((rest, _)) = result {
        let (i0, i1) = (input.as_ptr() as usize, input.as_ptr() as usize + input.len());
        let (r0, r1) = (rest.as_ptr() as usize, rest.as_ptr() as usize + rest.len());
        assert!(i0 <= r0 && r1 == i1, "{name}: the rest {rest:?} is not a suffix of the input {input:?}");
    }
}

/// Every public parser, at every character boundary of `text`.
fn check_parsers(text: &str, published: NaiveDate) {
    let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
    for &at in &boundaries {
        let input = &text[at..];
        assert_suffix("number::number(true)", input, number::number(true)(input));
        assert_suffix("number::number(false)", input, number::number(false)(input));
        assert_suffix("number::quantity", input, number::quantity(input));
        assert_suffix("number::quantity_range(true)", input, number::quantity_range(true)(input));
        assert_suffix("number::cardinal", input, number::cardinal(input));
        assert_suffix("number::fraction", input, number::fraction(input));
        assert_suffix("number::vague_count", input, number::vague_count(input));
        assert_suffix("number::number_words", input, number::number_words(input));
        assert_suffix("number::below_thousand", input, number::below_thousand(input));
        assert_suffix("number::below_hundred", input, number::below_hundred(input));
        assert_suffix("number::digits_scaled", input, number::digits_scaled(input));
        assert_suffix("number::digit_number", input, number::digit_number(input));
        assert_suffix("ordinal::ordinal", input, ordinal::ordinal(input));
        assert_suffix("ordinal::ordinal_words", input, ordinal::ordinal_words(input));
        assert_suffix("ordinal::ordinal_digits", input, ordinal::ordinal_digits(input));
        assert_suffix("duration::duration(true)", input, duration::duration(true)(input));
        assert_suffix("duration::duration(false)", input, duration::duration(false)(input));
        assert_suffix("duration::unit", input, duration::unit(input));
        assert_suffix("hedge::prefix", input, hedge::prefix(input));
        assert_suffix("hedge::suffix", input, hedge::suffix(input));
        assert_suffix("date::weekday_name", input, date::weekday_name(input));
        assert_suffix("lex::sp", input, lex::sp(input));
        assert_suffix("lex::joiner", input, lex::joiner(input));
        assert_suffix("lex::range_joiner", input, lex::range_joiner(input));
        let parsed = date::date(input);
        assert_suffix("date::date", input, parsed.clone());
        if let Ok((rest, expr)) = parsed {
            let words = &input[..input.len() - rest.len()];
            for tense in [Tense::Past, Tense::Future] {
                for anchor in anchors(published) {
                    let _ = date::resolve(&expr, &anchor, tense, words);
                }
            }
        }
        let _ = scan::tense_around(text, at);
        let _ = scan::tense_of_span(text, at, text.len());
        let _ = claimcheck::published::from_url(input);
        // The zone a value-like start covers ends inside the text, after the start.
        for prev in [None, previous_word(text, at), Some("no"), Some("Article")] {
            if let Some(end) = not_value::zone(text, at, prev) {
                assert!(at < end && end <= text.len(), "zone {at}..{end} in {text:?}");
                assert!(text.is_char_boundary(end), "zone end {end} splits a character in {text:?}");
            }
        }
    }
}

/// The letters-and-digits word ending just before `at`, as the scanner passes it.
fn previous_word(text: &str, at: usize) -> Option<&str> {
    let head = text[..at].trim_end_matches(|c: char| !c.is_alphanumeric());
    let start = head.char_indices().rev().find(|(_, c)| !c.is_alphanumeric()).map_or(0, |(i, c)| i + c.len_utf8());
    Some(&head[start..]).filter(|w| !w.is_empty())
}

/// The scanner's spans: after `from`, in bounds, on character boundaries, sorted,
/// disjoint.
fn check_spans(text: &str, from: usize, found: &[Found]) {
    let mut last_end = from;
    for f in found {
        assert!(
            f.start < f.end && f.end <= text.len(),
            "span {}..{} in {} bytes: {text:?}",
            f.start,
            f.end,
            text.len()
        );
        assert!(f.start >= last_end, "span {}..{} starts before {last_end} in {text:?}: {found:?}", f.start, f.end);
        assert!(
            text.is_char_boundary(f.start) && text.is_char_boundary(f.end),
            "span {}..{} splits a character in {text:?}",
            f.start,
            f.end
        );
        last_end = f.end;
    }
}

fn check_scan(text: &str, from_char: usize, published: NaiveDate) {
    let from = text.char_indices().map(|(i, _)| i).chain([text.len()]).nth(from_char).unwrap_or(text.len());
    for anchor in [None, Some(published)] {
        check_spans(text, 0, &scan::scan(text, 0, anchor));
        check_spans(text, from, &scan::scan(text, from, anchor));
    }
    let hinted = Anchor { published: None, year_hint: Some(published) };
    check_spans(text, from, &scan::scan_anchored(text, from, &hinted));
}

fn config(cases: u32) -> Config {
    // No regression file: a failure found here becomes a named example beside the parser.
    Config { cases, failure_persistence: None, ..Config::default() }
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn parsers_never_panic_and_consume_a_prefix(text in any_text(), published in publication_date()) {
        check_parsers(&text, published);
    }

    #[test]
    fn scan_spans_are_sorted_disjoint_and_on_boundaries(
        text in any_text(),
        from_char in 0usize..64,
        published in publication_date(),
    ) {
        check_scan(&text, from_char, published);
    }
}

/// Pieces of web addresses, dated and not, and some that only look dated.
const URL_PIECES: &[&str] = &[
    "https://",
    "news.example",
    "/",
    "2025",
    "12",
    "03",
    "3",
    "dec",
    "Sept",
    "1206",
    "1306",
    "-",
    "_",
    "20251203",
    "20399222",
    "2025-12-27",
    "2025-13-01",
    "?",
    "=",
    "&",
    "#",
    ".html",
    "0000",
    "9999",
    "00",
    "99",
    "31",
    "02",
    "29",
    "\u{1F600}",
    "\u{e9}",
];

fn url_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => prop::sample::select(URL_PIECES).prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..14).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn dates_in_addresses_are_real_days_or_none(url in url_text()) {
        if let Some(day) = claimcheck::published::from_url(&url) {
            prop_assert!((1900..=2099).contains(&day.year()), "{url}: {day}");
        }
    }

    #[test]
    fn inference_never_panics(
        body in any_text(),
        url in url_text(),
        hint in proptest::option::of(publication_date()),
    ) {
        let url = url.replace(['\n', '\r'], " ");
        let text = format!("---\nurl: {url}\n---\n{body}");
        let Ok(mut article) = claimcheck::article::Article::from_bytes("a.md", text.as_bytes()) else {
            return Ok(());
        };
        article.year_hint = hint;
        let _ = claimcheck::published::infer(&article);
    }
}

proptest! {
    // Long, value-dense texts are slow to scan in a debug build; fewer of them.
    #![proptest_config(config(48))]

    #[test]
    fn scan_survives_long_vocabulary_runs(
        parts in prop::collection::vec((prop::sample::select(VOCABULARY), prop::sample::select(SEPARATORS)), 0..200),
        published in publication_date(),
    ) {
        let text: String = parts.into_iter().flat_map(|(w, s)| [w, s]).collect();
        for anchor in [None, Some(published)] {
            check_spans(&text, 0, &scan::scan(&text, 0, anchor));
        }
    }
}

/// Phrases whose placing moves a date by days, weeks, months or years.
const DATE_PHRASES: &str = "They met on Sunday and will meet on Friday; last week, next week, this weekend, last \
    weekend, this week, next month, last year, next year, yesterday, tomorrow, three days ago, in two weeks, in 3 months, 10000 \
    years ago, in 9999 years, last Tuesday, next Tuesday, this Monday, December 2, January 3, December 30 to January \
    2, in December, early March, Sunday, November 30, the 2nd of December, February 29.";

/// The publication dates at the ends of what `--published` accepts (years 0000 and
/// 9999) place every phrase without panicking.
#[test]
fn dates_at_the_ends_of_the_accepted_years_place_without_panic() {
    for (y, m, d) in [(0, 1, 1), (0, 1, 3), (9999, 12, 31), (9999, 12, 27), (2024, 2, 29)] {
        let published = NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let found = scan::scan(DATE_PHRASES, 0, Some(published));
        check_spans(DATE_PHRASES, 0, &found);
        assert!(found.len() > 20, "{published}: {found:?}");
    }
}

/// The library takes any `NaiveDate`, not only the ones `--published` accepts: the
/// first and last days chrono can represent must not make placing a date panic either.
#[test]
fn dates_at_the_ends_of_the_calendar_place_without_panic() {
    let mut panics = Vec::new();
    for published in [NaiveDate::MIN, NaiveDate::MAX] {
        for phrase in DATE_PHRASES.split([',', ';']) {
            let phrase = phrase.trim().trim_end_matches('.');
            let result = std::panic::catch_unwind(|| scan::scan(phrase, 0, Some(published)));
            match result {
                Ok(found) => check_spans(phrase, 0, &found),
                Err(_) => panics.push(format!("{phrase:?} in an article of {published} ({:?})", published.weekday())),
            }
        }
    }
    assert!(panics.is_empty(), "placing these panicked:\n{}", panics.join("\n"));
}

/// Readings as (words, value) pairs, for comparing texts whose offsets differ.
fn readings(text: &str) -> Vec<(String, String)> {
    scan::scan(text, 0, None).into_iter().map(|f| (text[f.start..f.end].to_string(), f.value.display())).collect()
}

/// The word before a value decides how it reads: "from 19 to 20" is a change, not a
/// range; "Article 5" is an index, not a count; "no one" is nobody. That word must be
/// seen whatever precedes it: an ASCII space or parenthesis, a no-break space, a curly
/// quote, a dash.
#[test]
fn the_word_before_a_value_is_seen_after_any_character() {
    let cases: &[(&str, &[(&str, &str)])] = &[
        ("It grew{}from 19 to 20 points.", &[("19", "19"), ("20", "20")]),
        ("It is set out in{}Article 5 of the treaty.", &[]),
        ("They said{}no one came.", &[]),
    ];
    for (template, want) in cases {
        let want: Vec<(String, String)> = want.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
        for lead in [" ", " (", "\u{a0}", " \u{201c}", "\u{2014}", " \u{2018}"] {
            let text = template.replace("{}", lead);
            assert_eq!(readings(&text), want, "{text:?}");
        }
    }
}

proptest! {
    #![proptest_config(config(256))]

    /// Names are read from any text without panicking, each once, each a word of it
    /// that starts with a capital.
    #[test]
    fn names_are_capitalized_words_of_the_text_once_each(text in any_text()) {
        let names = claimcheck::names::names(&text);
        let mut seen = std::collections::HashSet::new();
        for name in &names {
            prop_assert!(text.contains(name.as_str()), "{name:?} not in {text:?}");
            prop_assert!(name.chars().next().is_some_and(char::is_uppercase), "{name:?}");
            prop_assert!(seen.insert(name.to_lowercase()) || !name.is_ascii(), "{name:?} twice in {names:?}");
        }
    }

    /// Whatever the values, claims on one side agree with each other, and a side
    /// marked compatible fits each side it names.
    #[test]
    fn claims_on_one_side_agree(bounds in proptest::collection::vec((0u8..40, 0u8..6), 2..14)) {
        use claimcheck::compare::sides::partition;
        let intervals: Vec<(f64, f64)> =
            bounds.iter().map(|(lo, width)| (f64::from(*lo), f64::from(*lo) + f64::from(*width))).collect();
        let agree: Vec<Vec<bool>> =
            intervals.iter().map(|a| intervals.iter().map(|b| a.0 <= b.1 && b.0 <= a.1).collect()).collect();
        let p = partition(&agree, &vec![1; intervals.len()], true);
        prop_assert_eq!(p.side_of_set.len(), intervals.len());
        for (s, row) in agree.iter().enumerate() {
            for (t, overlap) in row.iter().enumerate() {
                if p.side_of_set[s] == p.side_of_set[t] {
                    prop_assert!(*overlap, "{:?} and {:?} share a side: {:?}", intervals[s], intervals[t], p);
                }
            }
            for &with in &p.compatible_with[p.side_of_set[s]] {
                prop_assert!(p.compatible_with[with].is_empty(), "compatible with a side proper only: {:?}", p);
                let fits = (0..intervals.len()).any(|t| p.side_of_set[t] == with && agree[s][t]);
                prop_assert!(fits, "{:?} is said to fit side {with}: {:?}", intervals[s], p);
            }
        }
    }
}
