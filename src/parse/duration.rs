//! Durations: a figure and a unit from second to millennium ("five hours", "1,398 days",
//! "3 hrs"), adjectival forms ("a 15-year term", "a five-hour meeting", "60-day"),
//! fractions of a unit ("half a century", "an hour and a half", "a decade and a half"),
//! ranges ("one to two hours", "30-50 years") and compounds ("two hours and 30
//! minutes"), each with optional hedges ("over four hours", "as long as half a
//! century").

use super::hedge;
use super::lex::{Opening, Res, at_boundary, fail, hyphen, letters, lower, one_of, opening, sp, sp0, word};
use super::number::{cardinal, fraction, opens_figure, quantity_range};
use crate::value::{Amount, Value, seconds};
use nom::Parser;
use nom::branch::alt;
use nom::bytes::complete::tag;
use nom::combinator::opt;

/// Seconds in the unit a word names, singular, plural or abbreviated.
fn unit_seconds(w: &str) -> Option<f64> {
    let mut buf = [0; 24];
    Some(match lower(w, &mut buf)? {
        "second" | "seconds" | "sec" | "secs" => 1.0,
        "minute" | "minutes" | "min" | "mins" => seconds::MINUTE,
        "hour" | "hours" | "hr" | "hrs" | "h" => seconds::HOUR,
        "day" | "days" => seconds::DAY,
        "week" | "weeks" | "wk" | "wks" => seconds::WEEK,
        "fortnight" | "fortnights" => 2.0 * seconds::WEEK,
        "month" | "months" | "mo" | "mos" => seconds::MONTH,
        "year" | "years" | "yr" | "yrs" | "y" => seconds::YEAR,
        "decade" | "decades" => 10.0 * seconds::YEAR,
        "century" | "centuries" => 100.0 * seconds::YEAR,
        "millennium" | "millennia" | "millenniums" => 1000.0 * seconds::YEAR,
        _ => return None,
    })
}

/// Whether the unit word is a short form that may stick to digits ("5hrs", "3h").
fn is_abbreviation(w: &str) -> bool {
    matches!(w, "h" | "hr" | "hrs" | "min" | "mins" | "sec" | "secs" | "yr" | "yrs" | "wk" | "wks" | "y")
}

/// A unit word: "hours", "Year", "hrs", "mins." (a dot after an abbreviation is taken).
pub fn unit(input: &str) -> Res<'_, f64> {
    let (rest, w) = letters(input)?;
    if !at_boundary(rest) {
        return fail(input);
    }
    let Some(secs) = unit_seconds(w) else { return fail(input) };
    // One-letter forms are units only when stuck to digits; see `counted`.
    if w.len() == 1 {
        return fail(input);
    }
    let rest = if is_abbreviation(&w.to_ascii_lowercase()) {
        rest.strip_prefix('.').filter(|r| !r.starts_with(|c: char| c.is_alphanumeric())).unwrap_or(rest)
    } else {
        rest
    };
    Ok((rest, secs))
}

/// A unit stuck to its digits: "5hrs", "3h", "10yrs".
fn attached_unit(input: &str) -> Res<'_, f64> {
    let (rest, w) = letters(input)?;
    let lw = w.to_ascii_lowercase();
    match unit_seconds(w) {
        Some(secs) if is_abbreviation(&lw) && at_boundary(rest) => Ok((rest, secs)),
        _ => fail(input),
    }
}

/// The next words say how old someone or something is ("15-year-old", "15 years old"):
/// an age, not a duration.
fn is_age(rest: &str) -> bool {
    let old = (alt((hyphen.map(|_| ()), sp.map(|_| ()))), word("old")).parse(rest);
    old.is_ok()
}

