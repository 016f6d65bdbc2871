//! Who disagrees with whom inside one finding: its articles, grouped by the values they
//! give, and which groups' values never overlap. The formats that point at single claims
//! (SARIF, GitHub annotations, ClaimReview, the `-`/`+` of a Markdown diff, the carets of
//! the human listing) all ask this.
//!
//! Articles that give the same values stand the same way to every other article, so the
//! overlap test runs once per pair of groups, not per pair of articles: a story told by
//! thousands of articles has only a handful of distinct values, and a disputed claim's
//! counterparts are read off its group.

use crate::compare::{Finding, Relation, SourcedClaim};
use crate::value::{DateValue, Value};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::sync::OnceLock;

/// One article inside a finding: its claims, in the finding's order.
pub struct Side<'a> {
    /// The article's path.
    pub path: &'a str,
    /// Its publication date (ISO), if known.
    pub published: Option<&'a str>,
    /// Its claims in this finding.
    pub claims: Claims<'a>,
    /// Index of its group in [`Sides::groups`].
    group: usize,
}

/// An article's claims in a finding: a run of the finding's own claims, as `compare`
/// leaves them (sorted by date and path, an article's claims together), or gathered
/// one by one where a finding came in another order.
pub enum Claims<'a> {
    /// Claims that stand together in the finding.
    Run(&'a [SourcedClaim]),
    /// Claims gathered from across the finding, in its order.
    Gathered(Vec<&'a SourcedClaim>),
}

impl<'a> Claims<'a> {
    /// The first claim.
    pub fn first(&self) -> Option<&'a SourcedClaim> {
        match self {
            Claims::Run(run) => run.first(),
            Claims::Gathered(claims) => claims.first().copied(),
        }
    }

    /// How many claims.
    pub fn len(&self) -> usize {
        match self {
            Claims::Run(run) => run.len(),
            Claims::Gathered(claims) => claims.len(),
        }
    }

    /// Whether there are none (never, for an article of a finding).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The claims, in the finding's order.
    pub fn iter(&self) -> impl Iterator<Item = &'a SourcedClaim> + '_ {
        let (run, gathered) = match self {
            Claims::Run(run) => (*run, &[][..]),
            Claims::Gathered(claims) => (&[][..], claims.as_slice()),
        };
        run.iter().chain(gathered.iter().copied())
    }
}

/// Articles that give the same values.
struct Group {
    /// Article indices, in the finding's order (oldest first).
    members: Vec<usize>,
    /// Groups whose values never overlap this group's.
    against: Vec<usize>,
    /// How many articles those groups hold.
    against_articles: usize,
}

/// The articles of one finding and how they stand to each other.
pub struct Sides<'a> {
    /// The finding.
    pub finding: &'a Finding,
    /// Its articles in order of first appearance (the finding's order: oldest first).
    pub articles: Vec<Side<'a>>,
    groups: Vec<Group>,
    /// Per group, the hash of its values, once asked for.
    value_hashes: OnceLock<Vec<u64>>,
}

