//! The `sarif` format: SARIF 2.1.0, for code-scanning tools (GitHub code scanning,
//! editors' SARIF viewers). One result per disputed claim of a conflict (a new
//! article's only, in `check`), located at the claim's value in its article, with the
//! first three articles that contradict it as `relatedLocations` (each at its first
//! claim of the key), linked from the message (`[text](id)`), which counts the rest and
//! ends with the finding's sides in words ([`super::words`]). One rule per kind of claim
//! (`conflict/<kind>`), described in `tool.driver.rules`. Columns count Unicode code
//! points, as claimcheck's do.
//!
//! Each result's `properties` give the finding's `story`, its `sides` (`side`, `value`
//! as displayed, `articles`, `compatibleWith`: those the message names, which is all of
//! them unless a story has many values), `sideCount`, and the claim's own `side`.
//!
//! `partialFingerprints` are the content fingerprints baselines use too
//! ([`super::fingerprint`]): the claim's key (kind, subject, qualifier), its value, and
//! the values that contradict it. Never line numbers, byte offsets or file names: a
//! paragraph added above the claim or a renamed file must not turn the same conflict
//! into a new alert, while a changed value, or a new value against it, does.

use super::json::{self, number, string};
use super::sides::{Sides, file_name};
use super::words::SidesWords;
use super::{Context, Disputed, Titles, for_each_disputed_finding, key_text, one_line};
use crate::compare::{Finding, SourcedClaim};
use crate::value::Value;
use serde_json::{Value as Json, json};
use std::fmt::Write as _;
use std::io::{self, Write};
use std::sync::OnceLock;

/// Related locations listed per result; the message gives the full count.
const RELATED: usize = 3;

/// The schema a SARIF 2.1.0 log names.
const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Render the SARIF log.
pub fn render(findings: &[Finding], ctx: &Context) -> String {
    let mut out = Vec::new();
    // Writing to memory cannot fail.
    let _ = write(findings, ctx, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Write the SARIF log: the envelope, one result a line, and the rules (known once
/// every result is out) last.
///
/// A large corpus gives tens of thousands of results, so they are written by hand
/// rather than through a tree of values: what a finding's results share (their rule,
/// key, properties, the counterparts' locations, the pieces that follow from a value)
/// is rendered once, leaving each result its own words, location and date. Rendering
/// stays on one core: the writing of a report of this size ([`super::pipe`]) takes the
/// other, and splitting the rendering too cost more than it saved.
pub fn write(findings: &[Finding], ctx: &Context, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "{{")?;
    writeln!(out, "  \"$schema\": \"{SCHEMA}\",")?;
    writeln!(out, "  \"version\": \"2.1.0\",")?;
    writeln!(out, "  \"runs\": [{{")?;
    writeln!(out, "    \"columnKind\": \"unicodeCodePoints\",")?;
    write!(out, "    \"results\": [")?;
    let mut kinds: Vec<&str> = Vec::new();
    let mut status = Ok(());
    let mut first = true;
    let mut buffer = Vec::with_capacity(json::FLUSH_AT + (1 << 16));
    let mut text = String::with_capacity(256);
    for_each_disputed_finding(findings, ctx, false, |disputed| {
        if status.is_err() {
            return;
        }
        let sides = disputed[0].sides;
        let kind: &str = &sides.finding.kind;
        let index = kinds.iter().position(|k| *k == kind).unwrap_or_else(|| {
            kinds.push(kind);
            kinds.len() - 1
        });
        let shared = Shared::new(sides, index, ctx.severity(kind).sarif_level(), ctx.titles);
        for d in disputed {
            // Every result opens with a comma but the first.
            buffer.extend_from_slice(if first { b"\n      " } else { b",\n      " });
            first = false;
            write_result(&mut buffer, &mut text, &shared, d);
            if let Err(e) = json::flush_some(&mut buffer, out) {
                status = Err(e);
                return;
            }
        }
    });
    status?;
    out.write_all(&buffer)?;
    writeln!(out, "{}],", if first { "" } else { "\n    " })?;
    let version = env!("CARGO_PKG_VERSION");
    write!(
        out,
        "    \"tool\": {{\"driver\": {{\"name\": \"claimcheck\", \"version\": \"{version}\", \"semanticVersion\": \"{version}\", \"rules\": ["
    )?;
    for (i, kind) in kinds.iter().enumerate() {
        let separator = if i == 0 { "\n      " } else { ",\n      " };
        write!(out, "{separator}{}", rule(kind, ctx.severity(kind).sarif_level()))?;
    }
    writeln!(out, "{}]}}}}", if kinds.is_empty() { "" } else { "\n    " })?;
    writeln!(out, "  }}]")?;
    writeln!(out, "}}")
}

/// The rule id for conflicts of a kind.
fn rule_id(kind: &str) -> String {
    format!("conflict/{kind}")
}

/// A reporting descriptor: what a conflict of this kind means and what to do.
fn rule(kind: &str, level: &str) -> Json {
    let name: String = kind
        .split(['_', '-', ' '])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map(|c| c.to_uppercase().chain(chars).collect::<String>()).unwrap_or_default()
        })
        .collect();
    json!({
        "id": rule_id(kind),
        "name": format!("{name}Conflict"),
        "shortDescription": { "text": format!("Articles disagree on a {kind} claim") },
        "fullDescription": { "text": format!(
            "Two or more articles give values for the same {kind} claim (same subject and qualifier) \
             whose ranges never overlap, and their publication dates do not explain it."
        )},
        "help": { "text":
            "Read the quoted sentences. Correct the article that is wrong; where the two claims are about \
             different things, sharpen the rule that paired them (its subject or qualifier cues)."
        },
        "defaultConfiguration": { "level": level },
        "properties": { "tags": ["claim-consistency", kind] },
    })
}

