//! Word-level building blocks shared by the value parsers: whole words matched without
//! regard to case, the spaces and dashes between them, and word boundaries.
//!
//! Every parser here takes `&str` and returns `IResult<&str, _>`; none of them slices
//! by index, so untrusted input can never split a character.

use nom::bytes::complete::take_while1;
use nom::error::{Error, ErrorKind};
use nom::{IResult, Parser};
use std::cell::{Cell, RefCell};
use std::thread::LocalKey;

/// Result of a value parser.
pub type Res<'a, T> = IResult<&'a str, T>;

/// A plain parse failure at `input`.
pub fn fail<T>(input: &str) -> Res<'_, T> {
    Err(nom::Err::Error(Error::new(input, ErrorKind::Verify)))
}

/// Whether `rest` starts at a word boundary: at its end, or before a character that
/// cannot continue a word.
pub fn at_boundary(rest: &str) -> bool {
    !rest.chars().next().is_some_and(|c| c.is_alphanumeric() || c == '_')
}

/// One whole word, any case: `word("hour")` takes "Hour" in "Hour later" but not in
/// "Hourly". Keywords are ASCII, so the comparison is byte-wise.
pub fn word<'a>(w: &'static str) -> impl FnMut(&'a str) -> Res<'a, &'a str> {
    let first = w.as_bytes().first().copied();
    move |input: &'a str| {
        // Most calls fail on the first letter: settle those before slicing.
        if input.as_bytes().first().map(u8::to_ascii_lowercase) != first.map(|b| b.to_ascii_lowercase()) {
            return fail(input);
        }
        let n = w.len();
        match (input.get(..n), input.get(n..)) {
            (Some(head), Some(rest)) if head.eq_ignore_ascii_case(w) && at_boundary(rest) => Ok((rest, head)),
            _ => fail(input),
        }
    }
}

/// The first of `choices` that matches as a whole word; list longer phrases first.
pub fn one_of<'a>(choices: &'static [&'static str]) -> impl FnMut(&'a str) -> Res<'a, &'a str> {
    move |input: &'a str| {
        // A choice can only match where the input's first run of letters is as long as
        // the choice's own: that settles most choices without comparing letters.
        let letters_len = |s: &str| s.bytes().position(|b| !b.is_ascii_alphabetic()).unwrap_or(s.len());
        let first = input.as_bytes().first().map(u8::to_ascii_lowercase);
        let input_len = letters_len(input);
        for w in choices {
            if w.as_bytes().first().map(u8::to_ascii_lowercase) != first || letters_len(w) != input_len {
                continue;
            }
            if let Ok(ok) = word(w)(input) {
                return Ok(ok);
            }
        }
        fail(input)
    }
}

/// A run of letters (a word without digits), returned as written.
pub fn letters(input: &str) -> Res<'_, &str> {
    take_while1(|c: char| c.is_alphabetic())(input)
}

/// A run of ASCII digits.
pub fn digits(input: &str) -> Res<'_, &str> {
    take_while1(|c: char| c.is_ascii_digit())(input)
}

fn is_blank(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{a0}' | '\u{2009}' | '\u{202f}')
}

/// Space between two words of one phrase: blanks with at most one line break, so a
/// phrase may wrap but never runs across a blank line.
pub fn sp(input: &str) -> Res<'_, &str> {
    let mut newlines = 0;
    let mut end = 0;
    for (i, c) in input.char_indices() {
        if is_blank(c) || c == '\r' {
            end = i + c.len_utf8();
        } else if c == '\n' && newlines == 0 {
            newlines += 1;
            end = i + 1;
        } else {
            break;
        }
    }
    if end == 0 {
        return fail(input);
    }
    match (input.get(end..), input.get(..end)) {
        (Some(rest), Some(taken)) => Ok((rest, taken)),
        _ => fail(input),
    }
}

/// Optional space: like [`sp`] but may take nothing.
pub fn sp0(input: &str) -> Res<'_, &str> {
    match sp(input) {
        Ok(ok) => Ok(ok),
        Err(_) => Ok((input, "")),
    }
}

