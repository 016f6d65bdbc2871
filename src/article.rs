//! Articles: bytes in, text out. Decides whether input is text at all, reads invalid
//! UTF-8 without losing byte offsets, splits off the front matter (`title`, `url`,
//! `outlet`, `published`) and maps byte offsets to lines and columns.
//!
//! Pure: reading the file is the caller's business, so every error here names the path
//! it was given and the line it found fault with.

use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::fmt;

/// Stands in for each byte that is not valid UTF-8. One byte for one byte, so every
/// offset reported still points into the file as it is; and no letter, so no value is
/// read across it.
pub const SUBSTITUTE: char = '\u{1a}';

/// How much of the start of a file is searched for NUL bytes to tell binary from text.
const BINARY_PROBE: usize = 8192;

/// An input that cannot be read as an article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    /// The path as the user gave it ("-" for standard input).
    pub path: String,
    /// The 1-based line at fault, when there is one.
    pub line: Option<usize>,
    /// What is wrong and what was expected.
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path, line, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

impl std::error::Error for InputError {}

/// The front-matter fields claimcheck reads; other keys are kept as given.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FrontMatter {
    /// The headline.
    pub title: Option<String>,
    /// Where the article was published.
    pub url: Option<String>,
    /// Who published it.
    pub outlet: Option<String>,
    /// The publication date; `None` when absent or `unknown`.
    pub published: Option<NaiveDate>,
    /// Every other `key: value` line.
    pub other: BTreeMap<String, String>,
}

/// An article's text, ready for scanning.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Article {
    /// The path as given.
    pub path: String,
    /// The whole input as text, front matter included, offsets as in the file.
    pub text: String,
    /// Byte offset where the body starts (after the front matter).
    pub body_start: usize,
    /// What the front matter says.
    pub meta: FrontMatter,
    /// Things worth telling the user that did not stop the reading.
    pub warnings: Vec<String>,
    /// For an undated article: a date near which it was written, from the articles read
    /// with it; places year-less dates ("December 14") only.
    pub year_hint: Option<NaiveDate>,
}

impl Article {
    /// Read an article from raw bytes. Binary input and a malformed front matter are
    /// errors; invalid UTF-8 is read with each bad byte replaced by [`SUBSTITUTE`] and
    /// a warning naming the first bad offset.
    pub fn from_bytes(path: &str, bytes: &[u8]) -> Result<Article, InputError> {
        let error = |line: Option<usize>, message: String| InputError { path: path.to_string(), line, message };
        let probe = bytes.get(..BINARY_PROBE).unwrap_or(bytes);
        if let Some(at) = probe.iter().position(|b| *b == 0) {
            return Err(error(None, format!("binary file (NUL byte at offset {at}); expected UTF-8 text")));
        }
        let mut warnings = Vec::new();
        let text = match std::str::from_utf8(bytes) {
            Ok(text) => text.to_string(),
            Err(e) => {
                let (text, bad) = decode_lossy(bytes);
                warnings.push(format!(
                    "{path}: invalid UTF-8 at byte {} ({bad} bad byte{} read as U+001A)",
                    e.valid_up_to(),
                    if bad == 1 { "" } else { "s" }
                ));
                text
            }
        };
        let (meta, body_start) = front_matter(&text).map_err(|(line, message)| error(Some(line), message))?;
        Ok(Article { path: path.to_string(), text, body_start, meta, warnings, year_hint: None })
    }

    /// The body: the text after the front matter.
    pub fn body(&self) -> &str {
        self.text.get(self.body_start..).unwrap_or("")
    }
}

/// UTF-8 with each invalid byte replaced by one [`SUBSTITUTE`] byte; returns the text
/// and the count of bytes replaced.
fn decode_lossy(bytes: &[u8]) -> (String, usize) {
    let mut out = String::with_capacity(bytes.len());
    let mut bad = 0;
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        for _ in chunk.invalid() {
            out.push(SUBSTITUTE);
            bad += 1;
        }
    }
    (out, bad)
}

/// Parse a leading `---` block of `key: value` lines. Returns the fields and the byte
/// offset of the body, or the 1-based line at fault and what was expected there.
fn front_matter(text: &str) -> Result<(FrontMatter, usize), (usize, String)> {
    let mut meta = FrontMatter::default();
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text.get(..first_end).map(str::trim_end) != Some("---") {
        return Ok((meta, 0));
    }
    let mut offset = first_end;
    let mut line_no = 1;
    for line in text.get(first_end..).unwrap_or("").split_inclusive('\n') {
        line_no += 1;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim() == "---" {
            return Ok((meta, offset));
        }
        if content.trim().is_empty() || content.trim_start().starts_with('#') {
            continue;
        }
        let Some((key, value)) = content.split_once(':') else {
            return Err((line_no, format!("expected `key: value` in the front matter, found {content:?}")));
        };
        let key = key.trim().to_ascii_lowercase();
        let value = value.trim().trim_matches('"').trim_matches('\'').to_string();
        match key.as_str() {
            "title" => meta.title = Some(value),
            "url" => meta.url = Some(value),
            "outlet" => meta.outlet = Some(value),
            "published" | "date" => {
                meta.published = parse_published(&value).map_err(|m| (line_no, m))?;
            }
            _ => {
                meta.other.insert(key, value);
            }
        }
    }
    Err((1, "front matter opened with `---` is never closed; expected a closing `---` line".into()))
}

