//! The `claimreview` format: schema.org `ClaimReview` JSON-LD, a JSON array with one
//! self-contained review per disputed claim (a new article's only, in `check`): the
//! claim's sentence, where it appeared, and the reports it disagrees with as
//! `citation`s.
//!
//! The rating is what claimcheck knows, never a verdict of truth: "Conflicts with other
//! reports" (values that never overlap, and dates do not explain it) or "Updated by a
//! later report" (a later article gives a newer value of a fact that changes). It has
//! no numeric rating, since the reports' disagreeing says nothing on which is right.
//! The `reviewBody` ends with the finding's sides in words ([`super::words`]): "Sides:
//! 5 articles: 2025-12-02 · 1 article: 2025-12-03 (…) — the odd one out", or for an
//! update "Timeline: 19 (4 articles, to 2025-12-03) → 20 (5 articles, from 2025-12-15)".
//!
//! Written by hand, a review a line: what the reviews of one finding share (their
//! keywords, the opening of their body, the citations of each group of articles that
//! stand the same way) is made once, not once for each of thousands of claims.

use super::json::{self, flush_some};
use super::words::SidesWords;
use super::{Context, Dispute, Disputed, PerValue, Titles, for_each_disputed_finding, key_text, one_line};
use crate::compare::{Finding, SourcedClaim};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{self, Write};

/// Reports cited per review; `reviewBody` gives the full count.
const CITED: usize = 3;

/// The rating text for a conflict.
pub const CONFLICTS: &str = "Conflicts with other reports";
/// The rating text for a claim a later report replaced.
pub const UPDATED: &str = "Updated by a later report";

/// Render the reviews as a JSON array.
pub fn render(findings: &[Finding], ctx: &Context) -> String {
    let mut out = Vec::new();
    // Writing to memory cannot fail.
    let _ = write(findings, ctx, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Write the reviews as a JSON array, one review a line.
pub fn write(findings: &[Finding], ctx: &Context, out: &mut impl Write) -> io::Result<()> {
    let mut buffer = Vec::with_capacity(json::FLUSH_AT + (1 << 16));
    buffer.push(b'[');
    let mut status = Ok(());
    let mut first = true;
    let mut body = String::new();
    let mut values: PerValue<String> = PerValue::default();
    for_each_disputed_finding(findings, ctx, true, |disputed| {
        if status.is_err() {
            return;
        }
        let shared = Shared::new(disputed[0].sides.finding, ctx.titles);
        values.clear();
        let mut cited: HashMap<Standing, (usize, Vec<u8>)> = HashMap::new();
        for d in disputed {
            buffer.extend_from_slice(if first { b"\n" } else { b",\n" });
            first = false;
            let (against, citations) = cited.entry((d.sides.group(d.article), d.after())).or_insert_with(|| {
                let mut citations = Vec::new();
                for j in d.counterparts(CITED) {
                    let Some(o) = d.sides.articles[j].claims.first() else { continue };
                    if !citations.is_empty() {
                        citations.push(b',');
                    }
                    claim_out(&mut citations, o, Some(&o.claim.quote));
                }
                (d.against(), citations)
            });
            values.with(
                &d.claim.claim.value,
                |v| v.display(),
                |value| {
                    review(&mut buffer, &mut body, &shared, d, value, *against, citations);
                },
            );
            if let Err(e) = flush_some(&mut buffer, out) {
                status = Err(e);
                return;
            }
        }
    });
    status?;
    buffer.extend_from_slice(if first { b"]\n" } else { b"\n]\n" });
    out.write_all(&buffer)
}

/// Where a disputed claim stands, which decides its counterparts: its article's group
/// ([`super::sides::Sides::group`]) and, for an update, its date ([`Disputed::after`]).
type Standing<'a> = (usize, Option<&'a str>);

/// What the reviews of one finding share.
struct Shared {
    /// `This report gives KIND of KEY as `
    opening: String,
    /// ` Sides: ...` or ` Timeline: ...`: the end of every review's body.
    sides: String,
    /// `,"author":...,"keywords":[KIND,SUBJECT],"citation":[`
    closing: Vec<u8>,
}

impl Shared {
    fn new(f: &Finding, titles: &Titles) -> Shared {
        let mut closing = br#","author":{"@type":"Organization","name":"claimcheck"},"keywords":["#.to_vec();
        json::string(&mut closing, &f.kind);
        closing.push(b',');
        json::string(&mut closing, &f.subject);
        closing.extend_from_slice(br#"],"citation":["#);
        let sides = match SidesWords::new(f, titles) {
            Some(words) => format!(" {}: {}.", words.title(), words.sentence()),
            None => String::new(),
        };
        Shared { opening: format!("This report gives {} of {} as ", f.kind, key_text(f)), sides, closing }
    }
}

/// One review on one line. `value` is the claim's value as displayed, `body` room
/// for the review's body.
fn review(
    out: &mut Vec<u8>,
    body: &mut String,
    shared: &Shared,
    d: &Disputed,
    value: &str,
    against: usize,
    citations: &[u8],
) {
    let c = d.claim;
    let rating = match d.dispute {
        Dispute::Conflict => CONFLICTS,
        Dispute::Updated => UPDATED,
    };
    let stand = match (d.dispute, against) {
        (Dispute::Conflict, 1) => {
            "other report gives a value that never overlaps it, and publication dates do not explain it"
        }
        (Dispute::Conflict, _) => {
            "other reports give values that never overlap it, and publication dates do not explain it"
        }
        (Dispute::Updated, 1) => "later report gives a newer value",
        (Dispute::Updated, _) => "later reports give a newer value",
    };
    out.extend_from_slice(br#"{"@context":"https://schema.org","@type":"ClaimReview","claimReviewed":"#);
    json::string(out, &c.claim.quote);
    out.extend_from_slice(br#","reviewRating":{"@type":"Rating","alternateName":"#);
    json::string(out, rating);
    out.extend_from_slice(br#"},"reviewBody":"#);
    body.clear();
    body.push_str(&shared.opening);
    body.push_str(value);
    body.push_str(" (\"");
    body.push_str(&one_line(&c.claim.text));
    let _ = write!(body, "\"); {against} {stand}.");
    body.push_str(&shared.sides);
    json::string(out, body);
    out.extend_from_slice(br#","itemReviewed":"#);
    claim_out(out, c, None);
    out.extend_from_slice(&shared.closing);
    out.extend_from_slice(citations);
    out.extend_from_slice(b"]}");
}

/// A schema.org `Claim` and the `NewsArticle` it appeared in, with its sentence when
/// `text` is given; unknown dates are left out, not `null`.
fn claim_out(out: &mut Vec<u8>, c: &SourcedClaim, text: Option<&str>) {
    out.extend_from_slice(br#"{"@type":"Claim""#);
    if let Some(text) = text {
        out.extend_from_slice(br#","text":"#);
        json::string(out, text);
    }
    let published = c.published.as_deref();
    if let Some(date) = published {
        out.extend_from_slice(br#","datePublished":"#);
        json::string(out, date);
    }
    out.extend_from_slice(br#","appearance":{"@type":"NewsArticle","identifier":"#);
    json::string(out, &c.path);
    if let Some(url) = &c.url {
        out.extend_from_slice(br#","url":"#);
        json::string(out, url);
    }
    if let Some(date) = published {
        out.extend_from_slice(br#","datePublished":"#);
        json::string(out, date);
    }
    out.extend_from_slice(b"}}");
}
