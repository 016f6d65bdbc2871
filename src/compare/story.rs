//! Stories: which articles speak of the same events, so that no finding relates one
//! story's plan, meeting or count to another's. The user may say it (front matter
//! `story:`, or one folder per story); otherwise articles are grouped by the names they
//! share ([`crate::names`]).
//!
//! A name counts for more the fewer articles mention it: a president, a capital or an
//! envoy who works on several files turns up across stories, a dock union or a
//! negotiator of one strike does not. Each article is a vector of its names' weights
//! (the log of how many times rarer than "in every article" it is; a name only one
//! article gives links nothing and is left out), and joins the story whose summed vector points most its way (cosine at
//! least [`JOIN`]), else starts one. A second pass lets every article move to the story
//! that fits it best once all are formed, so the result does not hang on which article
//! came first. Cost: each article against the stories that share one of its names.

use super::ArticleClaims;
use serde::Serialize;
use std::collections::HashMap;

/// How articles are put into stories (`stories` in `claimcheck.toml`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize, Serialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum Grouping {
    /// By the names articles share; an article's front-matter `story:` wins where given.
    #[default]
    Auto,
    /// One story per folder.
    Folder,
    /// By front-matter `story:`; articles without one are grouped by their names.
    FrontMatter,
}

/// The least cosine similarity between an article's names and a story's for the
/// article to join it. Chosen on the bundled corpus and on real reports of two stories
/// read apart and together (a peace plan's talks, a government shutdown): from 0.1 to
/// 0.2 they keep the stories apart; at 0.2 a report made mostly of names of its own
/// (an airport list) starts a story of its own.
pub const JOIN: f64 = 0.15;

/// The least cosine similarity between two stories' summed names for them to be
/// merged: parts of one story told apart by the first pass share most of their
/// weightiest names. At 0.3 a shutdown's reports fell into three stories (budget,
/// food aid, air travel); 0.1 to 0.2 kept them one and the other story apart.
pub const MERGE: f64 = 0.2;

/// One story.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Story {
    /// Its name: the one the user gave, or its three weightiest names ("Harbor, Union,
    /// Quist"); unique within a run.
    pub name: String,
    /// Whether the user named it.
    pub given: bool,
    /// How many articles it holds.
    pub articles: usize,
    /// Its names, weightiest first (at most eight).
    pub names: Vec<String>,
    /// Its articles' paths, in the order read.
    pub paths: Vec<String>,
}

/// Articles put into stories.
#[derive(Clone, Debug, Default)]
pub struct Stories {
    /// The stories, largest first.
    pub stories: Vec<Story>,
    /// For each article (by index), its story (an index into `stories`).
    pub of_article: Vec<usize>,
}

impl Stories {
    /// The story of article `i`.
    pub fn of(&self, i: usize) -> &Story {
        &self.stories[self.of_article[i]]
    }
}

