//! The pattern language of rules, parsed with nom, and its matcher over tokens.
//!
//! A pattern is the shape of a claim around exactly one typed value:
//! `{number}-point (plan|proposal)`, `(plan|proposal) ..3 {number} points`,
//! `[the] {ordinal} (meeting|visit) with {person}`, `meet* in {place} {date}`.
//!
//! | syntax | matches |
//! |---|---|
//! | `plan`, `Zelensky's` | one word token, any case; `’` and `'` are one letter |
//! | `meet*` | a word token starting with `meet` |
//! | `-` `%` `,` `.` `'` `:` `$` `"` | that punctuation token; `-` takes any hyphen or dash, `"` any double quotation mark |
//! | `(a \| b c)` | the first alternative that lets the rest match |
//! | `[the]` | the part if the rest still matches with it, else nothing |
//! | `{number}` `{percent}` `{ordinal}` `{duration}` `{date}` | one value token of that kind |
//! | `{~number}` (`~` before any value slot's name) | a value token of that kind that the match looks at but does not take: the other figure of "voted {number} to {~number}" |
//! | `{person}` `{place}` | one entity mention of that kind |
//! | `..3` | up to 3 tokens, fewest first; punctuation is free, clause breaks stop it |
//!
//! A pattern holds exactly one value slot, outside any group or optional part, so every
//! match yields one value; `{~...}` values are only looked at, and may stand anywhere.
//! Parsing never panics; a malformed pattern is a [`PatternError`] pointing at the byte
//! where it went wrong.

use super::vocab::{Cue, UNKNOWN_WORD, Vocab, WordId, WordSet};
use nom::branch::alt;
use nom::bytes::complete::{tag, take_while, take_while1};
use nom::character::complete::satisfy;
use nom::combinator::opt;
use nom::error::{ErrorKind, ParseError};
use nom::{IResult, Parser};
use std::fmt;

/// Deepest nesting of groups and optional parts; deeper is an error, not a stack
/// overflow.
pub const MAX_DEPTH: usize = 32;
/// Most elements one pattern holds, nested ones included (a lexicon word list expands
/// to hundreds); bounds the matcher's recursion.
pub const MAX_ELEMENTS: usize = 2048;
/// Alternatives from which a group is indexed by what can start it.
const INDEXED_GROUP: usize = 8;
/// Matching steps tried from one start position before giving up on it, so that
/// patterns full of gaps and alternatives stay linear in the text.
pub const STEP_BUDGET: u32 = 10_000;

/// What a `{...}` slot takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SlotKind {
    /// `{number}`: a cardinal figure.
    Number,
    /// `{percent}`: a percentage.
    Percent,
    /// `{ordinal}`: "sixth", "6th".
    Ordinal,
    /// `{duration}`: "five hours".
    Duration,
    /// `{date}`: "December 2", "on Sunday".
    Date,
    /// `{person}`: a person mention.
    Person,
    /// `{place}`: a place mention.
    Place,
}

const SLOTS: &[(&str, SlotKind)] = &[
    ("number", SlotKind::Number),
    ("percent", SlotKind::Percent),
    ("ordinal", SlotKind::Ordinal),
    ("duration", SlotKind::Duration),
    ("date", SlotKind::Date),
    ("person", SlotKind::Person),
    ("place", SlotKind::Place),
];

const VALUE_SLOTS: &str = "{number}, {percent}, {ordinal}, {duration} or {date}";

impl SlotKind {
    /// The slot's name as written between braces.
    pub fn name(self) -> &'static str {
        SLOTS.iter().find(|(_, k)| *k == self).map_or("?", |(n, _)| n)
    }

    /// The value kind this slot takes, `None` for entity slots.
    pub fn value_kind(self) -> Option<ValueKind> {
        Some(match self {
            SlotKind::Number => ValueKind::Number,
            SlotKind::Percent => ValueKind::Percent,
            SlotKind::Ordinal => ValueKind::Ordinal,
            SlotKind::Duration => ValueKind::Duration,
            SlotKind::Date => ValueKind::Date,
            SlotKind::Person | SlotKind::Place => return None,
        })
    }

    /// The entity kind this slot takes, `None` for value slots.
    pub fn entity_kind(self) -> Option<EntityKind> {
        match self {
            SlotKind::Person => Some(EntityKind::Person),
            SlotKind::Place => Some(EntityKind::Place),
            _ => None,
        }
    }
}

/// One element of a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Element {
    /// A literal word, lowercased, `’` folded to `'`; `prefix` if written `word*`.
    Word {
        /// The word as matched.
        text: String,
        /// Whether any word starting with `text` matches.
        prefix: bool,
        /// The word's (or beginning's) number in the rule set's [`Vocab`];
        /// [`UNKNOWN_WORD`] until [`Pattern::intern`] gives it one.
        id: WordId,
    },
    /// A punctuation literal; every hyphen and dash is stored as `-`.
    Punct(char),
    /// A typed slot.
    Slot(SlotKind),
    /// `{~number}`: a value of this kind that the match looks at but does not take.
    Other(ValueKind),
    /// `..N`: skip up to N tokens.
    Gap(u8),
    /// `(a|b c)`: alternatives, tried in order.
    Group(Vec<Vec<Element>>),
    /// A long group (a lexicon's word list) once interned, with what can start it, so a
    /// token none of its alternatives can start is ruled out by one look.
    Indexed(Vec<Vec<Element>>, Box<First>),
    /// `[...]`: an optional sequence, tried first with, then without.
    Optional(Vec<Element>),
}

/// A parsed pattern with its source text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    /// The pattern as written in the rule file.
    pub source: String,
    /// Its elements, in order.
    pub elements: Vec<Element>,
    /// What the first token of a match can be.
    pub first: First,
    /// Words of which every match holds one (`(word, is_prefix)`), taken from a required
    /// element; a sentence holding none of them is passed over whole.
    pub anchor: Option<Vec<Cue>>,
    /// The kind of value its value slot takes.
    value: Option<ValueKind>,
    /// How far before its value slot a match can start: see [`Lead`].
    lead: Lead,
}

/// The most tokens other than punctuation that a match can hold before its value slot:
/// `words`, plus `mentions` times the longest entity mention of the sentence. A match
/// holds its value slot, so it can only start this near a value of the slot's kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Lead {
    words: usize,
    mentions: usize,
}

impl Lead {
    fn then(self, other: Lead) -> Lead {
        Lead { words: self.words + other.words, mentions: self.mentions + other.mentions }
    }

    fn or(self, other: Lead) -> Lead {
        Lead { words: self.words.max(other.words), mentions: self.mentions.max(other.mentions) }
    }

    /// The widest `elements` can be.
    fn of_sequence(elements: &[Element]) -> Lead {
        elements.iter().map(Lead::of).fold(Lead::default(), Lead::then)
    }

