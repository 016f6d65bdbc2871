//! Prose structure: markup blanked out without moving a byte, then paragraphs,
//! sentences and word tokens, each with byte spans into the article as given.
//!
//! Markdown and HTML are not text, but their positions must still map back to the
//! file's own lines; so markup is replaced by spaces of the same length instead of
//! being removed.

use smol_str::SmolStr;
use std::ops::Range;

/// A table saying, for every byte, whether it is one of `bytes`.
pub const fn byte_set(bytes: &[u8]) -> [bool; 256] {
    let mut table = [false; 256];
    let mut i = 0;
    while i < bytes.len() {
        table[bytes[i] as usize] = true;
        i += 1;
    }
    table
}

/// Bytes that may begin markup, or end a line: every other byte is passed over at once.
static MARKUP_BYTES: [bool; 256] = byte_set(b"\n<*_`|![");

/// `text` with typographic apostrophes (’) made straight ('), copied only where it
/// holds one.
pub fn straight_apostrophes(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('\u{2019}') { std::borrow::Cow::Owned(text.replace('\u{2019}', "'")) } else { text.into() }
}

/// Replace markup in `text[from..]` by spaces, byte for byte: HTML tags and comments,
/// heading and quote markers, list bullets, emphasis markers, the link syntax around a
/// link's words, table pipes. Line breaks stay where they are.
pub fn mask_markup(text: &str, from: usize) -> String {
    let original = text.as_bytes();
    let mut bytes = original.to_vec();
    let n = bytes.len();
    let mut i = from.min(n);
    let mut line_start = true;
    while i < n {
        let b = bytes[i];
        if !line_start && !MARKUP_BYTES[usize::from(b)] {
            i += 1;
            continue;
        }
        if b == b'\n' {
            line_start = true;
            i += 1;
            continue;
        }
        if line_start {
            // Leading blanks, then block markers: "#", ">", "-", "*", "+", "1." bullets.
            let mut j = i;
            while j < n && (bytes[j] == b' ' || bytes[j] == b'\t') {
                j += 1;
            }
            let mut k = j;
            while k < n && (bytes[k] == b'#' || bytes[k] == b'>') {
                k += 1;
            }
            if k == j && k + 1 < n && matches!(bytes[k], b'-' | b'*' | b'+') && bytes[k + 1] == b' ' {
                k += 1;
            }
            blank(&mut bytes, j..k);
            line_start = false;
            i = k;
            continue;
        }
        match b {
            b'<' => {
                let end = html_tag_end(&bytes, i);
                if let Some(end) = end {
                    blank(&mut bytes, i..end);
                    i = end;
                    continue;
                }
            }
            b'*' | b'_' | b'`' => {
                // Emphasis and code markers next to a word or another marker.
                let prev = if i > 0 { original[i - 1] } else { b' ' };
                let next = original.get(i + 1).copied().unwrap_or(b' ');
                let is_marker = b != b'_' || !(prev.is_ascii_alphanumeric() && next.is_ascii_alphanumeric());
                if is_marker && (!prev.is_ascii_whitespace() || !next.is_ascii_whitespace()) {
                    bytes[i] = b' ';
                }
            }
            b'|' => bytes[i] = b' ',
            b'!' if bytes.get(i + 1) == Some(&b'[') => bytes[i] = b' ',
            b'[' => {
                if let Some((close, url_end)) = link_parts(&bytes, i) {
                    bytes[i] = b' ';
                    blank(&mut bytes, close..url_end);
                    i += 1;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    // Only ASCII bytes were replaced by ASCII spaces, so the text is still UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

fn blank(bytes: &mut [u8], range: Range<usize>) {
    for b in bytes.get_mut(range).into_iter().flatten() {
        if *b != b'\n' {
            *b = b' ';
        }
    }
}

/// End of an HTML tag or comment starting at `i` ("<p>", "</a>", "<br/>", "<!-- -->").
fn html_tag_end(bytes: &[u8], i: usize) -> Option<usize> {
    let next = *bytes.get(i + 1)?;
    if bytes.get(i..i + 4) == Some(b"<!--") {
        let rest = bytes.get(i + 4..)?;
        let close = rest.windows(3).position(|w| w == b"-->")?;
        return Some(i + 4 + close + 3);
    }
    if !(next.is_ascii_alphabetic() || next == b'/' || next == b'!') {
        return None;
    }
    // A tag ends on the same line, within a reasonable length.
    let rest = bytes.get(i + 1..(i + 512).min(bytes.len()))?;
    let close = rest.iter().position(|b| *b == b'>' || *b == b'\n' || *b == b'<')?;
    (rest[close] == b'>').then_some(i + 1 + close + 1)
}

/// For a Markdown link "[words](url)" at `i`: the offset of "]" and the end of ")".
fn link_parts(bytes: &[u8], i: usize) -> Option<(usize, usize)> {
    let rest = bytes.get(i + 1..(i + 1024).min(bytes.len()))?;
    let close = rest.iter().position(|b| *b == b']' || *b == b'\n')?;
    if rest[close] != b']' || rest.get(close + 1) != Some(&b'(') {
        return None;
    }
    let url = rest.get(close + 2..)?;
    let end = url.iter().position(|b| *b == b')' || *b == b'\n')?;
    (url[end] == b')').then_some((i + 1 + close, i + 1 + close + 2 + end + 1))
}

/// A sentence: its byte span and the paragraph it belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Bytes of the sentence in the article.
    pub span: Range<usize>,
    /// Index of its paragraph, counted from 0.
    pub paragraph: usize,
}

/// Abbreviations whose full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "capt", "st", "jr", "sr", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu",
    "thur", "thurs", "fri", "sat", "sun", "no", "vs", "etc", "approx", "inc", "corp", "co", "ltd", "fla", "calif",
    "mass", "wash", "u.s", "u.k", "u.n", "e.u", "a.m", "p.m", "i.e", "e.g",
];

/// Whether the text before a full stop ends with an abbreviation or an initial ("Dec",
/// "U.S", "J"), so the stop ends no sentence.
pub fn ends_with_abbreviation(before: &str) -> bool {
    let word_start = before.rfind(|c: char| !(c.is_alphanumeric() || c == '.')).map_or(0, |i| i + 1);
    let written = before.get(word_start..).unwrap_or("");
    let mut buf = [0; 24];
    let word = crate::parse::lex::ascii_lower(written, &mut buf);
    let word = word.trim_end_matches('.');
    if word.len() == 1 && word.chars().all(|c| c.is_ascii_alphabetic()) {
        return true; // an initial: "J. Kushner"
    }
    ABBREVIATIONS.contains(&word)
}

/// Split `text[range]` into sentences, numbered by paragraph. A paragraph ends at a
/// blank line, or at a line break after a line that ends a sentence; a sentence ends
/// at ".", "!" or "?" before a space and a capital, digit or quote (not after an
/// abbreviation), or at a paragraph's end, or after a line with no closing punctuation
/// (a headline or a heading).
pub fn sentences(text: &str, range: Range<usize>) -> Vec<Sentence> {
    let mut out = Vec::new();
    let Some(body) = text.get(range.clone()) else { return out };
    let base = range.start;
    let mut paragraph = 0;
    let mut start = 0;
    let push = |out: &mut Vec<Sentence>, s: usize, e: usize, paragraph: usize| {
        let piece = body.get(s..e).unwrap_or("");
        let lead = piece.len() - piece.trim_start().len();
        let trimmed = piece.trim();
        if !trimmed.is_empty() {
            let a = base + s + lead;
            out.push(Sentence { span: a..a + trimmed.len(), paragraph });
        }
    };
    let bytes = body.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if !matches!(b, b'\n' | b'.' | b'!' | b'?') {
            i += 1;
            continue;
        }
        if b == b'\n' {
            let line_start = body.get(..i).and_then(|h| h.rfind('\n')).map_or(0, |p| p + 1);
            let line = body.get(line_start..i).unwrap_or("").trim();
            let next_line = body.get(i + 1..).and_then(|r| r.split('\n').next()).unwrap_or("").trim();
            let closed = line.ends_with(['.', '!', '?', ':', '"', '\u{201d}']);
            let last_word = line.rsplit(' ').next().unwrap_or("").to_ascii_lowercase();
            let open_ended = matches!(
                last_word.as_str(),
                "the" | "a" | "an" | "of" | "to" | "in" | "at" | "on" | "and" | "with" | "for" | "by"
            );
            let headline = !line.is_empty()
                && line.chars().count() < 70
                && next_line.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                && !open_ended;
            if next_line.is_empty() || closed || headline {
                push(&mut out, start, i, paragraph);
                start = i + 1;
                paragraph += 1;
            }
            i += 1;
            continue;
        }
        if matches!(b, b'.' | b'!' | b'?') {
            let after = body.get(i + 1..).unwrap_or("");
            let after_quote = after.trim_start_matches(['"', '\u{201d}', '\'', '\u{2019}', ')']);
            let closing = after.len() - after_quote.len();
            let next = after_quote.strip_prefix([' ', '\t']).map(str::trim_start);
            let starts_sentence = next.is_some_and(|n| {
                n.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '\u{201c}' | '\''))
            });
            let abbreviation = b == b'.' && ends_with_abbreviation(body.get(..i).unwrap_or(""));
            if starts_sentence && !abbreviation {
                let end = i + 1 + closing;
                push(&mut out, start, end, paragraph);
                start = end;
                i = end;
                continue;
            }
        }
        i += 1;
    }
    push(&mut out, start, bytes.len(), paragraph);
    // Renumber paragraphs densely from 0.
    let mut last = None;
    let mut dense = 0;
    for s in &mut out {
        if let Some(l) = last
            && s.paragraph != l
        {
            dense += 1;
        }
        last = Some(s.paragraph);
        s.paragraph = dense;
    }
    out
}