/// What the results of one finding share, rendered once: the JSON before each
/// message and the properties' fixed part; and for the claims of each group of
/// articles ([`Sides::group`]), which have the same counterparts and values, the
/// pieces of their results that follow from those ([`Standing`], made when first asked
/// for, from any core).
struct Shared<'s, 'a> {
    sides: &'s Sides<'a>,
    /// `{"ruleId":...,"level":...,"message":{"text":`
    head: Vec<u8>,
    /// `kind key: this article gives `, escaped for a message.
    opening: String,
    /// `"properties":{"relation":...,"qualifier":...,"story":...,"sides":[...],"value":`
    properties: Vec<u8>,
    /// ` Sides: ...` (or ` Timeline: ...`), escaped for a message: the end of every
    /// result's message.
    sides_text: String,
    /// Per group of articles.
    groups: Vec<OnceLock<Standing<'a>>>,
}

/// The parts of a result that depend only on the group of its article.
struct Standing<'a> {
    /// The message after the claim's words, JSON-escaped, with the closing quote:
    /// `"); N other articles give ...: [links] and M more."`.
    tail: Vec<u8>,
    /// `,"side":S,"contradicting_articles":N},"relatedLocations":[...]}`
    closing: Vec<u8>,
    /// Each value the group's articles give.
    values: Vec<ValuePieces<'a>>,
}

/// The parts of a result that depend on its value (and its article's group).
struct ValuePieces<'a> {
    value: &'a Value,
    /// The message up to the claim's words, as the start of a JSON string:
    /// `"kind key: this article gives VALUE (\"`.
    message: Vec<u8>,
    /// The value as displayed, a JSON string.
    shown: Vec<u8>,
    /// The fingerprint of a claim of it, in hexadecimal.
    fingerprint: [u8; 16],
}

impl<'s, 'a> Shared<'s, 'a> {
    fn new(sides: &'s Sides<'a>, rule_index: usize, level: &str, titles: &Titles) -> Shared<'s, 'a> {
        let f = sides.finding;
        let head = format!(
            "{{\"ruleId\":{},\"ruleIndex\":{rule_index},\"kind\":\"fail\",\"level\":{},\"message\":{{\"text\":",
            quoted(&rule_id(&f.kind)),
            quoted(level)
        );
        let mut properties = format!(
            "\"properties\":{{\"relation\":{},\"kind\":{},\"subject\":{},\"qualifier\":{},\"story\":{},\"sides\":[",
            quoted(f.relation.name()),
            quoted(&f.kind),
            quoted(&f.subject),
            quoted(f.qualifier.as_deref().unwrap_or("")),
            quoted(&f.story)
        );
        let words = SidesWords::new(f, titles);
        // The sides the message names (all of them but in a story of many values),
        // and how many there are.
        let named: Vec<usize> = match &words {
            Some(words) => words.named(),
            None => (0..f.sides.len()).collect(),
        };
        for (i, side) in named.iter().filter_map(|&k| f.sides.get(k)).enumerate() {
            let with: Vec<String> = side.compatible_with.iter().map(usize::to_string).collect();
            let _ = write!(
                properties,
                "{}{{\"side\":{},\"value\":{},\"articles\":{},\"compatibleWith\":[{}]}}",
                if i == 0 { "" } else { "," },
                side.side,
                quoted(&side.value.display()),
                side.articles,
                with.join(",")
            );
        }
        let _ = write!(properties, "],\"sideCount\":{},\"value\":", f.sides.len());
        let sides_text = match words {
            Some(words) => format!(" {}: {}.", words.title(), escape(words.sentence())),
            None => String::new(),
        };
        Shared {
            sides,
            head: head.into_bytes(),
            opening: format!("{} {}: this article gives ", escape(&f.kind), escape(&key_text(f))),
            properties: properties.into_bytes(),
            sides_text,
            groups: (0..sides.group_count()).map(|_| OnceLock::new()).collect(),
        }
    }

