//! Dates: what the words say ([`DateExpr`]) and where that falls in the calendar once
//! the article's publication date and the sentence's tense are known ([`resolve`]).
//!
//! Forms read: "December 2", "Dec. 2", "2 December", "December 2nd", "the 2nd of
//! December", "December 2, 2025", "2025-12-02", "Sunday, November 30", ranges
//! ("December 14-15", "14 to 15 December"), months ("in December", "December 2025",
//! "early December"), years after a preposition ("since 2014"), weekdays ("on Sunday",
//! "last Tuesday"), and relative days ("today", "next week", "three days ago", "in
//! three weeks").
//!
//! "May" and "March" are months only when capitalized or followed by a day, since
//! lower-case they are a verb; short names ("Sat", "Sun", "Wed", "Mar") only when
//! capitalized.

use super::lex::{
    Opening, Res, at_boundary, capitalized, digits, fail, hyphen, letters, lower, one_of, opening, sp, sp0, word,
};
use super::number::{cardinal, opens_figure};
use crate::value::{DateValue, Grain, Unplaced};
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use nom::Parser;
use nom::branch::alt;
use nom::bytes::complete::tag;
use nom::combinator::opt;

/// Which part of a month the text names: "early", "mid-", "late".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MonthPart {
    /// Days 1 to 10.
    Early,
    /// Days 11 to 20.
    Mid,
    /// Day 21 to the month's end.
    Late,
}

/// The calendar unit of a relative date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Days ("yesterday", "three days ago").
    Day,
    /// Weeks, Monday to Sunday ("next week"), or seven days in "two weeks ago".
    Week,
    /// A Saturday and Sunday ("last weekend").
    Weekend,
    /// Calendar months.
    Month,
    /// Calendar years.
    Year,
}

/// Which occurrence a weekday names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cue {
    /// "last Tuesday": before publication.
    Last,
    /// "next Tuesday": after publication.
    Next,
    /// "this Tuesday": the one of this week, on or after publication.
    This,
}

/// Whether a sentence speaks of the past or the future; decides which way a bare
/// weekday points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tense {
    /// "met on Sunday": the latest such day up to publication.
    Past,
    /// "will meet on Sunday": the next such day from publication.
    Future,
}

/// A date as the words give it, before the calendar places it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateExpr {
    /// A day with its year, or a run of days ("December 14-15, 2025").
    Full {
        /// First day.
        first: NaiveDate,
        /// Last day.
        last: NaiveDate,
        /// The weekday the text states beside it.
        weekday: Option<Weekday>,
    },
    /// A day or run of days without a year: (month, day) pairs.
    MonthDay {
        /// First (month, day).
        first: (u32, u32),
        /// Last (month, day).
        last: (u32, u32),
        /// The weekday the text states beside it.
        weekday: Option<Weekday>,
    },
    /// A month, perhaps with a year, perhaps a part of it.
    Month {
        /// 1 to 12.
        month: u32,
        /// Year when given.
        year: Option<i32>,
        /// "early", "mid-" or "late".
        part: Option<MonthPart>,
        /// Which way a year-less month points: "since January" looks back, "until
        /// March" ahead; `None` takes the nearest.
        lean: Option<Tense>,
    },
    /// A calendar year ("since 2014"), or part of one ("early 2025").
    Year(i32, Option<MonthPart>),
    /// A day of a month the text leaves out ("on the 14th", "Thursday the 15th").
    DayOfMonth {
        /// 1 to 31.
        day: u32,
        /// The weekday the text states beside it.
        weekday: Option<Weekday>,
    },
    /// A day of the week ("on Sunday", "last Tuesday").
    Weekday {
        /// The day.
        day: Weekday,
        /// "last", "next" or "this" before it.
        cue: Option<Cue>,
    },
    /// This, next or last week/weekend/month/year; today, yesterday, tomorrow.
    Relative {
        /// 0 this, 1 next, -1 last.
        offset: i64,
        /// The period.
        unit: Unit,
    },
    /// A day counted from publication: "three days ago" (-3 days), "in two weeks".
    Shift {
        /// Count of units, negative for the past.
        count: i64,
        /// Days, weeks, months or years.
        unit: Unit,
    },
}

/// The month a name stands for (1-12, any case, "Dec" and "December" alike), and
/// whether the name is a short form.
pub(crate) fn month_number(w: &str) -> Option<(u32, bool)> {
    let mut buf = [0; 24];
    Some(match lower(w, &mut buf)? {
        "january" => (1, false),
        "february" => (2, false),
        "march" => (3, false),
        "april" => (4, false),
        "may" => (5, false),
        "june" => (6, false),
        "july" => (7, false),
        "august" => (8, false),
        "september" => (9, false),
        "october" => (10, false),
        "november" => (11, false),
        "december" => (12, false),
        "jan" => (1, true),
        "feb" => (2, true),
        "mar" => (3, true),
        "apr" => (4, true),
        "jun" => (6, true),
        "jul" => (7, true),
        "aug" => (8, true),
        "sep" | "sept" => (9, true),
        "oct" => (10, true),
        "nov" => (11, true),
        "dec" => (12, true),
        _ => return None,
    })
}

/// A month name; `before_day` when a day number follows, which makes "may 5" and "dec
/// 2" safe to read in lower case.
fn month_name(before_day: bool) -> impl FnMut(&str) -> Res<'_, u32> {
    move |input: &str| {
        let (rest, w) = letters(input)?;
        let Some((m, short)) = month_number(w) else { return fail(input) };
        let verb_like = matches!(m, 3 | 5) && !short;
        if (short || verb_like) && !before_day && !capitalized(w) {
            return fail(input);
        }
        if short && !capitalized(w) && !before_day {
            return fail(input);
        }
        let rest = rest.strip_prefix('.').unwrap_or(rest);
        if !at_boundary(rest) {
            return fail(input);
        }
        Ok((rest, m))
    }
}

