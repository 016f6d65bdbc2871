//! Findings across articles: claims grouped by key (kind, subject, qualifier), and for
//! each key seen in two or more articles, whether they agree, conflict, or form a
//! timeline of updates. Pure, and sorted.
//!
//! Two articles disagree on a key when no value one gives overlaps a value the other
//! gives; an article that gives two values for one key (two sessions in one sentence)
//! disagrees only where neither fits.

use crate::extract::Claim;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

/// The claims of one article, with what the comparison needs to know of it.
#[derive(Clone, Debug)]
pub struct ArticleClaims {
    /// The article's path.
    pub path: String,
    /// Its title, when the front matter gives one.
    pub title: Option<String>,
    /// Its publication date.
    pub published: Option<NaiveDate>,
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
    /// The claim.
    #[serde(flatten)]
    pub claim: Claim,
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

type Key = (String, String, Option<String>);

/// Whether dated articles, taken in date order, move from value to value without
/// going back or disagreeing on one day: an update. Each later group of agreeing
/// articles must disagree with every earlier article.
fn is_timeline(per_article: &[(&str, Option<NaiveDate>, Vec<&Claim>)]) -> bool {
    if per_article.iter().any(|(_, d, _)| d.is_none()) {
        return false;
    }
    let mut sorted: Vec<_> = per_article.iter().collect();
    sorted.sort_by_key(|(p, d, _)| (*d, *p));
    let agree = |a: &[&Claim], b: &[&Claim]| a.iter().any(|x| b.iter().any(|y| x.value.overlaps(&y.value)));
    let mut eras: Vec<Vec<&(&str, Option<NaiveDate>, Vec<&Claim>)>> = Vec::new();
    for article in sorted {
        let joins_last = eras.last().is_some_and(|era| era.iter().all(|m| agree(&m.2, &article.2)));
        if joins_last {
            if let Some(era) = eras.last_mut() {
                era.push(article);
            }
            continue;
        }
        let earlier_agree = eras.iter().flatten().any(|m| agree(&m.2, &article.2));
        let same_day = eras.last().is_some_and(|era| era.iter().any(|m| m.1 == article.1));
        if earlier_agree || same_day {
            return false;
        }
        eras.push(vec![article]);
    }
    eras.len() > 1
}

/// Supply the qualifier of claims that lack only that ("the 28-point plan"), where
/// exactly one qualifier of the same kind and subject has a value that fits. Never makes
/// a conflict: such a claim joins only a group it agrees with. Open-ended values ("up
/// to 50 years" fits any shorter term) neither give nor take a qualifier.
fn infer_qualifiers(articles: &[ArticleClaims]) -> Vec<(usize, Claim)> {
    let mut known: BTreeMap<(&str, &str), BTreeMap<&str, Vec<&Claim>>> = BTreeMap::new();
    for article in articles {
        for c in article.claims.iter().filter(|c| c.comparable) {
            if let Some(q) = &c.qualifier {
                known.entry((&c.kind, &c.subject)).or_default().entry(q).or_default().push(c);
            }
        }
    }
    let mut inferred = Vec::new();
    for (i, article) in articles.iter().enumerate() {
        for c in article.claims.iter().filter(|c| c.qualifier_missing && c.value.is_pointlike()) {
            let Some(by_qualifier) = known.get(&(c.kind.as_str(), c.subject.as_str())) else { continue };
            let fitting: Vec<&str> = by_qualifier
                .iter()
                .filter(|(_, claims)| claims.iter().any(|k| k.value.is_pointlike() && k.value.overlaps(&c.value)))
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

/// Compare the claims of several articles. `changes(kind)` says whether a kind's facts
/// change over time (so a timeline of differing values is an update).
pub fn compare(articles: &[ArticleClaims], changes: impl Fn(&str) -> bool) -> Vec<Finding> {
    let inferred = infer_qualifiers(articles);
    let mut groups: BTreeMap<Key, Vec<(usize, &Claim)>> = BTreeMap::new();
    let stated =
        articles.iter().enumerate().flat_map(|(i, a)| a.claims.iter().filter(|c| c.comparable).map(move |c| (i, c)));
    for (i, claim) in stated.chain(inferred.iter().map(|(i, c)| (*i, c))) {
        let key = (claim.kind.clone(), claim.subject.clone(), claim.qualifier.clone());
        groups.entry(key).or_default().push((i, claim));
    }
    let mut findings = Vec::new();
    for ((kind, subject, qualifier), members) in groups {
        let mut per_article: Vec<(&str, Option<NaiveDate>, Vec<&Claim>)> = Vec::new();
        for (i, claim) in &members {
            let article = &articles[*i];
            match per_article.iter_mut().find(|(p, _, _)| *p == article.path) {
                Some(entry) => entry.2.push(claim),
                None => per_article.push((&article.path, article.published, vec![claim])),
            }
        }
        if per_article.len() < 2 {
            continue;
        }
        let disagree = |a: &[&Claim], b: &[&Claim]| !a.iter().any(|x| b.iter().any(|y| x.value.overlaps(&y.value)));
        let any_disagreement =
            per_article.iter().enumerate().any(|(i, a)| per_article.iter().skip(i + 1).any(|b| disagree(&a.2, &b.2)));
        let relation = if !any_disagreement {
            Relation::Agree
        } else if changes(&kind) && is_timeline(&per_article) {
            Relation::Update
        } else {
            Relation::Conflict
        };
        let mut claims: Vec<SourcedClaim> = members
            .iter()
            .map(|(i, c)| SourcedClaim {
                path: articles[*i].path.clone(),
                published: articles[*i].published.map(|d| d.to_string()),
                claim: (*c).clone(),
            })
            .collect();
        claims.sort_by(|a, b| {
            (a.published.is_none(), &a.published, &a.path, a.claim.span.start).cmp(&(
                b.published.is_none(),
                &b.published,
                &b.path,
                b.claim.span.start,
            ))
        });
        findings.push(Finding { relation, kind, subject, qualifier, claims });
    }
    findings.sort_by(|a, b| {
        (a.relation, &a.kind, &a.subject, &a.qualifier).cmp(&(b.relation, &b.kind, &b.subject, &b.qualifier))
    });
    findings
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
            claims,
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