    fn of(element: &Element) -> Lead {
        match element {
            Element::Punct(_) => Lead::default(),
            Element::Word { .. } | Element::Other(_) => Lead { words: 1, mentions: 0 },
            Element::Slot(slot) if slot.value_kind().is_some() => Lead { words: 1, mentions: 0 },
            Element::Slot(_) => Lead { words: 0, mentions: 1 },
            Element::Gap(n) => Lead { words: usize::from(*n), mentions: 0 },
            Element::Group(alternatives) | Element::Indexed(alternatives, _) => {
                alternatives.iter().map(|a| Lead::of_sequence(a)).fold(Lead::default(), Lead::or)
            }
            Element::Optional(part) => Lead::of_sequence(part),
        }
    }

    /// The elements before the value slot, at most.
    fn before_value(elements: &[Element]) -> Lead {
        let slot = elements.iter().position(|e| matches!(e, Element::Slot(s) if s.value_kind().is_some()));
        Lead::of_sequence(&elements[..slot.unwrap_or(elements.len())])
    }
}

/// The kind of value the first value slot among `elements` takes.
fn value_kind_of(elements: &[Element]) -> Option<ValueKind> {
    elements.iter().find_map(|e| match e {
        Element::Slot(slot) => slot.value_kind(),
        _ => None,
    })
}

/// The most selective required element on the main path: a word, or a group of single
/// words.
fn anchor_of(elements: &[Element]) -> Option<Vec<Cue>> {
    let cue = |text: &String, prefix: bool, id: WordId| Cue { text: text.clone(), prefix, id };
    elements
        .iter()
        .filter_map(|e| match e {
            Element::Word { text, prefix, id } => Some(vec![cue(text, *prefix, *id)]),
            Element::Group(alternatives) | Element::Indexed(alternatives, _) => alternatives
                .iter()
                .map(|alt| match alt.as_slice() {
                    [Element::Word { text, prefix, id }, ..] => Some(cue(text, *prefix, *id)),
                    _ => None,
                })
                .collect(),
            _ => None,
        })
        .min_by_key(Vec::len)
}

/// Why a pattern did not parse, and where.
///
/// `offset` is the byte in the pattern source where the problem shows (the unexpected
/// character, or the end of the pattern). Errors about an unclosed bracket also carry
/// `opened_at`, the byte offset of the opening bracket; [`PatternError::render`] turns
/// both into one message with positions of the caller's choosing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    /// Byte offset into the pattern source where the problem is.
    pub offset: usize,
    /// What was expected, without positions: "expected ')' to close the group".
    pub message: String,
    /// Byte offset of the bracket left open, for "expected ')' to close ..." errors.
    pub opened_at: Option<usize>,
}

impl PatternError {
    /// The message with the opening bracket's position appended as `to_position` shows
    /// it: with `|o| format!("12:{}", o + 3)`, "expected ')' to close the group opened
    /// at 12:3". The error's own `offset` is left for the caller to put in front.
    pub fn render(&self, to_position: impl Fn(usize) -> String) -> String {
        match self.opened_at {
            Some(open) => format!("{} opened at {}", self.message, to_position(open)),
            None => self.message.clone(),
        }
    }
}

impl fmt::Display for PatternError {
    /// "at byte 23: expected ')' to close the group opened at byte 9".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at byte {}: {}", self.offset, self.render(|o| format!("byte {o}")))
    }
}

impl std::error::Error for PatternError {}

/// The parser's error: where, what, and the bracket left open if any.
#[derive(Debug)]
struct Problem<'a> {
    at: &'a str,
    message: String,
    opened_at: Option<&'a str>,
}

impl<'a> ParseError<&'a str> for Problem<'a> {
    fn from_error_kind(at: &'a str, _: ErrorKind) -> Self {
        Problem { at, message: String::new(), opened_at: None }
    }

    fn append(_: &'a str, _: ErrorKind, other: Self) -> Self {
        other
    }
}

type PResult<'a, T> = IResult<&'a str, T, Problem<'a>>;

/// A hard error at `at`: no other reading of the pattern can fix it.
fn fault(at: &str, message: impl Into<String>) -> nom::Err<Problem<'_>> {
    nom::Err::Failure(Problem { at, message: message.into(), opened_at: None })
}

fn problem<'a, T>(at: &'a str, message: impl Into<String>) -> PResult<'a, T> {
    Err(fault(at, message))
}

fn unclosed<'a, T>(at: &'a str, opened: &'a str, message: &str) -> PResult<'a, T> {
    Err(nom::Err::Failure(Problem { at, message: message.into(), opened_at: Some(opened) }))
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_apostrophe(c)
}

/// Lowercase, with `’` as `'`: how pattern words and word tokens are compared.
fn fold_word(c: char) -> impl Iterator<Item = char> {
    c.to_lowercase().map(|c| if c == '’' { '\'' } else { c })
}

/// The pattern literal a punctuation character stands for, if any.
fn fold_punct(c: char) -> Option<char> {
    match c {
        '-' | '\u{2010}' | '\u{2011}' | '\u{2013}' | '\u{2014}' => Some('-'),
        '\'' | '’' => Some('\''),
        '%' | ',' | '.' | ':' | '$' => Some(c),
        '"' | '\u{201c}' | '\u{201d}' => Some('"'),
        _ => None,
    }
}

fn space(input: &str) -> PResult<'_, &str> {
    take_while(char::is_whitespace).parse(input)
}

/// A literal word, `*` for a prefix: `plan`, `meet*`, `Zelensky's`, `2025`.
fn word(input: &str) -> PResult<'_, Element> {
    let (rest, (text, star)) = (take_while1(is_word_char), opt(tag("*"))).parse(input)?;
    if !text.chars().any(char::is_alphanumeric) {
        // A lone apostrophe is punctuation.
        return Err(nom::Err::Error(Problem::from_error_kind(input, ErrorKind::Verify)));
    }
    let text = text.chars().flat_map(fold_word).collect();
    Ok((rest, Element::Word { text, prefix: star.is_some(), id: UNKNOWN_WORD }))
}

/// One punctuation literal: `-` (or a dash), `%`, `,`, `.`, `'`, `:`, `$`, `"` (or a
/// curly quotation mark).
fn punct(input: &str) -> PResult<'_, Element> {
    let (rest, c) = satisfy(|c| fold_punct(c).is_some()).parse(input)?;
    Ok((rest, Element::Punct(fold_punct(c).unwrap_or(c))))
}

/// A typed slot: `{number}`, `{person}`; or a value only looked at: `{~number}`.
fn slot(input: &str) -> PResult<'_, Element> {
    let (inside, _) = tag("{").parse(input)?;
    let (inside, looked_at) = match inside.strip_prefix('~') {
        Some(after) => (after, true),
        None => (inside, false),
    };
    let Ok((rest, name)) = take_while1::<_, _, Problem>(char::is_alphabetic).parse(inside) else {
        return problem(inside, "expected a slot name after '{'");
    };
    let Some(&(_, kind)) = SLOTS.iter().find(|(n, _)| *n == name) else {
        let known: Vec<String> = SLOTS.iter().map(|(n, _)| format!("{{{n}}}")).collect();
        return problem(inside, format!("unknown slot {{{name}}}; known slots: {}", known.join(", ")));
    };
    let (rest, _) = match tag::<_, _, Problem>("}").parse(rest) {
        Ok(closed) => closed,
        Err(_) => return unclosed(rest, input, "expected '}' to close the slot"),
    };
    match (looked_at, kind.value_kind()) {
        (false, _) => Ok((rest, Element::Slot(kind))),
        (true, Some(value)) => Ok((rest, Element::Other(value))),
        (true, None) => problem(
            inside,
            format!("'~' marks a value looked at but not taken, as in {{~number}}; {{{name}}} is no value"),
        ),
    }
}