/// A weekday name: "Sunday", "sunday", "Tues.", "Sat" (short forms capitalized only).
pub fn weekday_name(input: &str) -> Res<'_, Weekday> {
    weekday_word(true)(input)
}

/// A weekday name standing alone: full names only, since "Sun" and "Wed" alone are
/// more often a newspaper or a verb.
fn full_weekday_name(input: &str) -> Res<'_, Weekday> {
    weekday_word(false)(input)
}

/// The weekday a name stands for, and whether the name is a short form.
pub(crate) fn weekday_number(w: &str) -> Option<(Weekday, bool)> {
    let mut buf = [0; 24];
    Some(match lower(w, &mut buf)? {
        "monday" => (Weekday::Mon, false),
        "tuesday" => (Weekday::Tue, false),
        "wednesday" => (Weekday::Wed, false),
        "thursday" => (Weekday::Thu, false),
        "friday" => (Weekday::Fri, false),
        "saturday" => (Weekday::Sat, false),
        "sunday" => (Weekday::Sun, false),
        "mon" => (Weekday::Mon, true),
        "tue" | "tues" => (Weekday::Tue, true),
        "wed" => (Weekday::Wed, true),
        "thu" | "thur" | "thurs" => (Weekday::Thu, true),
        "fri" => (Weekday::Fri, true),
        "sat" => (Weekday::Sat, true),
        "sun" => (Weekday::Sun, true),
        _ => return None,
    })
}

fn weekday_word(short_ok: bool) -> impl FnMut(&str) -> Res<'_, Weekday> {
    move |input: &str| {
        let (rest, w) = letters(input)?;
        let Some((day, short)) = weekday_number(w) else { return fail(input) };
        if short && (!short_ok || !capitalized(w)) {
            return fail(input);
        }
        let rest = if short { rest.strip_prefix('.').unwrap_or(rest) } else { rest };
        Ok((rest, day))
    }
}

/// A day of the month in digits, with an optional ordinal suffix: "2", "02", "2nd".
fn day_number(input: &str) -> Res<'_, u32> {
    let (rest, ds) = digits(input)?;
    if ds.len() > 2 {
        return fail(input);
    }
    let n: u32 = ds.parse().unwrap_or(0);
    if !(1..=31).contains(&n) {
        return fail(input);
    }
    let rest = match letters(rest) {
        Ok((after, suffix)) if ["st", "nd", "rd", "th"].iter().any(|s| suffix.eq_ignore_ascii_case(s)) => after,
        Ok(_) => return fail(input),
        Err(_) => rest,
    };
    if !at_boundary(rest)
        || rest.starts_with(':')
        || rest.starts_with(['.', '/']) && rest[1..].starts_with(|c: char| c.is_ascii_digit())
    {
        return fail(input);
    }
    Ok((rest, n))
}

/// A four-digit year from 1000 to 2999.
fn year_number(input: &str) -> Res<'_, i32> {
    let (rest, ds) = digits(input)?;
    if ds.len() != 4 || !at_boundary(rest) {
        return fail(input);
    }
    let y: i32 = ds.parse().unwrap_or(0);
    if (1000..3000).contains(&y) { Ok((rest, y)) } else { fail(input) }
}

/// ", 2025" or " 2025" after a day.
fn year_tail(input: &str) -> Res<'_, i32> {
    let (rest, (_, _, y)) = (opt(tag(",")), sp, year_number).parse(input)?;
    Ok((rest, y))
}

/// "Sunday, " or "Sunday " before a date.
fn weekday_prefix(input: &str) -> Res<'_, Weekday> {
    let (rest, (w, _, _)) = (weekday_name, opt(tag(",")), sp).parse(input)?;
    Ok((rest, w))
}

/// The words between the two ends of a range of days: "-", "–", " to ", " and ",
/// " through ".
fn day_range_joiner(input: &str) -> Res<'_, ()> {
    alt(((sp0, hyphen, sp0).map(|_| ()), (sp, one_of(&["to", "and", "through", "until", "till"]), sp).map(|_| ())))
        .parse(input)
}

fn full_or_month_day(
    first: (u32, u32),
    last: (u32, u32),
    year: Option<i32>,
    weekday: Option<Weekday>,
) -> Option<DateExpr> {
    if first.0 == last.0 && last.1 < first.1 {
        return None;
    }
    match year {
        Some(y) => {
            // The year belongs to the last day; a range that crosses the new year
            // ("December 30 to January 2, 2026") starts in the year before.
            let first_year = if last.0 < first.0 { y - 1 } else { y };
            let a = NaiveDate::from_ymd_opt(first_year, first.0, first.1)?;
            let b = NaiveDate::from_ymd_opt(y, last.0, last.1)?;
            (a <= b).then_some(DateExpr::Full { first: a, last: b, weekday })
        }
        None => {
            // The day must exist in some year (February 29 does).
            NaiveDate::from_ymd_opt(2024, first.0, first.1)?;
            NaiveDate::from_ymd_opt(2024, last.0, last.1)?;
            Some(DateExpr::MonthDay { first, last, weekday })
        }
    }
}

