//! The `sarif` format: SARIF 2.1.0, for code-scanning tools (GitHub code scanning,
//! editors' SARIF viewers). One result per disputed claim of a conflict (a new
//! article's only, in `check`), located at the claim's value in its article, with the
//! claims that contradict it as `relatedLocations`, linked from the message
//! (`[text](id)`). One rule per kind of claim (`conflict/<kind>`), described in
//! `tool.driver.rules`. Columns count Unicode code points, as claimcheck's do.
//!
//! `partialFingerprints` are the content fingerprints baselines use too
//! ([`super::fingerprint`]): the claim's key (kind, subject, qualifier), its value, and
//! the values that contradict it. Never line numbers, byte offsets or file names: a
//! paragraph added above the claim or a renamed file must not turn the same conflict
//! into a new alert, while a changed value, or a new value against it, does.

use super::sides::file_name;
use super::{Context, Disputed, count, for_each_disputed, key_text, one_line};
use crate::compare::{Finding, SourcedClaim};
use serde::Serialize;
use serde_json::{Value as Json, json};
use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};

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

/// Write the SARIF log a result at a time: one result a line, the envelope around them,
/// and the rules (known once every result is out) last.
pub fn write(findings: &[Finding], ctx: &Context, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "{{")?;
    writeln!(out, "  \"$schema\": \"{SCHEMA}\",")?;
    writeln!(out, "  \"version\": \"2.1.0\",")?;
    writeln!(out, "  \"runs\": [{{")?;
    writeln!(out, "    \"columnKind\": \"unicodeCodePoints\",")?;
    write!(out, "    \"results\": [")?;
    let mut rules: BTreeMap<&str, usize> = BTreeMap::new();
    let mut kinds: Vec<&str> = Vec::new();
    let mut status = Ok(());
    let mut first = true;
    let mut cache = Related::default();
    let mut buffer = Vec::new();
    for_each_disputed(findings, ctx, false, |d| {
        if status.is_err() {
            return;
        }
        let kind: &str = &d.sides.finding.kind;
        let index = *rules.entry(kind).or_insert_with(|| {
            kinds.push(kind);
            kinds.len() - 1
        });
        out.write_all(if first { b"\n      " } else { b",\n      " }).unwrap_or_else(|e| status = Err(e));
        first = false;
        if status.is_ok() {
            status = write_result(out, &mut buffer, &mut cache, d, index, ctx.severity(kind).sarif_level());
        }
    });
    status?;
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

/// A SARIF `result`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: String,
    rule_index: usize,
    kind: &'static str,
    level: &'static str,
    message: Message,
    locations: [Location<'a>; 1],
    partial_fingerprints: Fingerprints,
    properties: Properties<'a>,
}

#[derive(Serialize)]
struct Message {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: Physical<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Message>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Physical<'a> {
    artifact_location: Artifact,
    region: Region<'a>,
}

#[derive(Serialize)]
struct Artifact {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region<'a> {
    start_line: usize,
    start_column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<usize>,
    snippet: Snippet<'a>,
}

#[derive(Serialize)]
struct Snippet<'a> {
    text: &'a str,
}

#[derive(Serialize)]
struct Fingerprints {
    #[serde(rename = "claimcheck/v1")]
    v1: String,
}

/// What claimcheck knows of the claim, for tools that read more than the message.
#[derive(Serialize)]
struct Properties<'a> {
    relation: &'static str,
    kind: &'a str,
    subject: &'a str,
    qualifier: &'a str,
    value: String,
    published: &'a str,
    contradicting_articles: usize,
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

/// The related locations of the articles of one finding, serialized once: the same
/// counterparts stand beside thousands of claims in a large corpus.
#[derive(Default)]
struct Related {
    /// The finding they belong to (compared by address).
    finding: usize,
    /// By article index: the message's link text, and each claim's location as JSON
    /// without its `id` (`{"physicalLocation":...,"message":...}`).
    articles: HashMap<usize, (String, Vec<String>)>,
}

impl Related {
    fn of(&mut self, d: &Disputed, j: usize) -> &(String, Vec<String>) {
        let finding = std::ptr::from_ref(d.sides.finding) as usize;
        if self.finding != finding {
            self.finding = finding;
            self.articles.clear();
        }
        self.articles.entry(j).or_insert_with(|| {
            let side = &d.sides.articles[j];
            let date = side.published.unwrap_or("undated");
            let link = side.claims.first().map_or_else(String::new, |first| {
                format!(
                    "{}:{} ({})",
                    escape(file_name(side.path)),
                    first.claim.span.line,
                    escape(&first.claim.value.display())
                )
            });
            let locations = side
                .claims
                .iter()
                .map(|other| {
                    let location = Location {
                        id: None,
                        physical_location: physical(other),
                        message: Some(Message {
                            text: format!(
                                "{} \"{}\", published {date}",
                                other.claim.value.display(),
                                one_line(&other.claim.text)
                            ),
                        }),
                    };
                    serde_json::to_string(&location).unwrap_or_else(|_| "{}".to_string())
                })
                .collect();
            (link, locations)
        })
    }
}

