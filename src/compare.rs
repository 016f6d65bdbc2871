//! Findings across articles: claims grouped by key (kind, subject, qualifier), and for
//! each key seen in two or more articles, whether they agree, conflict, or form a
//! timeline of updates. Pure, and sorted.
//!
//! Two articles disagree on a key when no value one gives overlaps a value the other
//! gives; an article that gives two values for one key (two sessions in one sentence)
//! disagrees only where neither fits.

use crate::extract::Claim;
use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// The claims of one article, with what the comparison needs to know of it.
#[derive(Clone, Debug, Default)]
pub struct ArticleClaims {
    /// The article's path.
    pub path: String,
    /// Its title, when the front matter gives one.
    pub title: Option<String>,
    /// Its publication date.
    pub published: Option<NaiveDate>,
    /// Whether `published` was inferred (from the text, the address or the other
    /// reports of its story) rather than given by the article.
    pub published_inferred: bool,
    /// Its address on the web, when the front matter gives one (`url:`).
    pub url: Option<String>,
    /// The story the user put it in (front matter `story:`, or its folder), if any.
    pub story: Option<String>,
    /// The names it mentions (people, places, organizations), as written, once each:
    /// what tells its story from others when the user gives none.
    pub names: Vec<String>,
    /// What it claims.
    pub claims: Vec<Claim>,
}

/// How the articles' values for one key relate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Relation {
    /// Some values cannot both be true, and publication dates do not explain it.
    Conflict,
    /// Values differ, but later articles report newer values of a fact that changes.
    Update,
    /// Every article's values overlap every other's.
    Agree,
}

impl Relation {
    /// Lower-case name, as in the JSON.
    pub fn name(self) -> &'static str {
        match self {
            Relation::Conflict => "conflict",
            Relation::Update => "update",
            Relation::Agree => "agree",
        }
    }
}

/// A claim inside a finding, with its article.
#[derive(Clone, Debug, Serialize)]
pub struct SourcedClaim {
    /// The article's path.
    pub path: String,
    /// Its publication date (ISO), if known.
    pub published: Option<String>,
    /// The article's address on the web, when its front matter gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The claim.
    #[serde(flatten)]
    pub claim: Claim,
    /// Whether a baseline accepts this claim's disagreement (set by the command line;
    /// the formats leave such claims out of what they point at).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub baselined: bool,
}

/// One finding: a claim key seen in two or more articles and how they relate.
#[derive(Clone, Debug, Serialize)]
pub struct Finding {
    /// Agree, conflict or update.
    pub relation: Relation,
    /// What is measured.
    pub kind: String,
    /// What it is about.
    pub subject: String,
    /// Which version or side.
    pub qualifier: Option<String>,
    /// Every claim with this key, oldest article first.
    pub claims: Vec<SourcedClaim>,
}

impl Finding {
    /// The key, as `kind subject/qualifier`.
    pub fn key(&self) -> String {
        match &self.qualifier {
            Some(q) => format!("{} {}/{}", self.kind, self.subject, q),
            None => format!("{} {}", self.kind, self.subject),
        }
    }

    /// Whether the claims of articles `a` and `b` (paths) in this finding disagree.
    pub fn disagree(&self, a: &str, b: &str) -> bool {
        let values_a: Vec<_> = self.claims.iter().filter(|c| c.path == a).map(|c| &c.claim.value).collect();
        let values_b: Vec<_> = self.claims.iter().filter(|c| c.path == b).map(|c| &c.claim.value).collect();
        !values_a.iter().any(|x| values_b.iter().any(|y| x.overlaps(y)))
    }

    /// Paths of the articles in this finding, in order of first appearance.
    pub fn paths(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for c in &self.claims {
            if !out.contains(&c.path.as_str()) {
                out.push(&c.path);
            }
        }
        out
    }
}