/// "December 2", "Dec. 2nd, 2025", "Sunday, November 30", "December 14-15",
/// "December 30 to January 2".
fn month_first(input: &str) -> Res<'_, DateExpr> {
    let (rest, weekday) = opt(weekday_prefix).parse(input)?;
    let (rest, (month, _, _, day)) = (month_name(true), sp0, opt((word("the"), sp)), day_number).parse(rest)?;
    let end = alt((
        (day_range_joiner, month_name(true), sp0, day_number).map(|(_, m, _, d)| (m, d)),
        (day_range_joiner, day_number).map(|(_, d)| (month, d)),
    ));
    let (rest, last) = opt(end).parse(rest)?;
    let (rest, year) = opt(year_tail).parse(rest)?;
    let last = last.unwrap_or((month, day));
    match full_or_month_day((month, day), last, year, weekday) {
        Some(expr) => Ok((rest, expr)),
        None => fail(input),
    }
}

/// "2 December", "the 2nd of December 2025", "14 to 15 December", "Thursday, 04
/// December 2025".
fn day_first(input: &str) -> Res<'_, DateExpr> {
    let (rest, weekday) = opt(weekday_prefix).parse(input)?;
    let (rest, _) = opt((word("the"), sp)).parse(rest)?;
    let (rest, day) = day_number(rest)?;
    let (rest, last_day) = opt((day_range_joiner, opt((word("the"), sp)), day_number).map(|t| t.2)).parse(rest)?;
    let (rest, (_, month)) = (alt(((sp, word("of"), sp).map(|_| ()), sp.map(|_| ()))), month_name(true)).parse(rest)?;
    let (rest, year) = opt(year_tail).parse(rest)?;
    match full_or_month_day((month, day), (month, last_day.unwrap_or(day)), year, weekday) {
        Some(expr) => Ok((rest, expr)),
        None => fail(input),
    }
}

/// "2025-12-02".
fn iso_date(input: &str) -> Res<'_, DateExpr> {
    let (rest, (y, _, m, _, d)) = (digits, tag("-"), digits, tag("-"), digits).parse(input)?;
    if y.len() != 4 || m.len() != 2 || d.len() != 2 || rest.starts_with(|c: char| c.is_ascii_digit()) {
        return fail(input);
    }
    let date = NaiveDate::from_ymd_opt(y.parse().unwrap_or(0), m.parse().unwrap_or(0), d.parse().unwrap_or(0));
    match date {
        Some(day) => Ok((rest, DateExpr::Full { first: day, last: day, weekday: None })),
        None => fail(input),
    }
}

/// Words before a month that may be read without a capital: "in december".
pub(crate) const MONTH_PREPOSITIONS: &[&str] = &[
    "in",
    "since",
    "until",
    "by",
    "during",
    "through",
    "throughout",
    "before",
    "after",
    "from",
    "of",
    "last",
    "next",
    "this",
];

/// Words before a bare year: "in 2014".
const YEAR_PREPOSITIONS: &[&str] = &["in", "since", "until", "by", "during", "through", "before", "after", "from"];

/// First words of the parts of a month or year: "early", "the middle of", "mid-".
const MONTH_PART_WORDS: &[&str] = &["early", "the", "beginning", "start", "mid", "middle", "late", "end"];

/// First words of a weekday's cue: "on", "last", "the coming", ...
const WEEKDAY_CUE_WORDS: &[&str] = &["on", "last", "past", "previous", "next", "coming", "the", "this"];

/// First words of days and periods named relative to the publication date.
const RELATIVE_WORDS: &[&str] =
    &["the", "today", "tonight", "this", "yesterday", "last", "tomorrow", "earlier", "later", "next"];

fn month_part(input: &str) -> Res<'_, MonthPart> {
    alt((
        (one_of(&["early", "the beginning of", "the start of", "beginning of", "start of"]), sp)
            .map(|_| MonthPart::Early),
        (word("mid"), alt((hyphen.map(|_| ""), sp))).map(|_| MonthPart::Mid),
        (one_of(&["the middle of", "middle of"]), sp).map(|_| MonthPart::Mid),
        (one_of(&["late", "the end of", "end of"]), sp).map(|_| MonthPart::Late),
    ))
    .parse(input)
}

/// "December 2025", "early December", "mid-December", and after a preposition "in
/// December" (a bare month name is too often part of a name to be read alone).
fn month_only(input: &str) -> Res<'_, DateExpr> {
    // A year after the month makes even "march 2015" safe to read in lower case.
    if let Ok((rest, (part, month, year))) = (opt(month_part), month_name(true), year_tail).parse(input) {
        return Ok((rest, DateExpr::Month { month, year: Some(year), part, lean: None }));
    }
    if let Ok((rest, (part, month))) = (month_part, month_name(false)).parse(input) {
        return Ok((rest, DateExpr::Month { month, year: None, part: Some(part), lean: None }));
    }
    let (rest, (preposition, _, part, month, year)) =
        (one_of(MONTH_PREPOSITIONS), sp, opt(month_part), month_name(false), opt(year_tail)).parse(input)?;
    let lean = match preposition.to_ascii_lowercase().as_str() {
        "since" | "last" | "from" | "throughout" => Some(Tense::Past),
        "until" | "next" => Some(Tense::Future),
        _ => None,
    };
    Ok((rest, DateExpr::Month { month, year, part, lean }))
}

/// "early 2025", "mid-2024", "late 2023": a part of a year.
fn year_part(input: &str) -> Res<'_, DateExpr> {
    let (rest, (part, year)) = (month_part, year_number).parse(input)?;
    Ok((rest, DateExpr::Year(year, Some(part))))
}

