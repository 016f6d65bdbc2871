//! Writing JSON by hand, fast: strings escaped exactly as `serde_json` escapes them,
//! with most bytes copied eight at a time; numbers without the formatting machinery;
//! and the `json` and `jsonl` findings written straight into the output, byte for byte
//! what serializing [`super::FindingsDoc`] with `serde_json` gives.
//!
//! A large corpus gives reports of a hundred megabytes and more, most of it sentences
//! quoted again and again: how fast a byte of them is copied is what a report costs.

use super::PerValue;
use crate::compare::{Finding, SourcedClaim};
use crate::value::Value;
use std::io::{self, Write};

/// Bytes gathered before they are handed to the writer.
pub const FLUSH_AT: usize = 1 << 18;

/// `s` as a JSON string, quotes included, onto the end of `out`.
pub fn string(out: &mut Vec<u8>, s: &str) {
    out.reserve(s.len() + 2);
    out.push(b'"');
    escaped(out, s);
    out.push(b'"');
}

/// `s` escaped for inside a JSON string (no quotes), onto the end of `out`.
pub fn escaped(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    let mut start = 0;
    while let Some(at) = next_special(bytes, start) {
        out.extend_from_slice(&bytes[start..at]);
        let b = bytes[at];
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0c => out.extend_from_slice(b"\\f"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(b"\\u00");
                out.push(HEX[usize::from(b >> 4)]);
                out.push(HEX[usize::from(b & 0xf)]);
            }
        }
        start = at + 1;
    }
    out.extend_from_slice(&bytes[start..]);
}