    /// What a disputed claim of a conflict shares with the others of its article's
    /// group, and the pieces of its value.
    fn standing(&self, d: &Disputed) -> (&Standing<'a>, &ValuePieces<'a>) {
        let standing = self.groups[self.sides.group(d.article)].get_or_init(|| self.stand(d));
        let value = &d.claim.claim.value;
        let pieces = standing.values.iter().find(|p| p.value == value);
        // Articles of a group give the same values, so every value is there.
        (standing, pieces.unwrap_or(&standing.values[0]))
    }

    /// The pieces for the group of `d`'s article: its counterparts (the first few
    /// articles that disagree with it, each linked from the message to its first
    /// claim in the finding and listed in `relatedLocations`) and its values.
    fn stand(&self, d: &Disputed) -> Standing<'a> {
        let against = d.against();
        let mut links = String::new();
        let mut related = b"[".to_vec();
        let mut id = 0;
        for j in d.counterparts(RELATED) {
            let side = &self.sides.articles[j];
            let Some(first) = side.claims.first() else { continue };
            id += 1;
            let value = first.claim.value.display();
            if id > 1 {
                links.push_str(", ");
                related.push(b',');
            }
            let _ = write!(
                links,
                "[{}:{} ({})]({id})",
                escape(file_name(side.path)),
                first.claim.span.line,
                escape(&value)
            );
            let _ = write!(related, "{{\"id\":{id},\"physicalLocation\":");
            // No snippet: a viewer shows the file itself, and the message quotes the
            // counterpart's words.
            physical(&mut related, first, false);
            let date = super::words::date(first);
            let message = format!("{value} \"{}\", published {date}", one_line(&first.claim.text));
            related.extend_from_slice(b",\"message\":{\"text\":");
            string(&mut related, &message);
            related.extend_from_slice(b"}}");
        }
        related.push(b']');
        let mut tail = format!(
            "\"); {against} other article{} {}, and publication dates do not explain it: {links}",
            if against == 1 { "" } else { "s" },
            if against == 1 { "gives a value that never overlaps it" } else { "give values that never overlap it" },
        );
        let more = against.saturating_sub(id);
        if more > 0 {
            let _ = write!(tail, " and {more} more");
        }
        tail.push('.');
        tail.push_str(&self.sides_text);
        let mut escaped = Vec::with_capacity(tail.len() + 8);
        json::escaped(&mut escaped, &tail);
        escaped.push(b'"');
        let mut closing = b",\"side\":".to_vec();
        number(&mut closing, d.claim.side);
        closing.extend_from_slice(b",\"contradicting_articles\":");
        number(&mut closing, against);
        closing.extend_from_slice(b"},\"relatedLocations\":");
        closing.extend_from_slice(&related);
        closing.push(b'}');
        let mut values: Vec<ValuePieces<'a>> = Vec::new();
        for c in self.sides.articles[d.article].claims.iter() {
            if values.iter().any(|p| p.value == &c.claim.value) {
                continue;
            }
            let shown = c.claim.value.display();
            let mut message = b"\"".to_vec();
            json::escaped(&mut message, &format!("{}{} (\"", self.opening, escape(&shown)));
            let mut quoted_shown = Vec::new();
            string(&mut quoted_shown, &shown);
            let fingerprint = super::hex(super::fingerprint(self.sides, d.article, &shown));
            values.push(ValuePieces { value: &c.claim.value, message, shown: quoted_shown, fingerprint });
        }
        Standing { tail: escaped, closing, values }
    }
}

/// One result, on one line: the disputed claim, its counterparts, its fingerprint.
/// `text` is room for the claim's words.
fn write_result(out: &mut Vec<u8>, text: &mut String, shared: &Shared, d: &Disputed) {
    let c = d.claim;
    let (standing, value) = shared.standing(d);
    out.extend_from_slice(&shared.head);
    out.extend_from_slice(&value.message);
    text.clear();
    escape_into(text, &one_line(&c.claim.text));
    json::escaped(out, text);
    out.extend_from_slice(&standing.tail);
    out.extend_from_slice(b"},\"locations\":[{\"physicalLocation\":");
    physical(out, c, true);
    out.extend_from_slice(b"}],\"partialFingerprints\":{\"claimcheck/v1\":\"");
    out.extend_from_slice(&value.fingerprint);
    out.extend_from_slice(b"\"},");
    out.extend_from_slice(&shared.properties);
    out.extend_from_slice(&value.shown);
    out.extend_from_slice(b",\"published\":");
    string(out, c.published.as_deref().unwrap_or("undated"));
    out.extend_from_slice(&standing.closing);
}

