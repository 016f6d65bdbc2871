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
    let labels: Vec<Option<String>> = articles.iter().map(given).collect();
    let free: Vec<usize> = (0..articles.len()).filter(|&i| labels[i].is_none()).collect();
    let found = by_names(articles, &free);
    // The stories the user gave, then those found, as (given name, names, members).
    let mut clusters: Vec<(Option<String>, Vec<String>, Vec<usize>)> = Vec::new();
    let mut given_index: HashMap<String, usize> = HashMap::new();
    for (i, label) in labels.into_iter().enumerate() {
        if let Some(name) = label {
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
    let mut out = String::new();
    key_into(name, &mut out);
    out
}

/// [`key`], written into `out` (cleared first), so that a key looked up and found
/// costs no new string.
fn key_into(name: &str, out: &mut String) {
    out.clear();
    if name.is_ascii() {
        out.push_str(name);
        out.make_ascii_lowercase();
    } else {
        out.push_str(&name.to_lowercase());
    }
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
    // Each name's key is made in one buffer and copied only the first time it is seen.
    let mut lowered = String::new();
    for &i in free {
        let mut mine: Vec<usize> = Vec::with_capacity(articles[i].names.len());
        for n in &articles[i].names {
            key_into(n, &mut lowered);
            let id = match ids.get(lowered.as_str()) {
                Some(id) => *id,
                None => {
                    df.push(0);
                    shown.push(n);
                    ids.insert(lowered.clone(), df.len() - 1);
                    df.len() - 1
                }
            };
            mine.push(id);
        }
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

    let mut clusters = Clusters::new(weight.len());
    let mut assignment: Vec<Option<usize>> = vec![None; free.len()];
    for (a, v) in vectors.iter().enumerate() {
        if v.is_empty() {
            continue;
        }
        let c = match clusters.best(v, norm(v), None) {
            Some((c, sim)) if sim >= JOIN => c,
            _ => clusters.open(),
        };
        clusters.add(c, v, 1.0);
        assignment[a] = Some(c);
    }
    // Second pass: every article to the story that fits it best now that all are formed
    // (itself taken out of its own first).
    for (a, v) in vectors.iter().enumerate() {
        let Some(current) = assignment[a] else { continue };
        clusters.add(current, v, -1.0);
        let c = match clusters.best(v, norm(v), Some(current)) {
            Some((best, sim)) if sim >= JOIN => best,
            _ => current,
        };
        clusters.add(c, v, 1.0);
        assignment[a] = Some(c);
    }
    // Stories whose names, summed, point the same way are one story told in parts (a
    // Kremlin meeting's reports and the same talks' Berlin round): merged where their
    // summed names are alike enough.
    let merged = clusters.merged();
    for a in assignment.iter_mut().flatten() {
        *a = merged[*a];
    }
    // Articles that name nothing another article names: with the only story there is,
    // when there is one; else together, apart from the named ones. Members are kept as
    // positions in `free` until the end.
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); clusters.size.len()];
    let mut nameless: Vec<usize> = Vec::new();
    for (a, c) in assignment.iter().enumerate() {
        match c {
            Some(c) => members[*c].push(a),
            None => nameless.push(a),
        }
    }
    members.retain(|m| !m.is_empty());
    if members.len() == 1 {
        members[0].append(&mut nameless);
        members[0].sort_unstable();
    }
    let mut out: Vec<(Vec<String>, Vec<usize>)> = members
        .into_iter()
        .map(|m| {
            // A story's names: those its articles give most, rare ones counting more.
            let mut sums: HashMap<usize, f64> = HashMap::new();
            for &a in &m {
                for &(n, w) in &vectors[a] {
                    *sums.entry(n).or_insert(0.0) += w;
                }
            }
            let mut ranked: Vec<(usize, f64)> = sums.into_iter().collect();
            // Weights to a millionth, then the name: the same names whatever order the
            // articles were read in.
            let rounded = |w: f64| (w * 1e6).round() as i64;
            ranked.sort_by(|a, b| rounded(b.1).cmp(&rounded(a.1)).then_with(|| key(shown[a.0]).cmp(&key(shown[b.0]))));
            let names = ranked.into_iter().take(8).map(|(n, _)| shown[n].to_string()).collect();
            (names, m.into_iter().map(|a| free[a]).collect())
        })
        .collect();
    if !nameless.is_empty() {
        out.push((Vec::new(), nameless.into_iter().map(|a| free[a]).collect()));
    }
    out
}