/// A publication date: `YYYY-MM-DD`, or `unknown` (also an empty value).
pub fn parse_published(value: &str) -> Result<Option<NaiveDate>, String> {
    let value = value.trim();
    if value.is_empty() || value.eq_ignore_ascii_case("unknown") {
        return Ok(None);
    }
    // Accept a full timestamp by its date part ("2025-12-03T10:00:00Z").
    let day = value.get(..10).filter(|_| value.len() >= 10).unwrap_or(value);
    NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| format!("bad publication date {value:?}: expected YYYY-MM-DD (a real calendar day) or `unknown`"))
}

/// Maps byte offsets to 1-based lines and columns (columns counted in characters).
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Index the line starts of `text`.
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// Line and column of byte `offset` in `text` (the text this index was built on).
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|s| *s <= offset);
        let start = self.starts.get(line.saturating_sub(1)).copied().unwrap_or(0);
        let column = text.get(start..offset).map_or(1, |s| s.chars().count() + 1);
        (line, column)
    }

    /// Lines and columns of byte offsets taken in increasing order: each column is
    /// counted on from the one before, so a long line is walked once, not once per
    /// offset.
    pub fn cursor<'t>(&'t self, text: &'t str) -> LineCursor<'t> {
        LineCursor { index: self, text, offset: 0, line: 1, column: 1 }
    }

    /// The text of 1-based `line`, without its line break.
    pub fn line_text<'t>(&self, text: &'t str, line: usize) -> &'t str {
        let start = self.starts.get(line.saturating_sub(1)).copied().unwrap_or(text.len());
        let end = self.starts.get(line).copied().unwrap_or(text.len());
        text.get(start..end).unwrap_or("").trim_end_matches(['\n', '\r'])
    }
}

/// Walks a text forward, turning byte offsets into lines and columns; see
/// [`LineIndex::cursor`].
#[derive(Clone, Debug)]
pub struct LineCursor<'t> {
    index: &'t LineIndex,
    text: &'t str,
    offset: usize,
    line: usize,
    column: usize,
}

impl LineCursor<'_> {
    /// Line and column of byte `offset`; offsets before the last one asked fall back to
    /// counting from their line's start.
    pub fn at(&mut self, offset: usize) -> (usize, usize) {
        let line = self.index.starts.partition_point(|s| *s <= offset);
        if offset < self.offset || line != self.line {
            let (l, c) = self.index.line_col(self.text, offset);
            (self.offset, self.line, self.column) = (offset, l, c);
            return (l, c);
        }
        let step = self.text.get(self.offset..offset).map_or(0, |s| s.chars().count());
        self.column += step;
        self.offset = offset;
        (self.line, self.column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_fields_and_body_offset() {
        let text = "---\ntitle: Talks\npublished: 2025-12-03\nurl: https://x.example/a\n---\nBody here.\n";
        let a = Article::from_bytes("a.md", text.as_bytes()).unwrap();
        assert_eq!(a.meta.title.as_deref(), Some("Talks"));
        assert_eq!(a.meta.published, NaiveDate::from_ymd_opt(2025, 12, 3));
        assert_eq!(a.body(), "Body here.\n");
    }

    #[test]
    fn unknown_date_is_no_date() {
        let a = Article::from_bytes("a.md", b"---\npublished: unknown\n---\nx").unwrap();
        assert_eq!(a.meta.published, None);
    }

    #[test]
    fn bad_date_names_file_and_line() {
        let err = Article::from_bytes("a.md", b"---\ntitle: x\npublished: 2025-13-45\n---\n").unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(err.to_string().starts_with("a.md:3: bad publication date \"2025-13-45\""), "{err}");
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        let err = Article::from_bytes("a.md", b"---\ntitle: x\n").unwrap_err();
        assert!(err.message.contains("never closed"));
    }

    #[test]
    fn text_without_front_matter_starts_at_zero() {
        let a = Article::from_bytes("a.txt", b"Plain text.").unwrap();
        assert_eq!((a.body_start, a.meta.published), (0, None));
    }

    #[test]
    fn binary_is_an_error_and_bad_utf8_keeps_offsets() {
        assert!(Article::from_bytes("b.bin", b"PK\x03\x04\x00\x00").unwrap_err().message.contains("binary"));
        let a = Article::from_bytes("c.txt", b"caf\xe9 at 5 hours").unwrap();
        assert_eq!(a.text.len(), 15);
        assert_eq!(a.text.find("5 hours"), Some(8));
        assert!(a.warnings[0].contains("byte 3"), "{:?}", a.warnings);
    }

    #[test]
    fn lines_and_columns_count_characters() {
        let text = "ab\nçé 28\n";
        let index = LineIndex::new(text);
        let at = text.find("28").unwrap();
        assert_eq!(index.line_col(text, at), (2, 4));
        assert_eq!(index.line_col(text, 0), (1, 1));
        assert_eq!(index.line_text(text, 2), "çé 28");
        let mut cursor = index.cursor(text);
        assert_eq!(cursor.at(1), (1, 2));
        assert_eq!(cursor.at(at), (2, 4));
        assert_eq!(cursor.at(at + 1), (2, 5));
        assert_eq!(cursor.at(0), (1, 1));
    }
}
