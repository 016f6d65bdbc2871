//! Ordinals: "first" to "hundredth" in words ("twenty-fifth" with a hyphen, space, en or
//! em dash; "one hundred and first"), and in digits with a matching suffix ("1st",
//! "22nd", "103rd").

use super::lex::{Opening, Res, at_boundary, digits, fail, joiner, letters, lower, opening, sp};
use super::number::{below_hundred, below_thousand, opens_figure};
use nom::Parser;
use nom::combinator::opt;

fn ordinal_word(w: &str) -> Option<u32> {
    let mut buf = [0; 24];
    Some(match lower(w, &mut buf)? {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        "thirteenth" => 13,
        "fourteenth" => 14,
        "fifteenth" => 15,
        "sixteenth" => 16,
        "seventeenth" => 17,
        "eighteenth" => 18,
        "nineteenth" => 19,
        "twentieth" => 20,
        "thirtieth" => 30,
        "fortieth" => 40,
        "fiftieth" => 50,
        "sixtieth" => 60,
        "seventieth" => 70,
        "eightieth" => 80,
        "ninetieth" => 90,
        "hundredth" => 100,
        "thousandth" => 1000,
        _ => return None,
    })
}

/// An ordinal word below one hundred: "sixth", "twentieth", "twenty-fifth".
fn ordinal_below_hundred(input: &str) -> Res<'_, u32> {
    // "twenty-fifth": a tens word, a joiner, a unit ordinal.
    if let Ok((rest, (tens, _, w))) = (below_hundred, joiner, letters).parse(input) {
        let unit = ordinal_word(w).filter(|u| (1..10).contains(u));
        if let Some(u) = unit.filter(|_| tens >= 20.0 && tens % 10.0 == 0.0 && tens < 100.0) {
            return Ok((rest, tens as u32 + u));
        }
    }
    let (rest, w) = letters(input)?;
    match ordinal_word(w) {
        Some(n) if n < 100 => Ok((rest, n)),
        _ => fail(input),
    }
}

/// An ordinal in words: "first", "twenty-fifth", "hundredth", "one hundredth", "one
/// hundred and first".
pub fn ordinal_words(input: &str) -> Res<'_, u32> {
    // "hundred and first": a hundred without its "one".
    if let Ok((rest, (_, _, _, tail))) =
        (super::lex::word("hundred"), sp, opt((super::lex::word("and"), sp)), ordinal_below_hundred).parse(input)
    {
        return Ok((rest, 100 + tail));
    }
    if let Ok((rest, (hundreds, _, w))) = (below_thousand, sp, letters).parse(input) {
        let is_exact_hundreds = (1.0..10.0).contains(&hundreds) && hundreds.fract() == 0.0;
        if is_exact_hundreds && ordinal_word(w) == Some(100) {
            return Ok((rest, hundreds as u32 * 100));
        }
    }
    if let Ok((rest, (h, _, _, tail))) =
        (below_thousand, sp, opt((super::lex::word("and"), sp)), ordinal_below_hundred).parse(input)
        && h >= 100.0
        && h % 100.0 == 0.0
        && h < 1000.0
    {
        return Ok((rest, h as u32 + tail));
    }
    if let Ok((rest, w)) = letters(input)
        && (ordinal_word(w) == Some(100) || ordinal_word(w) == Some(1000))
    {
        return Ok((rest, ordinal_word(w).unwrap_or(100)));
    }
    ordinal_below_hundred(input)
}

/// An ordinal in digits whose suffix agrees with its last digits: "1st", "2nd", "3rd",
/// "11th", "22nd", "103rd"; "1th" and "2st" are no ordinals.
pub fn ordinal_digits(input: &str) -> Res<'_, u32> {
    let (rest, ds) = digits(input)?;
    let (after, suffix) = letters(rest)?;
    if ds.len() > 9 || !at_boundary(after) {
        return fail(input);
    }
    let n: u32 =
        ds.parse().map_err(|_| nom::Err::Error(nom::error::Error::new(input, nom::error::ErrorKind::Digit)))?;
    let want = match (n % 100, n % 10) {
        (11..=13, _) => "th",
        (_, 1) => "st",
        (_, 2) => "nd",
        (_, 3) => "rd",
        _ => "th",
    };
    if suffix.eq_ignore_ascii_case(want) { Ok((after, n)) } else { fail(input) }
}

/// Whether an ordinal can begin so: digits ("6th"), an ordinal word, a figure in words
/// ("twenty-fifth", "one hundredth", "a hundredth") or "hundred" ("hundred and first").
/// Mirrors [`ordinal`]; its examples keep the two in step.
pub fn may_open_ordinal(opening: Opening) -> bool {
    match opening {
        Opening::Digit => true,
        Opening::Word(w) => w == "hundred" || opens_figure(w) || ordinal_word(w).is_some(),
        Opening::Symbol(_) | Opening::Other => false,
    }
}

/// Any ordinal.
pub fn ordinal(input: &str) -> Res<'_, u32> {
    let mut buf = [0; 24];
    if !may_open_ordinal(opening(input, &mut buf)) {
        return fail(input);
    }
    nom::branch::alt((ordinal_digits, ordinal_words)).parse(input)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Text, and the rank read from its start.
    const EXAMPLES: &[(&str, u32)] = &[
        ("first", 1),
        ("Second", 2),
        ("third", 3),
        ("sixth meeting", 6),
        ("ninth", 9),
        ("twelfth", 12),
        ("nineteenth", 19),
        ("twentieth", 20),
        ("twenty-first", 21),
        ("twenty-fifth", 25),
        ("twenty fifth", 25),
        ("twenty\u{2013}fifth", 25),
        ("twenty\u{2014}fifth", 25),
        ("thirty-third", 33),
        ("ninety-ninth", 99),
        ("hundredth", 100),
        ("one hundredth", 100),
        ("one hundred and first", 101),
        ("one hundred first", 101),
        ("hundred and first", 101),
        ("1st", 1),
        ("2nd", 2),
        ("3rd", 3),
        ("4th", 4),
        ("11th", 11),
        ("12th", 12),
        ("13th", 13),
        ("21st", 21),
        ("22nd", 22),
        ("103rd", 103),
        ("111th", 111),
        ("2ND", 2),
    ];

    /// Text that starts like an ordinal but is none.
    const NEAR_MISSES: &[&str] =
        &["1th", "2st", "3nd", "11st", "22th", "firstly", "secondary", "thirds", "twenty", "fifths", "4thly"];

    #[test]
    fn examples() {
        for (text, want) in EXAMPLES {
            assert_eq!(ordinal(text).map(|(_, n)| n), Ok(*want), "{text}");
        }
    }

    #[test]
    fn near_misses() {
        for text in NEAR_MISSES {
            assert!(ordinal(text).is_err(), "{text} gave {:?}", ordinal(text));
        }
    }
}