/// A bounded gap: `..1` to `..9`.
fn gap(input: &str) -> PResult<'_, Element> {
    let (after_dots, _) = tag("..").parse(input)?;
    let (rest, digit) = opt(satisfy(|c| c.is_ascii_digit())).parse(after_dots)?;
    let n = match digit.and_then(|d| d.to_digit(10)) {
        None => return problem(after_dots, "expected a digit 1-9 after '..'"),
        Some(0) => return problem(after_dots, "a gap spans 1 to 9 tokens, not 0"),
        Some(n) => n,
    };
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        return problem(after_dots, "a gap spans at most 9 tokens");
    }
    Ok((rest, Element::Gap(n as u8)))
}

fn nested<'a>(input: &'a str, depth: usize, open: &'static str) -> PResult<'a, &'a str> {
    let (inside, _) = tag(open).parse(input)?;
    if depth >= MAX_DEPTH {
        return problem(input, format!("brackets nest deeper than {MAX_DEPTH} levels"));
    }
    Ok((inside, input))
}

/// Alternatives between `open` and `close`, separated by `|`, each a non-empty
/// sequence off the main path; `what` names the bracket in messages ("group").
fn alternatives<'a>(
    input: &'a str,
    depth: usize,
    (open, close): (&'static str, char),
    what: &str,
) -> PResult<'a, Vec<Vec<Element>>> {
    let (mut rest, opened) = nested(input, depth, open)?;
    let mut found = Vec::new();
    loop {
        let (after, seq) = spanned_sequence(rest, depth + 1)?;
        let closer = after.chars().next().filter(|c| *c == '|' || *c == close);
        let Some(closer) = closer else {
            return unclosed(after, opened, &format!("expected '{close}' to close the {what}"));
        };
        if seq.is_empty() {
            let whole = found.is_empty() && closer == close;
            return problem(after, if whole { format!("empty {what}") } else { "empty alternative".to_string() });
        }
        found.push(seq);
        rest = after.get(1..).unwrap_or("");
        if closer == close {
            let found = found.into_iter().map(off_main_path).collect::<Result<_, _>>()?;
            return Ok((rest, found));
        }
    }
}

/// Alternatives in parentheses: `(plan|proposal|peace plan)`.
fn group(input: &str, depth: usize) -> PResult<'_, Element> {
    let (rest, found) = alternatives(input, depth, ("(", ')'), "group")?;
    Ok((rest, Element::Group(found)))
}

/// An optional part in brackets: `[the]`, `[for about]`, `[a|an|the]` (alternatives,
/// of which at most one is taken).
fn optional(input: &str, depth: usize) -> PResult<'_, Element> {
    let (rest, mut found) = alternatives(input, depth, ("[", ']'), "optional part")?;
    let part = if found.len() == 1 { found.pop().unwrap_or_default() } else { vec![Element::Group(found)] };
    Ok((rest, Element::Optional(part)))
}

/// One element at `depth` brackets deep.
fn element(input: &str, depth: usize) -> PResult<'_, Element> {
    alt((gap, slot, word, punct, |i| group(i, depth), |i| optional(i, depth))).parse(input)
}

/// Elements up to the end or a closing `)`, `]`, `|` or `}` (the caller's to judge),
/// each with the input it started at.
fn spanned_sequence(mut input: &str, depth: usize) -> PResult<'_, Vec<(&str, Element)>> {
    let mut out = Vec::new();
    loop {
        input = space(input)?.0;
        match element(input, depth) {
            Ok((rest, el)) => {
                out.push((input, el));
                input = rest;
            }
            Err(nom::Err::Error(_)) => {
                return match input.chars().next() {
                    None | Some(')' | ']' | '|' | '}') => Ok((input, out)),
                    Some('*') => problem(input, "'*' must follow a word, as in meet*"),
                    Some(c) => problem(
                        input,
                        format!(
                            "unexpected {c:?}; a pattern holds words, {{slots}}, (a|b) groups, \
                             [optional] parts, ..N gaps and the punctuation - % , . ' : $"
                        ),
                    ),
                };
            }
            Err(e) => return Err(e),
        }
    }
}

fn is_value_slot(el: &Element) -> bool {
    matches!(el, Element::Slot(k) if k.value_kind().is_some())
}

/// The elements of a closed group or optional part, which may hold no value slot: the
/// value must be there in every match. Checked once the brackets close, so that an
/// unclosed bracket is reported first.
fn off_main_path(seq: Vec<(&str, Element)>) -> Result<Vec<Element>, nom::Err<Problem<'_>>> {
    match seq.iter().find(|(_, el)| is_value_slot(el)) {
        Some((at, _)) => Err(fault(at, "a value slot must be on the pattern's main path, not inside (...) or [...]")),
        None => Ok(seq.into_iter().map(|(_, el)| el).collect()),
    }
}

fn count(elements: &[Element]) -> usize {
    elements
        .iter()
        .map(|el| match el {
            Element::Group(alts) | Element::Indexed(alts, _) => 1 + alts.iter().map(|a| count(a)).sum::<usize>(),
            Element::Optional(part) => 1 + count(part),
            _ => 1,
        })
        .sum()
}

/// A whole pattern: elements to the end, one value slot on the main path, no gap at
/// either end (it would only stretch the match).
fn pattern(input: &str) -> PResult<'_, Vec<Element>> {
    let (rest, seq) = spanned_sequence(input, 0)?;
    match rest.chars().next() {
        Some(')') => return problem(rest, "unexpected ')': no group is open"),
        Some(']') => return problem(rest, "unexpected ']': no optional part is open"),
        Some('}') => return problem(rest, "unexpected '}': no slot is open"),
        Some('|') => return problem(rest, "unexpected '|' outside a group; alternatives go in (a|b)"),
        _ => {}
    }
    let (Some(first), Some(last)) = (seq.first(), seq.last()) else { return problem(input, "empty pattern") };
    if let (at, Element::Gap(_)) = first {
        return problem(at, "a gap must sit between two elements, not at the start of the pattern");
    }
    if let (at, Element::Gap(_)) = last {
        return problem(at, "a gap must sit between two elements, not at the end of the pattern");
    }
    let value_slots: Vec<&str> = seq.iter().filter(|(_, el)| is_value_slot(el)).map(|(at, _)| *at).collect();
    match value_slots.as_slice() {
        [] => return problem(input, format!("a pattern needs exactly one value slot ({VALUE_SLOTS}), found none")),
        [_] => {}
        [_, second, ..] => {
            return problem(
                second,
                format!("a pattern needs exactly one value slot ({VALUE_SLOTS}), found a second one"),
            );
        }
    }
    let elements: Vec<Element> = seq.into_iter().map(|(_, el)| el).collect();
    if count(&elements) > MAX_ELEMENTS {
        return problem(input, format!("a pattern holds at most {MAX_ELEMENTS} elements"));
    }
    Ok((rest, elements))
}

