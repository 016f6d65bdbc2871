//! Findings across articles: articles put into stories ([`story`]), claims grouped by
//! key (kind, subject, qualifier) within a story, and for each key seen in two or more
//! articles, whether they agree, conflict, or form a timeline of updates, with the
//! sides its claims fall into ([`sides`]). Pure, and sorted.
//!
//! Two articles disagree on a key when no value one gives overlaps a value the other
//! gives; an article that gives two values for one key (two sessions in one sentence)
//! disagrees only where neither fits. Whether differing values are an update is asked
//! of each claim's rule (a fact that changes over time) and of the articles' dates: a
//! date only inferred never alone makes an update of a conflict.

pub mod events;
pub mod owners;
pub mod sides;
pub mod story;

pub use story::{Grouping, Stories, Story};

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
    /// The outlet that published it, when the front matter gives one (`outlet:`).
    pub outlet: Option<String>,
    /// Its publication date.
    pub published: Option<NaiveDate>,
    /// Whether `published` was inferred (from the text, the address or the other
    /// reports of its story) rather than given by the article.
    pub published_inferred: bool,
    /// Its address on the web, when the front matter gives one (`url:`).
    pub url: Option<String>,
    /// The story the user put it in (front matter `story:`, or its folder), if any.
    pub story: Option<String>,
    /// The names it mentions (people, places, organizations), as written, once each, in
    /// its text without markup (a link's address names no one): what tells its story
    /// from others when the user gives none.
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
    /// Whether that date was inferred rather than given by the article.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub published_inferred: bool,
    /// The article's address on the web, when its front matter gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The claim.
    #[serde(flatten)]
    pub claim: Claim,
    /// Its side in the finding ([`Finding::sides`]): claims on one side agree.
    pub side: usize,
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
    /// The story its articles belong to ([`Story::name`]).
    pub story: String,
    /// Its sides: the claims fall into groups of agreeing values (one side in an
    /// agreement; in an update, one per value in date order).
    pub sides: Vec<Side>,
    /// Every claim with this key, oldest article first.
    pub claims: Vec<SourcedClaim>,
}

/// One side of a finding: claims whose values agree.
#[derive(Clone, Debug, Serialize)]
pub struct Side {
    /// Its number: the `side` of its claims.
    pub side: usize,
    /// The value its articles share: the one most of them give.
    pub value: crate::value::Value,
    /// How many articles are on it.
    pub articles: usize,
    /// For a value that fits two sides which do not fit each other ("about 19 or 20"
    /// between 19 and 20): those sides. Such a side takes no part in the dispute.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub compatible_with: Vec<usize>,
}

