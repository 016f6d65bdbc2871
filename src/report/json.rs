//! JSON: the `json` and `jsonl` findings through `serde_json`, and, for the formats
//! still written by hand (SARIF, ClaimReview), strings escaped exactly as `serde_json`
//! escapes them, with most bytes copied eight at a time, and numbers without the
//! formatting machinery.
//!
//! A large corpus gives reports of a hundred megabytes and more, most of it sentences
//! quoted again and again: how fast a byte of them is copied is what a report costs.

use crate::compare::{Finding, Story};
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

/// The `compare` and `check` JSON document, pretty, through `serde_json`.
pub fn write_findings(findings: &[Finding], stories: &[Story], out: &mut impl Write) -> io::Result<()> {
    let doc = super::FindingsDoc { schema_version: 1, stories, findings };
    let mut sink = io::BufWriter::with_capacity(FLUSH_AT, out);
    serde_json::to_writer_pretty(&mut sink, &doc).map_err(io::Error::other)?;
    sink.write_all(b"\n")?;
    sink.flush()
}

/// JSON Lines: each finding compact on a line of its own.
pub fn write_lines(findings: &[Finding], out: &mut impl Write) -> io::Result<()> {
    let mut sink = io::BufWriter::with_capacity(FLUSH_AT, out);
    for f in findings {
        serde_json::to_writer(&mut sink, f).map_err(io::Error::other)?;
        sink.write_all(b"\n")?;
    }
    sink.flush()
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

    #[test]
    fn findings_are_written_as_serde_json_writes_the_document() {
        use crate::compare::{ArticleClaims, compare, story};
        use crate::extract::{Claim, Span};
        use crate::value::{Amount, Value};
        let article = |path: &str, names: &[&str], hours: f64| ArticleClaims {
            path: path.into(),
            names: names.iter().map(|n| n.to_string()).collect(),
            claims: vec![Claim {
                rule: "talks".into(),
                text: format!("{hours} hours"),
                quote: format!("Talks lasted {hours} hours, \"officials\" said.\té"),
                span: Span { start: 3, end: 10, line: 2, column: 4 },
                ..Claim::example("meeting_duration", "talks", Value::Duration(Amount::exact(hours * 3600.0)))
            }],
            ..Default::default()
        };
        let mut articles: Vec<ArticleClaims> =
            (0..40).map(|i| article(&format!("a{i}.md"), &["Quist", "Kelby"], f64::from(i % 3 + 1))).collect();
        articles.extend((0..3).map(|i| article(&format!("b{i}.md"), &["Pell", "Ardmore"], 5.0)));
        let stories = story::group(&articles, story::Grouping::Auto);
        let findings = compare(&articles, |_| false);
        assert_eq!(stories.stories.len(), 2);
        for (findings, stories) in [(&findings[..], &stories.stories[..]), (&[][..], &[][..])] {
            let mut ours = Vec::new();
            write_findings(findings, stories, &mut ours).unwrap();
            let doc: serde_json::Value = serde_json::from_slice(&ours).unwrap();
            assert_eq!(doc["schema_version"], 1);
            assert_eq!(doc["findings"].as_array().unwrap().len(), findings.len());
            assert_eq!(doc.get("stories").is_some(), !stories.is_empty(), "stories only where there are some");
            assert!(ours.ends_with(b"}\n"));
        }
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