/// Parse a rule pattern; see the module docs for the syntax.
pub fn parse_pattern(source: &str) -> Result<Pattern, PatternError> {
    let offset = |at: &str| source.len().saturating_sub(at.len());
    match pattern(source) {
        Ok((_, elements)) => {
            let first = First::of(&elements, false);
            let anchor = anchor_of(&elements);
            let value = value_kind_of(&elements);
            let lead = Lead::before_value(&elements);
            Ok(Pattern { source: source.to_string(), elements, first, anchor, value, lead })
        }
        Err(nom::Err::Error(p) | nom::Err::Failure(p)) => {
            let message = if p.message.is_empty() { "malformed pattern".to_string() } else { p.message };
            Err(PatternError { offset: offset(p.at), message, opened_at: p.opened_at.map(offset) })
        }
        Err(nom::Err::Incomplete(_)) => {
            Err(PatternError { offset: source.len(), message: "incomplete pattern".into(), opened_at: None })
        }
    }
}

/// The kind of a value token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ValueKind {
    /// A cardinal figure.
    Number,
    /// A percentage.
    Percent,
    /// An ordinal.
    Ordinal,
    /// A duration.
    Duration,
    /// A date.
    Date,
}

/// The kind of an entity mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityKind {
    /// A person.
    Person,
    /// A place.
    Place,
    /// An institution: a legislature, a court, a central bank, an agency.
    Institution,
    /// A word for a country's people ("Ukrainian", "Americans"): its id is the
    /// country's.
    Demonym,
}

/// One token of a sentence as patterns see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tok {
    /// A word, lowercase, with its number in the rule set's [`Vocab`]
    /// ([`UNKNOWN_WORD`] for a word no rule names, or when nothing numbered it).
    Word(smol_str::SmolStr, WordId),
    /// One punctuation character.
    Punct(char),
    /// A whole value ("twenty-eight", "five hours"), standing for the `index`th value
    /// found in the text.
    Value {
        /// Index into the caller's list of values.
        index: usize,
        /// What kind of value it is.
        kind: ValueKind,
    },
}

/// A known entity over a run of word tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// First token of the mention.
    pub start: usize,
    /// Token after the mention.
    pub end: usize,
    /// Person or place.
    pub kind: EntityKind,
    /// Canonical id, as in the alias tables: `zelensky`.
    pub id: String,
}

/// What one slot of a match took.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Capture {
    /// The slot.
    pub slot: SlotKind,
    /// First token taken.
    pub start: usize,
    /// Token after the last one taken.
    pub end: usize,
    /// For value slots, the value token's `index`.
    pub value_index: Option<usize>,
    /// For entity slots, the mention's id.
    pub entity: Option<String>,
}

/// One match of a pattern: its tokens and what its slots took, in pattern order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    /// First token of the match.
    pub start: usize,
    /// Token after the match.
    pub end: usize,
    /// The slots' captures, left to right.
    pub captures: Vec<Capture>,
}

/// What is left to match after the current sequence: the rest of each enclosing one.
enum Then<'p> {
    Done,
    Rest(&'p [Element], &'p Then<'p>),
}

/// A backtracking search from one start position.
struct Search<'t> {
    toks: &'t [Tok],
    mentions: &'t [Mention],
    steps: u32,
    captures: Vec<Capture>,
}

/// Whether a pattern word matches a token: a whole word of an interned pattern by
/// number (tokens matched against an interned pattern are numbered in the same table,
/// so a token without a number is no word the pattern names), else by letters.
fn same_word(word: &str, prefix: bool, id: WordId, tok: &str, tok_id: WordId) -> bool {
    if !prefix && id != UNKNOWN_WORD {
        return id == tok_id;
    }
    word_matches(word, prefix, tok)
}

fn word_matches(word: &str, prefix: bool, tok: &str) -> bool {
    // A token that starts with a lower-case letter or a digit keeps that first byte when
    // folded: when it differs from the word's, nothing more needs comparing.
    if let (Some(t), Some(w)) = (tok.as_bytes().first(), word.as_bytes().first())
        && (t.is_ascii_lowercase() || t.is_ascii_digit())
        && t != w
    {
        return false;
    }
    // Tokens come lower-cased already; fold only what may still need it.
    if tok.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        return if prefix { tok.starts_with(word) } else { tok == word };
    }
    let mut tok = tok.chars().flat_map(fold_word);
    word.chars().all(|w| tok.next() == Some(w)) && (prefix || tok.next().is_none())
}

/// What the first token of a match can be, so that most start positions are ruled out
/// by one look instead of a search.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct First {
    /// Any token may start a match (the pattern can begin with nothing definite).
    any: bool,
    /// Whole words.
    words: Vec<String>,
    /// The whole words' numbers, sorted, once the pattern is interned.
    word_ids: Vec<WordId>,
    /// Whether the pattern is interned: its words and the tokens' carry numbers.
    interned: bool,
    /// Word beginnings (`meet*`).
    prefixes: Vec<String>,
    /// Punctuation, as pattern literals.
    puncts: Vec<char>,
    /// Value kinds.
    values: Vec<ValueKind>,
    /// Entity kinds (any word token may begin a name).
    entities: bool,
}

impl First {
    /// What can start `elements`; `interned` when their words carry numbers.
    fn of(elements: &[Element], interned: bool) -> First {
        let mut first = First { interned, ..First::default() };
        // A pattern that can match nothing at its start may start anywhere.
        first.any |= first.add(elements);
        first.words.sort();
        first.words.dedup();
        first.word_ids.sort_unstable();
        first.word_ids.dedup();
        first
    }

    /// Add what can start `elements`; returns whether they can also match nothing.
    fn add(&mut self, elements: &[Element]) -> bool {
        for element in elements {
            let nullable = match element {
                Element::Word { text, prefix: false, id } => {
                    self.words.push(text.clone());
                    self.word_ids.push(*id);
                    false
                }
                Element::Word { text, prefix: true, .. } => {
                    self.prefixes.push(text.clone());
                    false
                }
                Element::Punct(c) => {
                    self.puncts.push(*c);
                    false
                }
                Element::Slot(slot) => {
                    match slot.value_kind() {
                        Some(kind) => self.values.push(kind),
                        None => self.entities = true,
                    }
                    false
                }
                Element::Other(kind) => {
                    self.values.push(*kind);
                    false
                }
                Element::Gap(_) => {
                    self.any = true;
                    false
                }
                Element::Group(alternatives) | Element::Indexed(alternatives, _) => {
                    let mut nullable = false;
                    for alternative in alternatives {
                        nullable |= self.add(alternative);
                    }
                    nullable
                }
                Element::Optional(part) => {
                    self.add(part);
                    true
                }
            };
            if !nullable {
                return false;
            }
        }
        true
    }