/// The first byte at or after `from` that JSON escapes (`"`, `\`, a control
/// character): sixteen bytes a step with SSE2 (every x86-64 processor has it), else
/// eight in a word, where the lowest byte flagged by the classic "has a zero byte"
/// test is exact whatever borrows do to the bytes above it.
fn next_special(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{
            __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_max_epu8, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
        };
        while i + 16 <= bytes.len() {
            // SAFETY: SSE2 is part of x86-64, and the 16 bytes read lie inside `bytes`.
            let hits = unsafe {
                let v = _mm_loadu_si128(bytes.as_ptr().add(i).cast::<__m128i>());
                let quote = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'"' as i8));
                let backslash = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'\\' as i8));
                // Below 0x20, unsigned: the larger of it and 0x1f is 0x1f.
                let limit = _mm_set1_epi8(0x1f);
                let control = _mm_cmpeq_epi8(_mm_max_epu8(v, limit), limit);
                _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(quote, backslash), control))
            };
            if hits != 0 {
                return Some(i + hits.trailing_zeros() as usize);
            }
            i += 16;
        }
    }
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while let Some(word) = bytes.get(i..i + 8) {
        let w = u64::from_le_bytes([word[0], word[1], word[2], word[3], word[4], word[5], word[6], word[7]]);
        let quote = w ^ (ONES * u64::from(b'"'));
        let backslash = w ^ (ONES * u64::from(b'\\'));
        let hits = (quote.wrapping_sub(ONES) & !quote)
            | (backslash.wrapping_sub(ONES) & !backslash)
            | (w.wrapping_sub(ONES * 0x20) & !w);
        let hits = hits & HIGH;
        if hits != 0 {
            return Some(i + (hits.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    bytes[i..].iter().position(|&b| b < 0x20 || b == b'"' || b == b'\\').map(|p| i + p)
}

/// A whole number in decimal, onto the end of `out`.
pub fn number(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(digits(n, &mut [0; 20]).as_bytes());
}

/// `n` in decimal, written into the end of `room`.
pub fn digits(n: usize, room: &mut [u8; 20]) -> &str {
    let mut at = room.len();
    let mut n = n;
    loop {
        at -= 1;
        room[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    // Only digits were written.
    std::str::from_utf8(&room[at..]).unwrap_or_default()
}

/// Hand the gathered bytes to `out` once there are enough of them.
pub fn flush_some(buffer: &mut Vec<u8>, out: &mut impl Write) -> io::Result<()> {
    if buffer.len() >= FLUSH_AT {
        out.write_all(buffer)?;
        buffer.clear();
    }
    Ok(())
}

/// The JSON of each distinct value of one finding, made once.
pub struct Values<'a> {
    seen: PerValue<'a, Vec<u8>>,
    /// Spaces after each line break of a value's pretty JSON; `None`: compact.
    indent: Option<usize>,
}

impl<'a> Values<'a> {
    /// Compact JSON, or pretty JSON indented by `indent` spaces.
    pub fn new(indent: Option<usize>) -> Values<'a> {
        Values { seen: PerValue::default(), indent }
    }

    /// Forget the values of the last finding.
    pub fn clear(&mut self) {
        self.seen.clear();
    }

    /// Write `value`'s JSON.
    pub fn write(&mut self, out: &mut Vec<u8>, value: &'a Value) {
        let indent = self.indent;
        self.seen.with(value, |v| render(v, indent), |json| out.extend_from_slice(json));
    }
}

fn render(value: &Value, indent: Option<usize>) -> Vec<u8> {
    let Some(indent) = indent else {
        // A value always serializes.
        return serde_json::to_vec(value).unwrap_or_default();
    };
    let pretty = serde_json::to_vec_pretty(value).unwrap_or_default();
    let mut out = Vec::with_capacity(pretty.len() + 8 * indent);
    for (i, line) in pretty.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            out.push(b'\n');
            out.resize(out.len() + indent, b' ');
        }
        out.extend_from_slice(line);
    }
    out
}

/// Pretty (two spaces a level, as `serde_json`'s pretty printer) or compact JSON.
#[derive(Clone, Copy)]
struct Layout {
    pretty: bool,
}

impl Layout {
    /// Before the first member of an object or array whose members stand at `level`.
    fn open(self, out: &mut Vec<u8>, bracket: u8, level: usize) {
        out.push(bracket);
        self.newline(out, level);
    }

    /// Between members at `level`.
    fn next(self, out: &mut Vec<u8>, level: usize) {
        out.push(b',');
        self.newline(out, level);
    }

    /// After the last member, closing at `level`.
    fn close(self, out: &mut Vec<u8>, bracket: u8, level: usize) {
        self.newline(out, level);
        out.push(bracket);
    }

    fn newline(self, out: &mut Vec<u8>, level: usize) {
        if self.pretty {
            out.push(b'\n');
            out.resize(out.len() + 2 * level, b' ');
        }
    }

    /// Members after the first at `level` whose values are strings or `null`.
    fn strings(self, out: &mut Vec<u8>, level: usize, members: &[(&str, Option<&str>)]) {
        for &(key, value) in members {
            self.next(out, level);
            self.key(out, key);
            optional(out, value);
        }
    }

    /// `"key": ` or `"key":`; `key` needs no escaping.
    fn key(self, out: &mut Vec<u8>, key: &str) {
        out.push(b'"');
        out.extend_from_slice(key.as_bytes());
        out.extend_from_slice(if self.pretty { b"\": " } else { b"\":" });
    }
}

fn optional(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => string(out, s),
        None => out.extend_from_slice(b"null"),
    }
}

/// One finding as a JSON object whose members stand at `level`.
/// `out` is handed to `sink` whenever it has grown enough ([`flush_some`]): a finding
/// of thousands of claims runs to megabytes.
fn finding<'a>(
    out: &mut Vec<u8>,
    sink: &mut impl Write,
    layout: Layout,
    level: usize,
    f: &'a Finding,
    values: &mut Values<'a>,
) -> io::Result<()> {
    values.clear();
    layout.open(out, b'{', level);
    layout.key(out, "relation");
    string(out, f.relation.name());
    let key = [("kind", Some(f.kind.as_str())), ("subject", Some(&f.subject)), ("qualifier", f.qualifier.as_deref())];
    layout.strings(out, level, &key);
    layout.next(out, level);
    layout.key(out, "claims");
    if f.claims.is_empty() {
        out.extend_from_slice(b"[]");
    } else {
        for (i, c) in f.claims.iter().enumerate() {
            if i == 0 {
                layout.open(out, b'[', level + 1);
            } else {
                layout.next(out, level + 1);
            }
            claim(out, layout, level + 2, c, values);
            flush_some(out, sink)?;
        }
        layout.close(out, b']', level);
    }
    layout.close(out, b'}', level - 1);
    Ok(())
}