/// Put articles into stories: by folder, by the front matter's `story:`, or by the
/// names they share.
pub fn group(articles: &[ArticleClaims], grouping: Grouping) -> Stories {
    // Stories the user gives, by name; the others are made from names.
    let given = |a: &ArticleClaims| -> Option<String> {
        match grouping {
            Grouping::Folder => Some(folder_of(&a.path)),
            Grouping::Auto | Grouping::FrontMatter => a.story.clone(),
        }
    };
    let mut label: Vec<Option<String>> = articles.iter().map(given).collect();
    let free: Vec<usize> = (0..articles.len()).filter(|&i| label[i].is_none()).collect();
    let found = by_names(articles, &free);
    // The clusters found, as (names, members); plus the given stories.
    let mut clusters: Vec<(Option<String>, Vec<String>, Vec<usize>)> = Vec::new();
    let mut given_index: HashMap<String, usize> = HashMap::new();
    for (i, l) in label.iter_mut().enumerate() {
        if let Some(name) = l.take() {
            let at = *given_index.entry(name.clone()).or_insert_with(|| {
                clusters.push((Some(name), Vec::new(), Vec::new()));
                clusters.len() - 1
            });
            clusters[at].2.push(i);
        }
    }
    for (names, members) in found {
        clusters.push((None, names, members));
    }
    // Names of the given stories too, for the summary.
    for (name, names, members) in &mut clusters {
        if name.is_some() {
            *names = top_names(articles, members);
        }
    }
    clusters.sort_by(|a, b| b.2.len().cmp(&a.2.len()).then_with(|| a.2.first().cmp(&b.2.first())));
    let mut of_article = vec![0; articles.len()];
    let mut stories = Vec::with_capacity(clusters.len());
    let mut used: HashMap<String, usize> = HashMap::new();
    for (s, (given_name, names, members)) in clusters.into_iter().enumerate() {
        for &i in &members {
            of_article[i] = s;
        }
        let base = given_name.clone().unwrap_or_else(|| {
            if names.is_empty() { "articles without names".to_string() } else { names[..names.len().min(3)].join(", ") }
        });
        let n = used.entry(base.clone()).or_insert(0);
        *n += 1;
        let name = if *n == 1 { base } else { format!("{base} ({n})") };
        let paths = members.iter().map(|&i| articles[i].path.clone()).collect();
        stories.push(Story { name, given: given_name.is_some(), articles: members.len(), names, paths });
    }
    Stories { stories, of_article }
}

/// The folder of a path, as written (`.` for none).
fn folder_of(path: &str) -> String {
    match path.rfind(['/', '\\']) {
        Some(at) => path[..at].to_string(),
        None => ".".to_string(),
    }
}

/// Names lower-cased, the key they are counted by.
fn key(name: &str) -> String {
    name.to_lowercase()
}

/// The eight weightiest names of some articles: those most of them mention, as first
/// written.
fn top_names(articles: &[ArticleClaims], members: &[usize]) -> Vec<String> {
    let mut count: HashMap<String, (usize, usize, &str)> = HashMap::new();
    for (order, &i) in members.iter().enumerate() {
        for n in &articles[i].names {
            count.entry(key(n)).or_insert((0, order, n)).0 += 1;
        }
    }
    let mut ranked: Vec<(usize, usize, &str)> =
        count.into_values().filter(|(c, _, _)| *c > 1 || members.len() == 1).collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(b.2)));
    ranked.into_iter().take(8).map(|(_, _, n)| n.to_string()).collect()
}