/// "on the 14th", "Thursday the 15th": a day of an unnamed month.
fn day_of_month(input: &str) -> Res<'_, DateExpr> {
    let lead = alt(((weekday_name, opt(tag(",")), sp).map(|(w, _, _)| Some(w)), (word("on"), sp).map(|_| None)));
    let (rest, (weekday, _, _, day)) = (lead, word("the"), sp, day_number).parse(input)?;
    // Only an ordinal suffix makes "the 14" a day ("the 14th").
    let written = input.get(..input.len() - rest.len()).unwrap_or("");
    if !written.ends_with(|c: char| c.is_ascii_alphabetic()) {
        return fail(input);
    }
    // "on Wednesday, the 17th day of the strike": the ordinal ranks the noun after it.
    if let Ok((_, (_, next))) = (sp, letters).parse(rest)
        && RANKED_NOUNS.iter().any(|n| next.eq_ignore_ascii_case(n))
    {
        return fail(input);
    }
    Ok((rest, DateExpr::DayOfMonth { day, weekday }))
}

/// Nouns an ordinal ranks ("the 17th day", "the 3rd round"): after one of them, "the
/// 17th" is no day of a month.
const RANKED_NOUNS: &[&str] = &[
    "day",
    "week",
    "month",
    "year",
    "time",
    "round",
    "session",
    "meeting",
    "vote",
    "attempt",
    "straight",
    "consecutive",
    "anniversary",
    "hour",
];

/// A year after a preposition: "in 2014", "since 2022"; a bare year is no date.
fn year_only(input: &str) -> Res<'_, DateExpr> {
    let (rest, (_, _, year)) = (one_of(YEAR_PREPOSITIONS), sp, year_number).parse(input)?;
    Ok((rest, DateExpr::Year(year, None)))
}

/// "on Sunday", "last Tuesday", "next Friday", "Monday morning".
fn weekday(input: &str) -> Res<'_, DateExpr> {
    let cue = alt((
        (one_of(&["last", "past", "previous"]), sp).map(|_| Cue::Last),
        (one_of(&["next", "coming", "the coming"]), sp).map(|_| Cue::Next),
        (word("this"), sp).map(|_| Cue::This),
    ));
    let (rest, (_, cue, day)) = (opt((word("on"), sp)), opt(cue), full_weekday_name).parse(input)?;
    let part = (sp, one_of(&["morning", "afternoon", "evening", "night"]));
    let (rest, _) = opt(part).parse(rest)?;
    Ok((rest, DateExpr::Weekday { day, cue }))
}

/// "today", "yesterday", "the day before yesterday", "next week", "last weekend", "this
/// month", "last year".
fn relative(input: &str) -> Res<'_, DateExpr> {
    let days = alt((
        one_of(&["the day before yesterday"]).map(|_| -2),
        one_of(&["the day after tomorrow"]).map(|_| 2),
        one_of(&["today", "tonight", "this morning", "this afternoon", "this evening"]).map(|_| 0),
        one_of(&["yesterday", "last night"]).map(|_| -1),
        one_of(&["tomorrow"]).map(|_| 1),
    ))
    .map(|offset| DateExpr::Relative { offset, unit: Unit::Day });
    let which = alt((
        one_of(&["this", "earlier this", "later this"]).map(|_| 0),
        one_of(&["next", "the coming", "the following"]).map(|_| 1),
        one_of(&["last", "the past", "the previous"]).map(|_| -1),
    ));
    let period = one_of(&["weekend", "week", "month", "year"]).map(|w| match w.to_ascii_lowercase().as_str() {
        "weekend" => Unit::Weekend,
        "week" => Unit::Week,
        "month" => Unit::Month,
        _ => Unit::Year,
    });
    let periods = (which, sp, period).map(|(offset, _, unit)| DateExpr::Relative { offset, unit });
    alt((days, periods)).parse(input)
}

fn count(input: &str) -> Res<'_, f64> {
    alt((cardinal, one_of(&["a", "an"]).map(|_| 1.0))).parse(input)
}

fn calendar_unit(input: &str) -> Res<'_, Unit> {
    let (rest, w) = letters(input)?;
    let mut buf = [0; 24];
    let unit = match lower(w, &mut buf) {
        Some("day" | "days") => Unit::Day,
        Some("week" | "weeks") => Unit::Week,
        Some("month" | "months") => Unit::Month,
        Some("year" | "years") => Unit::Year,
        _ => return fail(input),
    };
    Ok((rest, unit))
}

/// "three days ago", "a week ago", "in two weeks", "in three days' time".
fn shift(input: &str) -> Res<'_, DateExpr> {
    let whole = |n: f64| n.fract() == 0.0 && (0.0..=10_000.0).contains(&n);
    if let Ok((rest, (n, _, unit, _, _))) = (count, sp, calendar_unit, sp, word("ago")).parse(input)
        && whole(n)
    {
        return Ok((rest, DateExpr::Shift { count: -(n as i64), unit }));
    }
    // "three weeks from now", "two days from today".
    if let Ok((rest, (n, _, unit, _, _, _, _))) =
        (count, sp, calendar_unit, sp, word("from"), sp, one_of(&["now", "today"])).parse(input)
        && whole(n)
    {
        return Ok((rest, DateExpr::Shift { count: n as i64, unit }));
    }
    let (rest, (_, _, n, _, unit)) = (word("in"), sp, count, sp, calendar_unit).parse(input)?;
    let (rest, _) = opt((tag("'"), opt(tag("s")), sp, word("time"))).parse(rest)?;
    if !whole(n) {
        return fail(input);
    }
    Ok((rest, DateExpr::Shift { count: n as i64, unit }))
}

/// A date parser, with the openings it can begin with.
struct DateParser {
    parse: fn(&str) -> Res<'_, DateExpr>,
    opens: fn(Opening) -> bool,
}

/// Whether the opening is a word for which `test` holds.
fn word_that(opening: Opening, test: impl Fn(&str) -> bool) -> bool {
    matches!(opening, Opening::Word(w) if test(w))
}

fn is_day_name(w: &str) -> bool {
    weekday_number(w).is_some()
}

fn is_month_name(w: &str) -> bool {
    month_number(w).is_some()
}