    /// Whether a match may start at `tok`.
    fn admits(&self, tok: &Tok) -> bool {
        if self.any {
            return true;
        }
        match tok {
            Tok::Word(w, id) if self.interned => {
                self.entities
                    || (*id != UNKNOWN_WORD && self.word_ids.binary_search(id).is_ok())
                    || self.prefixes.iter().any(|x| word_matches(x, true, w))
            }
            Tok::Word(w, _) => {
                let folded = w.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase());
                self.entities
                    || (folded && self.words.binary_search_by(|x| x.as_str().cmp(w.as_str())).is_ok())
                    || (!folded && self.words.iter().any(|x| word_matches(x, false, w)))
                    || self.prefixes.iter().any(|x| word_matches(x, true, w))
            }
            Tok::Punct(c) => fold_punct(*c).is_some_and(|c| self.puncts.contains(&c)),
            Tok::Value { kind, .. } => self.values.contains(kind),
        }
    }
}

/// Punctuation a gap never skips: it ends a clause, so what lies beyond is about
/// something else.
fn is_clause_break(c: char) -> bool {
    matches!(c, ';' | ':' | '(' | ')' | '"' | '“' | '”')
}

impl Search<'_> {
    /// Match `elements`, then `then`, from token `pos`; the end of the first match found.
    fn run<'p>(&mut self, elements: &'p [Element], then: &Then<'p>, pos: usize) -> Option<usize> {
        self.steps += 1;
        if self.steps > STEP_BUDGET {
            return None;
        }
        let Some((first, rest)) = elements.split_first() else {
            return match then {
                Then::Done => Some(pos),
                Then::Rest(elements, then) => self.run(elements, then, pos),
            };
        };
        let tok = self.toks.get(pos);
        match first {
            Element::Word { text, prefix, id } => match tok {
                Some(Tok::Word(w, tok_id)) if same_word(text, *prefix, *id, w, *tok_id) => {
                    self.run(rest, then, pos + 1)
                }
                _ => None,
            },
            Element::Punct(p) => match tok {
                Some(Tok::Punct(c)) if fold_punct(*c) == Some(*p) => self.run(rest, then, pos + 1),
                _ => None,
            },
            Element::Slot(slot) => self.slot(*slot, rest, then, pos),
            Element::Other(want) => match tok {
                Some(Tok::Value { kind, .. }) if kind == want => self.run(rest, then, pos + 1),
                _ => None,
            },
            Element::Gap(n) => self.gap(*n, rest, then, pos),
            Element::Group(alternatives) => {
                alternatives.iter().find_map(|alt| self.run(alt, &Then::Rest(rest, then), pos))
            }
            Element::Indexed(alternatives, first) => {
                if !tok.map_or(first.any, |t| first.admits(t)) {
                    return None;
                }
                alternatives.iter().find_map(|alt| self.run(alt, &Then::Rest(rest, then), pos))
            }
            Element::Optional(part) => {
                self.run(part, &Then::Rest(rest, then), pos).or_else(|| self.run(rest, then, pos))
            }
        }
    }

    /// Take `capture`, then match the rest; undo the capture if the rest fails.
    fn take<'p>(&mut self, capture: Capture, rest: &'p [Element], then: &Then<'p>) -> Option<usize> {
        let (end, len) = (capture.end, self.captures.len());
        self.captures.push(capture);
        let found = self.run(rest, then, end);
        if found.is_none() {
            self.captures.truncate(len);
        }
        found
    }

    fn slot<'p>(&mut self, slot: SlotKind, rest: &'p [Element], then: &Then<'p>, pos: usize) -> Option<usize> {
        if let Some(want) = slot.value_kind() {
            return match self.toks.get(pos) {
                Some(Tok::Value { index, kind }) if *kind == want => {
                    let capture = Capture { slot, start: pos, end: pos + 1, value_index: Some(*index), entity: None };
                    self.take(capture, rest, then)
                }
                _ => None,
            };
        }
        let mentions = self.mentions;
        let toks = self.toks.len();
        mentions
            .iter()
            .filter(|m| m.start == pos && m.end > m.start && m.end <= toks && Some(m.kind) == slot.entity_kind())
            .find_map(|m| {
                let capture =
                    Capture { slot, start: m.start, end: m.end, value_index: None, entity: Some(m.id.clone()) };
                self.take(capture, rest, then)
            })
    }

    fn gap<'p>(&mut self, n: u8, rest: &'p [Element], then: &Then<'p>, mut pos: usize) -> Option<usize> {
        let mut skipped = 0;
        loop {
            if let Some(end) = self.run(rest, then, pos) {
                return Some(end);
            }
            match self.toks.get(pos)? {
                Tok::Punct(c) if is_clause_break(*c) => return None,
                Tok::Punct(_) => {}
                _ => skipped += 1,
            }
            if skipped > n || self.steps > STEP_BUDGET {
                return None;
            }
            pos += 1;
        }
    }
}

impl Pattern {
    /// Whether a sentence whose words are `words` may hold a match.
    pub fn may_match(&self, words: &WordSet) -> bool {
        let Some(anchor) = &self.anchor else { return true };
        anchor.iter().any(|cue| words.holds(cue))
    }

    /// Number the pattern's whole words in `vocab`, so that tokens numbered in the same
    /// table are matched by number.
    pub fn intern(&mut self, vocab: &mut Vocab) {
        fn walk(elements: &mut [Element], vocab: &mut Vocab) {
            for element in elements {
                match element {
                    Element::Word { text, prefix: false, id } => *id = vocab.intern(text),
                    Element::Word { text, prefix: true, id } => *id = vocab.intern_stem(text),
                    Element::Group(alternatives) | Element::Indexed(alternatives, _) => {
                        alternatives.iter_mut().for_each(|a| walk(a, vocab))
                    }
                    Element::Optional(part) => walk(part, vocab),
                    _ => {}
                }
                // A long group is indexed by what can start it.
                if let Element::Group(alternatives) = element
                    && alternatives.len() >= INDEXED_GROUP
                {
                    let alternatives = std::mem::take(alternatives);
                    let first = First::of(&[Element::Group(alternatives.clone())], true);
                    *element = Element::Indexed(alternatives, Box::new(first));
                }
            }
        }
        walk(&mut self.elements, vocab);
        self.first = First::of(&self.elements, true);
        self.anchor = anchor_of(&self.elements);
    }

    /// The kind of value the pattern's value slot takes.
    pub fn value_kind(&self) -> Option<ValueKind> {
        self.value
    }

    /// Every match in `toks`, left to right and not overlapping: at each start the first
    /// match found (optional parts taken, earlier alternatives and shorter gaps
    /// preferred), then on from its end. `mentions` are the entities over `toks`.
    pub fn find_all(&self, toks: &[Tok], mentions: &[Mention]) -> Vec<Match> {
        let mut found = Vec::new();
        // Starts are tried only where a match could reach a value of the slot's kind.
        let mut next = 0;
        for window in self.starts(toks, mentions) {
            let mut start = window.start.max(next);
            while start < window.end {
                if !self.first.admits(&toks[start]) {
                    start += 1;
                    continue;
                }
                let mut search = Search { toks, mentions, steps: 0, captures: Vec::new() };
                match search.run(&self.elements, &Then::Done, start) {
                    Some(end) if end > start => {
                        found.push(Match { start, end, captures: search.captures });
                        start = end;
                    }
                    _ => start += 1,
                }
            }
            next = next.max(start);
        }
        found
    }