/// A figure (or range of figures) and a unit: "five hours", "30 to 50 years", "a couple
/// of days", "a few weeks", "an hour", "3hrs".
fn counted(ranges: bool) -> impl FnMut(&str) -> Res<'_, Amount> {
    move |input: &str| {
        // "an hour", "a decade"; never "a second", which is far more often an ordinal.
        if let Ok((rest, (_, _, secs))) = (one_of(&["a", "an"]), sp, unit).parse(input)
            && secs != 1.0
        {
            return Ok((rest, Amount::exact(secs)));
        }
        let (rest, amount) = quantity_range(ranges)(input)?;
        let starts_with_digit = input.starts_with(|c: char| c.is_ascii_digit());
        let stuck = if starts_with_digit { attached_unit(rest).ok() } else { None };
        let (rest, secs) = match stuck {
            Some(found) => found,
            None => (sp, unit).map(|(_, s)| s).parse(rest)?,
        };
        Ok((rest, amount.scaled(secs)))
    }
}

/// "half a century", "half an hour", "a half-hour", "half-day", "a quarter century",
/// "a quarter of a century".
fn part_of_unit(input: &str) -> Res<'_, Amount> {
    if let Ok((rest, (_, _, _, _, secs))) = (word("half"), sp, one_of(&["a", "an"]), sp, unit).parse(input) {
        return Ok((rest, Amount::exact(secs / 2.0)));
    }
    let mut half = (opt((one_of(&["a", "one"]), sp)), word("half"), alt((hyphen.map(|_| ""), sp)), unit);
    if let Ok((rest, (_, _, _, secs))) = half.parse(input) {
        return Ok((rest, Amount::exact(secs / 2.0)));
    }
    // "three quarters of an hour", "two thirds of a year".
    if let Ok((rest, (part, _, _, _, _, _, secs))) =
        (fraction, sp, word("of"), sp, one_of(&["a", "an"]), sp, unit).parse(input)
    {
        return Ok((rest, Amount::exact(secs * part)));
    }
    let mut quarter = (
        opt((one_of(&["a", "one"]), sp)),
        word("quarter"),
        alt((hyphen.map(|_| ""), sp)),
        opt((word("of"), sp, one_of(&["a", "an"]), sp)),
        unit,
    );
    if let Ok((rest, (_, _, _, _, secs))) = quarter.parse(input) {
        return Ok((rest, Amount::exact(secs / 4.0)));
    }
    fail(input)
}

/// "an hour and a half", "a decade and a half", "one year and a half".
fn unit_and_a_half(input: &str) -> Res<'_, Amount> {
    let (rest, (_, _, secs, _, _, _, _, _)) =
        (one_of(&["a", "an", "one"]), sp, unit, sp, word("and"), sp, word("a"), (sp, word("half"))).parse(input)?;
    Ok((rest, Amount::exact(secs * 1.5)))
}

/// The adjectival form, with its hyphen: "15-year", "five-hour", "60-day",
/// "two-and-a-half-hour", "15-yr".
fn adjectival(input: &str) -> Res<'_, Amount> {
    let (rest, (n, _, secs)) = (cardinal, hyphen, unit).parse(input)?;
    Ok((rest, Amount::exact(n * secs)))
}

/// A single duration without hedges, longest form first.
fn plain(ranges: bool) -> impl FnMut(&str) -> Res<'_, Amount> {
    move |input: &str| {
        let mut best: Option<(&str, Amount)> = None;
        let tries = [
            part_of_unit(input).ok(),
            unit_and_a_half(input).ok(),
            adjectival(input).ok(),
            counted(ranges)(input).ok(),
        ];
        for (rest, amount) in tries.into_iter().flatten() {
            if best.as_ref().is_none_or(|(r, _)| rest.len() < r.len()) {
                best = Some((rest, amount));
            }
        }
        best.map_or_else(|| fail(input), Ok)
    }
}

