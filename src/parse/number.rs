//! Cardinal numbers: digits with separators and decimals ("1,398", "2.5"), number words
//! up to the trillions ("twenty-eight", "one hundred and five"), scales ("1.2 million"),
//! fractions ("half", "two thirds"), vague counts ("a dozen", "a few") and percentages.
//!
//! Vague counts, with the values chosen for them:
//!
//! | words | value |
//! |---|---|
//! | "a dozen", "half a dozen", "two dozen" | 12, 6, 24, exact |
//! | "a couple (of)", "a pair (of)" | 2, exact |
//! | "a few" | 3, `approx`, from 2 to 5 |
//!
//! "several" and "many" carry no figure a reader would defend, so they are no value.

use super::hedge;
use super::lex::{
    Memo, Opening, Res, digits, fail, hyphen, joiner, letters, lower, one_of, opening, range_joiner, remembered, sp,
    sp0, word,
};
use crate::value::{Amount, NumberUnit, Value};
use nom::Parser;
use nom::branch::alt;
use nom::bytes::complete::tag;
use nom::combinator::opt;
use std::cell::RefCell;

/// Longest run of digits read as a figure; longer runs (serial numbers, hashes) are no
/// value, and stay well inside what an `f64` holds exactly.
const MAX_DIGITS: usize = 15;

fn small_word(w: &str) -> Option<f64> {
    let mut buf = [0; 24];
    let n = match lower(w, &mut buf)? {
        "zero" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        _ => return None,
    };
    Some(n as f64)
}

fn tens_word(w: &str) -> Option<f64> {
    let mut buf = [0; 24];
    let n = match lower(w, &mut buf)? {
        "twenty" => 20,
        "thirty" => 30,
        "forty" | "fourty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    };
    Some(n as f64)
}

fn scale_word(w: &str) -> Option<f64> {
    let mut buf = [0; 24];
    Some(match lower(w, &mut buf)? {
        "thousand" => 1e3,
        "million" | "mn" => 1e6,
        "billion" | "bn" => 1e9,
        "trillion" | "tn" => 1e12,
        _ => return None,
    })
}

/// A number word below one hundred: "seven", "nineteen", "forty", "twenty-eight",
/// "twenty eight".
pub fn below_hundred(input: &str) -> Res<'_, f64> {
    let (rest, w) = letters(input)?;
    if let Some(n) = small_word(w) {
        return Ok((rest, n));
    }
    let Some(tens) = tens_word(w) else { return fail(input) };
    if let Ok((after, unit)) = (joiner, letters).parse(rest)
        && let Some(u) = small_word(unit.1).filter(|u| (1.0..10.0).contains(u))
    {
        return Ok((after, tens + u));
    }
    Ok((rest, tens))
}

/// A number word below one thousand: "one hundred and five", "a hundred", "ninety-nine".
pub fn below_thousand(input: &str) -> Res<'_, f64> {
    thread_local!(static MEMO: RefCell<Memo<f64>> = const { RefCell::new(Memo::new()) });
    remembered(&MEMO, input, read_below_thousand)
}

fn read_below_thousand(input: &str) -> Res<'_, f64> {
    let head = alt((below_hundred, |i| word("a").parse(i).map(|(r, _)| (r, 1.0))));
    if let Ok((rest, (n, _, _))) = (head, sp, word("hundred")).parse(input) {
        if let Ok((after, (_, _, m))) = (sp, opt((word("and"), sp)), below_hundred).parse(rest) {
            return Ok((after, n * 100.0 + m));
        }
        return Ok((rest, n * 100.0));
    }
    below_hundred(input)
}

/// A whole number in words: "twenty-eight", "two thousand and five", "a million",
/// "three hundred thousand".
pub fn number_words(input: &str) -> Res<'_, f64> {
    let a_scale = |i| {
        let (after_a, _) = word("a")(i)?;
        let (_, (_, w)) = (sp, letters).parse(after_a)?;
        if scale_word(w).is_some() { Ok((after_a, 1.0)) } else { fail(i) }
    };
    let (mut rest, mut current) = alt((below_thousand, a_scale)).parse(input)?;
    let mut total = 0.0;
    let mut last_scale = f64::INFINITY;
    while let Ok((after, (_, w))) = (sp, letters).parse(rest) {
        let Some(scale) = scale_word(w).filter(|s| *s < last_scale) else { break };
        total += current * scale;
        current = 0.0;
        last_scale = scale;
        rest = after;
        match (sp, opt((word("and"), sp)), below_thousand).parse(rest) {
            Ok((after, (_, _, n))) if n < scale => {
                current = n;
                rest = after;
            }
            _ => break,
        }
    }
    Ok((rest, total + current))
}