/// Every date form, each with the openings it can begin with (kept beside the parsers'
/// word lists; the example tables keep them in step).
const DATE_PARSERS: [DateParser; 10] = [
    DateParser { parse: iso_date, opens: |o| o == Opening::Digit },
    DateParser { parse: month_first, opens: |o| word_that(o, |w| is_day_name(w) || is_month_name(w)) },
    DateParser { parse: day_first, opens: |o| o == Opening::Digit || word_that(o, |w| is_day_name(w) || w == "the") },
    DateParser {
        parse: month_only,
        opens: |o| {
            word_that(o, |w| is_month_name(w) || MONTH_PART_WORDS.contains(&w) || MONTH_PREPOSITIONS.contains(&w))
        },
    },
    DateParser { parse: year_only, opens: |o| word_that(o, |w| YEAR_PREPOSITIONS.contains(&w)) },
    DateParser { parse: year_part, opens: |o| word_that(o, |w| MONTH_PART_WORDS.contains(&w)) },
    DateParser { parse: day_of_month, opens: |o| word_that(o, |w| is_day_name(w) || w == "on") },
    DateParser { parse: weekday, opens: |o| word_that(o, |w| is_day_name(w) || WEEKDAY_CUE_WORDS.contains(&w)) },
    DateParser { parse: relative, opens: |o| word_that(o, |w| RELATIVE_WORDS.contains(&w)) },
    // "three weeks ago", "an hour ago", "in two days".
    DateParser {
        parse: shift,
        opens: |o| o == Opening::Digit || word_that(o, |w| opens_figure(w) || w == "an" || w == "in"),
    },
];

/// Any date expression starting at `input`; the longest reading wins.
pub fn date(input: &str) -> Res<'_, DateExpr> {
    let mut buf = [0; 24];
    let opening = opening(input, &mut buf);
    let mut best: Option<(&str, DateExpr)> = None;
    for p in DATE_PARSERS.iter().filter(|p| (p.opens)(opening)) {
        if let Ok((rest, expr)) = (p.parse)(input)
            && best.as_ref().is_none_or(|(r, _)| rest.len() < r.len())
        {
            best = Some((rest, expr));
        }
    }
    best.map_or_else(|| fail(input), Ok)
}

/// A date placed in the calendar, with a warning when the text contradicts itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Placed {
    /// The dates the words cover.
    pub value: DateValue,
    /// Why the reading deserves a second look ("Sunday, December 29" in 2025).
    pub warning: Option<String>,
}

fn span(start: NaiveDate, end: NaiveDate, grain: Grain) -> DateValue {
    DateValue::Span { start, end, grain }
}

fn month_span(year: i32, month: u32, part: Option<MonthPart>) -> Option<DateValue> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let last = first.checked_add_months(Months::new(1))?.pred_opt()?;
    let (a, b) = match part {
        None => (first, last),
        Some(MonthPart::Early) => (first, NaiveDate::from_ymd_opt(year, month, 10)?),
        Some(MonthPart::Mid) => (NaiveDate::from_ymd_opt(year, month, 11)?, NaiveDate::from_ymd_opt(year, month, 20)?),
        Some(MonthPart::Late) => (NaiveDate::from_ymd_opt(year, month, 21)?, last),
    };
    Some(span(a, b, Grain::Month))
}

fn distance(start: NaiveDate, end: NaiveDate, to: NaiveDate) -> i64 {
    if to < start {
        (start - to).num_days()
    } else if to > end {
        (to - end).num_days()
    } else {
        0
    }
}

/// The year, among the publication year and its neighbours, that puts a year-less date
/// nearest the publication date.
fn nearest_year(published: NaiveDate, make: impl Fn(i32) -> Option<(NaiveDate, NaiveDate)>) -> Option<i32> {
    let y = published.year();
    [y, y - 1, y + 1]
        .into_iter()
        .filter_map(|year| make(year).map(|(a, b)| (distance(a, b, published), year)))
        .min_by_key(|(d, _)| *d)
        .map(|(_, year)| year)
}

fn week_of(day: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    let monday = day.checked_sub_days(Days::new(day.weekday().num_days_from_monday() as u64))?;
    Some((monday, monday.checked_add_days(Days::new(6))?))
}

fn days_between(from: Weekday, to: Weekday) -> i64 {
    (to.num_days_from_monday() as i64 - from.num_days_from_monday() as i64).rem_euclid(7)
}

fn weekday_warning(date: NaiveDate, stated: Option<Weekday>) -> Option<String> {
    let stated = stated?;
    (date.weekday() != stated).then(|| {
        format!(
            "the text calls {date} a {} but it is a {}; keeping the date",
            crate::value::weekday_name(stated),
            crate::value::weekday_name(date.weekday())
        )
    })
}

/// What dates are placed against.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Anchor {
    /// The article's publication date: places every relative and year-less date.
    pub published: Option<NaiveDate>,
    /// For an undated article, a date near which it was written (from the articles
    /// it was read with): places year-less dates only, never weekdays or "yesterday".
    pub year_hint: Option<NaiveDate>,
}

impl Anchor {
    /// An anchor of a publication date alone.
    pub fn published(published: Option<NaiveDate>) -> Anchor {
        Anchor { published, year_hint: None }
    }
}