/// Stories being formed, kept by name: for each name, the stories whose articles give
/// it and the weight it sums to in each (a story's vector, read across), so that an
/// article is compared only with the stories that share one of its names.
struct Clusters {
    by_name: Vec<Vec<(usize, f64)>>,
    norm2: Vec<f64>,
    size: Vec<usize>,
    /// Per story, a running sum: scratch for [`Clusters::best`].
    scratch: Vec<f64>,
}

impl Clusters {
    fn new(names: usize) -> Clusters {
        Clusters { by_name: vec![Vec::new(); names], norm2: Vec::new(), size: Vec::new(), scratch: Vec::new() }
    }

    fn open(&mut self) -> usize {
        self.norm2.push(0.0);
        self.size.push(0);
        self.scratch.push(0.0);
        self.size.len() - 1
    }

    /// Story `c`'s summed weight for name `n`.
    fn sum(&self, c: usize, n: usize) -> f64 {
        self.by_name[n].iter().find(|(d, _)| *d == c).map_or(0.0, |(_, w)| *w)
    }

    /// Add (`sign` 1) or take away (`sign` -1) an article's vector to story `c`.
    fn add(&mut self, c: usize, v: &[(usize, f64)], sign: f64) {
        let own: f64 = v.iter().map(|(_, w)| w * w).sum();
        let dot: f64 = v.iter().map(|&(n, w)| w * self.sum(c, n)).sum();
        self.norm2[c] = (self.norm2[c] + sign * 2.0 * dot + own).max(0.0);
        for &(n, w) in v {
            let list = &mut self.by_name[n];
            match list.iter_mut().find(|(d, _)| *d == c) {
                Some(slot) => slot.1 += sign * w,
                None => list.push((c, sign * w)),
            }
            if sign < 0.0 {
                list.retain(|(_, w)| *w > 1e-9);
            }
        }
        if sign > 0.0 {
            self.size[c] += 1;
        } else {
            self.size[c] -= 1;
        }
    }

    /// The story most like `v` (cosine), and how alike; ties to `prefer`, then to the
    /// older story.
    fn best(&mut self, v: &[(usize, f64)], norm: f64, prefer: Option<usize>) -> Option<(usize, f64)> {
        let mut touched: Vec<usize> = Vec::new();
        for &(n, w) in v {
            for &(c, s) in &self.by_name[n] {
                if self.scratch[c] == 0.0 {
                    touched.push(c);
                }
                self.scratch[c] += w * s;
            }
        }
        touched.sort_unstable();
        let mut best: Option<(usize, f64)> = None;
        for c in touched {
            let dot = std::mem::take(&mut self.scratch[c]);
            if self.size[c] == 0 || self.norm2[c] <= 0.0 || norm <= 0.0 {
                continue;
            }
            let sim = dot / (norm * self.norm2[c].sqrt());
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

    /// For each story, the story it ends up in once stories alike enough (cosine of their
    /// summed names at least [`MERGE`]) are joined: pairs taken most alike first, a
    /// story joining the larger. Names that more than [`Clusters::SHARED`] stories give
    /// are too common to join any and are not summed for it.
    fn merged(&self) -> Vec<usize> {
        let k = self.size.len();
        let mut dots: HashMap<(usize, usize), f64> = HashMap::new();
        for list in self.by_name.iter().filter(|l| l.len() <= Self::SHARED) {
            for (x, &(c, wc)) in list.iter().enumerate() {
                for &(d, wd) in &list[x + 1..] {
                    let key = if c < d { (c, d) } else { (d, c) };
                    *dots.entry(key).or_insert(0.0) += wc * wd;
                }
            }
        }
        let mut pairs: Vec<(f64, usize, usize)> = dots
            .into_iter()
            .filter(|((c, d), _)| self.size[*c] > 0 && self.size[*d] > 0)
            .map(|((c, d), dot)| (dot / (self.norm2[c].sqrt() * self.norm2[d].sqrt()).max(f64::MIN_POSITIVE), c, d))
            .filter(|(sim, _, _)| *sim >= MERGE)
            .collect();
        pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2))));
        let mut root: Vec<usize> = (0..k).collect();
        let mut size = self.size.clone();
        fn find(root: &mut [usize], mut c: usize) -> usize {
            while root[c] != c {
                root[c] = root[root[c]];
                c = root[c];
            }
            c
        }
        for (_, c, d) in pairs {
            let (a, b) = (find(&mut root, c), find(&mut root, d));
            if a != b {
                let (keep, gone) = if size[a] >= size[b] { (a, b) } else { (b, a) };
                root[gone] = keep;
                size[keep] += size[gone];
            }
        }
        (0..k).map(|c| find(&mut root, c)).collect()
    }

    /// Names given by more stories than this are left out of merging.
    const SHARED: usize = 64;
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