impl Side {
    /// Whether this side fits two or more others and so takes no part in the dispute.
    pub fn is_compatible(&self) -> bool {
        !self.compatible_with.is_empty()
    }
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
/// exactly one qualifier of the same kind and subject in the same story has a value
/// that fits. Never makes a conflict: such a claim joins only a group it agrees with.
/// Open-ended values ("up to 50 years" fits any shorter term) neither give nor take a
/// qualifier.
fn infer_qualifiers(articles: &[ArticleClaims], stories: &Stories) -> Vec<(usize, Claim)> {
    // The distinct pointlike values of each version: thousands of articles repeat a few.
    type Known<'a> = HashMap<(usize, &'a str, &'a str), BTreeMap<&'a str, Vec<&'a crate::value::Value>>>;
    let mut known: Known = HashMap::new();
    for (i, article) in articles.iter().enumerate() {
        let story = stories.of_article[i];
        for c in article.claims.iter().filter(|c| c.comparable && c.value.is_pointlike()) {
            if let Some(q) = &c.qualifier {
                let values = known.entry((story, &c.kind, &c.subject)).or_default().entry(q).or_default();
                if !values.contains(&&c.value) {
                    values.push(&c.value);
                }
            }
        }
    }
    let mut inferred = Vec::new();
    for (i, article) in articles.iter().enumerate() {
        let story = stories.of_article[i];
        for c in article.claims.iter().filter(|c| c.qualifier_missing && c.value.is_pointlike()) {
            let Some(by_qualifier) = known.get(&(story, c.kind.as_str(), c.subject.as_str())) else { continue };
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

/// A claim key within a story: story, kind, subject, qualifier.
type Key<'a> = (usize, &'a str, &'a str, Option<&'a str>);

/// An article's date as the comparison uses it: the date, and whether it was inferred.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Dated {
    date: Option<NaiveDate>,
    inferred: bool,
}

/// Compare the claims of several articles, grouped into stories by the names they share
/// ([`story::group`]). `changes(claim)` says whether the fact a claim reports changes
/// over time (so a timeline of differing values is an update).
pub fn compare(articles: &[ArticleClaims], changes: impl Fn(&Claim) -> bool + Sync) -> Vec<Finding> {
    let stories = story::group(articles, Grouping::Auto);
    let pending = |c: &Claim| {
        c.facets.is_some()
            || c.subject.contains(crate::extract::PENDING_OWNER)
            || c.qualifier.as_deref().is_some_and(|q| q.contains(':'))
    };
    if articles.iter().any(|a| a.claims.iter().any(pending)) {
        let mut told = articles.to_vec();
        resolve(&mut told, &stories.of_article);
        return compare_stories(&told, &stories, changes);
    }
    compare_stories(articles, &stories, changes)
}

/// Settle what the claims' words left to the comparison, story by story (`story_of`
/// gives each article's): which event a claim about a meeting speaks of, whose plan an
/// unnamed plan is.
pub fn resolve(articles: &mut [ArticleClaims], story_of: &[usize]) {
    events::identify(articles, story_of);
    owners::resolve(articles, story_of);
    owners::holders(articles, story_of);
}

/// Compare the claims of articles put into `stories`: claims are related only within a
/// story. Keys are related on all cores; the findings come out sorted.
pub fn compare_stories(
    articles: &[ArticleClaims],
    stories: &Stories,
    changes: impl Fn(&Claim) -> bool + Sync,
) -> Vec<Finding> {
    let inferred = infer_qualifiers(articles, stories);
    let groups = key_groups(articles, stories, &inferred);
    let dates = dates_from_peers(articles, &groups);
    // The order claims are listed in: dated articles by date, then undated, each by
    // path; worked out once, not per key.
    let mut order: Vec<usize> = (0..articles.len()).collect();
    let sort_key = |i: usize| (dates[i].date.is_none(), dates[i].date, articles[i].path.as_str());
    order.sort_by(|a, b| sort_key(*a).cmp(&sort_key(*b)));
    let mut rank = vec![0; articles.len()];
    for (r, i) in order.iter().enumerate() {
        rank[*i] = r;
    }
    let published: Vec<Option<String>> = dates.iter().map(|d| d.date.map(|d| d.to_string())).collect();
    let context = Context { articles, stories, rank: &rank, dates: &dates, published: &published };
    let groups: Vec<_> = groups.into_iter().collect();
    let mut findings: Vec<Finding> =
        groups.into_par_iter().filter_map(|(key, members)| relate(&context, key, members, &changes)).collect();
    findings.sort_by(|a, b| {
        (a.relation, &a.kind, &a.subject, &a.qualifier, &a.story).cmp(&(
            b.relation,
            &b.kind,
            &b.subject,
            &b.qualifier,
            &b.story,
        ))
    });
    findings
}

/// The comparable claims of the articles, and `more` (claims given a qualifier, by
/// article), grouped by key within each story. Hashed rather than ordered: findings are
/// sorted at the end.
fn key_groups<'a>(
    articles: &'a [ArticleClaims],
    stories: &Stories,
    more: &'a [(usize, Claim)],
) -> HashMap<Key<'a>, Vec<(usize, &'a Claim)>> {
    let mut groups: HashMap<Key, Vec<(usize, &Claim)>> = HashMap::new();
    let stated =
        articles.iter().enumerate().flat_map(|(i, a)| a.claims.iter().filter(|c| c.comparable).map(move |c| (i, c)));
    for (i, claim) in stated.chain(more.iter().map(|(i, c)| (*i, c))) {
        let key = (stories.of_article[i], claim.kind.as_str(), claim.subject.as_str(), claim.qualifier.as_deref());
        groups.entry(key).or_default().push((i, claim));
    }
    groups
}

/// The dates the undated articles take from the reports of their story they agree with
/// ([`dates_from_peers`]), as (article, date): for reading them again, so that their
/// "on Sunday" is placed.
pub fn dates_from_stories(articles: &[ArticleClaims], stories: &Stories) -> Vec<(usize, NaiveDate)> {
    dates_from_peers(articles, &key_groups(articles, stories, &[]))
        .into_iter()
        .enumerate()
        .filter(|(i, d)| d.inferred && articles[*i].published.is_none())
        .filter_map(|(i, d)| d.date.map(|date| (i, date)))
        .collect()
}