impl<'a> Sides<'a> {
    /// Group a finding's claims by article and its articles by their values.
    pub fn new(finding: &'a Finding) -> Sides<'a> {
        let mut articles = runs(finding).unwrap_or_else(|| gathered(finding));
        // Articles are grouped by a hash of their values, and a group joined only when
        // its values are equal too (a hash may collide).
        let mut by_values: HashMap<u64, Vec<usize>, Quick> = HashMap::default();
        let mut groups: Vec<Group> = Vec::new();
        for i in 0..articles.len() {
            let key = values_key(&articles[i].claims);
            let candidates = by_values.entry(key).or_default();
            let found = candidates.iter().copied().find(|&g| {
                let first = &articles[groups[g].members[0]];
                same_values(&first.claims, &articles[i].claims)
            });
            let g = match found {
                Some(g) => g,
                None => {
                    groups.push(Group { members: Vec::new(), against: Vec::new(), against_articles: 0 });
                    candidates.push(groups.len() - 1);
                    groups.len() - 1
                }
            };
            articles[i].group = g;
            groups[g].members.push(i);
        }
        let first_of: Vec<usize> = groups.iter().map(|g| g.members[0]).collect();
        for g in 0..groups.len() {
            for h in 0..groups.len() {
                let (a, b) = (&articles[first_of[g]], &articles[first_of[h]]);
                let overlap = a.claims.iter().any(|x| b.claims.iter().any(|y| x.claim.value.overlaps(&y.claim.value)));
                if g != h && !overlap {
                    let size = groups[h].members.len();
                    groups[g].against.push(h);
                    groups[g].against_articles += size;
                }
            }
        }
        Sides { finding, articles, groups, value_hashes: OnceLock::new() }
    }

    /// Whether articles `i` and `j` disagree: no value of one overlaps a value of the other.
    pub fn disagree(&self, i: usize, j: usize) -> bool {
        self.groups[self.articles[i].group].against.contains(&self.articles[j].group)
    }

    /// One article of each group of values among `set`: to disagree with one is to
    /// disagree with its whole group, so tests against a set need only these.
    pub fn representatives(&self, set: &[usize]) -> Vec<usize> {
        let mut seen = vec![false; self.groups.len()];
        let mut out = Vec::new();
        for &i in set {
            let g = self.articles[i].group;
            if !seen[g] {
                seen[g] = true;
                out.push(i);
            }
        }
        out
    }

    /// The group of article `i`: articles of one group give the same values, and so
    /// have the same counterparts.
    pub fn group(&self, i: usize) -> usize {
        self.articles[i].group
    }

    /// How many groups of articles there are: group numbers run below it.
    pub fn group_count(&self) -> usize {
        self.groups.len()
    }

    /// How many articles article `i` disagrees with.
    pub fn disagreeing(&self, i: usize) -> usize {
        self.groups[self.articles[i].group].against_articles
    }

    /// Up to `max` of the articles that article `i` disagrees with, oldest first, and
    /// only those published after `after` when it is given.
    pub fn counterparts(&self, i: usize, after: Option<&str>, max: usize) -> Vec<usize> {
        let later = |j: &usize| after.is_none_or(|d| self.articles[*j].published.is_some_and(|p| p > d));
        let mut out: Vec<usize> = Vec::new();
        for &h in &self.groups[self.articles[i].group].against {
            out.extend(self.groups[h].members.iter().copied().filter(later).take(max));
        }
        out.sort_unstable();
        out.truncate(max);
        out
    }

    /// How many articles published after `after` article `i` disagrees with.
    pub fn later_disagreeing(&self, i: usize, after: &str) -> usize {
        self.groups[self.articles[i].group]
            .against
            .iter()
            .map(|&h| {
                let members = &self.groups[h].members;
                members.iter().filter(|&&j| self.articles[j].published.is_some_and(|p| p > after)).count()
            })
            .sum()
    }

    /// The values article `i` gives, as displayed, sorted and once each: what its group
    /// stands for.
    pub fn values(&self, i: usize) -> Vec<String> {
        let mut out: Vec<String> = self.articles[i].claims.iter().map(|c| c.claim.value.display()).collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// A digest of the values that stand against article `i`: each group of articles
    /// that disagrees with it contributes the FNV-1a hash of its values
    /// ([`Sides::values`]). What a fingerprint may rest on: it changes when a counterpart
    /// changes its value or a new value comes to stand against the claim, and not when
    /// files are renamed, lines move, or one more article repeats a value already there.
    ///
    /// It is the wrapping sum of the groups' hashes, so that it depends on the set and
    /// not on any order; groups give different values by construction, and each group's
    /// hash is worked out once, not again for each of thousands of claims.
    pub fn counterpart_digest(&self, i: usize) -> u64 {
        let sums = self.value_hashes.get_or_init(|| {
            self.groups
                .iter()
                .map(|g| {
                    let values = self.values(g.members[0]);
                    let parts: Vec<&str> = values.iter().map(String::as_str).collect();
                    super::fnv1a(&parts)
                })
                .collect()
        });
        self.groups[self.articles[i].group].against.iter().fold(0u64, |sum, &h| sum.wrapping_add(sums[h]))
    }

    /// The articles a reader should look at first, by index. A conflict: the articles
    /// that disagree with the most others (the odd one out), the latest such on a tie.
    /// An update: the articles that give the latest value. An agreement: the first.
    pub fn primary(&self) -> Vec<usize> {
        let latest = |g: &Group| g.members.iter().filter_map(|&m| self.articles[m].published).max();
        let best = match self.finding.relation {
            Relation::Agree => return vec![0],
            Relation::Conflict => self
                .groups
                .iter()
                .enumerate()
                .max_by(|(_, a), (_, b)| (a.against_articles, latest(a)).cmp(&(b.against_articles, latest(b)))),
            Relation::Update => self.groups.iter().enumerate().max_by(|(_, a), (_, b)| latest(a).cmp(&latest(b))),
        };
        best.map(|(_, g)| g.members.clone()).unwrap_or_default()
    }
}

/// A multiply-and-rotate hasher (as rustc's own "Fx" hash) for the maps of one
/// finding: keys are paths and value hashes made here, not chosen by an attacker, and
/// std's SipHash costs more than the rest of the grouping.
#[derive(Default)]
pub struct FastHasher(u64);

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// Maps and sets keyed by [`FastHasher`].
pub type Quick = BuildHasherDefault<FastHasher>;

/// The articles of a finding whose claims stand in runs, one article a run, in order
/// of (undated last, date, path), as `compare` sorts them: each run is read as a slice,
/// with no map of paths. `None` when the claims come in another order.
fn runs(finding: &Finding) -> Option<Vec<Side<'_>>> {
    fn order(c: &SourcedClaim) -> (bool, Option<&str>, &str) {
        (c.published.is_none(), c.published.as_deref(), c.path.as_str())
    }
    let mut articles: Vec<Side<'_>> = Vec::new();
    let claims = finding.claims.as_slice();
    let mut start = 0;
    while start < claims.len() {
        let first = &claims[start];
        let length = claims[start..].iter().take_while(|c| c.path == first.path).count();
        if let Some(next) = claims.get(start + length) {
            // A path met again later, or out of order, would break an article in two.
            if order(first) >= order(next) {
                return None;
            }
        }
        articles.push(Side {
            path: &first.path,
            published: first.published.as_deref(),
            claims: Claims::Run(&claims[start..start + length]),
            group: 0,
        });
        start += length;
    }
    Some(articles)
}

/// The articles of a finding in order of first appearance, their claims gathered
/// wherever they stand.
fn gathered(finding: &Finding) -> Vec<Side<'_>> {
    let mut articles: Vec<Side<'_>> = Vec::new();
    let mut index: HashMap<&str, usize, Quick> = HashMap::default();
    for c in &finding.claims {
        let i = *index.entry(c.path.as_str()).or_insert_with(|| {
            articles.push(Side {
                path: &c.path,
                published: c.published.as_deref(),
                claims: Claims::Gathered(Vec::new()),
                group: 0,
            });
            articles.len() - 1
        });
        if let Claims::Gathered(claims) = &mut articles[i].claims {
            claims.push(c);
        }
    }
    articles
}