/// A hyphen joining two parts of one word ("twenty-eight", "15-year"): hyphen-minus,
/// the Unicode hyphens, or an en or em dash used in its place.
pub fn hyphen(input: &str) -> Res<'_, char> {
    match input.chars().next() {
        Some(c @ ('-' | '\u{2010}' | '\u{2011}' | '\u{2013}' | '\u{2014}')) => {
            Ok((input.get(c.len_utf8()..).unwrap_or(""), c))
        }
        _ => fail(input),
    }
}

/// Separator inside a compound number word: a hyphen or dash, or a space
/// ("twenty-fifth", "twenty fifth", "twenty–fifth").
pub fn joiner(input: &str) -> Res<'_, ()> {
    if let Ok((rest, _)) = hyphen(input) {
        return Ok((rest, ()));
    }
    sp(input).map(|(rest, _)| (rest, ()))
}

/// The words of a range between two figures: "to", "-", "–", "or", "and" (after
/// "between"); returns what joined them.
pub fn range_joiner(input: &str) -> Res<'_, &str> {
    if let Ok((rest, c)) = (sp0, hyphen, sp0).parse(input) {
        let _ = c;
        return Ok((rest, "-"));
    }
    let (rest, (_, w, _)) = (sp, one_of(&["to", "or"]), sp).parse(input)?;
    Ok((rest, w))
}

/// How the text at a place begins, read once so that parsers can give up at once where
/// no value of theirs can start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Opening<'b> {
    /// An ASCII digit.
    Digit,
    /// A character that is neither a letter nor a digit: a sign, a currency symbol.
    Symbol(char),
    /// A run of ASCII letters, lower case.
    Word(&'b str),
    /// Anything else: letters outside ASCII, or a run too long to be a keyword.
    Other,
}

/// How `input` begins; `buf` holds the lower-case word.
pub fn opening<'b>(input: &'b str, buf: &'b mut [u8; 24]) -> Opening<'b> {
    let Some(c) = input.chars().next() else { return Opening::Other };
    if c.is_ascii_digit() {
        return Opening::Digit;
    }
    if !c.is_alphabetic() {
        return Opening::Symbol(c);
    }
    let end = input.bytes().position(|b| !b.is_ascii_alphabetic()).unwrap_or(input.len());
    match input.get(..end).filter(|w| !w.is_empty()).and_then(|w| lower(w, buf)) {
        Some(w) => Opening::Word(w),
        None => Opening::Other,
    }
}

/// Lowercase an ASCII word into `buf`; `None` for words too long or not ASCII, which
/// no keyword table holds.
pub fn lower<'b>(w: &'b str, buf: &'b mut [u8; 24]) -> Option<&'b str> {
    let bytes = w.as_bytes();
    if bytes.len() > buf.len() || !w.is_ascii() {
        return None;
    }
    if !bytes.iter().any(u8::is_ascii_uppercase) {
        return Some(w);
    }
    let out = buf.get_mut(..bytes.len())?;
    for (o, b) in out.iter_mut().zip(bytes) {
        *o = b.to_ascii_lowercase();
    }
    std::str::from_utf8(out).ok()
}

/// `w` with its ASCII letters lower-cased: in `buf` when it fits, else in a new string.
pub fn ascii_lower<'b>(w: &'b str, buf: &'b mut [u8; 24]) -> std::borrow::Cow<'b, str> {
    match lower(w, buf) {
        Some(lowered) => std::borrow::Cow::Borrowed(lowered),
        None => std::borrow::Cow::Owned(w.to_ascii_lowercase()),
    }
}