    /// The token ranges a match may start in, in order and apart: up to [`Lead`]
    /// tokens (punctuation aside) before each value of the slot's kind.
    fn starts(&self, toks: &[Tok], mentions: &[Mention]) -> Vec<std::ops::Range<usize>> {
        let Some(kind) = self.value else { return std::iter::once(0..toks.len()).collect() };
        let longest = mentions.iter().map(|m| m.end.saturating_sub(m.start)).max().unwrap_or(0);
        let lead = self.lead.words + self.lead.mentions * longest;
        let mut windows: Vec<std::ops::Range<usize>> = Vec::new();
        for (at, tok) in toks.iter().enumerate() {
            if !matches!(tok, Tok::Value { kind: k, .. } if *k == kind) {
                continue;
            }
            let mut from = at;
            let mut words = 0;
            while from > 0 {
                if !matches!(toks[from - 1], Tok::Punct(_)) {
                    if words == lead {
                        break;
                    }
                    words += 1;
                }
                from -= 1;
            }
            match windows.last_mut() {
                Some(last) if last.end >= from => last.end = at + 1,
                _ => windows.push(from..at + 1),
            }
        }
        windows
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Element::{Gap, Group, Optional, Punct, Slot};

    fn w(text: &str) -> Element {
        Element::Word { text: text.into(), prefix: false, id: UNKNOWN_WORD }
    }

    /// Patterns that parse.
    const PARSES: &[&str] = &[
        "{number}-point (plan|proposal|draft|framework)",
        "(plan|proposal) ..3 {number} points",
        "[the] {ordinal} (meeting|visit) with {person}",
        "talks (lasted|ran|went on) [for] {duration}",
        "meet* in {place} {date}",
        "{percent}",
        "{number} %",
        "$ {number}",
        "  {number}\tpoints \n",
        "{number}\u{2013}point plan",
        "U.S. {number}-point plan",
        "Zelensky’s {ordinal} visit",
        "{person} ' s {ordinal} trip",
        "[[the] new] {number} points",
        "{number} (points|(key|main) provisions)",
        "{person} and {person} met for {duration}",
        "in {place} , on {date} :",
        "plan ..9 ..9 {number}",
        "(up to|as long as) {duration}",
    ];

    #[test]
    fn examples_parse() {
        for source in PARSES {
            let parsed = parse_pattern(source);
            assert!(parsed.is_ok(), "{source}: {parsed:?}");
        }
    }

    #[test]
    fn element_structure() {
        let cases: &[(&str, Vec<Element>)] = &[
            (
                "{number}-point (plan|peace plan)",
                vec![
                    Slot(SlotKind::Number),
                    Punct('-'),
                    w("point"),
                    Group(vec![vec![w("plan")], vec![w("peace"), w("plan")]]),
                ],
            ),
            (
                "[The] {ordinal} Meet* with {person}",
                vec![
                    Optional(vec![w("the")]),
                    Slot(SlotKind::Ordinal),
                    Element::Word { text: "meet".into(), prefix: true, id: UNKNOWN_WORD },
                    w("with"),
                    Slot(SlotKind::Person),
                ],
            ),
            ("plan ..3 {number}", vec![w("plan"), Gap(3), Slot(SlotKind::Number)]),
            ("Putin’s {date}", vec![w("putin's"), Slot(SlotKind::Date)]),
            ("{number}\u{2014}%", vec![Slot(SlotKind::Number), Punct('-'), Punct('%')]),
            ("[a [b]] {number}", vec![Optional(vec![w("a"), Optional(vec![w("b")])]), Slot(SlotKind::Number)]),
            (
                "{~number} (to|-) {number}",
                vec![
                    Element::Other(ValueKind::Number),
                    Group(vec![vec![w("to")], vec![Punct('-')]]),
                    Slot(SlotKind::Number),
                ],
            ),
            ("[{~date}] {number}", vec![Optional(vec![Element::Other(ValueKind::Date)]), Slot(SlotKind::Number)]),
        ];
        for (source, want) in cases {
            assert_eq!(parse_pattern(source).map(|p| p.elements).as_ref(), Ok(want), "{source}");
        }
    }

    const SECOND: &str = "a pattern needs exactly one value slot ({number}, {percent}, {ordinal}, {duration} or {date}), found a second one";
    const NONE: &str =
        "a pattern needs exactly one value slot ({number}, {percent}, {ordinal}, {duration} or {date}), found none";
    const MAIN_PATH: &str = "a value slot must be on the pattern's main path, not inside (...) or [...]";
    const UNEXPECTED_HASH: &str = "unexpected '#'; a pattern holds words, {slots}, (a|b) groups, [optional] parts, ..N gaps and the punctuation - % , . ' : $";

    /// Malformed patterns: the byte offset of the problem, and the message rendered with
    /// byte offsets for positions.
    const MALFORMED: &[(&str, usize, &str)] = &[
        ("", 0, "empty pattern"),
        ("   ", 0, "empty pattern"),
        ("{number} (plan|proposal", 23, "expected ')' to close the group opened at 9"),
        ("{number} (plan]", 14, "expected ')' to close the group opened at 9"),
        ("(plan {number} points", 21, "expected ')' to close the group opened at 0"),
        ("{ordinal} [the meeting", 22, "expected ']' to close the optional part opened at 10"),
        ("{number} points)", 15, "unexpected ')': no group is open"),
        ("{number} points]", 15, "unexpected ']': no optional part is open"),
        ("{number}} x", 8, "unexpected '}': no slot is open"),
        ("{number} | x", 9, "unexpected '|' outside a group; alternatives go in (a|b)"),
        (
            "{numbr} points",
            1,
            "unknown slot {numbr}; known slots: {number}, {percent}, {ordinal}, {duration}, {date}, {person}, {place}",
        ),
        ("{number points", 7, "expected '}' to close the slot opened at 0"),
        ("{~person} {number}", 2, "'~' marks a value looked at but not taken, as in {~number}; {person} is no value"),
        ("{~number} points", 0, NONE),
        (
            "{~numbr} {number}",
            2,
            "unknown slot {numbr}; known slots: {number}, {percent}, {ordinal}, {duration}, {date}, {person}, {place}",
        ),
        ("{ number}", 1, "expected a slot name after '{'"),
        ("plan .. {number}", 7, "expected a digit 1-9 after '..'"),
        ("plan ...3 {number}", 7, "expected a digit 1-9 after '..'"),
        ("plan ..0 {number}", 7, "a gap spans 1 to 9 tokens, not 0"),
        ("plan ..12 {number}", 7, "a gap spans at most 9 tokens"),
        ("..3 {number}", 0, "a gap must sit between two elements, not at the start of the pattern"),
        ("{number} ..3", 9, "a gap must sit between two elements, not at the end of the pattern"),
        ("{number} of {percent}", 12, SECOND),
        ("plan points", 0, NONE),
        ("{person} in {place}", 0, NONE),
        ("[{number}] points", 1, MAIN_PATH),
        ("(x|{number}) points", 3, MAIN_PATH),
        ("{date} ((a|b [c {number}]) d", 16, MAIN_PATH),
        ("{number} (a|)", 12, "empty alternative"),
        ("{number} (|a)", 10, "empty alternative"),
        ("{number} ()", 10, "empty group"),
        ("{number} []", 10, "empty optional part"),
        ("{number} # points", 9, UNEXPECTED_HASH),
        ("* {number}", 0, "'*' must follow a word, as in meet*"),
        ("{number} meet**", 14, "'*' must follow a word, as in meet*"),
    ];

    #[test]
    fn malformed_patterns() {
        for (source, offset, message) in MALFORMED {
            let err = parse_pattern(source).expect_err(source);
            assert_eq!((err.offset, err.render(|o| o.to_string()).as_str()), (*offset, *message), "{source}");
        }
    }

    #[test]
    fn nesting_and_size_are_bounded() {
        let deep = format!("{}{{number}}", "(".repeat(10_000));
        let err = parse_pattern(&deep).expect_err("too deep");
        assert_eq!((err.offset, err.message.as_str()), (MAX_DEPTH, "brackets nest deeper than 32 levels"));
        let ok = format!("{}x{} {{number}}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse_pattern(&ok).is_ok());
        let long = format!("{{number}}{}", " a".repeat(MAX_ELEMENTS));
        assert_eq!(parse_pattern(&long).map_err(|e| e.message), Err("a pattern holds at most 2048 elements".into()));
    }

    #[test]
    fn errors_render_with_positions() {
        let err = parse_pattern("{number} (plan").expect_err("unclosed");
        assert_eq!(err.render(|o| format!("12:{}", o + 1)), "expected ')' to close the group opened at 12:10");
        assert_eq!(err.to_string(), "at byte 14: expected ')' to close the group opened at byte 9");
    }

    /// Tokens of a test sentence: lowercase words, one `Punct` per other character,
    /// `<num:28>` (also `pct`, `ord`, `dur`, `date`) as a value token, and
    /// `<person:putin|Vladimir Putin>` (or `place`) as words with a mention over them.
    struct Sample {
        toks: Vec<Tok>,
        mentions: Vec<Mention>,
        surface: Vec<String>,
    }

    fn sample(text: &str) -> Sample {
        let mut s = Sample { toks: vec![], mentions: vec![], surface: vec![] };
        let push_word = |s: &mut Sample, word: &str| {
            s.toks.push(Tok::Word(word.to_lowercase().into(), UNKNOWN_WORD));
            s.surface.push(word.to_lowercase());
        };
        let mut rest = text;
        while let Some(c) = rest.chars().next() {
            if c == '<' {
                let end = rest.find('>').expect("markup closes");
                let (tag, body) = rest[1..end].split_once(':').expect("markup has a tag");
                rest = &rest[end + 1..];
                let entity = match tag {
                    "person" => EntityKind::Person,
                    "place" => EntityKind::Place,
                    _ => {
                        let kind = match tag {
                            "num" => ValueKind::Number,
                            "pct" => ValueKind::Percent,
                            "ord" => ValueKind::Ordinal,
                            "dur" => ValueKind::Duration,
                            "date" => ValueKind::Date,
                            _ => panic!("unknown markup {tag}"),
                        };
                        let index = s.toks.iter().filter(|t| matches!(t, Tok::Value { .. })).count();
                        s.toks.push(Tok::Value { index, kind });
                        s.surface.push(body.into());
                        continue;
                    }
                };
                let (id, words) = body.split_once('|').expect("mention has an id");
                let start = s.toks.len();
                words.split_whitespace().for_each(|word| push_word(&mut s, word));
                s.mentions.push(Mention { start, end: s.toks.len(), kind: entity, id: id.into() });
            } else if is_word_char(c) {
                let end = rest.find(|c| !is_word_char(c)).unwrap_or(rest.len());
                push_word(&mut s, &rest[..end]);
                rest = &rest[end..];
            } else {
                if !c.is_whitespace() {
                    s.toks.push(Tok::Punct(c));
                    s.surface.push(c.into());
                }
                rest = &rest[c.len_utf8()..];
            }
        }
        s
    }

    /// Matches tried from every start, as the search did before it looked only near
    /// values: the windows must lose none.
    fn matches_from_every_start(pattern: &Pattern, toks: &[Tok], mentions: &[Mention]) -> Vec<(usize, usize)> {
        let mut found = Vec::new();
        let mut start = 0;
        while start < toks.len() {
            let mut search = Search { toks, mentions, steps: 0, captures: Vec::new() };
            match search.run(&pattern.elements, &Then::Done, start) {
                Some(end) if end > start => {
                    found.push((start, end));
                    start = end;
                }
                _ => start += 1,
            }
        }
        found
    }

    #[test]
    fn matches_start_only_near_values_and_none_is_lost() {
        let patterns = [
            "{number}-point (plan|proposal)",
            "(plan|proposal) ..3 {number} points",
            "[the] {ordinal} (meeting|visit) with {person}",
            "{person} and {person} met for {duration}",
            "talks (lasted|ran|went on) [for] {duration}",
            "meet* in {place} ..2 {date}",
            "$ {number}",
            "voted {number} to {~number}",
            "(up to|as long as) {duration}",
        ];
        let sentences = [
            "The <num:28>-point plan, then a <num:20>-point plan.",
            "The plan , , , now has , , <num:19> points and the proposal, it says, <num:12> points.",
            "After the <ord:sixth> meeting with <person:putin|Vladimir Putin> and a <ord:7th> visit with <person:x|A B C D E F>.",
            "<person:w|Steve Witkoff> and <person:k|Jared Kushner> met for <dur:five hours>; talks ran for <dur:two hours>.",
            "They met in <place:m|Miami Beach> on <date:Sunday>, and meet again in <place:b|Berlin> next week <date:Monday>.",
            "It cost $ <num:5>, then $ , <num:7>. The Senate voted <num:51> to <num:49>.",
            "Guarantees of up to <dur:15 years>, or as long as <dur:50 years>.",
            "Nothing here but words and <num:3> of them, far from any plan.",
        ];
        for source in patterns {
            let pattern = parse_pattern(source).expect(source);
            for text in sentences {
                let s = sample(text);
                let windowed: Vec<(usize, usize)> =
                    pattern.find_all(&s.toks, &s.mentions).iter().map(|m| (m.start, m.end)).collect();
                assert_eq!(windowed, matches_from_every_start(&pattern, &s.toks, &s.mentions), "{source} in {text}");
            }
        }
    }

    /// A long group is indexed once interned, and matches as the group did.
    #[test]
    fn long_groups_are_indexed_and_match_as_before() {
        let source = "{number} (a|b|c|d|e|f|g|h|coal miners|miners) (rescued|freed)";
        let mut pattern = parse_pattern(source).expect(source);
        let mut vocab = Vocab::default();
        pattern.intern(&mut vocab);
        assert!(pattern.elements.iter().any(|e| matches!(e, Element::Indexed(..))));
        for (text, want) in [
            ("<num:33> coal miners rescued", vec!["33 coal miners rescued"]),
            ("<num:33> miners freed", vec!["33 miners freed"]),
            ("<num:33> climbers rescued", vec![]),
        ] {
            let mut s = sample(text);
            for t in &mut s.toks {
                if let Tok::Word(w, id) = t {
                    *id = vocab.id(w);
                }
            }
            let got: Vec<String> =
                pattern.find_all(&s.toks, &s.mentions).iter().map(|m| s.surface[m.start..m.end].join(" ")).collect();
            assert_eq!(got, want, "{text}");
        }
    }

    fn found(source: &str, text: &str) -> Vec<String> {
        let pattern = parse_pattern(source).expect(source);
        let s = sample(text);
        pattern.find_all(&s.toks, &s.mentions).iter().map(|m| s.surface[m.start..m.end].join(" ")).collect()
    }

    /// Pattern, sentence, and the matches found, their tokens joined by spaces.
    const MATCHES: &[(&str, &str, &[&str])] = &[
        ("{number}-point plan", "a <num:28>-point plan", &["28 - point plan"]),
        ("{number}-point plan", "a <num:28>\u{2013}point Plan", &["28 \u{2013} point plan"]),
        ("{number}-point plan", "a <num:28> point plan", &[]),
        ("{number} points", "<pct:5> points", &[]),
        ("(plan|proposal) ..3 {number} points", "the plan has <num:19> points", &["plan has 19 points"]),
        ("plan ..3 {number}", "plan <num:1> <num:2>", &["plan 1"]),
        ("plan ..2 {number} points", "plan was cut to just <num:19> points", &[]),
        ("plan ..2 {number} points", "plan, now, <num:19> points", &["plan , now , 19 points"]),
        ("plan ..3 {number} points", "the plan; <num:19> points", &[]),
        ("plan ..3 {number} points", "the plan (<num:19> points)", &[]),
        ("[the] {ordinal} meeting", "the <ord:sixth> meeting", &["the sixth meeting"]),
        ("[the] {ordinal} meeting", "a <ord:sixth> meeting", &["sixth meeting"]),
        ("[talks] talks {duration}", "talks <dur:five hours>", &["talks five hours"]),
        (
            "talks (lasted|ran|went on) [for] {duration}",
            "talks went on for <dur:five hours>",
            &["talks went on for five hours"],
        ),
        ("talks (lasted|ran|went on) [for] {duration}", "talks ran <dur:five hours>", &["talks ran five hours"]),
        ("(went|went on) for {duration}", "went on for <dur:an hour>", &["went on for an hour"]),
        (
            "meet* in {place} {date}",
            "they are meeting in <place:miami|Miami> <date:Sunday>",
            &["meeting in miami Sunday"],
        ),
        ("meet* in {place} {date}", "they met in <place:miami|Miami> <date:Sunday>", &[]),
        ("meet* in {place} {date}", "a meet in Miami <date:Sunday>", &[]),
        ("zelensky's {ordinal} visit", "Zelensky’s <ord:third> visit", &["zelensky’s third visit"]),
        ("{number} points", "<num:28> points, then <num:19> points", &["28 points", "19 points"]),
        ("voted {number} to {~number}", "voted <num:412> to <num:88>", &["voted 412 to 88"]),
        ("voted {number} to {~number}", "voted <num:412> to reject", &[]),
        ("voted {number} to {~number}", "voted <num:412> to <ord:third>", &[]),
        ("{~number} - {number} vote", "a <num:7> - <num:2> vote", &["7 - 2 vote"]),
        ("{~number} - {number} vote", "the <num:60> - vote rule", &[]),
    ];

    #[test]
    fn matches() {
        for (source, text, want) in MATCHES {
            assert_eq!(found(source, text), *want, "{source} on {text}");
        }
    }

    #[test]
    fn captures_name_values_and_entities() {
        let pattern = parse_pattern("[the] {ordinal} (meeting|visit) with {person}").expect("parses");
        let s = sample("<num:3> the <ord:sixth> meeting with <person:putin|Vladimir Putin> today");
        let matches = pattern.find_all(&s.toks, &s.mentions);
        let want = Match {
            start: 1,
            end: 7,
            captures: vec![
                Capture { slot: SlotKind::Ordinal, start: 2, end: 3, value_index: Some(1), entity: None },
                Capture { slot: SlotKind::Person, start: 5, end: 7, value_index: None, entity: Some("putin".into()) },
            ],
        };
        assert_eq!(matches, vec![want]);
        // A failed branch leaves no capture behind.
        let pattern = parse_pattern("(with {person} x|with {person} talks) {date}").expect("parses");
        let s = sample("with <person:putin|Putin> talks <date:today>");
        let captures: Vec<SlotKind> =
            pattern.find_all(&s.toks, &s.mentions)[0].captures.iter().map(|c| c.slot).collect();
        assert_eq!(captures, [SlotKind::Person, SlotKind::Date]);
    }

    #[test]
    fn a_value_looked_at_is_not_taken() {
        let pattern = parse_pattern("voted {number} to {~number}").expect("parses");
        let s = sample("voted <num:412> to <num:88>");
        let matches = pattern.find_all(&s.toks, &s.mentions);
        let slots: Vec<(SlotKind, Option<usize>)> =
            matches[0].captures.iter().map(|c| (c.slot, c.value_index)).collect();
        assert_eq!(slots, [(SlotKind::Number, Some(0))]);
        assert_eq!(pattern.value_kind(), Some(ValueKind::Number));
        let pattern = parse_pattern("{~number} to {number}").expect("parses");
        assert_eq!(pattern.find_all(&s.toks, &s.mentions)[0].captures[0].value_index, Some(1));
    }

    #[test]
    fn step_budget_bounds_pathological_patterns() {
        let pattern = parse_pattern("a ..9 ..9 ..9 ..9 {number} x").expect("parses");
        let toks = vec![Tok::Word("a".into(), UNKNOWN_WORD); 200];
        let started = std::time::Instant::now();
        assert!(pattern.find_all(&toks, &[]).is_empty());
        assert!(started.elapsed() < std::time::Duration::from_secs(5), "{:?}", started.elapsed());
        let nested = format!("{}a{} {{number}}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        let pattern = parse_pattern(&nested).expect("parses");
        assert!(pattern.find_all(&toks, &[]).is_empty());
    }

    #[test]
    fn never_panics_on_generated_patterns() {
        const PIECES: &[&str] = &[
            "(", ")", "[", "]", "{", "}", "|", ".", "..", "0", "3", "9", " ", "-", "*", "a", "plan", "’", "'", "#",
            "é", "{number}", "{person}", "{date}", "number", "\u{2013}", "%", "~", "{~date}", "{~place}",
        ];
        let toks = sample("a plan <num:3> - <person:p|A> ’ plan <date:x> ; a").toks;
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |n: usize| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) as usize % n
        };
        for _ in 0..20_000 {
            let len = next(16);
            let source: String = (0..len).map(|_| PIECES[next(PIECES.len())]).collect();
            match parse_pattern(&source) {
                Ok(p) => {
                    let _ = p.find_all(&toks, &[]);
                }
                Err(e) => {
                    assert!(e.offset <= source.len() && source.is_char_boundary(e.offset), "{source:?}: {e}");
                    assert!(!e.message.is_empty() && e.message != "malformed pattern", "{source:?}: {e}");
                }
            }
        }
    }
}