/// Place a date expression in the calendar. The anchor's publication date places
/// year-less and relative dates; `tense` decides which way a bare weekday points.
/// `text` names the expression when it cannot be placed. `None` when the words name
/// no real date.
pub fn resolve(expr: &DateExpr, anchor: &Anchor, tense: Tense, text: &str) -> Option<Placed> {
    let published = anchor.published;
    let year_reference = anchor.published.or(anchor.year_hint);
    let plain = |value| Some(Placed { value, warning: None });
    let unplaced = |u| plain(DateValue::Unplaced(u));
    match *expr {
        DateExpr::Full { first, last, weekday } => {
            Some(Placed { value: span(first, last, Grain::Day), warning: weekday_warning(first, weekday) })
        }
        DateExpr::MonthDay { first, last, weekday } => {
            let Some(published) = year_reference else {
                return unplaced(Unplaced::MonthDays { month: first.0, first: first.1, last: last.1, weekday });
            };
            let make = |year: i32| {
                let last_year = if last.0 < first.0 { year + 1 } else { year };
                Some((
                    NaiveDate::from_ymd_opt(year, first.0, first.1)?,
                    NaiveDate::from_ymd_opt(last_year, last.0, last.1)?,
                ))
            };
            let (a, b) = make(nearest_year(published, make)?)?;
            Some(Placed { value: span(a, b, Grain::Day), warning: weekday_warning(a, weekday) })
        }
        DateExpr::Month { month, year: Some(year), part, .. } => plain(month_span(year, month, part)?),
        DateExpr::Month { month, year: None, part, lean } => {
            let Some(published) = year_reference else { return unplaced(Unplaced::Month(month)) };
            let make = |year| match month_span(year, month, part)? {
                DateValue::Span { start, end, .. } => Some((start, end)),
                DateValue::Unplaced(_) => None,
            };
            let y = published.year();
            let year = match lean {
                // The latest such month that has begun by publication.
                Some(Tense::Past) => [y, y - 1].into_iter().find(|yr| make(*yr).is_some_and(|(a, _)| a <= published)),
                // The first such month that has not ended by publication.
                Some(Tense::Future) => [y, y + 1].into_iter().find(|yr| make(*yr).is_some_and(|(_, b)| b >= published)),
                None => nearest_year(published, make),
            }?;
            plain(month_span(year, month, part)?)
        }
        DateExpr::Year(year, part) => {
            let (first, last) = match part {
                None => (1, 12),
                Some(MonthPart::Early) => (1, 4),
                Some(MonthPart::Mid) => (5, 8),
                Some(MonthPart::Late) => (9, 12),
            };
            let start = NaiveDate::from_ymd_opt(year, first, 1)?;
            let end = NaiveDate::from_ymd_opt(year, last, 1)?.checked_add_months(Months::new(1))?.pred_opt()?;
            plain(span(start, end, Grain::Year))
        }
        DateExpr::DayOfMonth { day, weekday } => {
            let Some(published) = published else {
                let month_unknown = Unplaced::Relative { text: text.to_string(), days: 1 };
                return unplaced(month_unknown);
            };
            // The month before, of, or after publication that puts the day nearest.
            let first = NaiveDate::from_ymd_opt(published.year(), published.month(), 1)?;
            let candidates = [shift_months(first, -1), Some(first), shift_months(first, 1)];
            let date = candidates
                .into_iter()
                .flatten()
                .filter_map(|m| NaiveDate::from_ymd_opt(m.year(), m.month(), day))
                .min_by_key(|d| (weekday.is_some_and(|w| d.weekday() != w), (*d - published).num_days().abs()))?;
            Some(Placed { value: DateValue::day(date), warning: weekday_warning(date, weekday) })
        }
        DateExpr::Weekday { day, cue } => {
            let Some(published) = published else { return unplaced(Unplaced::Weekday(day)) };
            let ahead = days_between(published.weekday(), day);
            let behind = days_between(day, published.weekday());
            let date = match (cue, tense) {
                (Some(Cue::Last), _) => shift_days(published, -(if behind == 0 { 7 } else { behind }))?,
                (Some(Cue::Next), _) => shift_days(published, if ahead == 0 { 7 } else { ahead })?,
                (Some(Cue::This), _) | (None, Tense::Future) => shift_days(published, ahead)?,
                (None, Tense::Past) => shift_days(published, -behind)?,
            };
            plain(DateValue::day(date))
        }
        DateExpr::Relative { offset, unit } => {
            let days = match unit {
                Unit::Day => 1,
                Unit::Weekend => 2,
                Unit::Week => 7,
                Unit::Month => 31,
                Unit::Year => 366,
            };
            let Some(published) = published else {
                return unplaced(Unplaced::Relative { text: text.to_string(), days });
            };
            plain(relative_span(published, offset, unit)?)
        }
        DateExpr::Shift { count, unit } => {
            let Some(published) = published else {
                return unplaced(Unplaced::Relative { text: text.to_string(), days: 1 });
            };
            let moved = match unit {
                Unit::Day => shift_days(published, count)?,
                Unit::Week | Unit::Weekend => shift_days(published, count.checked_mul(7)?)?,
                Unit::Month => shift_months(published, count)?,
                Unit::Year => shift_months(published, count.checked_mul(12)?)?,
            };
            plain(DateValue::day(moved))
        }
    }
}

fn shift_days(day: NaiveDate, count: i64) -> Option<NaiveDate> {
    if count >= 0 {
        day.checked_add_days(Days::new(count as u64))
    } else {
        day.checked_sub_days(Days::new(count.unsigned_abs()))
    }
}

fn shift_months(day: NaiveDate, count: i64) -> Option<NaiveDate> {
    let months = Months::new(u32::try_from(count.unsigned_abs()).ok()?);
    if count >= 0 { day.checked_add_months(months) } else { day.checked_sub_months(months) }
}