/// A duration with its smaller parts: "two hours and 30 minutes", "1 hour 15 minutes".
fn compound(ranges: bool) -> impl FnMut(&str) -> Res<'_, Amount> {
    move |input: &str| {
        let (mut rest, mut total) = plain(ranges)(input)?;
        while total.modifier == crate::value::Mod::Exact && total.min == total.max {
            let more =
                (alt(((sp, word("and"), sp).map(|_| ()), (tag(","), sp0).map(|_| ()), sp.map(|_| ()))), counted(false))
                    .parse(rest);
            match more {
                Ok((after, (_, part))) if part.value < total.value && part.value > 0.0 => {
                    total = Amount::exact(total.value + part.value);
                    rest = after;
                }
                _ => break,
            }
        }
        Ok((rest, total))
    }
}

/// Whether a duration can begin so: a digit, a sign, a hedge, a figure in words, "an"
/// ("an hour"), "half" or "quarter" ("half a day", "quarter of an hour"), "between" (a
/// range), "minus" or "negative". Mirrors [`duration`]; its examples keep the two in
/// step.
pub fn may_open_duration(opening: Opening) -> bool {
    match opening {
        Opening::Digit => true,
        Opening::Symbol(c) => matches!(c, '-' | '\u{2212}'),
        Opening::Word(w) => {
            hedge::opens_hedge(w)
                || opens_figure(w)
                || matches!(w, "an" | "one" | "half" | "quarter" | "between" | "minus" | "negative")
        }
        Opening::Other => false,
    }
}