/// A word or punctuation token of a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Bytes of the token in the article.
    pub span: Range<usize>,
    /// What kind of token it is.
    pub kind: TokenKind,
}

/// Words and punctuation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters, digits and inner apostrophes, lower-cased ("witkoff's" keeps its "'s").
    Word(SmolStr),
    /// One punctuation character.
    Punct(char),
}

/// Tokenize `text[range]` into words and punctuation.
pub fn tokens(text: &str, range: Range<usize>) -> Vec<Token> {
    let Some(part) = text.get(range.clone()) else { return Vec::new() };
    let bytes = part.as_bytes();
    // About one token every five bytes of news text.
    let mut out = Vec::with_capacity(bytes.len() / 5 + 1);
    let mut i = 0;
    while let Some((c, len)) = char_at(part, i) {
        if is_word_char(c) {
            let end = word_end(part, i + len);
            let written = part.get(i..end).unwrap_or("");
            // Words are short: kept inline, they cost no allocation.
            let mut buf = [0; 24];
            let word = match crate::parse::lex::lower(written, &mut buf) {
                Some(w) if w.len() <= INLINE_WORD => SmolStr::new_inline(w),
                Some(w) => SmolStr::new(w),
                None => SmolStr::from(written.to_lowercase().replace('\u{2019}', "'")),
            };
            out.push(Token { span: range.start + i..range.start + end, kind: TokenKind::Word(word) });
            i = end;
        } else {
            if !c.is_whitespace() && c != crate::article::SUBSTITUTE {
                out.push(Token { span: range.start + i..range.start + i + len, kind: TokenKind::Punct(c) });
            }
            i += len;
        }
    }
    out
}