/// Digits with optional thousands separators and decimals: "28", "1,398", "2.5",
/// "1,250,000.75". A run that goes on like a date or a version ("04.12.25"), a clock
/// time ("4:30") or a digit group of the wrong size is no figure.
pub fn digit_number(input: &str) -> Res<'_, f64> {
    let (mut rest, int) = digits(input)?;
    let mut text = String::from(int);
    if int.len() <= 3 {
        while let Ok((after, (_, group))) = (tag(","), digits).parse(rest) {
            if group.len() != 3 {
                break;
            }
            text.push_str(group);
            rest = after;
        }
    }
    if let Ok((after, (_, frac))) = (tag("."), digits).parse(rest) {
        if after.starts_with('.') && after[1..].starts_with(|c: char| c.is_ascii_digit()) {
            return fail(input);
        }
        text.push('.');
        text.push_str(frac);
        rest = after;
    }
    if (rest.starts_with(':') || rest.starts_with('.') || rest.starts_with('/'))
        && rest.get(1..).is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
    {
        return fail(input);
    }
    let whole_digits = text.split('.').next().map_or(0, str::len);
    if whole_digits > MAX_DIGITS {
        return fail(input);
    }
    match text.parse::<f64>() {
        Ok(n) if n.is_finite() => Ok((rest, n)),
        _ => fail(input),
    }
}

/// A figure in digits with an optional scale: "1.2 million", "3bn", "100K", "5,000".
pub fn digits_scaled(input: &str) -> Res<'_, f64> {
    let (rest, n) = digit_number(input)?;
    // Attached suffixes: "3bn", "100k", "2M".
    if let Ok((after, w)) = letters(rest) {
        let factor = match w {
            "k" | "K" => Some(1e3),
            "M" | "m" | "mn" => Some(1e6),
            "bn" | "B" => Some(1e9),
            "tn" => Some(1e12),
            _ => None,
        };
        // Other letters stay for the caller: "3hrs" is a duration, "5G" no figure.
        return match factor {
            Some(f) if super::lex::at_boundary(after) => Ok((after, n * f)),
            _ => Ok((rest, n)),
        };
    }
    if let Ok((after, (_, w))) = (sp, letters).parse(rest)
        && let Some(f) = scale_word(w).filter(|_| super::lex::at_boundary(after))
    {
        return Ok((after, n * f));
    }
    Ok((rest, n))
}

/// "half", "a half", "a quarter", "one third", "two thirds", "three quarters"; "a third"
/// only before "of", since "a third meeting" is an ordinal.
pub fn fraction(input: &str) -> Res<'_, f64> {
    if let Ok((rest, _)) = (opt((one_of(&["a", "one"]), sp)), word("half")).parse(input) {
        return Ok((rest, 0.5));
    }
    if let Ok((rest, _)) = (one_of(&["a", "one"]), sp, word("quarter")).parse(input) {
        return Ok((rest, 0.25));
    }
    if let Ok((rest, _)) = (word("one"), sp, word("third")).parse(input) {
        return Ok((rest, 1.0 / 3.0));
    }
    if let Ok((rest, _)) = (word("a"), sp, word("third")).parse(input)
        && (sp, word("of")).parse(rest).is_ok()
    {
        return Ok((rest, 1.0 / 3.0));
    }
    let (rest, (n, _, w)) = (below_hundred, joiner, letters).parse(input)?;
    let mut buf = [0; 24];
    let part = match lower(w, &mut buf) {
        Some("thirds") => 3.0,
        Some("quarters") => 4.0,
        Some("halves") => 2.0,
        Some("fifths") => 5.0,
        _ => return fail(input),
    };
    if n < 1.0 || n >= part {
        return fail(input);
    }
    Ok((rest, n / part))
}

/// Whether `input` begins the way every cardinal does: with a digit, a number word
/// below twenty, a tens word, or "a" ("a hundred", "a million"). Cardinals are tried at
/// many places that hold none; this settles most of those at the first word.
fn may_open_cardinal(input: &str) -> bool {
    let mut buf = [0; 24];
    match opening(input, &mut buf) {
        Opening::Digit => true,
        Opening::Word(w) => opens_figure(w),
        Opening::Symbol(_) | Opening::Other => false,
    }
}