fn relative_span(published: NaiveDate, offset: i64, unit: Unit) -> Option<DateValue> {
    Some(match unit {
        Unit::Day => DateValue::day(shift_days(published, offset)?),
        Unit::Week => {
            let (monday, sunday) = week_of(shift_days(published, offset.checked_mul(7)?)?)?;
            span(monday, sunday, Grain::Week)
        }
        Unit::Weekend => {
            // The weekend of this week; "last weekend" is the latest one already over
            // (or under way), "next weekend" the one after this week's.
            let (_, sunday) = week_of(published)?;
            let this_saturday = sunday.pred_opt()?;
            let saturday = match offset {
                0 => this_saturday,
                o if o < 0 && published >= this_saturday => shift_days(this_saturday, 7 * (o + 1))?,
                o => shift_days(this_saturday, 7 * o)?,
            };
            span(saturday, saturday.succ_opt()?, Grain::Weekend)
        }
        Unit::Month => {
            let first = NaiveDate::from_ymd_opt(published.year(), published.month(), 1)?;
            let first = shift_months(first, offset)?;
            month_span(first.year(), first.month(), None)?
        }
        Unit::Year => {
            let year = published.year().checked_add(i32::try_from(offset).ok()?)?;
            span(NaiveDate::from_ymd_opt(year, 1, 1)?, NaiveDate::from_ymd_opt(year, 12, 31)?, Grain::Year)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// Reads `text` whole in an article of `published` (past tense) and returns the
    /// first and last day.
    fn read(text: &str, published: Option<&str>, tense: Tense) -> Option<(String, String)> {
        let (rest, expr) = date(text).ok()?;
        assert_eq!(rest, "", "{text}: left {rest:?}");
        match resolve(&expr, &Anchor::published(published.map(d)), tense, text)?.value {
            DateValue::Span { start, end, .. } => Some((start.to_string(), end.to_string())),
            DateValue::Unplaced(u) => Some((format!("{u:?}"), String::new())),
        }
    }

    /// Text, publication date, and the days it covers.
    const EXAMPLES: &[(&str, &str, &str, &str)] = &[
        ("December 2", "2025-12-03", "2025-12-02", "2025-12-02"),
        ("Dec. 2", "2025-12-03", "2025-12-02", "2025-12-02"),
        ("Dec 2", "2025-12-03", "2025-12-02", "2025-12-02"),
        ("dec 2", "2025-12-03", "2025-12-02", "2025-12-02"),
        ("2 December", "2025-12-03", "2025-12-02", "2025-12-02"),
        ("December 2nd", "2025-12-03", "2025-12-02", "2025-12-02"),
        ("the 2nd of December", "2025-12-03", "2025-12-02", "2025-12-02"),
        ("2nd of December", "2025-12-03", "2025-12-02", "2025-12-02"),
        ("the 20th of November", "2025-11-21", "2025-11-20", "2025-11-20"),
        ("December 2, 2025", "2020-01-01", "2025-12-02", "2025-12-02"),
        ("Dec. 28, 2025", "2025-12-29", "2025-12-28", "2025-12-28"),
        ("2025-12-02", "2020-01-01", "2025-12-02", "2025-12-02"),
        ("Thursday, 04 December 2025", "2025-12-04", "2025-12-04", "2025-12-04"),
        ("Sunday, November 30", "2025-12-01", "2025-11-30", "2025-11-30"),
        ("Mon, December 29, 2025", "2025-12-29", "2025-12-29", "2025-12-29"),
        ("January 3", "2025-12-31", "2026-01-03", "2026-01-03"),
        ("December 30", "2026-01-02", "2025-12-30", "2025-12-30"),
        ("May 5", "2025-05-01", "2025-05-05", "2025-05-05"),
        ("march 3", "2025-03-01", "2025-03-03", "2025-03-03"),
        ("December 14-15", "2025-12-16", "2025-12-14", "2025-12-15"),
        ("December 14\u{2013}15", "2025-12-16", "2025-12-14", "2025-12-15"),
        ("14 to 15 December", "2025-12-16", "2025-12-14", "2025-12-15"),
        ("14-15 December 2025", "2020-01-01", "2025-12-14", "2025-12-15"),
        ("December 30 to January 2", "2025-12-29", "2025-12-30", "2026-01-02"),
        ("in December", "2025-12-03", "2025-12-01", "2025-12-31"),
        ("since January", "2025-12-01", "2025-01-01", "2025-01-31"),
        ("until January", "2025-12-01", "2026-01-01", "2026-01-31"),
        ("since December", "2025-12-01", "2025-12-01", "2025-12-31"),
        ("December 2025", "2020-01-01", "2025-12-01", "2025-12-31"),
        ("march 2015", "2020-01-01", "2015-03-01", "2015-03-31"),
        ("the 3rd of march", "2015-02-20", "2015-03-03", "2015-03-03"),
        ("Tues. Dec. 2", "2025-12-03", "2025-12-02", "2025-12-02"),
        ("early December", "2025-11-20", "2025-12-01", "2025-12-10"),
        ("mid-December", "2025-11-20", "2025-12-11", "2025-12-20"),
        ("late December", "2025-11-20", "2025-12-21", "2025-12-31"),
        ("since 2014", "2025-11-20", "2014-01-01", "2014-12-31"),
        ("today", "2025-12-03", "2025-12-03", "2025-12-03"),
        ("yesterday", "2025-12-03", "2025-12-02", "2025-12-02"),
        ("tomorrow", "2025-12-03", "2025-12-04", "2025-12-04"),
        ("this week", "2025-12-03", "2025-12-01", "2025-12-07"),
        ("next week", "2025-11-26", "2025-12-01", "2025-12-07"),
        ("last week", "2025-12-03", "2025-11-24", "2025-11-30"),
        ("last weekend", "2025-12-01", "2025-11-29", "2025-11-30"),
        ("last month", "2025-12-03", "2025-11-01", "2025-11-30"),
        ("next month", "2025-12-03", "2026-01-01", "2026-01-31"),
        ("last year", "2025-12-03", "2024-01-01", "2024-12-31"),
        ("three days ago", "2025-12-03", "2025-11-30", "2025-11-30"),
        ("a week ago", "2025-12-03", "2025-11-26", "2025-11-26"),
        ("in three weeks", "2025-12-03", "2025-12-24", "2025-12-24"),
        ("in 3 days", "2025-12-03", "2025-12-06", "2025-12-06"),
        ("on Sunday", "2025-12-31", "2025-12-28", "2025-12-28"),
        ("on Sunday", "2025-12-01", "2025-11-30", "2025-11-30"),
        ("Tuesday", "2025-12-04", "2025-12-02", "2025-12-02"),
        ("last Tuesday", "2025-12-02", "2025-11-25", "2025-11-25"),
        ("next Tuesday", "2025-12-02", "2025-12-09", "2025-12-09"),
        ("Monday morning", "2025-12-03", "2025-12-01", "2025-12-01"),
        ("on the 14th", "2025-12-10", "2025-12-14", "2025-12-14"),
        ("Sunday the 30th", "2025-12-03", "2025-11-30", "2025-11-30"),
        ("February the 14th", "2015-02-12", "2015-02-14", "2015-02-14"),
        ("early 2025", "2020-01-01", "2025-01-01", "2025-04-30"),
        ("late 2024", "2020-01-01", "2024-09-01", "2024-12-31"),
        ("three weeks from now", "2025-12-03", "2025-12-24", "2025-12-24"),
        ("two days from today", "2025-12-03", "2025-12-05", "2025-12-05"),
    ];

    #[test]
    fn examples() {
        for (text, published, first, last) in EXAMPLES {
            let got = read(text, Some(published), Tense::Past);
            assert_eq!(got, Some((first.to_string(), last.to_string())), "{text} in an article of {published}");
        }
    }

    #[test]
    fn weekdays_point_by_tense() {
        // Wednesday 2025-12-03: "will meet on Wednesday" is that day, "on Friday" ahead.
        assert_eq!(
            read("on Wednesday", Some("2025-12-03"), Tense::Future),
            Some(("2025-12-03".into(), "2025-12-03".into()))
        );
        assert_eq!(
            read("on Friday", Some("2025-12-03"), Tense::Future),
            Some(("2025-12-05".into(), "2025-12-05".into()))
        );
        assert_eq!(
            read("on Friday", Some("2025-12-03"), Tense::Past),
            Some(("2025-11-28".into(), "2025-11-28".into()))
        );
    }

    #[test]
    fn undated_articles_keep_dates_unplaced() {
        let (_, expr) = date("on Sunday").unwrap();
        assert_eq!(
            resolve(&expr, &Anchor::default(), Tense::Past, "on Sunday").unwrap().value,
            DateValue::Unplaced(Unplaced::Weekday(Weekday::Sun))
        );
        let (_, expr) = date("December 2").unwrap();
        assert_eq!(
            resolve(&expr, &Anchor::default(), Tense::Past, "December 2").unwrap().value,
            DateValue::Unplaced(Unplaced::MonthDays { month: 12, first: 2, last: 2, weekday: None })
        );
        let (_, expr) = date("yesterday").unwrap();
        assert_eq!(
            resolve(&expr, &Anchor::default(), Tense::Past, "yesterday").unwrap().value,
            DateValue::Unplaced(Unplaced::Relative { text: "yesterday".into(), days: 1 })
        );
    }

    #[test]
    fn a_year_hint_places_year_less_dates_but_not_weekdays() {
        let hint = Anchor { published: None, year_hint: Some(d("2025-12-10")) };
        let (_, expr) = date("December 14").unwrap();
        assert_eq!(resolve(&expr, &hint, Tense::Past, "").unwrap().value, DateValue::day(d("2025-12-14")));
        let (_, expr) = date("on Sunday").unwrap();
        assert_eq!(
            resolve(&expr, &hint, Tense::Past, "").unwrap().value,
            DateValue::Unplaced(Unplaced::Weekday(Weekday::Sun))
        );
    }

    #[test]
    fn a_weekday_that_contradicts_its_date_warns_and_keeps_the_date() {
        let (_, expr) = date("Sunday, December 29").unwrap();
        let placed = resolve(&expr, &Anchor::published(Some(d("2025-12-31"))), Tense::Past, "").unwrap();
        assert_eq!(placed.value, DateValue::day(d("2025-12-29")));
        assert!(placed.warning.unwrap().contains("monday"));
    }

    /// Text that starts like a date but is none (or not all of it is one).
    const NEAR_MISSES: &[&str] = &[
        "may",
        "they may",
        "march",
        "December",
        "Sun",
        "sat",
        "2025",
        "2025-13-45",
        "February 30",
        "December 32",
        "4:30",
        "12/05/2025",
        "the 20th",
        "on the 14",
        "early",
        "the week",
        "weekend",
        "Wednesdays",
        "Decembers",
        "Sunday's",
    ];

    #[test]
    fn an_ordinal_that_ranks_a_noun_is_no_day_of_the_month() {
        for (text, read_as) in [
            ("Wednesday, the 17th day of the strike", "Wednesday"),
            ("on the 3rd round of talks", ""),
            ("Thursday the 15th straight day", "Thursday"),
            ("Sunday the 30th, when", "Sunday the 30th"),
        ] {
            let taken = date(text).map_or(0, |(rest, _)| text.len() - rest.len());
            assert_eq!(&text[..taken], read_as, "{text}");
        }
    }

    #[test]
    fn near_misses() {
        for text in NEAR_MISSES {
            let whole = date(text).map(|(rest, _)| rest.is_empty());
            assert_ne!(whole, Ok(true), "{text} read whole as a date");
        }
    }
}