/// The longest word [`SmolStr`] keeps inline.
const INLINE_WORD: usize = 23;

/// The character at byte `i` of `part` (a char boundary) and its length; ASCII without
/// decoding.
fn char_at(part: &str, i: usize) -> Option<(char, usize)> {
    match part.as_bytes().get(i) {
        Some(b) if b.is_ascii() => Some((char::from(*b), 1)),
        Some(_) => part.get(i..)?.chars().next().map(|c| (c, c.len_utf8())),
        None => None,
    }
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() { c.is_ascii_alphanumeric() } else { c.is_alphanumeric() }
}

/// Where the word going on at byte `i` ends: letters, digits and inner apostrophes
/// ("witkoff's").
fn word_end(part: &str, mut i: usize) -> usize {
    let bytes = part.as_bytes();
    // Plain ASCII letters and digits first; the rest one character at a time.
    while bytes.get(i).is_some_and(u8::is_ascii_alphanumeric) {
        i += 1;
    }
    while let Some((d, len)) = char_at(part, i) {
        let inner_apostrophe =
            matches!(d, '\'' | '\u{2019}') && char_at(part, i + len).is_some_and(|(e, _)| is_word_char(e));
        if is_word_char(d) || inner_apostrophe {
            i += len;
        } else {
            break;
        }
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence_texts(text: &str) -> Vec<(String, usize)> {
        sentences(text, 0..text.len()).into_iter().map(|s| (text[s.span].to_string(), s.paragraph)).collect()
    }

    #[test]
    fn markup_is_blanked_in_place() {
        let text = "## Talks\nThe **five-hour** meeting, see [the report](https://x.example/a). <b>Done</b>\n";
        let masked = mask_markup(text, 0);
        assert_eq!(masked.len(), text.len());
        assert_eq!(masked, "   Talks\nThe   five-hour   meeting, see  the report                      .    Done    \n");
    }

    #[test]
    fn html_comments_and_bullets() {
        let text = "- one <!-- note -->\n> quoted 5 hours";
        assert_eq!(mask_markup(text, 0), "  one              \n  quoted 5 hours");
    }

    #[test]
    fn front_matter_is_left_alone() {
        let text = "---\ntitle: *x*\n---\n*y*";
        assert_eq!(mask_markup(text, 18), "---\ntitle: *x*\n---\n y ");
    }

    #[test]
    fn sentences_split_on_stops_but_not_abbreviations() {
        let got = sentence_texts("They met on Dec. 2 in the U.S. capital. Talks ran five hours. \"Good,\" he said.");
        assert_eq!(
            got,
            vec![
                ("They met on Dec. 2 in the U.S. capital.".to_string(), 0),
                ("Talks ran five hours.".to_string(), 0),
                ("\"Good,\" he said.".to_string(), 0)
            ]
        );
    }

    #[test]
    fn paragraphs_and_headlines() {
        let got = sentence_texts("The Moscow Talks\nOn Sunday they met. It ran long.\n\nNext paragraph here.");
        assert_eq!(
            got,
            vec![
                ("The Moscow Talks".to_string(), 0),
                ("On Sunday they met.".to_string(), 1),
                ("It ran long.".to_string(), 1),
                ("Next paragraph here.".to_string(), 2)
            ]
        );
    }

    #[test]
    fn tokens_keep_possessives_and_spans() {
        let text = "Witkoff’s sixth meeting, 28-point";
        let toks = tokens(text, 0..text.len());
        let kinds: Vec<_> = toks.iter().map(|t| t.kind.clone()).collect();
        assert_eq!(
            kinds,
            vec![
                TokenKind::Word("witkoff's".into()),
                TokenKind::Word("sixth".into()),
                TokenKind::Word("meeting".into()),
                TokenKind::Punct(','),
                TokenKind::Word("28".into()),
                TokenKind::Punct('-'),
                TokenKind::Word("point".into()),
            ]
        );
        assert_eq!(&text[toks[0].span.clone()], "Witkoff’s");
    }
}