/// One result, on one line: the disputed claim, its counterparts, its fingerprint.
fn write_result(
    out: &mut impl Write,
    buffer: &mut Vec<u8>,
    cache: &mut Related,
    d: &Disputed,
    rule_index: usize,
    level: &'static str,
) -> io::Result<()> {
    let f = d.sides.finding;
    let c = d.claim;
    let against = d.against();
    let shown = d.counterparts(RELATED);
    let mut related: Vec<String> = Vec::new();
    let mut links = Vec::new();
    // Each related location has its own id; the message links to each article's first.
    for &j in &shown {
        let (link, locations) = cache.of(d, j);
        if locations.is_empty() {
            continue;
        }
        links.push(format!("[{link}]({})", related.len() + 1));
        for location in locations {
            let rest = location.strip_prefix('{').unwrap_or(location);
            related.push(format!("{{\"id\":{},{rest}", related.len() + 1));
        }
    }
    let more = against.saturating_sub(shown.len());
    let list = if more > 0 { format!("{} and {more} more", links.join(", ")) } else { links.join(", ") };
    let text = format!(
        "{} {}: this article gives {} (\"{}\"); {} {}, and publication dates do not explain it: {list}.",
        escape(&f.kind),
        escape(&key_text(f)),
        escape(&c.claim.value.display()),
        escape(&one_line(&c.claim.text)),
        count(against, "other article"),
        if against == 1 { "gives a value that never overlaps it" } else { "give values that never overlap it" },
    );
    let value = c.claim.value.display();
    let fingerprint = super::fingerprint(d.sides, d.article, c);
    let result = SarifResult {
        rule_id: rule_id(&f.kind),
        rule_index,
        kind: "fail",
        level,
        message: Message { text },
        locations: [Location { id: None, physical_location: physical(c), message: None }],
        partial_fingerprints: Fingerprints { v1: format!("{fingerprint:016x}") },
        properties: Properties {
            relation: f.relation.name(),
            kind: &f.kind,
            subject: &f.subject,
            qualifier: f.qualifier.as_deref().unwrap_or(""),
            value,
            published: c.published.as_deref().unwrap_or("undated"),
            contradicting_articles: against,
        },
    };
    // The result's own fields, then the related locations spliced in before its `}`.
    buffer.clear();
    serde_json::to_writer(&mut *buffer, &result)?;
    buffer.pop();
    out.write_all(buffer)?;
    write!(out, ",\"relatedLocations\":[{}]}}", related.join(","))
}

/// Where a claim's value stands: file, line, columns, and its words.
fn physical(c: &SourcedClaim) -> Physical<'_> {
    let span = &c.claim.span;
    let end_column = (!c.claim.text.contains('\n')).then(|| span.column + c.claim.text.chars().count());
    Physical {
        artifact_location: Artifact { uri: uri(&c.path) },
        region: Region {
            start_line: span.line,
            start_column: span.column,
            end_column,
            snippet: Snippet { text: &c.claim.text },
        },
    }
}

/// A path as a URI reference: relative paths stay relative (code scanning resolves them
/// against the repository), absolute ones become `file:` URIs; everything outside the
/// unreserved characters and `/` is percent-encoded.
pub fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let encode = |s: &str| {
        let mut out = String::with_capacity(s.len());
        for b in s.bytes() {
            if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
                out.push(char::from(b));
            } else {
                out.push_str(&format!("%{b:02X}"));
            }
        }
        out
    };
    let bytes = path.as_bytes();
    if path.starts_with('/') {
        format!("file://{}", encode(&path))
    } else if bytes.len() > 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' && bytes[2] == b'/' {
        format!("file:///{}:{}", char::from(bytes[0]), encode(&path[2..]))
    } else {
        encode(&path)
    }
}

/// Plain text for a SARIF message: brackets and backslashes escaped, so only our own
/// `[text](id)` links read as links.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if matches!(ch, '[' | ']' | '\\') {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("corpus/2025-12-03-baltic.md"), "corpus/2025-12-03-baltic.md");
        assert_eq!(uri("news/a b (1).md"), "news/a%20b%20%281%29.md");
        assert_eq!(uri("/tmp/new/a.md"), "file:///tmp/new/a.md");
        assert_eq!(uri("C:\\news\\a.md"), "file:///C:/news/a.md");
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