/// Group the articles `free` by the names they share: clusters as (names, members),
/// members in the order given.
fn by_names(articles: &[ArticleClaims], free: &[usize]) -> Vec<(Vec<String>, Vec<usize>)> {
    if free.is_empty() {
        return Vec::new();
    }
    // Name ids and how many articles give each.
    let mut ids: HashMap<String, usize> = HashMap::new();
    let mut df: Vec<usize> = Vec::new();
    let mut shown: Vec<&str> = Vec::new();
    let mut raw: Vec<Vec<usize>> = Vec::with_capacity(free.len());
    for &i in free {
        let mut mine: Vec<usize> = articles[i]
            .names
            .iter()
            .map(|n| {
                *ids.entry(key(n)).or_insert_with(|| {
                    df.push(0);
                    shown.push(n);
                    df.len() - 1
                })
            })
            .collect();
        mine.sort_unstable();
        mine.dedup();
        for &n in &mine {
            df[n] += 1;
        }
        raw.push(mine);
    }
    let total = free.len() as f64;
    let weight: Vec<f64> = df.iter().map(|&d| if d < 2 { 0.0 } else { ((total + 1.0) / d as f64).ln() }).collect();
    // Each article's names that link (given by two articles or more), with weights.
    let vectors: Vec<Vec<(usize, f64)>> =
        raw.iter().map(|names| names.iter().filter(|&&n| weight[n] > 0.0).map(|&n| (n, weight[n])).collect()).collect();
    let norm = |v: &[(usize, f64)]| v.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();

    let mut clusters = Clusters::default();
    let mut assignment: Vec<Option<usize>> = vec![None; free.len()];
    for (a, v) in vectors.iter().enumerate() {
        if v.is_empty() {
            continue;
        }
        let best = clusters.best(v, norm(v), None);
        let c = match best {
            Some((c, sim)) if sim >= JOIN => c,
            _ => clusters.open(),
        };
        clusters.add(c, v);
        assignment[a] = Some(c);
    }
    // Second pass: every article to the story that fits it best now that all are formed
    // (itself taken out of its own first).
    for (a, v) in vectors.iter().enumerate() {
        let Some(current) = assignment[a] else { continue };
        clusters.remove(current, v);
        let c = match clusters.best(v, norm(v), Some(current)) {
            Some((best, sim)) if sim >= JOIN => best,
            _ => current,
        };
        clusters.add(c, v);
        assignment[a] = Some(c);
    }
    // Stories whose names, summed, point the same way are one story told in parts (a
    // Kremlin meeting's reports and the same talks' Berlin round): merged, the most
    // alike pair first, until no pair is alike enough.
    while let Some((keep, gone)) = clusters.most_alike_pair() {
        clusters.merge(keep, gone);
        for a in assignment.iter_mut().filter(|a| **a == Some(gone)) {
            *a = Some(keep);
        }
    }
    // Articles that name nothing another article names: with the only story there is,
    // when there is one; else together, apart from the named ones.
    let live: Vec<usize> = (0..clusters.size.len()).filter(|&c| clusters.size[c] > 0).collect();
    let nameless: Vec<usize> = (0..free.len()).filter(|&a| assignment[a].is_none()).collect();
    let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
    for (a, c) in assignment.iter().enumerate() {
        if let Some(c) = c {
            members.entry(*c).or_default().push(free[a]);
        }
    }
    let mut out: Vec<(Vec<String>, Vec<usize>)> = Vec::new();
    for c in &live {
        let mut m = members.remove(c).unwrap_or_default();
        if live.len() == 1 {
            m.extend(nameless.iter().map(|&a| free[a]));
            m.sort_unstable();
        }
        let names = clusters.top(*c, &shown);
        out.push((names, m));
    }
    if live.len() != 1 && !nameless.is_empty() {
        out.push((Vec::new(), nameless.iter().map(|&a| free[a]).collect()));
    }
    out
}

/// Stories being formed: each one's summed name weights, and which stories give each
/// name (to find the candidates for an article without trying every story).
#[derive(Default)]
struct Clusters {
    sums: Vec<HashMap<usize, f64>>,
    norm2: Vec<f64>,
    size: Vec<usize>,
    by_name: HashMap<usize, Vec<usize>>,
}

impl Clusters {
    fn open(&mut self) -> usize {
        self.sums.push(HashMap::new());
        self.norm2.push(0.0);
        self.size.push(0);
        self.sums.len() - 1
    }

    fn dot(&self, c: usize, v: &[(usize, f64)]) -> f64 {
        v.iter().map(|(n, w)| w * self.sums[c].get(n).copied().unwrap_or(0.0)).sum()
    }

    fn add(&mut self, c: usize, v: &[(usize, f64)]) {
        let dot = self.dot(c, v);
        let own: f64 = v.iter().map(|(_, w)| w * w).sum();
        self.norm2[c] += 2.0 * dot + own;
        for &(n, w) in v {
            let slot = self.sums[c].entry(n).or_insert(0.0);
            if *slot == 0.0 {
                let list = self.by_name.entry(n).or_default();
                if !list.contains(&c) {
                    list.push(c);
                }
            }
            *slot += w;
        }
        self.size[c] += 1;
    }

    fn remove(&mut self, c: usize, v: &[(usize, f64)]) {
        for &(n, w) in v {
            if let Some(slot) = self.sums[c].get_mut(&n) {
                *slot -= w;
            }
        }
        let own: f64 = v.iter().map(|(_, w)| w * w).sum();
        let dot = self.dot(c, v);
        self.norm2[c] = (self.norm2[c] - 2.0 * dot - own).max(0.0);
        self.size[c] -= 1;
    }

