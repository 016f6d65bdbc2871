//! Hedge words around a figure: "over", "more than", "almost", "about", "up to", "as
//! long as", "exactly", and the trailing "or so", "or more", "or less".

use super::lex::{Res, fail, one_of, sp};
use crate::rule::vocab::Fnv;
use crate::value::Hedge;
use nom::Parser;
use std::collections::HashSet;
use std::hash::BuildHasherDefault;
use std::sync::LazyLock;

/// Prefix hedges, longest phrase first within each group so "no less than" is not read
/// as "no" plus "less than".
const PREFIXES: &[(&str, Hedge)] = &[
    ("no less than", Hedge::AtLeast),
    ("not less than", Hedge::AtLeast),
    ("no fewer than", Hedge::AtLeast),
    ("not fewer than", Hedge::AtLeast),
    ("a minimum of", Hedge::AtLeast),
    ("at least", Hedge::AtLeast),
    ("no more than", Hedge::UpTo),
    ("not more than", Hedge::UpTo),
    ("a maximum of", Hedge::UpTo),
    ("as long as", Hedge::UpTo),
    ("as many as", Hedge::UpTo),
    ("as much as", Hedge::UpTo),
    ("as high as", Hedge::UpTo),
    ("at most", Hedge::UpTo),
    ("up to", Hedge::UpTo),
    ("more than", Hedge::Over),
    ("greater than", Hedge::Over),
    ("in excess of", Hedge::Over),
    ("upwards of", Hedge::Over),
    ("well over", Hedge::Over),
    ("just over", Hedge::Over),
    ("a little over", Hedge::Over),
    ("slightly over", Hedge::Over),
    ("over", Hedge::Over),
    ("exceeding", Hedge::Over),
    ("just under", Hedge::Almost),
    ("just shy of", Hedge::Almost),
    ("just short of", Hedge::Almost),
    ("a little under", Hedge::Almost),
    ("slightly under", Hedge::Almost),
    ("close to", Hedge::Almost),
    ("nearly", Hedge::Almost),
    ("almost", Hedge::Almost),
    ("approaching", Hedge::Almost),
    ("approaches", Hedge::Almost),
    ("nearing", Hedge::Almost),
    ("not quite", Hedge::Almost),
    ("less than", Hedge::Under),
    ("fewer than", Hedge::Under),
    ("under", Hedge::Under),
    ("below", Hedge::Under),
    ("approximately", Hedge::About),
    ("approx.", Hedge::About),
    ("roughly", Hedge::About),
    ("around", Hedge::About),
    ("about", Hedge::About),
    ("some", Hedge::About),
    ("perhaps", Hedge::About),
    ("maybe", Hedge::About),
    ("possibly", Hedge::About),
    ("circa", Hedge::About),
    ("an estimated", Hedge::About),
    ("estimated", Hedge::About),
    ("exactly", Hedge::Exactly),
    ("precisely", Hedge::Exactly),
    ("a full", Hedge::Exactly),
    ("fully", Hedge::Exactly),
];

/// Trailing hedges: "five hours or so", "20 points or more".
const SUFFIXES: &[(&str, Hedge)] = &[
    ("or so", Hedge::About),
    ("or more", Hedge::AtLeast),
    ("or longer", Hedge::AtLeast),
    ("or less", Hedge::UpTo),
    ("or fewer", Hedge::UpTo),
    ("or shorter", Hedge::UpTo),
    ("plus", Hedge::AtLeast),
];

fn lookup<'a>(table: &'static [(&'static str, Hedge)], input: &'a str) -> Res<'a, Hedge> {
    // Most words start no hedge: compare first words before whole phrases.
    let first_len = input.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(input.len());
    let Some(first) = input.get(..first_len).filter(|w| !w.is_empty()) else { return fail(input) };
    let mut buf = [0; 24];
    if !super::lex::lower(first, &mut buf).is_some_and(opens_hedge) {
        return fail(input);
    }
    for (phrase, hedge) in table {
        if phrase.as_bytes().first().map(u8::to_ascii_lowercase) != first.as_bytes().first().map(u8::to_ascii_lowercase)
        {
            continue;
        }
        let phrase_first = phrase.split([' ', '.']).next().unwrap_or(phrase);
        if !phrase_first.eq_ignore_ascii_case(first) {
            continue;
        }
        // "approx." ends in a dot, which is no word character; match it literally.
        let matched = if phrase.ends_with('.') {
            nom::bytes::complete::tag_no_case::<_, _, nom::error::Error<&str>>(*phrase).parse(input).ok()
        } else {
            one_of(std::slice::from_ref(phrase))(input).ok()
        };
        if let Some((rest, _)) = matched {
            return Ok((rest, *hedge));
        }
    }
    fail(input)
}