/// Whether a word is written with a capital first letter ("May", "MAY"), as month and
/// day names must be where the same letters are also a common word.
pub fn capitalized(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

// ---- Answers remembered during a scan.
//
// The scanner tries several readings at each place a value may start (a date, a
// duration, a figure, an ordinal), and each of them reads the figure there again. While
// a scan runs, the few parsers that every reading shares remember their last answers,
// keyed by where in the scanned text they were tried. Only inputs that run to the end
// of that text count as places of it, and every scan starts a new generation, so an
// answer never outlives the text it was read from.

/// How many places each parser remembers.
const MEMO_SLOTS: usize = 4;

thread_local! {
    /// The scanned text's first and past-the-end addresses and the scan's generation
    /// (0 while no scan runs).
    static SCANNED: Cell<(usize, usize, u64)> = const { Cell::new((0, 0, 0)) };
    static GENERATIONS: Cell<u64> = const { Cell::new(0) };
}

/// While alive, parsers that remember their answers do so for places of one text.
pub struct MemoScope {
    previous: (usize, usize, u64),
}

/// Start remembering answers for places of `text`, until the scope is dropped.
pub fn memo_scope(text: &str) -> MemoScope {
    let generation = GENERATIONS.with(|g| {
        g.set(g.get() + 1);
        g.get()
    });
    let start = text.as_ptr() as usize;
    let previous = SCANNED.with(|s| s.replace((start, start + text.len(), generation)));
    MemoScope { previous }
}

impl Drop for MemoScope {
    fn drop(&mut self) {
        SCANNED.with(|s| s.set(self.previous));
    }
}

/// Generation, place, and what was read there: the rest's length and the value.
type Answer<T> = (u64, usize, Option<(usize, T)>);

/// One parser's last answers: generation, place, and the length of the rest with the
/// value read (or `None` for a failure).
pub struct Memo<T: Copy> {
    slots: [Option<Answer<T>>; MEMO_SLOTS],
    next: usize,
}

impl<T: Copy> Memo<T> {
    pub const fn new() -> Self {
        Memo { slots: [None; MEMO_SLOTS], next: 0 }
    }
}

impl<T: Copy> Default for Memo<T> {
    fn default() -> Self {
        Self::new()
    }
}

/// `parse(input)`, or its remembered answer when a scan already tried it at this place.
pub fn remembered<'a, T: Copy + 'static>(
    memo: &'static LocalKey<RefCell<Memo<T>>>,
    input: &'a str,
    parse: impl FnOnce(&'a str) -> Res<'a, T>,
) -> Res<'a, T> {
    let (start, end, generation) = SCANNED.with(Cell::get);
    let at = input.as_ptr() as usize;
    if generation == 0 || at < start || at + input.len() != end {
        return parse(input);
    }
    let hit = memo.with_borrow(|m| {
        m.slots.iter().flatten().find(|(g, place, _)| *g == generation && *place == at).map(|(_, _, answer)| *answer)
    });
    if let Some(answer) = hit {
        return match answer
            .and_then(|(rest_len, value)| Some((input.get(input.len().checked_sub(rest_len)?..)?, value)))
        {
            Some(ok) => Ok(ok),
            None => fail(input),
        };
    }
    let result = parse(input);
    let answer = result.as_ref().ok().map(|(rest, value)| (rest.len(), *value));
    memo.with_borrow_mut(|m| {
        let i = m.next;
        m.slots[i] = Some((generation, at, answer));
        m.next = (i + 1) % MEMO_SLOTS;
    });
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_respect_boundaries_and_case() {
        assert_eq!(word("hour")("Hours"), Err(nom::Err::Error(Error::new("Hours", ErrorKind::Verify))));
        assert_eq!(word("hour")("HOUR later"), Ok((" later", "HOUR")));
        assert_eq!(one_of(&["more than", "more"])("more than 5"), Ok((" 5", "more than")));
    }

    #[test]
    fn space_may_wrap_once() {
        assert_eq!(sp(" \nfive"), Ok(("five", " \n")));
        assert_eq!(sp("\n\nfive"), Ok(("\nfive", "\n")));
        assert!(sp("five").is_err());
    }

    #[test]
    fn hyphens_and_dashes_join() {
        for s in ["-x", "\u{2010}x", "\u{2013}x", "\u{2014}x"] {
            assert_eq!(hyphen(s).map(|(r, _)| r), Ok("x"), "{s}");
        }
        assert!(hyphen("x").is_err());
    }

    #[test]
    fn range_joiners() {
        assert_eq!(range_joiner(" to 50"), Ok(("50", "to")));
        assert_eq!(range_joiner("-50"), Ok(("50", "-")));
        assert_eq!(range_joiner(" \u{2013} 50"), Ok(("50", "-")));
        assert!(range_joiner(" top 50").is_err());
    }

    /// A parser that counts its calls, to see when an answer is remembered.
    fn counted(calls: &Cell<usize>) -> impl Fn(&str) -> Res<'_, usize> + '_ {
        move |input: &str| {
            calls.set(calls.get() + 1);
            let (rest, d) = digits(input)?;
            Ok((rest, d.len()))
        }
    }

    thread_local!(static TEST_MEMO: RefCell<Memo<usize>> = const { RefCell::new(Memo::new()) });

    #[test]
    fn answers_are_remembered_only_within_one_scan_of_one_text() {
        let calls = Cell::new(0);
        let text = String::from("28 points");
        // Outside a scan nothing is remembered.
        assert_eq!(remembered(&TEST_MEMO, &text, counted(&calls)), Ok((" points", 2)));
        assert_eq!(remembered(&TEST_MEMO, &text, counted(&calls)), Ok((" points", 2)));
        assert_eq!(calls.get(), 2);
        {
            let _scope = memo_scope(&text);
            assert_eq!(remembered(&TEST_MEMO, &text, counted(&calls)), Ok((" points", 2)));
            assert_eq!(remembered(&TEST_MEMO, &text, counted(&calls)), Ok((" points", 2)));
            assert_eq!(calls.get(), 3, "the second reading at the same place is remembered");
            // A failure is remembered as a failure, at its own place.
            let rest = &text[2..];
            assert!(remembered(&TEST_MEMO, rest, counted(&calls)).is_err());
            assert!(remembered(&TEST_MEMO, rest, counted(&calls)).is_err());
            assert_eq!(calls.get(), 4);
            // A slice that stops short of the text's end is not a place of it.
            assert_eq!(remembered(&TEST_MEMO, &text[..1], counted(&calls)), Ok(("", 1)));
            assert_eq!(calls.get(), 5);
        }
        // A new scan, even of a text at the same address, starts afresh.
        let mut reused = text;
        reused.replace_range(..2, "7,");
        let _scope = memo_scope(&reused);
        assert_eq!(remembered(&TEST_MEMO, &reused, counted(&calls)), Ok((", points", 1)));
        assert_eq!(calls.get(), 6);
    }

    #[test]
    fn openings() {
        let mut buf = [0; 24];
        assert_eq!(opening("28 points", &mut buf), Opening::Digit);
        assert_eq!(opening("$5", &mut buf), Opening::Symbol('$'));
        assert_eq!(opening("\u{2212}5", &mut buf), Opening::Symbol('\u{2212}'));
        assert_eq!(opening("Twenty-eight", &mut buf), Opening::Word("twenty"));
        assert_eq!(opening("Élysée", &mut buf), Opening::Other);
        assert_eq!(opening("", &mut buf), Opening::Other);
        assert_eq!(opening(&"a".repeat(30), &mut buf), Opening::Other);
    }

    #[test]
    fn keyword_lists_match_whole_words_only() {
        let mut months = one_of(&["may", "march", "mid"]);
        assert_eq!(months("March 3"), Ok((" 3", "March")));
        assert_eq!(months("mid-December"), Ok(("-December", "mid")));
        assert!(months("marching").is_err());
        assert!(months("Mayor").is_err());
        let mut phrases = one_of(&["the day before yesterday", "today"]);
        assert_eq!(phrases("the day before yesterday,"), Ok((",", "the day before yesterday")));
        assert!(phrases("the day before").is_err());
    }

    #[test]
    fn lowercasing_is_bounded() {
        let mut buf = [0; 24];
        assert_eq!(lower("December", &mut buf), Some("december"));
        assert_eq!(lower("Zelenskyy-and-a-very-long-word", &mut buf), None);
        assert_eq!(lower("café", &mut buf), None);
    }
}