    /// The story most like `v` (cosine), and how alike; ties to the older story.
    fn best(&self, v: &[(usize, f64)], norm: f64, prefer: Option<usize>) -> Option<(usize, f64)> {
        let mut dots: HashMap<usize, f64> = HashMap::new();
        for &(n, w) in v {
            for &c in self.by_name.get(&n).map(Vec::as_slice).unwrap_or_default() {
                let s = self.sums[c].get(&n).copied().unwrap_or(0.0);
                if s > 0.0 && self.size[c] > 0 {
                    *dots.entry(c).or_insert(0.0) += w * s;
                }
            }
        }
        let mut best: Option<(usize, f64)> = None;
        let mut candidates: Vec<(usize, f64)> = dots.into_iter().collect();
        candidates.sort_by_key(|(c, _)| *c);
        for (c, dot) in candidates {
            let sim = if norm > 0.0 && self.norm2[c] > 0.0 { dot / (norm * self.norm2[c].sqrt()) } else { 0.0 };
            let better = match best {
                None => true,
                Some((b, s)) => sim > s + 1e-12 || ((sim - s).abs() <= 1e-12 && Some(c) == prefer && Some(b) != prefer),
            };
            if better {
                best = Some((c, sim));
            }
        }
        best
    }

    /// The two live stories most alike (cosine of their summed names at least
    /// [`MERGE`]), the larger first; `None` when no pair is.
    fn most_alike_pair(&self) -> Option<(usize, usize)> {
        let mut best: Option<(f64, usize, usize)> = None;
        for c in (0..self.sums.len()).filter(|&c| self.size[c] > 0) {
            let mut dots: HashMap<usize, f64> = HashMap::new();
            for (n, w) in &self.sums[c] {
                for &d in self.by_name.get(n).map(Vec::as_slice).unwrap_or_default() {
                    if d > c && self.size[d] > 0 {
                        *dots.entry(d).or_insert(0.0) += w * self.sums[d].get(n).copied().unwrap_or(0.0);
                    }
                }
            }
            for (d, dot) in dots {
                let sim = dot / (self.norm2[c].sqrt() * self.norm2[d].sqrt()).max(f64::MIN_POSITIVE);
                let better = best.is_none_or(|(s, bc, bd)| sim > s || (sim == s && (c, d) < (bc, bd)));
                if sim >= MERGE && better {
                    best = Some((sim, c, d));
                }
            }
        }
        best.map(|(_, c, d)| if self.size[c] >= self.size[d] { (c, d) } else { (d, c) })
    }

    /// Fold story `gone` into story `keep`.
    fn merge(&mut self, keep: usize, gone: usize) {
        let moved: Vec<(usize, f64)> = self.sums[gone].drain().collect();
        for (n, w) in moved {
            let slot = self.sums[keep].entry(n).or_insert(0.0);
            if *slot == 0.0 {
                let list = self.by_name.entry(n).or_default();
                if !list.contains(&keep) {
                    list.push(keep);
                }
            }
            *slot += w;
        }
        self.norm2[keep] = self.sums[keep].values().map(|w| w * w).sum();
        self.norm2[gone] = 0.0;
        self.size[keep] += self.size[gone];
        self.size[gone] = 0;
    }