/// One claim of a finding, its members at `level`: the fields of [`SourcedClaim`] in
/// the order its `Serialize` gives them.
fn claim<'a>(out: &mut Vec<u8>, layout: Layout, level: usize, c: &'a SourcedClaim, values: &mut Values<'a>) {
    let k = &c.claim;
    layout.open(out, b'{', level);
    layout.key(out, "path");
    string(out, &c.path);
    layout.next(out, level);
    layout.key(out, "published");
    optional(out, c.published.as_deref());
    if let Some(url) = &c.url {
        layout.next(out, level);
        layout.key(out, "url");
        string(out, url);
    }
    let key = [
        ("rule", Some(k.rule.as_str())),
        ("kind", Some(&k.kind)),
        ("subject", Some(&k.subject)),
        ("qualifier", k.qualifier.as_deref()),
    ];
    layout.strings(out, level, &key);
    layout.next(out, level);
    layout.key(out, "value");
    values.write(out, &k.value);
    layout.strings(out, level, &[("text", Some(&k.text)), ("quote", Some(&k.quote))]);
    layout.next(out, level);
    layout.key(out, "span");
    let span = [("start", k.span.start), ("end", k.span.end), ("line", k.span.line), ("column", k.span.column)];
    for (i, (name, n)) in span.into_iter().enumerate() {
        if i == 0 {
            layout.open(out, b'{', level + 1);
        } else {
            layout.next(out, level + 1);
        }
        layout.key(out, name);
        number(out, n);
    }
    layout.close(out, b'}', level);
    if k.qualifier_inferred {
        layout.next(out, level);
        layout.key(out, "qualifier_inferred");
        out.extend_from_slice(b"true");
    }
    if c.baselined {
        layout.next(out, level);
        layout.key(out, "baselined");
        out.extend_from_slice(b"true");
    }
    layout.close(out, b'}', level - 1);
}

/// The `compare` and `check` JSON document, pretty, as [`super::findings_json`] gives it.
pub fn write_findings(findings: &[Finding], out: &mut impl Write) -> io::Result<()> {
    let layout = Layout { pretty: true };
    let mut buffer = Vec::with_capacity(FLUSH_AT + (1 << 16));
    // Claim members stand at level 5: document, findings, finding, claims, claim.
    let mut values = Values::new(Some(10));
    buffer.extend_from_slice(b"{\n  \"schema_version\": 1,\n  \"findings\": ");
    if findings.is_empty() {
        buffer.extend_from_slice(b"[]");
    }
    for (i, f) in findings.iter().enumerate() {
        if i == 0 {
            layout.open(&mut buffer, b'[', 2);
        } else {
            layout.next(&mut buffer, 2);
        }
        finding(&mut buffer, out, layout, 3, f, &mut values)?;
    }
    if !findings.is_empty() {
        layout.close(&mut buffer, b']', 1);
    }
    buffer.extend_from_slice(b"\n}\n");
    out.write_all(&buffer)
}