/// A hash of the set of values an article gives: equal sets hash equal, whatever the
/// order and repetitions.
fn values_key(claims: &Claims) -> u64 {
    const ON_STACK: usize = 8;
    let mut stack = [0u64; ON_STACK];
    let mut heap = Vec::new();
    let hashes: &mut [u64] = if claims.len() <= ON_STACK {
        for (slot, c) in stack.iter_mut().zip(claims.iter()) {
            *slot = value_hash(&c.claim.value);
        }
        &mut stack[..claims.len()]
    } else {
        heap.extend(claims.iter().map(|c| value_hash(&c.claim.value)));
        &mut heap
    };
    hashes.sort_unstable();
    let mut key = 0u64;
    let mut last = None;
    for &h in hashes.iter() {
        if last != Some(h) {
            key = key.rotate_left(5) ^ h;
            last = Some(h);
        }
    }
    key
}

/// A hash of a value for grouping: the fields that tell values apart, floats by their
/// bits (values that are equal hash equal). Never stored.
fn value_hash(value: &Value) -> u64 {
    let mut h = FastHasher::default();
    std::mem::discriminant(value).hash(&mut h);
    let amount = |a: &crate::value::Amount, h: &mut FastHasher| {
        a.value.to_bits().hash(h);
        a.min.map(f64::to_bits).hash(h);
        a.max.map(f64::to_bits).hash(h);
        std::mem::discriminant(&a.modifier).hash(h);
    };
    match value {
        Value::Number { amount: a, unit } => {
            amount(a, &mut h);
            unit.map(|u| std::mem::discriminant(&u)).hash(&mut h);
        }
        Value::Ordinal(n) => n.hash(&mut h),
        Value::Duration(a) => amount(a, &mut h),
        Value::Date(DateValue::Span { start, end, grain }) => {
            (start, end).hash(&mut h);
            std::mem::discriminant(grain).hash(&mut h);
        }
        Value::Date(DateValue::Unplaced(u)) => std::mem::discriminant(u).hash(&mut h),
    }
    h.finish()
}

/// Whether two articles give the same values (as sets).
fn same_values(a: &Claims, b: &Claims) -> bool {
    let has = |x: &Claims, v: &Value| x.iter().any(|c| c.claim.value == *v);
    a.iter().all(|c| has(b, &c.claim.value)) && b.iter().all(|c| has(a, &c.claim.value))
}