/// Where a claim's value stands: file, line, columns, and with `snippet` its words, as a
/// JSON object.
fn physical(out: &mut Vec<u8>, c: &SourcedClaim, snippet: bool) {
    let span = &c.claim.span;
    out.extend_from_slice(b"{\"artifactLocation\":{\"uri\":\"");
    uri_into(out, &c.path);
    out.extend_from_slice(b"\"},\"region\":{\"startLine\":");
    number(out, span.line);
    out.extend_from_slice(b",\"startColumn\":");
    number(out, span.column);
    if !c.claim.text.contains('\n') {
        out.extend_from_slice(b",\"endColumn\":");
        number(out, span.column + c.claim.text.chars().count());
    }
    if snippet {
        out.extend_from_slice(b",\"snippet\":{\"text\":");
        string(out, &c.claim.text);
        out.push(b'}');
    }
    out.extend_from_slice(b"}}");
}

/// `text` as a JSON string, owned.
fn quoted(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len() + 2);
    string(&mut out, text);
    String::from_utf8(out).unwrap_or_default()
}

/// The bytes a URI keeps as they are: ASCII letters and digits, `-._~/`.
const KEPT: [bool; 256] = {
    let mut kept = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        kept[b] = c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_' | b'~' | b'/');
        b += 1;
    }
    kept
};

/// A path as a URI reference, onto the end of `out`: relative paths stay relative (code
/// scanning resolves them against the repository), absolute ones become `file:` URIs;
/// everything outside the unreserved characters and `/` is percent-encoded, and `\\`
/// reads as `/`. ASCII with no character JSON escapes, so it stands between quotes as
/// it is.
fn uri_into(out: &mut Vec<u8>, path: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let bytes = path.as_bytes();
    let slash = |b: u8| b == b'/' || b == b'\\';
    let rest = if bytes.first().is_some_and(|&b| slash(b)) {
        out.extend_from_slice(b"file://");
        bytes
    } else if bytes.len() > 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' && slash(bytes[2]) {
        out.extend_from_slice(b"file:///");
        out.extend_from_slice(&bytes[..2]);
        &bytes[2..]
    } else {
        bytes
    };
    let mut start = 0;
    for (i, &b) in rest.iter().enumerate() {
        if KEPT[usize::from(b)] {
            continue;
        }
        out.extend_from_slice(&rest[start..i]);
        if b == b'\\' {
            out.push(b'/');
        } else {
            out.extend_from_slice(&[b'%', HEX[usize::from(b >> 4)], HEX[usize::from(b & 0xf)]]);
        }
        start = i + 1;
    }
    out.extend_from_slice(&rest[start..]);
}

/// Plain text for a SARIF message: brackets and backslashes escaped, so only our own
/// `[text](id)` links read as links.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

/// [`escape`], onto the end of `out`.
fn escape_into(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(at) = rest.find(['[', ']', '\\']) {
        out.push_str(&rest[..at]);
        out.push('\\');
        out.push_str(&rest[at..at + 1]);
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uri(path: &str) -> String {
        let mut out = Vec::new();
        uri_into(&mut out, path);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("corpus/2025-12-03-baltic.md"), "corpus/2025-12-03-baltic.md");
        assert_eq!(uri("news/a b (1).md"), "news/a%20b%20%281%29.md");
        assert_eq!(uri("/tmp/new/a.md"), "file:///tmp/new/a.md");
        assert_eq!(uri("C:\\news\\a.md"), "file:///C:/news/a.md");
        assert_eq!(uri("\\\\server\\news\\a.md"), "file:////server/news/a.md");
        assert_eq!(uri("news\\a b.md"), "news/a%20b.md");
        assert_eq!(uri("a:b.md"), "a%3Ab.md", "a colon would read as a scheme");
        assert_eq!(uri("é.md"), "%C3%A9.md");
    }

    #[test]
    fn message_text_escapes_brackets_so_only_our_links_are_links() {
        assert_eq!(escape("[19] points\\"), "\\[19\\] points\\\\");
    }

    #[test]
    fn rule_names_are_pascal_case() {
        assert_eq!(rule("meeting_date", "error")["name"], json!("MeetingDateConflict"));
        assert_eq!(rule("other_count", "error")["id"], json!("conflict/other_count"));
    }
}