/// A whole number with an optional "and a half": "two and a half", "1 and a quarter",
/// "two-and-a-half".
pub fn cardinal(input: &str) -> Res<'_, f64> {
    thread_local!(static MEMO: RefCell<Memo<f64>> = const { RefCell::new(Memo::new()) });
    if !may_open_cardinal(input) {
        return fail(input);
    }
    remembered(&MEMO, input, read_cardinal)
}

fn read_cardinal(input: &str) -> Res<'_, f64> {
    let (rest, n) = alt((digits_scaled, number_words)).parse(input)?;
    let (rest, n) = match (sp, word("dozen")).parse(rest) {
        Ok((after, _)) => (after, n * 12.0),
        Err(_) => (rest, n),
    };
    let half = alt((
        (sp, word("and"), sp, word("a"), sp, one_of(&["half", "quarter"])).map(|t| t.5),
        (hyphen, word("and"), hyphen, word("a"), hyphen, one_of(&["half", "quarter"])).map(|t| t.5),
        // "2 1/2", "2½", "2 ½".
        (sp0, alt((tag("\u{bd}"), tag("1/2")))).map(|_| "half"),
        (sp0, alt((tag("\u{bc}"), tag("1/4")))).map(|_| "quarter"),
    ));
    if let Ok((after, part)) = opt(half).parse(rest)
        && let Some(part) = part
    {
        let add = if part.eq_ignore_ascii_case("half") { 0.5 } else { 0.25 };
        return Ok((after, n + add));
    }
    Ok((rest, n))
}

/// Counts said in words without a figure: "a dozen", "half a dozen", "a couple (of)",
/// "a pair (of)", "a few".
pub fn vague_count(input: &str) -> Res<'_, Amount> {
    if let Ok((rest, _)) = (word("half"), sp, word("a"), sp, word("dozen")).parse(input) {
        return Ok((rest, Amount::exact(6.0)));
    }
    let (rest, (_, _, w)) = (word("a"), sp, letters).parse(input)?;
    let mut buf = [0; 24];
    let amount = match lower(w, &mut buf) {
        Some("dozen") => Amount::exact(12.0),
        Some("couple") | Some("pair") => Amount::exact(2.0),
        Some("few") => Amount::vague(3.0, 2.0, 5.0),
        _ => return fail(input),
    };
    // "a couple of days": the "of" belongs to the count.
    let (rest, _) = opt((sp, word("of"))).parse(rest)?;
    Ok((rest, amount))
}

/// "minus"/"negative" before a figure, or a leading minus sign.
fn signed(input: &str) -> Res<'_, f64> {
    if let Ok((rest, _)) = (one_of(&["minus", "negative"]), sp).parse(input) {
        let (rest, n) = cardinal(rest)?;
        return Ok((rest, -n));
    }
    if let Ok((rest, _)) = alt((tag::<_, _, nom::error::Error<&str>>("-"), tag("\u{2212}"))).parse(input) {
        let (rest, n) = digits_scaled(rest)?;
        return Ok((rest, -n));
    }
    fail(input)
}

/// Any single figure as an amount: a cardinal, a fraction, or a vague count.
pub fn quantity(input: &str) -> Res<'_, Amount> {
    thread_local!(static MEMO: RefCell<Memo<Amount>> = const { RefCell::new(Memo::new()) });
    remembered(&MEMO, input, read_quantity)
}

fn read_quantity(input: &str) -> Res<'_, Amount> {
    let mut best: Option<(&str, Amount)> = None;
    let candidates = [
        cardinal(input).map(|(r, n)| (r, Amount::exact(n))).ok(),
        fraction(input).map(|(r, n)| (r, Amount::exact(n))).ok(),
        vague_count(input).ok(),
        signed(input).map(|(r, n)| (r, Amount::exact(n))).ok(),
    ];
    for (rest, amount) in candidates.into_iter().flatten() {
        if best.as_ref().is_none_or(|(r, _)| rest.len() < r.len()) {
            best = Some((rest, amount));
        }
    }
    best.map_or_else(|| fail(input), Ok)
}

/// A figure or a range of figures: "30 to 50", "30-50", "two or three", "between 30
/// and 50". A range runs upwards; "28 to 19" is a change between two figures, read
/// as the first alone. `ranges` off reads only one figure.
pub fn quantity_range(ranges: bool) -> impl FnMut(&str) -> Res<'_, Amount> {
    move |input: &str| {
        if ranges
            && let Ok((rest, (_, _, low, _, _, _, high))) =
                (word("between"), sp, cardinal, sp, word("and"), sp, cardinal).parse(input)
            && low < high
        {
            return Ok((rest, Amount::range(low, high)));
        }
        let (rest, first) = quantity(input)?;
        if ranges
            && first.modifier == crate::value::Mod::Exact
            && let Ok((after, (_, high))) = (range_joiner, cardinal).parse(rest)
            && first.value < high
        {
            return Ok((after, Amount::range(first.value, high)));
        }
        Ok((rest, first))
    }
}

