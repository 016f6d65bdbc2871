//! The `claimreview` format: schema.org `ClaimReview` JSON-LD, a JSON array with one
//! self-contained review per disputed claim (a new article's only, in `check`): the
//! claim's sentence, where it appeared, and the reports it disagrees with as
//! `citation`s.
//!
//! The rating is what claimcheck knows, never a verdict of truth: "Conflicts with other
//! reports" (values that never overlap, and dates do not explain it) or "Updated by a
//! later report" (a later article gives a newer value of a fact that changes). It has
//! no numeric rating, since the reports' disagreeing says nothing on which is right.

use super::{Context, Dispute, Disputed, for_each_disputed, key_text, one_line};
use crate::compare::{Finding, SourcedClaim};
use serde::Serialize;
use std::collections::HashMap;
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

/// Write the reviews as a JSON array, one review a line, each as it is made.
pub fn write(findings: &[Finding], ctx: &Context, out: &mut impl Write) -> io::Result<()> {
    out.write_all(b"[")?;
    let mut status = Ok(());
    let mut first = true;
    let mut cache = Cited::default();
    let mut buffer = Vec::new();
    for_each_disputed(findings, ctx, true, |d| {
        if status.is_err() {
            return;
        }
        let separator: &[u8] = if first { b"\n" } else { b",\n" };
        first = false;
        status = out.write_all(separator).and_then(|()| write_review(out, &mut buffer, &mut cache, d));
    });
    status?;
    out.write_all(if first { b"]\n" } else { b"\n]\n" })
}

/// A schema.org `ClaimReview`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ClaimReview<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    claim_reviewed: &'a str,
    review_rating: Rating,
    review_body: String,
    item_reviewed: ClaimOut<'a>,
    author: Organization,
    keywords: [&'a str; 2],
}

/// A rating in words only: no `ratingValue`, since claimcheck gives no verdict.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rating {
    #[serde(rename = "@type")]
    kind: &'static str,
    alternate_name: &'static str,
}

#[derive(Serialize)]
struct Organization {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'static str,
}

/// A claim as made in one article.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ClaimOut<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_published: Option<&'a str>,
    appearance: Appearance<'a>,
}

/// The article a claim appeared in.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Appearance<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    identifier: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_published: Option<&'a str>,
}

/// The citations of the articles of one finding, serialized once: the same
/// counterparts are cited beside thousands of claims in a large corpus.
#[derive(Default)]
struct Cited {
    /// The finding they belong to (compared by address).
    finding: usize,
    /// By article index: its first claim as a `Claim` in JSON.
    articles: HashMap<usize, String>,
}

impl Cited {
    fn of(&mut self, d: &Disputed, j: usize) -> Option<&str> {
        let finding = std::ptr::from_ref(d.sides.finding) as usize;
        if self.finding != finding {
            self.finding = finding;
            self.articles.clear();
        }
        let o = d.sides.articles[j].claims.first()?;
        let json = self
            .articles
            .entry(j)
            .or_insert_with(|| serde_json::to_string(&claim_out(o, Some(&o.claim.quote))).unwrap_or_default());
        Some(json)
    }
}

/// One review on one line, its citations spliced in last.
fn write_review(out: &mut impl Write, buffer: &mut Vec<u8>, cache: &mut Cited, d: &Disputed) -> io::Result<()> {
    let mut citations = String::new();
    for j in d.counterparts(CITED) {
        if let Some(json) = cache.of(d, j) {
            if !citations.is_empty() {
                citations.push(',');
            }
            citations.push_str(json);
        }
    }
    buffer.clear();
    serde_json::to_writer(&mut *buffer, &review(d))?;
    buffer.pop();
    out.write_all(buffer)?;
    write!(out, ",\"citation\":[{citations}]}}")
}

fn review<'a>(d: &Disputed<'_, 'a>) -> ClaimReview<'a> {
    let f = d.sides.finding;
    let c = d.claim;
    let against = d.against();
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
    ClaimReview {
        context: "https://schema.org",
        kind: "ClaimReview",
        claim_reviewed: &c.claim.quote,
        review_rating: Rating { kind: "Rating", alternate_name: rating },
        review_body: format!(
            "This report gives {} of {} as {} (\"{}\"); {against} {stand}.",
            f.kind,
            key_text(f),
            c.claim.value.display(),
            one_line(&c.claim.text),
        ),
        item_reviewed: claim_out(c, None),
        author: Organization { kind: "Organization", name: "claimcheck" },
        keywords: [&f.kind, &f.subject],
    }
}

/// A claim and the article it appeared in; unknown dates are left out, not `null`.
fn claim_out<'a>(c: &'a SourcedClaim, text: Option<&'a str>) -> ClaimOut<'a> {
    ClaimOut {
        kind: "Claim",
        text,
        date_published: c.published.as_deref(),
        appearance: Appearance {
            kind: "NewsArticle",
            identifier: &c.path,
            url: c.url.as_deref(),
            date_published: c.published.as_deref(),
        },
    }
}