/// The last component of a path, or the path itself.
pub fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::{ArticleClaims, compare};
    use crate::extract::Claim;
    use crate::value::{Amount, Value};
    use chrono::NaiveDate;

    fn article(path: &str, date: &str, values: &[f64]) -> ArticleClaims {
        let claims = values
            .iter()
            .map(|v| Claim {
                text: v.to_string(),
                ..Claim::example("meeting_duration", "talks", Value::Duration(Amount::exact(*v)))
            })
            .collect();
        ArticleClaims {
            path: path.into(),
            title: None,
            published: NaiveDate::parse_from_str(date, "%Y-%m-%d").ok(),
            url: None,
            claims,
            ..Default::default()
        }
    }

    #[test]
    fn articles_with_the_same_values_stand_together() {
        let articles = [
            article("a", "2025-12-01", &[5.0]),
            article("b", "2025-12-02", &[5.0]),
            article("c", "2025-12-03", &[3.0]),
            article("d", "2025-12-04", &[5.0, 3.0]),
        ];
        let findings = compare(&articles, |_| false);
        let sides = Sides::new(&findings[0]);
        let index = |p: &str| sides.articles.iter().position(|s| s.path == p).unwrap();
        let (a, b, c, d) = (index("a"), index("b"), index("c"), index("d"));
        assert!(sides.disagree(a, c) && sides.disagree(c, b) && !sides.disagree(a, b));
        assert!(!sides.disagree(d, a) && !sides.disagree(d, c), "two values: fits both");
        assert_eq!((sides.disagreeing(a), sides.disagreeing(c), sides.disagreeing(d)), (1, 2, 0));
        assert_eq!(sides.primary(), vec![c], "the odd one out");
        assert_eq!(sides.counterparts(c, None, 10), vec![a, b]);
        assert_eq!(sides.counterparts(c, None, 1), vec![a]);
        assert_eq!(sides.counterparts(a, Some("2025-12-02"), 10), vec![c]);
        assert_eq!(sides.later_disagreeing(c, "2025-12-03"), 0);
        assert_eq!(sides.values(d), vec!["3 seconds".to_string(), "5 seconds".to_string()]);
        let hash = |values: &[&str]| crate::report::fnv1a(values);
        assert_eq!(sides.counterpart_digest(c), hash(&["5 seconds"]), "a and b give one value: counted once");
        assert_eq!(sides.counterpart_digest(a), hash(&["3 seconds"]));
        assert_eq!(sides.counterpart_digest(d), 0, "no counterparts");
        assert_eq!(sides.representatives(&[a, b, c]), vec![a, c]);
        assert_eq!(sides.counterpart_digest(a), sides.counterpart_digest(b), "one digest per group");
    }

    /// What each article of `sides` gives and whom it disagrees with, by path.
    fn standing(sides: &Sides) -> Vec<(String, Vec<f64>, Vec<String>)> {
        let mut out: Vec<_> = (0..sides.articles.len())
            .map(|i| {
                let side = &sides.articles[i];
                let mut values: Vec<f64> = side
                    .claims
                    .iter()
                    .map(|c| match &c.claim.value {
                        Value::Duration(a) => a.value,
                        _ => f64::NAN,
                    })
                    .collect();
                values.sort_by(f64::total_cmp);
                let mut against: Vec<String> = (0..sides.articles.len())
                    .filter(|&j| sides.disagree(i, j))
                    .map(|j| sides.articles[j].path.to_string())
                    .collect();
                against.sort();
                (side.path.to_string(), values, against)
            })
            .collect();
        out.sort_by(|x, y| x.0.cmp(&y.0));
        out
    }

    #[test]
    fn claims_in_any_order_make_the_same_sides() {
        let articles = [
            article("a", "2025-12-01", &[5.0, 6.0]),
            article("b", "2025-12-02", &[3.0]),
            article("c", "2025-12-03", &[5.0]),
            article("d", "2025-12-04", &[6.0, 5.0]),
        ];
        let findings = compare(&articles, |_| false);
        let sorted = &findings[0];
        assert!(runs(sorted).is_some(), "compare's order is read as runs");
        let mut shuffled = sorted.clone();
        shuffled.claims.reverse();
        let last = shuffled.claims.remove(0);
        shuffled.claims.push(last);
        assert!(runs(&shuffled).is_none(), "an article met twice is not a run");
        let (a, b) = (Sides::new(sorted), Sides::new(&shuffled));
        assert!(b.articles.iter().all(|s| matches!(s.claims, Claims::Gathered(_))));
        assert_eq!(standing(&a), standing(&b));
        assert_eq!(a.articles.len(), 4);
        let d = b.articles.iter().position(|s| s.path == "d").unwrap();
        assert_eq!(b.articles[d].claims.len(), 2, "d's two claims, gathered from both ends");
        assert_eq!(a.groups.len(), 3, "a and d give 5 and 6: one group");
        assert_eq!(b.groups.len(), 3);
    }
}