fn currency(input: &str) -> Res<'_, NumberUnit> {
    match input.chars().next() {
        Some('$') => Ok((&input[1..], NumberUnit::Usd)),
        Some('€') => Ok((&input['€'.len_utf8()..], NumberUnit::Eur)),
        Some('£') => Ok((&input['£'.len_utf8()..], NumberUnit::Gbp)),
        _ => fail(input),
    }
}

fn percent(input: &str) -> Res<'_, NumberUnit> {
    let sign = (sp0, alt((tag("%"), tag("\u{066a}")))).map(|_| NumberUnit::Percent);
    let spelled = (sp, one_of(&["percent", "per cent", "pct"])).map(|_| NumberUnit::Percent);
    alt((sign, spelled)).parse(input)
}

/// Whether a word can begin a figure in words: a number word below twenty, a tens word,
/// or "a" ("a hundred", "a dozen", "a few", "a half").
pub fn opens_figure(w: &str) -> bool {
    w == "a" || small_word(w).is_some() || tens_word(w).is_some()
}

/// Whether a number value can begin so: a digit, a currency symbol or sign, a hedge, a
/// figure in words, "half" ("half a dozen"), "between" (a range), "minus" or
/// "negative". Mirrors [`number`]; its examples keep the two in step.
pub fn may_open_number(opening: Opening) -> bool {
    match opening {
        Opening::Digit => true,
        Opening::Symbol(c) => matches!(c, '$' | '€' | '£' | '-' | '\u{2212}'),
        Opening::Word(w) => {
            hedge::opens_hedge(w) || opens_figure(w) || matches!(w, "half" | "one" | "between" | "minus" | "negative")
        }
        Opening::Other => false,
    }
}