/// The first words of the hedge phrases (prefixes and suffixes).
pub const HEDGE_OPENERS: &[&str] = &[
    "no",
    "not",
    "a",
    "at",
    "as",
    "up",
    "more",
    "greater",
    "in",
    "upwards",
    "well",
    "just",
    "slightly",
    "over",
    "exceeding",
    "close",
    "nearly",
    "almost",
    "approaching",
    "approaches",
    "nearing",
    "less",
    "fewer",
    "under",
    "below",
    "approximately",
    "approx",
    "roughly",
    "around",
    "about",
    "some",
    "perhaps",
    "maybe",
    "possibly",
    "circa",
    "an",
    "estimated",
    "exactly",
    "precisely",
    "fully",
    "or",
    "plus",
];

/// Whether a lower-case word is the first word of some hedge phrase; checked before the
/// tables are searched, since most words open none.
pub fn opens_hedge(w: &str) -> bool {
    static OPENERS: LazyLock<HashSet<&str, BuildHasherDefault<Fnv>>> =
        LazyLock::new(|| HEDGE_OPENERS.iter().copied().collect());
    OPENERS.contains(w)
}

/// A hedge before a figure, with the space after it: "more than ", "as long as ".
pub fn prefix(input: &str) -> Res<'_, Hedge> {
    let (rest, hedge) = lookup(PREFIXES, input)?;
    let (rest, _) = sp(rest)?;
    Ok((rest, hedge))
}

/// A hedge after a figure, with the space before it: " or so", " or more".
pub fn suffix(input: &str) -> Res<'_, Hedge> {
    let (rest, _) = sp(input)?;
    lookup(SUFFIXES, rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Hedge phrases and the group each belongs to.
    const EXAMPLES: &[(&str, Hedge)] = &[
        ("over 5", Hedge::Over),
        ("more than 5", Hedge::Over),
        ("well over 5", Hedge::Over),
        ("in excess of 5", Hedge::Over),
        ("at least 5", Hedge::AtLeast),
        ("no less than 5", Hedge::AtLeast),
        ("almost 5", Hedge::Almost),
        ("Nearly 5", Hedge::Almost),
        ("close to 5", Hedge::Almost),
        ("just under 5", Hedge::Almost),
        ("less than 5", Hedge::Under),
        ("about 5", Hedge::About),
        ("around 5", Hedge::About),
        ("roughly 5", Hedge::About),
        ("some 5", Hedge::About),
        ("approximately 5", Hedge::About),
        ("up to 5", Hedge::UpTo),
        ("as long as 5", Hedge::UpTo),
        ("as many as 5", Hedge::UpTo),
        ("at most 5", Hedge::UpTo),
        ("exactly 5", Hedge::Exactly),
    ];

    /// Words that start like a hedge but are not one.
    const NEAR_MISSES: &[&str] = &["overall 5", "abouts 5", "upto5", "as long 5", "nearlyy 5", "more 5"];

    #[test]
    fn prefixes() {
        for (text, hedge) in EXAMPLES {
            assert_eq!(prefix(text), Ok(("5", *hedge)), "{text}");
        }
        for text in NEAR_MISSES {
            assert!(prefix(text).is_err(), "{text}");
        }
    }

    #[test]
    fn every_phrase_opens_with_a_listed_word() {
        for (phrase, _) in PREFIXES.iter().chain(SUFFIXES) {
            let first = phrase.split([' ', '.']).next().unwrap_or("");
            assert!(opens_hedge(first), "{phrase}: add {first:?} to opens_hedge");
        }
    }

    #[test]
    fn suffixes() {
        assert_eq!(suffix(" or so."), Ok((".", Hedge::About)));
        assert_eq!(suffix(" or more"), Ok(("", Hedge::AtLeast)));
        assert!(suffix(" or somebody").is_err());
    }
}