/// Whether dated articles, taken in date order, move from value to value without
/// going back or disagreeing on one day: an update. Each later group of agreeing
/// articles must disagree with every earlier article. `sets[a]` is article `a`'s set of
/// values (an index into `agree`, which says which sets share a value).
fn is_timeline(dates: &[Option<NaiveDate>], sets: &[usize], agree: &[Vec<bool>]) -> bool {
    if dates.iter().any(Option::is_none) {
        return false;
    }
    // Articles come in date order. An era: the sets of a run of agreeing articles, and
    // the last date seen in it.
    let mut eras: Vec<(Vec<usize>, Option<NaiveDate>)> = Vec::new();
    for (&date, &set) in dates.iter().zip(sets) {
        if let Some((members, last)) = eras.last_mut()
            && members.iter().all(|m| agree[*m][set])
        {
            if !members.contains(&set) {
                members.push(set);
            }
            *last = date;
            continue;
        }
        let earlier_agree = eras.iter().flat_map(|(m, _)| m).any(|m| agree[*m][set]);
        let same_day = eras.last().is_some_and(|(_, last)| *last == date);
        if earlier_agree || same_day {
            return false;
        }
        eras.push((vec![set], date));
    }
    eras.len() > 1
}

/// Supply the qualifier of claims that lack only that ("the 28-point plan"), where
/// exactly one qualifier of the same kind and subject has a value that fits. Never makes
/// a conflict: such a claim joins only a group it agrees with. Open-ended values ("up
/// to 50 years" fits any shorter term) neither give nor take a qualifier.
fn infer_qualifiers(articles: &[ArticleClaims]) -> Vec<(usize, Claim)> {
    // The distinct pointlike values of each version: thousands of articles repeat a few.
    let mut known: BTreeMap<(&str, &str), BTreeMap<&str, Vec<&crate::value::Value>>> = BTreeMap::new();
    for article in articles {
        for c in article.claims.iter().filter(|c| c.comparable && c.value.is_pointlike()) {
            if let Some(q) = &c.qualifier {
                let values = known.entry((&c.kind, &c.subject)).or_default().entry(q).or_default();
                if !values.contains(&&c.value) {
                    values.push(&c.value);
                }
            }
        }
    }
    let mut inferred = Vec::new();
    for (i, article) in articles.iter().enumerate() {
        for c in article.claims.iter().filter(|c| c.qualifier_missing && c.value.is_pointlike()) {
            let Some(by_qualifier) = known.get(&(c.kind.as_str(), c.subject.as_str())) else { continue };
            let fitting: Vec<&str> = by_qualifier
                .iter()
                .filter(|(_, values)| values.iter().any(|v| v.overlaps(&c.value)))
                .map(|(q, _)| *q)
                .collect();
            if let [only] = fitting.as_slice() {
                let mut claim = c.clone();
                claim.qualifier = Some(only.to_string());
                claim.comparable = true;
                claim.qualifier_missing = false;
                claim.qualifier_inferred = true;
                inferred.push((i, claim));
            }
        }
    }
    inferred
}

/// A claim key: kind, subject, qualifier.
type Key<'a> = (&'a str, &'a str, Option<&'a str>);

/// Compare the claims of several articles. `changes(kind)` says whether a kind's facts
/// change over time (so a timeline of differing values is an update). Keys are related
/// on all cores; the findings come out sorted.
pub fn compare(articles: &[ArticleClaims], changes: impl Fn(&str) -> bool + Sync) -> Vec<Finding> {
    let inferred = infer_qualifiers(articles);
    // The order claims are listed in: dated articles by date, then undated, each by
    // path; worked out once, not per key.
    let mut order: Vec<usize> = (0..articles.len()).collect();
    let sort_key = |i: usize| (articles[i].published.is_none(), articles[i].published, articles[i].path.as_str());
    order.sort_by(|a, b| sort_key(*a).cmp(&sort_key(*b)));
    let mut rank = vec![0; articles.len()];
    for (r, i) in order.iter().enumerate() {
        rank[*i] = r;
    }
    let published: Vec<Option<String>> = articles.iter().map(|a| a.published.map(|d| d.to_string())).collect();
    let mut groups: BTreeMap<Key, Vec<(usize, &Claim)>> = BTreeMap::new();
    let stated =
        articles.iter().enumerate().flat_map(|(i, a)| a.claims.iter().filter(|c| c.comparable).map(move |c| (i, c)));
    for (i, claim) in stated.chain(inferred.iter().map(|(i, c)| (*i, c))) {
        let key = (claim.kind.as_str(), claim.subject.as_str(), claim.qualifier.as_deref());
        groups.entry(key).or_default().push((i, claim));
    }
    let groups: Vec<_> = groups.into_iter().collect();
    let mut findings: Vec<Finding> = groups
        .into_par_iter()
        .filter_map(|(key, members)| relate(articles, &rank, &published, key, members, &changes))
        .collect();
    findings.sort_by(|a, b| {
        (a.relation, &a.kind, &a.subject, &a.qualifier).cmp(&(b.relation, &b.kind, &b.subject, &b.qualifier))
    });
    findings
}