/// A number value as it stands in a sentence: an optional hedge, an optional currency
/// sign, a figure or range, an optional percent sign, an optional trailing hedge.
pub fn number(ranges: bool) -> impl FnMut(&str) -> Res<'_, Value> {
    move |input: &str| {
        let mut buf = [0; 24];
        if !may_open_number(opening(input, &mut buf)) {
            return fail(input);
        }
        let (rest, before) = opt(hedge::prefix).parse(input)?;
        let (rest, money) = opt(currency).parse(rest)?;
        let (rest, mut amount) = quantity_range(ranges)(rest)?;
        // Letters glued to the figure make it a name or a code: "5G", "3D", "4x4".
        if rest.starts_with(|c: char| c.is_alphanumeric()) {
            return fail(input);
        }
        let (rest, pct) = if money.is_none() { opt(percent).parse(rest)? } else { (rest, None) };
        let (rest, after) = opt(hedge::suffix).parse(rest)?;
        if let Some(h) = before.or(after) {
            amount = amount.hedged(h);
        }
        // A share cannot pass the whole: "about 95 percent" reaches 100, not 104.5.
        if pct.is_some() && amount.value <= 100.0 {
            amount.max = amount.max.map(|m| m.min(100.0));
        }
        Ok((rest, Value::Number { amount, unit: money.or(pct) }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::{Hedge, Mod};

    /// Text, and the figure read from its start.
    const EXAMPLES: &[(&str, f64)] = &[
        ("28", 28.0),
        ("1,398", 1398.0),
        ("2.5", 2.5),
        ("1,250,000", 1_250_000.0),
        ("800,000 troops", 800_000.0),
        ("0.75", 0.75),
        ("one", 1.0),
        ("twelve", 12.0),
        ("nineteen", 19.0),
        ("twenty", 20.0),
        ("twenty-eight", 28.0),
        ("Twenty Eight", 28.0),
        ("twenty\u{2013}eight", 28.0),
        ("ninety-nine", 99.0),
        ("a hundred", 100.0),
        ("one hundred and five", 105.0),
        ("one hundred five", 105.0),
        ("two hundred", 200.0),
        ("three thousand", 3000.0),
        ("two thousand and five", 2005.0),
        ("twenty-one thousand four hundred", 21_400.0),
        ("a million", 1e6),
        ("two million", 2e6),
        ("one billion", 1e9),
        ("three hundred thousand", 300_000.0),
        ("1.2 million", 1.2e6),
        ("3 billion", 3e9),
        ("3bn", 3e9),
        ("100K", 100_000.0),
        ("two dozen", 24.0),
        ("2 dozen", 24.0),
        ("two and a half", 2.5),
        ("one and a half", 1.5),
        ("two-and-a-half", 2.5),
        ("1 and a half", 1.5),
        ("2 1/2", 2.5),
        ("2\u{bd}", 2.5),
        ("three-quarters", 0.75),
        ("half", 0.5),
        ("a half", 0.5),
        ("a quarter", 0.25),
        ("one third", 1.0 / 3.0),
        ("a third of", 1.0 / 3.0),
        ("two thirds", 2.0 / 3.0),
        ("three quarters", 0.75),
        ("minus five", -5.0),
        ("-1,200", -1200.0),
        ("999999999999999", 999_999_999_999_999.0),
    ];

    /// Text that starts like a figure but is none.
    const NEAR_MISSES: &[&str] = &[
        "04.12.25",
        "4:30",
        "1.2.3",
        "12/05",
        "9999999999999999999999999",
        "someone",
        "tenth",
        "fifties",
        "onerous",
        "a",
        "a lot",
        "several",
        "a third meeting",
        "dozens",
        "3x",
        "5G",
        "ten-",
    ];

    #[test]
    fn examples() {
        for (text, want) in EXAMPLES {
            match quantity(text) {
                Ok((_, got)) => assert!((got.value - want).abs() < 1e-9, "{text}: {} != {want}", got.value),
                Err(e) => panic!("{text}: {e:?}"),
            }
        }
    }

    #[test]
    fn near_misses() {
        for text in NEAR_MISSES {
            let got = number(true)(text);
            // "ten-" reads "ten" and leaves the dash; what matters is that the
            // whole text is never taken as one figure.
            if *text == "ten-" {
                assert_eq!(got.map(|(r, _)| r), Ok("-"));
                continue;
            }
            assert!(got.is_err(), "{text} gave {got:?}");
        }
    }

    #[test]
    fn vague_counts_are_documented_values() {
        assert_eq!(quantity("a dozen").unwrap().1, Amount::exact(12.0));
        assert_eq!(quantity("half a dozen").unwrap().1, Amount::exact(6.0));
        assert_eq!(quantity("a couple of days").unwrap(), (" days", Amount::exact(2.0)));
        assert_eq!(quantity("a pair").unwrap().1, Amount::exact(2.0));
        assert_eq!(quantity("a few").unwrap().1, Amount::vague(3.0, 2.0, 5.0));
    }

    #[test]
    fn ranges_run_upwards() {
        assert_eq!(quantity_range(true)("30 to 50").unwrap().1, Amount::range(30.0, 50.0));
        assert_eq!(quantity_range(true)("30-50").unwrap().1, Amount::range(30.0, 50.0));
        assert_eq!(quantity_range(true)("between 30 and 50").unwrap().1, Amount::range(30.0, 50.0));
        assert_eq!(quantity_range(true)("two or three").unwrap().1, Amount::range(2.0, 3.0));
        assert_eq!(quantity_range(true)("28 to 19"), Ok((" to 19", Amount::exact(28.0))));
        assert_eq!(quantity_range(false)("19 to 20"), Ok((" to 20", Amount::exact(19.0))));
    }

    #[test]
    fn hedged_numbers_and_units() {
        let Value::Number { amount, unit } = number(true)("more than 800,000 troops").unwrap().1 else { panic!() };
        assert_eq!((amount.value, amount.modifier, amount.max, unit), (800_000.0, Mod::More, None, None));
        let (_, v) = number(true)("90%").unwrap();
        assert_eq!(v, Value::Number { amount: Amount::exact(90.0), unit: Some(NumberUnit::Percent) });
        let (_, v) = number(true)("95 percent").unwrap();
        assert_eq!(v, Value::Number { amount: Amount::exact(95.0), unit: Some(NumberUnit::Percent) });
        let (_, v) = number(true)("about 90 per cent").unwrap();
        let Value::Number { amount, unit } = v else { panic!() };
        assert_eq!((amount.modifier, unit), (Mod::Approx, Some(NumberUnit::Percent)));
        let (_, v) = number(true)("$1.2 billion").unwrap();
        assert_eq!(v, Value::Number { amount: Amount::exact(1.2e9), unit: Some(NumberUnit::Usd) });
        let (_, v) = number(true)("20 or so").unwrap();
        let Value::Number { amount, .. } = v else { panic!() };
        assert_eq!(amount, Amount::exact(20.0).hedged(Hedge::About));
    }
}