/// Dates for the articles that give none and for which none could be read from their
/// own text: the middle date of the dated articles of their story whose claims agree
/// with theirs (a report that agrees with reports of early December was most likely
/// written then). Marked inferred.
fn dates_from_peers(articles: &[ArticleClaims], groups: &HashMap<Key, Vec<(usize, &Claim)>>) -> Vec<Dated> {
    let mut dates: Vec<Dated> =
        articles.iter().map(|a| Dated { date: a.published, inferred: a.published_inferred }).collect();
    if !articles.iter().any(|a| a.published.is_none()) {
        return dates;
    }
    // Per undated article, how many agreeing reports give each date. A key's dated
    // reports give a few distinct values: each undated claim is set against those, not
    // against every report.
    let mut peers: HashMap<usize, BTreeMap<NaiveDate, usize>> = HashMap::new();
    for members in groups.values() {
        if !members.iter().any(|(i, _)| articles[*i].published.is_none()) {
            continue;
        }
        let mut by_value: Vec<(&crate::value::Value, BTreeMap<NaiveDate, usize>)> = Vec::new();
        for &(j, claim) in members {
            let Some(date) = articles[j].published else { continue };
            let slot = match by_value.iter().position(|(v, _)| *v == &claim.value) {
                Some(at) => at,
                None => {
                    by_value.push((&claim.value, BTreeMap::new()));
                    by_value.len() - 1
                }
            };
            *by_value[slot].1.entry(date).or_insert(0) += 1;
        }
        for &(i, claim) in members.iter().filter(|(i, _)| articles[*i].published.is_none()) {
            let found = peers.entry(i).or_default();
            for (_, counts) in by_value.iter().filter(|(v, _)| v.overlaps(&claim.value)) {
                for (date, n) in counts {
                    *found.entry(*date).or_insert(0) += n;
                }
            }
        }
    }
    for (i, found) in peers {
        let total: usize = found.values().sum();
        if total == 0 {
            continue;
        }
        // The middle date, the earlier of two.
        let mut seen = 0;
        let middle = found.iter().find_map(|(date, n)| {
            seen += n;
            (seen > (total - 1) / 2).then_some(*date)
        });
        dates[i] = Dated { date: middle, inferred: true };
    }
    dates
}

/// What relating one key needs to know of all the articles.
struct Context<'a> {
    articles: &'a [ArticleClaims],
    stories: &'a Stories,
    /// Each article's place in the listing order.
    rank: &'a [usize],
    /// Each article's date as compared.
    dates: &'a [Dated],
    /// The same, as ISO text.
    published: &'a [Option<String>],
}

/// The finding for one key, or `None` when fewer than two articles make the claim.
fn relate(
    ctx: &Context,
    (story, kind, subject, qualifier): Key,
    mut members: Vec<(usize, &Claim)>,
    changes: &(impl Fn(&Claim) -> bool + Sync),
) -> Option<Finding> {
    // A date placed against a date only inferred from the story may be a week off: it
    // joins an agreement with another article, or is left out, never starting a side of
    // its own.
    if members.iter().any(|(_, c)| c.placed_by_inferred_date) {
        let firm: Vec<(usize, &Claim)> = members.iter().filter(|(_, c)| !c.placed_by_inferred_date).copied().collect();
        members.retain(|(i, c)| {
            !c.placed_by_inferred_date || firm.iter().any(|(j, f)| j != i && f.value.overlaps(&c.value))
        });
    }
    members.sort_by_key(|(i, c)| (ctx.rank[*i], c.span.start));
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
    // articles share a few sets: relate the distinct sets only. An article gives one
    // or two values; a key has a handful of sets, found by comparing values.
    let mut set_values: Vec<Vec<&crate::value::Value>> = Vec::new();
    let sets: Vec<usize> = per_article
        .iter()
        .map(|(_, claims)| {
            let mut values: Vec<&crate::value::Value> = Vec::with_capacity(claims.len());
            for c in claims {
                if !values.contains(&&c.value) {
                    values.push(&c.value);
                }
            }
            let same =
                |set: &Vec<&crate::value::Value>| set.len() == values.len() && values.iter().all(|v| set.contains(v));
            match set_values.iter().position(same) {
                Some(at) => at,
                None => {
                    set_values.push(values);
                    set_values.len() - 1
                }
            }
        })
        .collect();
    let agree: Vec<Vec<bool>> = set_values
        .iter()
        .map(|a| set_values.iter().map(|b| a.iter().any(|x| b.iter().any(|y| x.overlaps(y)))).collect())
        .collect();
    let any_disagreement = agree.iter().any(|row| row.iter().any(|a| !a));
    let dates: Vec<Dated> = per_article.iter().map(|(i, _)| ctx.dates[*i]).collect();
    let relation = if !any_disagreement {
        Relation::Agree
    } else if members.iter().all(|(_, c)| changes(c)) && is_update(&dates, &sets, &agree) {
        Relation::Update
    } else {
        Relation::Conflict
    };
    let mut set_articles = vec![0; set_values.len()];
    for &s in &sets {
        set_articles[s] += 1;
    }
    let partition = sides::partition(&agree, &set_articles, relation != Relation::Update);
    let side_count = partition.compatible_with.len();
    // Each side's value: that of its largest set (the first on a tie).
    let mut best_set: Vec<Option<usize>> = vec![None; side_count];
    let mut side_articles = vec![0; side_count];
    for (s, &side) in partition.side_of_set.iter().enumerate() {
        side_articles[side] += set_articles[s];
        if best_set[side].is_none_or(|b| set_articles[s] > set_articles[b]) {
            best_set[side] = Some(s);
        }
    }
    let sides = (0..side_count)
        .map(|side| Side {
            side,
            value: best_set[side].and_then(|s| set_values[s].first()).map(|v| (*v).clone()).unwrap_or_else(|| {
                // Every side holds a set, and every set a value.
                members[0].1.value.clone()
            }),
            articles: side_articles[side],
            compatible_with: partition.compatible_with[side].clone(),
        })
        .collect();
    // Members stand in runs, an article's together, in the order of `per_article`.
    let mut article = 0;
    let claims = members
        .iter()
        .map(|(i, c)| {
            if per_article[article].0 != *i {
                article += 1;
            }
            (i, c, partition.side_of_set[sets[article]])
        })
        .map(|(i, c, side)| SourcedClaim {
            path: ctx.articles[*i].path.clone(),
            published: ctx.published[*i].clone(),
            published_inferred: ctx.dates[*i].inferred && ctx.dates[*i].date.is_some(),
            url: ctx.articles[*i].url.clone(),
            claim: (*c).clone(),
            side,
            baselined: false,
        })
        .collect();
    Some(Finding {
        relation,
        kind: kind.to_string(),
        subject: subject.to_string(),
        qualifier: qualifier.map(str::to_string),
        story: ctx.stories.stories[story].name.clone(),
        sides,
        claims,
    })
}