/// The finding for one key, or `None` when fewer than two articles make the claim.
fn relate(
    articles: &[ArticleClaims],
    rank: &[usize],
    published: &[Option<String>],
    (kind, subject, qualifier): (&str, &str, Option<&str>),
    mut members: Vec<(usize, &Claim)>,
    changes: &(impl Fn(&str) -> bool + Sync),
) -> Option<Finding> {
    members.sort_by_key(|(i, c)| (rank[*i], c.span.start));
    // One entry per article, in listing order: its index and its claims.
    let mut per_article: Vec<(usize, Vec<&Claim>)> = Vec::new();
    for (i, claim) in &members {
        match per_article.last_mut() {
            Some((last, claims)) if last == i => claims.push(claim),
            _ => per_article.push((*i, vec![claim])),
        }
    }
    if per_article.len() < 2 {
        return None;
    }
    // Whether two articles disagree depends only on their sets of values, and many
    // articles share a few sets: relate the distinct sets only.
    let mut set_ids: HashMap<Vec<String>, usize> = HashMap::new();
    let mut set_values: Vec<Vec<&crate::value::Value>> = Vec::new();
    let sets: Vec<usize> = per_article
        .iter()
        .map(|(_, claims)| {
            let mut key: Vec<String> = claims.iter().map(|c| format!("{:?}", c.value)).collect();
            key.sort_unstable();
            key.dedup();
            *set_ids.entry(key).or_insert_with(|| {
                set_values.push(claims.iter().map(|c| &c.value).collect());
                set_values.len() - 1
            })
        })
        .collect();
    let agree: Vec<Vec<bool>> = set_values
        .iter()
        .map(|a| set_values.iter().map(|b| a.iter().any(|x| b.iter().any(|y| x.overlaps(y)))).collect())
        .collect();
    let any_disagreement = agree.iter().any(|row| row.iter().any(|a| !a));
    let dates: Vec<Option<NaiveDate>> = per_article.iter().map(|(i, _)| articles[*i].published).collect();
    let relation = if !any_disagreement {
        Relation::Agree
    } else if changes(kind) && is_timeline(&dates, &sets, &agree) {
        Relation::Update
    } else {
        Relation::Conflict
    };
    let claims = members
        .iter()
        .map(|(i, c)| SourcedClaim {
            path: articles[*i].path.clone(),
            published: published[*i].clone(),
            url: articles[*i].url.clone(),
            claim: (*c).clone(),
            baselined: false,
        })
        .collect();
    Some(Finding {
        relation,
        kind: kind.to_string(),
        subject: subject.to_string(),
        qualifier: qualifier.map(str::to_string),
        claims,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Span;
    use crate::value::{Amount, Value};

    fn claim(kind: &str, subject: &str, qualifier: Option<&str>, value: f64) -> Claim {
        Claim {
            rule: "test".into(),
            kind: kind.into(),
            subject: subject.into(),
            qualifier: qualifier.map(str::to_string),
            value: Value::Number { amount: Amount::exact(value), unit: None },
            text: value.to_string(),
            quote: String::new(),
            span: Span { start: 0, end: 1, line: 1, column: 1 },
            comparable: true,
            qualifier_missing: false,
            qualifier_inferred: false,
        }
    }

    fn article(path: &str, published: Option<&str>, claims: Vec<Claim>) -> ArticleClaims {
        ArticleClaims {
            path: path.into(),
            title: None,
            published: published.map(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d").unwrap()),
            url: None,
            claims,
            ..Default::default()
        }
    }

    fn relations(findings: &[Finding]) -> Vec<(String, Relation)> {
        findings.iter().map(|f| (f.key(), f.relation)).collect()
    }

    #[test]
    fn revised_counts_form_an_update_when_dated_and_a_conflict_when_not() {
        let revised = |v| claim("plan_points", "plan", Some("revised"), v);
        let dated = [
            article("a", Some("2025-12-02"), vec![revised(19.0)]),
            article("b", Some("2025-12-03"), vec![revised(19.0)]),
            article("c", Some("2025-12-31"), vec![revised(20.0)]),
        ];
        assert_eq!(relations(&compare(&dated, |_| true)), vec![("plan_points plan/revised".into(), Relation::Update)]);
        assert_eq!(
            relations(&compare(&dated, |_| false)),
            vec![("plan_points plan/revised".into(), Relation::Conflict)]
        );
        let undated = [article("a", None, vec![revised(19.0)]), article("c", None, vec![revised(20.0)])];
        assert_eq!(
            relations(&compare(&undated, |_| true)),
            vec![("plan_points plan/revised".into(), Relation::Conflict)]
        );
    }

    #[test]
    fn a_stale_value_after_a_newer_one_is_a_conflict() {
        let revised = |v| claim("plan_points", "plan", Some("revised"), v);
        let articles = [
            article("a", Some("2025-12-01"), vec![revised(19.0)]),
            article("b", Some("2025-12-10"), vec![revised(20.0)]),
            article("c", Some("2025-12-20"), vec![revised(19.0)]),
        ];
        assert_eq!(compare(&articles, |_| true)[0].relation, Relation::Conflict);
    }

    #[test]
    fn different_qualifiers_and_subjects_are_never_compared() {
        let articles = [
            article("a", None, vec![claim("g", "guarantee", Some("proposed"), 15.0)]),
            article("b", None, vec![claim("g", "guarantee", Some("requested"), 50.0), claim("g", "other", None, 3.0)]),
        ];
        assert!(compare(&articles, |_| false).is_empty());
    }

    #[test]
    fn uncomparable_claims_stay_out() {
        let mut unknown = claim("k", "unknown", None, 1.0);
        unknown.comparable = false;
        let articles = [article("a", None, vec![unknown.clone()]), article("b", None, vec![unknown])];
        assert!(compare(&articles, |_| false).is_empty());
    }

    #[test]
    fn two_values_in_one_article_disagree_only_where_neither_fits() {
        let c = |v| claim("meeting_duration", "talks", None, v);
        let articles = [
            article("a", None, vec![c(5.0), c(2.0)]),
            article("b", None, vec![c(5.0)]),
            article("c", None, vec![c(2.0)]),
        ];
        let findings = compare(&articles, |_| false);
        assert_eq!(findings[0].relation, Relation::Conflict, "b and c cannot both be right");
        assert!(!findings[0].disagree("a", "b") && !findings[0].disagree("a", "c") && findings[0].disagree("b", "c"));
    }

    #[test]
    fn a_missing_qualifier_is_supplied_only_where_one_version_fits() {
        let bare = |v| {
            let mut c = claim("plan_points", "plan", None, v);
            c.comparable = false;
            c.qualifier_missing = true;
            c
        };
        let articles = [
            article("a", Some("2025-12-01"), vec![claim("plan_points", "plan", Some("original"), 28.0)]),
            article("b", Some("2025-12-02"), vec![claim("plan_points", "plan", Some("revised"), 19.0)]),
            article("c", Some("2025-12-03"), vec![bare(28.0), bare(24.0)]),
        ];
        let findings = compare(&articles, |_| true);
        assert_eq!(relations(&findings), vec![("plan_points plan/original".into(), Relation::Agree)]);
        assert!(findings[0].claims.iter().any(|c| c.path == "c" && c.claim.qualifier_inferred));
    }

    #[test]
    fn agreement_needs_two_articles() {
        let c = |v| claim("k", "s", None, v);
        assert!(compare(&[article("a", None, vec![c(1.0), c(1.0)])], |_| false).is_empty());
        let agree = compare(&[article("a", None, vec![c(1.0)]), article("b", None, vec![c(1.0)])], |_| false);
        assert_eq!(agree[0].relation, Relation::Agree);
        assert_eq!(agree[0].paths(), vec!["a", "b"]);
    }
}