/// JSON Lines: each finding compact on a line of its own, as `serde_json` gives it.
pub fn write_lines(findings: &[Finding], out: &mut impl Write) -> io::Result<()> {
    let layout = Layout { pretty: false };
    let mut buffer = Vec::with_capacity(FLUSH_AT + (1 << 16));
    let mut values = Values::new(None);
    for f in findings {
        finding(&mut buffer, out, layout, 1, f, &mut values)?;
        buffer.push(b'\n');
    }
    out.write_all(&buffer)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escape(s: &str) -> String {
        let mut out = Vec::new();
        string(&mut out, s);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn strings_escape_as_serde_json_does() {
        let samples = [
            "",
            "plain words, long enough to take the eight-byte path",
            "a \"quote\" and a \\ backslash",
            "tab\there, line\nbreak, return\r, bell\u{7}, \u{8}\u{c}\u{1f} and \u{7f}",
            "é, “curly”, — and 😀 beside \"",
            "\"\"\"\"\"\"\"\"\"\\\\\\\\\\\\\\\\\\",
            "12345678\"",
            "1234567\n",
        ];
        for s in samples {
            assert_eq!(escape(s), serde_json::to_string(s).unwrap(), "{s:?}");
        }
        // Every byte value, in every position of a word.
        for b in 0u8..128 {
            for at in 0..17 {
                let mut s = "x".repeat(at);
                s.push(char::from(b));
                s.push_str("yz");
                assert_eq!(escape(&s), serde_json::to_string(&s).unwrap(), "{s:?}");
            }
        }
    }

    fn findings() -> Vec<Finding> {
        use crate::compare::{ArticleClaims, compare};
        use crate::extract::{Claim, Span};
        use crate::value::Amount;
        let article = |path: &str, date: Option<&str>, url: Option<&str>, values: &[f64]| ArticleClaims {
            path: path.into(),
            title: None,
            published: date.and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
            url: url.map(Into::into),
            claims: values
                .iter()
                .map(|v| Claim {
                    rule: "talks.\"duration\"".into(),
                    kind: "meeting_duration".into(),
                    subject: "talks\n".into(),
                    qualifier: (*v > 4.0).then(|| "first".into()),
                    value: Value::Duration(Amount::exact(*v * 3600.0)),
                    text: format!("{v} hours"),
                    quote: format!("Talks lasted {v} hours, \"officials\" said.\té"),
                    span: Span { start: 3, end: 10, line: 2, column: 4 },
                    comparable: true,
                    qualifier_missing: false,
                    qualifier_inferred: *v == 5.0,
                })
                .collect(),
            ..Default::default()
        };
        let articles = [
            article("a.md", Some("2025-12-01"), Some("https://example.org/a"), &[5.0, 3.0]),
            article("b.md", Some("2025-12-02"), None, &[5.0, 1.0]),
            article("c \"d\".md", None, None, &[7.0, 3.0]),
        ];
        let mut findings = compare(&articles, |_| false);
        findings[0].claims[0].baselined = true;
        findings
    }

    #[test]
    fn findings_are_written_as_serde_json_writes_them() {
        let findings = findings();
        assert!(findings.len() > 1);
        let mut pretty = Vec::new();
        write_findings(&findings, &mut pretty).unwrap();
        let doc = super::super::FindingsDoc { schema_version: 1, findings: &findings };
        let expected = serde_json::to_string_pretty(&doc).unwrap() + "\n";
        assert_eq!(String::from_utf8(pretty).unwrap(), expected);
        let mut lines = Vec::new();
        write_lines(&findings, &mut lines).unwrap();
        let expected: String = findings.iter().map(|f| serde_json::to_string(f).unwrap() + "\n").collect();
        assert_eq!(String::from_utf8(lines).unwrap(), expected);
        let mut none = Vec::new();
        write_findings(&[], &mut none).unwrap();
        let doc = super::super::FindingsDoc { schema_version: 1, findings: &[] };
        assert_eq!(String::from_utf8(none).unwrap(), serde_json::to_string_pretty(&doc).unwrap() + "\n");
    }

    #[test]
    fn numbers_print_in_decimal() {
        for n in [0, 7, 10, 99, 1234567, usize::MAX] {
            let mut out = Vec::new();
            number(&mut out, n);
            assert_eq!(String::from_utf8(out).unwrap(), n.to_string());
        }
    }
}