    /// The eight weightiest names of story `c`.
    fn top(&self, c: usize, shown: &[&str]) -> Vec<String> {
        let mut ranked: Vec<(usize, f64)> =
            self.sums[c].iter().filter(|(_, w)| **w > 1e-9).map(|(n, w)| (*n, *w)).collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.into_iter().take(8).map(|(n, _)| shown[n].to_string()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(path: &str, names: &[&str]) -> ArticleClaims {
        ArticleClaims { path: path.into(), names: names.iter().map(|n| n.to_string()).collect(), ..Default::default() }
    }

    fn members(stories: &Stories) -> Vec<Vec<usize>> {
        let mut out: Vec<Vec<usize>> = vec![Vec::new(); stories.stories.len()];
        for (i, s) in stories.of_article.iter().enumerate() {
            out[*s].push(i);
        }
        out
    }

    #[test]
    fn reports_that_share_distinctive_names_form_one_story() {
        let dock = ["Harbor", "Union", "Quist", "Kelby", "Authority"];
        let council = ["Council", "Ardmore", "Pell", "Budget", "Okafor"];
        let articles = [
            article("a", &["President", "Washington", "Harbor", "Union", "Quist", "Kelby"]),
            article("b", &["Washington", "Council", "Ardmore", "Pell"]),
            article("c", &dock),
            article("d", &council),
            article("e", &["Quist", "Kelby", "Authority", "Washington"]),
            article("f", &["Ardmore", "Okafor", "Budget", "Washington"]),
        ];
        let stories = group(&articles, Grouping::Auto);
        assert_eq!(members(&stories), vec![vec![0, 2, 4], vec![1, 3, 5]]);
        assert!(stories.stories[0].names.iter().take(3).all(|n| dock.contains(&n.as_str())), "{:?}", stories.stories);
        assert!(!stories.stories[0].given);
    }

    #[test]
    fn a_name_every_story_shares_does_not_join_them() {
        let articles = [
            article("a", &["Trump", "Washington", "Zorin", "Pavlik"]),
            article("b", &["Trump", "Washington", "Zorin", "Pavlik", "Lenka"]),
            article("c", &["Trump", "Washington", "Senate", "Thorne"]),
            article("d", &["Trump", "Washington", "Senate", "Thorne", "Ames"]),
        ];
        assert_eq!(members(&group(&articles, Grouping::Auto)), vec![vec![0, 1], vec![2, 3]]);
    }

    #[test]
    fn the_user_s_grouping_wins() {
        let mut articles = vec![article("news/dock/a.md", &["Quist"]), article("news/dock/b.md", &["Pell"])];
        articles.push(article("news/budget/c.md", &["Quist"]));
        let by_folder = group(&articles, Grouping::Folder);
        assert_eq!(members(&by_folder), vec![vec![0, 1], vec![2]]);
        assert_eq!(by_folder.stories[0].name, "news/dock");
        assert!(by_folder.stories[0].given);
        articles[0].story = Some("dock strike".into());
        articles[1].story = Some("dock strike".into());
        let by_matter = group(&articles, Grouping::FrontMatter);
        assert_eq!(by_matter.of(0).name, "dock strike");
        assert_eq!(by_matter.of_article[0], by_matter.of_article[1]);
        assert_ne!(by_matter.of_article[0], by_matter.of_article[2]);
    }

    #[test]
    fn nameless_articles_join_the_only_story_or_stay_together() {
        let one = [article("a", &["Quist", "Kelby"]), article("b", &["Quist", "Kelby"]), article("c", &[])];
        assert_eq!(members(&group(&one, Grouping::Auto)), vec![vec![0, 1, 2]]);
        let two = [
            article("a", &["Quist", "Kelby"]),
            article("b", &["Quist", "Kelby"]),
            article("c", &["Pell", "Ardmore"]),
            article("d", &["Pell", "Ardmore"]),
            article("e", &[]),
            article("f", &["Nobody"]),
        ];
        let stories = group(&two, Grouping::Auto);
        assert_eq!(members(&stories), vec![vec![0, 1], vec![2, 3], vec![4, 5]]);
        assert_eq!(stories.stories[2].name, "articles without names");
    }

    #[test]
    fn story_names_are_unique() {
        let articles = [article("a/x.md", &[]), article("b/x.md", &[])];
        let stories = group(&articles, Grouping::Auto);
        assert_eq!(stories.stories.len(), 1, "nameless articles alone: one story");
        assert_eq!(stories.stories[0].articles, 2);
    }
}