/// A duration value as it stands in a sentence: optional hedge, the duration, optional
/// trailing hedge. Ages ("15-year-old") are no durations.
pub fn duration(ranges: bool) -> impl FnMut(&str) -> Res<'_, Value> {
    move |input: &str| {
        let mut buf = [0; 24];
        if !may_open_duration(opening(input, &mut buf)) {
            return fail(input);
        }
        let (rest, before) = opt(hedge::prefix).parse(input)?;
        let (rest, mut amount) = compound(ranges)(rest)?;
        if is_age(rest) {
            return fail(input);
        }
        let (rest, after) = opt(hedge::suffix).parse(rest)?;
        if let Some(h) = before.or(after) {
            amount = amount.hedged(h);
        }
        Ok((rest, Value::Duration(amount)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::{Hedge, Mod};

    const H: f64 = seconds::HOUR;
    const D: f64 = seconds::DAY;
    const Y: f64 = seconds::YEAR;

    /// Text, and the duration read from its start, in seconds.
    const EXAMPLES: &[(&str, f64)] = &[
        ("five hours", 5.0 * H),
        ("5 hours", 5.0 * H),
        ("an hour", H),
        ("one hour", H),
        ("a day", D),
        ("30 seconds", 30.0),
        ("45 secs", 45.0),
        ("ten minutes", 600.0),
        ("20 mins", 1200.0),
        ("3 hrs", 3.0 * H),
        ("3hrs", 3.0 * H),
        ("2h", 2.0 * H),
        ("two weeks", 14.0 * D),
        ("a fortnight", 14.0 * D),
        ("six months", 180.0 * D),
        ("15 years", 15.0 * Y),
        ("10 yrs", 10.0 * Y),
        ("a decade", 10.0 * Y),
        ("two decades", 20.0 * Y),
        ("a century", 100.0 * Y),
        ("a millennium", 1000.0 * Y),
        ("1,398 days", 1398.0 * D),
        ("15-year", 15.0 * Y),
        ("five-hour", 5.0 * H),
        ("60-day", 60.0 * D),
        ("two-and-a-half-hour", 2.5 * H),
        ("half a century", 50.0 * Y),
        ("half an hour", 0.5 * H),
        ("a half-hour", 0.5 * H),
        ("half-day", 0.5 * D),
        ("a quarter century", 25.0 * Y),
        ("a quarter of a century", 25.0 * Y),
        ("three quarters of an hour", 0.75 * H),
        ("half of a year", 0.5 * Y),
        ("an hour and a half", 1.5 * H),
        ("a decade and a half", 15.0 * Y),
        ("a year and a half", 1.5 * Y),
        ("one and a half years", 1.5 * Y),
        ("2.5 hours", 2.5 * H),
        ("two and a half hours", 2.5 * H),
        ("a couple of days", 2.0 * D),
        ("a couple of hours", 2.0 * H),
        ("two hours and 30 minutes", 2.5 * H),
        ("1 hour 15 minutes", 1.25 * H),
        ("twenty-one days", 21.0 * D),
        ("a hundred years", 100.0 * Y),
    ];

    /// Text that has a unit word or a figure but is no duration.
    const NEAR_MISSES: &[&str] = &[
        "hours",
        "for months",
        "years of talks",
        "15-year-old",
        "15 years old",
        "a second",
        "second",
        "daily",
        "the hour",
        "5 hourly",
        "5 h",
        "several hours",
        "many years",
        "a new year",
        "Mayday",
    ];

    fn secs(text: &str) -> Result<Amount, String> {
        match duration(true)(text) {
            Ok((_, Value::Duration(a))) => Ok(a),
            other => Err(format!("{other:?}")),
        }
    }

    #[test]
    fn examples() {
        for (text, want) in EXAMPLES {
            let got = secs(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert!((got.value - want).abs() < 1e-6, "{text}: {} != {want}", got.value);
        }
    }

    #[test]
    fn near_misses() {
        for text in NEAR_MISSES {
            assert!(secs(text).is_err(), "{text} gave {:?}", secs(text));
        }
    }

    #[test]
    fn hedges_bound_durations() {
        // Text, value, modifier, lower and upper bound.
        type Case = (&'static str, f64, Mod, Option<f64>, Option<f64>);
        let cases: &[Case] = &[
            ("over four hours", 4.0 * H, Mod::More, Some(4.0 * H), None),
            ("more than 4 hours", 4.0 * H, Mod::More, Some(4.0 * H), None),
            ("almost four years", 4.0 * Y, Mod::Less, Some(3.6 * Y), Some(4.0 * Y)),
            ("nearly five hours", 5.0 * H, Mod::Less, Some(4.5 * H), Some(5.0 * H)),
            ("as long as half a century", 50.0 * Y, Mod::UpTo, Some(0.0), Some(50.0 * Y)),
            ("up to 50 years", 50.0 * Y, Mod::UpTo, Some(0.0), Some(50.0 * Y)),
            ("about five hours", 5.0 * H, Mod::Approx, Some(4.5 * H), Some(5.5 * H)),
            ("at least two days", 2.0 * D, Mod::AtLeast, Some(2.0 * D), None),
            ("exactly two days", 2.0 * D, Mod::Exact, Some(2.0 * D), Some(2.0 * D)),
            ("five hours or so", 5.0 * H, Mod::Approx, Some(4.5 * H), Some(5.5 * H)),
        ];
        for (text, value, modifier, min, max) in cases {
            let a = secs(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert!((a.value - value).abs() < 1e-6, "{text}");
            assert_eq!(a.modifier, *modifier, "{text}");
            let close = |x: Option<f64>, y: Option<f64>| match (x, y) {
                (Some(x), Some(y)) => (x - y).abs() < 1e-3,
                (None, None) => true,
                _ => false,
            };
            assert!(close(a.min, *min) && close(a.max, *max), "{text}: {a:?}");
        }
    }

    #[test]
    fn ranges_of_durations() {
        assert_eq!(secs("one to two hours").unwrap(), Amount::range(H, 2.0 * H));
        assert_eq!(secs("30 to 50 years").unwrap(), Amount::range(30.0 * Y, 50.0 * Y));
        assert_eq!(secs("30-50 years").unwrap(), Amount::range(30.0 * Y, 50.0 * Y));
        assert_eq!(secs("between 30 and 50 years").unwrap(), Amount::range(30.0 * Y, 50.0 * Y));
        let about = secs("about 30 to 50 years").unwrap();
        assert_eq!(about, Amount::range(30.0 * Y, 50.0 * Y).hedged(Hedge::About));
    }
}