/// Whether differing values of a fact that changes form a timeline ([`is_timeline`]),
/// on the strength of given dates: an inferred date may place a report beside others of
/// its value, but never alone turns a conflict into an update. So the timeline must
/// hold among the articles whose dates are given too, and every value must be given by
/// one of them or fit one that is.
fn is_update(dates: &[Dated], sets: &[usize], agree: &[Vec<bool>]) -> bool {
    let all: Vec<Option<NaiveDate>> = dates.iter().map(|d| d.date).collect();
    if !is_timeline(&all, sets, agree) {
        return false;
    }
    if !dates.iter().any(|d| d.inferred) {
        return true;
    }
    let given: Vec<usize> = (0..dates.len()).filter(|&a| !dates[a].inferred).collect();
    let given_dates: Vec<Option<NaiveDate>> = given.iter().map(|&a| dates[a].date).collect();
    let given_sets: Vec<usize> = given.iter().map(|&a| sets[a]).collect();
    let backed = (0..dates.len()).filter(|&a| dates[a].inferred).all(|a| given_sets.iter().any(|&g| agree[sets[a]][g]));
    backed && is_timeline(&given_dates, &given_sets, agree)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::{Amount, Value};

    fn claim(kind: &str, subject: &str, qualifier: Option<&str>, value: f64) -> Claim {
        Claim {
            qualifier: qualifier.map(str::to_string),
            text: value.to_string(),
            ..Claim::example(kind, subject, Value::Number { amount: Amount::exact(value), unit: None })
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

    /// The relation of one key's claims, for articles given as (date, inferred, value).
    fn relation_of(changes: bool, articles: &[(Option<&str>, bool, f64)]) -> Relation {
        let list: Vec<ArticleClaims> = articles
            .iter()
            .enumerate()
            .map(|(i, (date, inferred, v))| {
                let mut a = article(&format!("a{i}"), *date, vec![claim("k", "s", None, *v)]);
                a.published_inferred = *inferred;
                a
            })
            .collect();
        let findings = compare(&list, |_| changes);
        assert_eq!(findings.len(), 1, "{findings:?}");
        findings[0].relation
    }

    #[test]
    fn changing_facts_update_over_time_and_fixed_facts_never_do() {
        use Relation::{Agree, Conflict, Update};
        let (d1, d2, d3) = (Some("2025-12-01"), Some("2025-12-05"), Some("2025-12-09"));
        // (what the reports say, as changing fact, as fixed fact)
        type Reports<'a> = &'a [(Option<&'a str>, bool, f64)];
        let table: &[(Reports, Relation, Relation)] = &[
            (&[(d1, false, 19.0), (d2, false, 19.0)], Agree, Agree),
            (&[(d1, false, 19.0), (d2, false, 20.0)], Update, Conflict),
            (&[(d1, false, 19.0), (d2, false, 20.0), (d3, false, 21.0)], Update, Conflict),
            (&[(d1, false, 19.0), (d1, false, 20.0)], Conflict, Conflict),
            (&[(d1, false, 19.0), (d2, false, 20.0), (d3, false, 19.0)], Conflict, Conflict),
            (&[(None, false, 19.0), (d2, false, 20.0)], Conflict, Conflict),
            // An inferred date places a report beside the given dates of its value...
            (&[(d1, false, 19.0), (d2, true, 19.0), (d3, false, 20.0)], Update, Conflict),
            // ...but never alone makes a conflict an update.
            (&[(d1, true, 19.0), (d2, false, 20.0)], Conflict, Conflict),
            (&[(d1, false, 19.0), (d3, true, 20.0)], Conflict, Conflict),
            (&[(d1, true, 19.0), (d3, true, 20.0)], Conflict, Conflict),
        ];
        for (articles, changing, fixed) in table {
            assert_eq!(relation_of(true, articles), *changing, "changing: {articles:?}");
            assert_eq!(relation_of(false, articles), *fixed, "fixed: {articles:?}");
        }
    }

    #[test]
    fn whether_a_fact_changes_is_asked_of_each_claim() {
        let revised = |v, rule: &str| {
            let mut c = claim("plan_points", "plan", Some("revised"), v);
            c.rule = rule.into();
            c
        };
        let articles = [
            article("a", Some("2025-12-01"), vec![revised(19.0, "running")]),
            article("b", Some("2025-12-09"), vec![revised(20.0, "running")]),
        ];
        assert_eq!(compare(&articles, |c| c.rule == "running")[0].relation, Relation::Update);
        let mixed = [articles[0].clone(), article("b", Some("2025-12-09"), vec![revised(20.0, "final")])];
        assert_eq!(compare(&mixed, |c| c.rule == "running")[0].relation, Relation::Conflict);
    }

    #[test]
    fn sides_keep_the_agreement_inside_a_dispute() {
        let c = |v| claim("meeting_duration", "talks", None, v);
        let mut articles: Vec<ArticleClaims> =
            (0..9).map(|i| article(&format!("five-{i}"), Some("2025-12-04"), vec![c(5.0)])).collect();
        articles.push(article("three", Some("2025-12-05"), vec![c(3.0)]));
        let mut range = c(4.0);
        range.value =
            Value::Number { amount: Amount { min: Some(3.0), max: Some(5.0), ..Amount::exact(4.0) }, unit: None };
        articles.push(article("between", Some("2025-12-06"), vec![range]));
        let findings = compare(&articles, |_| false);
        let f = &findings[0];
        assert_eq!(f.relation, Relation::Conflict);
        let shape: Vec<(usize, usize, Vec<usize>)> =
            f.sides.iter().map(|s| (s.side, s.articles, s.compatible_with.clone())).collect();
        assert_eq!(shape, vec![(0, 9, vec![]), (1, 1, vec![]), (2, 1, vec![0, 1])]);
        let side_of = |path: &str| f.claims.iter().find(|c| c.path == path).unwrap().side;
        assert_eq!((side_of("five-3"), side_of("three"), side_of("between")), (0, 1, 2));
        assert_eq!(f.sides[1].value, Value::Number { amount: Amount::exact(3.0), unit: None });
    }

    #[test]
    fn undated_reports_take_the_middle_date_of_the_reports_they_agree_with() {
        let c = |v| claim("plan_points", "plan", Some("revised"), v);
        let articles = [
            article("a", Some("2025-12-01"), vec![c(19.0)]),
            article("b", Some("2025-12-03"), vec![c(19.0)]),
            article("c", Some("2025-12-20"), vec![c(20.0)]),
            article("undated", None, vec![c(19.0)]),
        ];
        let findings = compare(&articles, |_| true);
        let f = &findings[0];
        let undated = f.claims.iter().find(|c| c.path == "undated").unwrap();
        assert_eq!(undated.published.as_deref(), Some("2025-12-01"), "middle of 12-01 and 12-03, the earlier");
        assert!(undated.published_inferred);
        assert!(!f.claims.iter().find(|c| c.path == "a").unwrap().published_inferred);
        assert_eq!(f.relation, Relation::Update, "the undated report sides with a value given dates support");
        assert_eq!(f.claims.last().unwrap().path, "c", "listed by the inferred date");
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
