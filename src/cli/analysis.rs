//! Settings and the shared first half of `compare`, `check` and `baseline`: the rules,
//! the articles (expanded from folders and corpus globs, ignored ones left out), their
//! claims with suppressions and tolerances applied, and the findings.

use super::{CommonArgs, SettingsArgs, read_input};
use crate::article::InputError;
use crate::compare::{self, ArticleClaims, Finding};
use crate::config::{self, Config, FailOn};
use crate::extract::{Claim, extract_with_names};
use crate::published;
use crate::report::{self, Severities, Severity};
use crate::rule::{self, RuleSet};
use crate::suppress::{self, Suppression};
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

/// The settings of a run: the configuration file, if any; flags are applied over it
/// where each is read.
#[derive(Debug, Default)]
pub struct Settings {
    /// The `claimcheck.toml` in use.
    pub config: Option<Config>,
    /// Its folder as the file system has it, for matching `ignore` globs.
    canonical_folder: Option<PathBuf>,
}

impl Settings {
    /// Read the file `--config` names, or the nearest `claimcheck.toml` from the working
    /// folder up, or none with `--isolated`.
    pub fn load(args: &SettingsArgs) -> Result<Settings, InputError> {
        let path = match (&args.config, args.isolated) {
            (_, true) => None,
            (Some(path), false) => Some(path.clone()),
            (None, false) => std::env::current_dir().ok().and_then(|cwd| config::discover(&cwd)).map(|p| shown(&p)),
        };
        let Some(path) = path else { return Ok(Settings::default()) };
        let config = Config::load(&path)?;
        let canonical_folder = std::fs::canonicalize(config.folder()).ok();
        Ok(Settings { config: Some(config), canonical_folder })
    }

    /// Rule folders: the configuration's, then the flags' (a later folder's rule
    /// replaces an earlier one with its id).
    pub fn rule_dirs(&self, flags: &[PathBuf]) -> Vec<PathBuf> {
        let mut dirs: Vec<PathBuf> = self.config.iter().flat_map(|c| c.rules.iter().map(|p| shown(p))).collect();
        dirs.extend(flags.iter().cloned());
        dirs
    }

    /// What fails `check`: the flag, else the configuration, else conflicts.
    pub fn fail_on(&self, flag: Option<FailOn>) -> FailOn {
        flag.or(self.config.as_ref().and_then(|c| c.fail_on)).unwrap_or_default()
    }

    /// Severities by kind.
    pub fn severities(&self) -> &Severities {
        static NONE: Severities = Severities::new();
        self.config.as_ref().map_or(&NONE, |c| &c.severity)
    }

    /// Whether a file found in a folder or by a glob is to be left out.
    fn ignores(&self, path: &Path) -> bool {
        let (Some(config), Some(folder)) = (&self.config, &self.canonical_folder) else { return false };
        if config.ignore.is_empty() {
            return false;
        }
        let Ok(file) = std::fs::canonicalize(path) else { return false };
        file.strip_prefix(folder).is_ok_and(|relative| config.ignores(&relative.to_string_lossy()))
    }

    /// The articles to read: `given`, or else the configuration's `corpus`. `None`, after
    /// printing why, when there are neither.
    pub fn inputs(&self, given: &[String], what: &str) -> Option<Vec<String>> {
        if !given.is_empty() {
            return Some(given.to_vec());
        }
        let globs = self.config.as_ref().map(|c| c.corpus.as_slice()).unwrap_or_default();
        if globs.is_empty() {
            let source = match &self.config {
                Some(c) => format!("set `corpus` in {}", c.path.display()),
                None => "set `corpus` in a claimcheck.toml".to_string(),
            };
            eprintln!("error: no {what} given: name files or folders, or {source}");
            return None;
        }
        let config = self.config.as_ref()?;
        let mut out = Vec::new();
        for glob in globs {
            if !glob.pattern.contains(['*', '?']) {
                out.push(shown(&config.folder().join(&glob.pattern)).display().to_string());
                continue;
            }
            let base = config.folder().join(glob.base());
            let mut found: Vec<String> = walk(&base, &mut Vec::new())
                .into_iter()
                .filter(|file| {
                    file.strip_prefix(config.folder()).is_ok_and(|relative| glob.matches(&relative.to_string_lossy()))
                        && !self.ignores(file)
                })
                .map(|file| shown(&file).display().to_string())
                .collect();
            found.sort();
            out.extend(found);
        }
        if out.is_empty() {
            eprintln!("error: the `corpus` globs of {} match no article", config.path.display());
            return None;
        }
        Some(out)
    }
}

/// `path` as a user would type it from the working folder: relative where it lies below
/// (or beside) it, as given otherwise.
fn shown(path: &Path) -> PathBuf {
    let Ok(cwd) = std::env::current_dir() else { return path.to_path_buf() };
    if !path.is_absolute() {
        return path.to_path_buf();
    }
    let (ours, theirs): (Vec<Component>, Vec<Component>) = (cwd.components().collect(), path.components().collect());
    let common = ours.iter().zip(&theirs).take_while(|(a, b)| a == b).count();
    if common <= 1 {
        return path.to_path_buf();
    }
    let mut relative = PathBuf::new();
    for _ in common..ours.len() {
        relative.push("..");
    }
    theirs[common..].iter().for_each(|c| relative.push(c));
    if relative.as_os_str().is_empty() { PathBuf::from(".") } else { relative }
}

/// Article files under `folder`, in no particular order; unreadable folders are errors
/// pushed to `errors`.
fn walk(folder: &Path, errors: &mut Vec<InputError>) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![folder.to_path_buf()];
    while let Some(dir) = stack.pop() {
        match std::fs::read_dir(&dir) {
            Ok(entries) => {
                for entry in entries.flatten() {
                    let p = entry.path();
                    if p.is_dir() {
                        stack.push(p);
                    } else if is_article_file(&p) {
                        found.push(p);
                    }
                }
            }
            Err(e) => errors.push(InputError {
                path: dir.display().to_string(),
                line: None,
                message: format!("cannot read folder: {e}"),
            }),
        }
    }
    found
}

/// Load the bundled pack and the user's folders; print each error and return `None` if
/// any rule file is bad.
pub fn load_rules(dirs: &[PathBuf]) -> Option<RuleSet> {
    let mut sources = rule::bundled_sources();
    let mut errors = Vec::new();
    for dir in dirs {
        match rule::folder_sources(dir) {
            Ok(more) => sources.extend(more),
            Err(e) => errors.push(e),
        }
    }
    let loaded = if errors.is_empty() { RuleSet::load(&sources) } else { Err(errors) };
    match loaded {
        Ok(set) => Some(set),
        Err(errors) => {
            for e in errors {
                eprintln!("error: {e}");
            }
            None
        }
    }
}

/// The kinds the rules know, sorted, once each.
pub fn kinds(rules: &RuleSet) -> Vec<&str> {
    let mut kinds: Vec<&str> = rules.rules.iter().map(|r| r.kind.as_str()).collect();
    kinds.sort_unstable();
    kinds.dedup();
    kinds
}

/// Whether a path names an article file by its extension (README files excepted).
pub fn is_article_file(path: &Path) -> bool {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    let readme = path.file_stem().and_then(|s| s.to_str()).is_some_and(|s| s.eq_ignore_ascii_case("readme"));
    matches!(ext.as_deref(), Some("txt" | "md" | "html" | "htm")) && !readme
}

/// Expand files and folders into article paths, sorted within each folder; a path
/// that does not exist is an error. Files found in folders that the settings ignore are
/// left out; files named outright are always read.
pub fn collect_paths(paths: &[String], settings: &Settings) -> (Vec<String>, Vec<InputError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for given in paths {
        let path = Path::new(given);
        if given == "-" || path.is_file() {
            files.push(given.clone());
        } else if path.is_dir() {
            let mut found: Vec<String> = walk(path, &mut errors)
                .into_iter()
                .filter(|p| !settings.ignores(p))
                .map(|p| p.display().to_string())
                .collect();
            found.sort();
            files.extend(found);
        } else {
            errors.push(InputError { path: given.clone(), line: None, message: "no such file or folder".into() });
        }
    }
    (files, errors)
}

/// Whether a claim's value is a date that a year would place ("December 14").
fn lacks_year(claim: &Claim) -> bool {
    use crate::value::{DateValue, Unplaced, Value};
    matches!(claim.value, Value::Date(DateValue::Unplaced(Unplaced::MonthDays { .. } | Unplaced::Month(_))))
}

/// The middle publication date of the dated articles (given or inferred, since it only
/// picks the year of year-less dates): where an undated article read with them most
/// likely stands.
fn middle_date(articles: &[Read]) -> Option<NaiveDate> {
    let mut dates: Vec<NaiveDate> = articles.iter().filter_map(|a| a.claims.published).collect();
    dates.sort();
    dates.get(dates.len() / 2).copied()
}

/// How articles are read besides extraction: for a comparison, with their suppressions
/// and the configured tolerances applied.
pub struct Reading<'a> {
    /// The rules.
    pub rules: &'a RuleSet,
    /// `--published`.
    pub published: Option<NaiveDate>,
    /// Apply suppressions and tolerances (comparisons), or read claims as they are.
    pub compare: Option<&'a Config>,
    /// Dates inferred for undated articles from the reports of their story they agree
    /// with, by path: read as the article's date, marked inferred.
    pub dated_by_story: HashMap<String, NaiveDate>,
}

/// One article as read.
pub struct Read {
    /// Its claims, suppressed ones left out.
    pub claims: ArticleClaims,
    /// Its suppressions.
    pub suppressions: Vec<Suppression>,
    /// The claims they silenced, with the index of the suppression.
    pub silenced: Vec<(usize, Claim)>,
    /// Malformed suppressions.
    pub errors: Vec<InputError>,
    /// Whether its date was inferred (or is still missing) and its text speaks of past
    /// days without their year, which a year hint would place.
    pub awaits_year: bool,
}

/// Read and extract every article, on all cores; keeps only the claims, not the text.
/// An article without a date (from its front matter or `--published`) gets the one it
/// implies ([`published::infer`]), marked as inferred, and its claims are placed against
/// it. Year-less dates in articles still undated, or dated only by inference, are then
/// placed near the other articles' dates (those few articles are read again, and their
/// date inferred again with that year hint).
pub fn load_articles(paths: &[String], reading: &Reading) -> (Vec<Read>, Vec<InputError>) {
    let (mut articles, errors) = read_and_extract(paths, reading, None);
    if let Some(hint) = middle_date(&articles) {
        let redo: Vec<String> = articles
            .iter()
            .filter(|a| {
                a.awaits_year
                    || a.claims.published.is_none()
                        && a.claims.claims.iter().chain(a.silenced.iter().map(|(_, c)| c)).any(lacks_year)
            })
            .map(|a| a.claims.path.clone())
            .collect();
        if !redo.is_empty() {
            let (again, _) = read_and_extract(&redo, reading, Some(hint));
            replace_read(&mut articles, again);
        }
    }
    (articles, errors)
}

/// Put articles read again in the place of their first reading, by path.
fn replace_read(articles: &mut [Read], again: Vec<Read>) {
    let at: HashMap<String, usize> = articles.iter().enumerate().map(|(i, a)| (a.claims.path.clone(), i)).collect();
    for fresh in again {
        if let Some(&i) = at.get(&fresh.claims.path) {
            articles[i] = fresh;
        }
    }
}

/// What `work` makes of the articles' claims, lent out of the readings without a copy.
fn with_claims<T>(articles: &mut [Read], work: impl FnOnce(&[ArticleClaims]) -> T) -> T {
    with_claims_mut(articles, |claims| work(claims))
}

/// `work` done on the articles' claims, lent out of the readings without a copy.
fn with_claims_mut<T>(articles: &mut [Read], work: impl FnOnce(&mut [ArticleClaims]) -> T) -> T {
    let mut claims: Vec<ArticleClaims> = articles.iter_mut().map(|r| std::mem::take(&mut r.claims)).collect();
    let made = work(&mut claims);
    for (r, c) in articles.iter_mut().zip(claims) {
        r.claims = c;
    }
    made
}

/// Read again, with the date their story's agreeing reports give them, the undated
/// articles whose claims wait on a date ("on Sunday" with no date to count back from).
fn date_by_story(articles: &mut [Read], reading: &Reading, stories: &compare::Stories) {
    let waiting = |r: &Read| {
        r.claims.published.is_none()
            && r.claims
                .claims
                .iter()
                .chain(r.silenced.iter().map(|(_, c)| c))
                .any(|c| c.value.awaits_date() || crate::extract::awaits_occasion(c))
    };
    if !articles.iter().any(waiting) {
        return;
    }
    let found = with_claims(articles, |claims| compare::dates_from_stories(claims, stories));
    let dated: HashMap<String, NaiveDate> = found
        .into_iter()
        .filter(|(i, _)| waiting(&articles[*i]))
        .map(|(i, date)| (articles[i].claims.path.clone(), date))
        .collect();
    if dated.is_empty() {
        return;
    }
    let redo: Vec<String> = dated.keys().cloned().collect();
    let again_reading = Reading { dated_by_story: dated, ..*reading };
    let (mut again, _) = read_and_extract(&redo, &again_reading, None);
    // The dates the first reading could not place rest on the inferred date.
    let at: HashMap<&str, usize> = articles.iter().enumerate().map(|(i, a)| (a.claims.path.as_str(), i)).collect();
    for fresh in &mut again {
        let Some(&i) = at.get(fresh.claims.path.as_str()) else { continue };
        let first = &articles[i];
        let waited: HashSet<usize> = first
            .claims
            .claims
            .iter()
            .chain(first.silenced.iter().map(|(_, c)| c))
            .filter(|c| c.value.awaits_date() || crate::extract::awaits_occasion(c))
            .map(|c| c.span.start)
            .collect();
        for claim in fresh.claims.claims.iter_mut().chain(fresh.silenced.iter_mut().map(|(_, c)| c)) {
            claim.placed_by_inferred_date = waited.contains(&claim.span.start);
        }
    }
    replace_read(articles, again);
}

/// Counts an item as done when it goes out of scope, however the work ended.
struct Tick<'a>(&'a crate::progress::Progress);

impl Drop for Tick<'_> {
    fn drop(&mut self) {
        self.0.tick();
    }
}

fn read_and_extract(paths: &[String], reading: &Reading, year_hint: Option<NaiveDate>) -> (Vec<Read>, Vec<InputError>) {
    let progress = crate::progress::Progress::new("reading articles", paths.len());
    let kinds = kinds(reading.rules);
    let results: Vec<Result<(Read, Vec<String>), InputError>> = paths
        .par_iter()
        .map(|path| {
            let _counted = Tick(&progress);
            let mut article = read_input(path)?;
            if article.meta.published.is_none() {
                article.meta.published = reading.published;
            }
            article.year_hint = year_hint;
            let (mut published_inferred, mut awaits_year) = (false, false);
            if article.meta.published.is_none()
                && let Some(date) = reading.dated_by_story.get(path)
            {
                article.meta.published = Some(*date);
                published_inferred = true;
            }
            if article.meta.published.is_none() {
                let inference = published::infer(&article);
                awaits_year = inference.awaits_year;
                if let Some(inferred) = inference.inferred {
                    article.meta.published = Some(inferred.date);
                    published_inferred = true;
                }
            }
            let (mut claims, names) = extract_with_names(&article, reading.rules);
            let warnings = std::mem::take(&mut article.warnings);
            let (mut suppressions, mut silenced, mut errors) = (Vec::new(), Vec::new(), Vec::new());
            if let Some(config) = reading.compare {
                (suppressions, errors) = suppress::suppressions(&article, &kinds);
                if !suppressions.is_empty() {
                    let (kept, gone): (Vec<Claim>, Vec<Claim>) =
                        claims.into_iter().partition(|c| !suppressions.iter().any(|s| s.covers(c)));
                    claims = kept;
                    silenced = gone
                        .into_iter()
                        .filter_map(|c| suppressions.iter().position(|s| s.covers(&c)).map(|i| (i, c)))
                        .collect();
                }
                for claim in claims.iter_mut().chain(silenced.iter_mut().map(|(_, c)| c)) {
                    if let Some(t) = config.tolerance.get(&claim.kind) {
                        claim.value = claim.value.with_approx_tolerance(*t);
                    }
                }
            }
            let story = article.meta.other.get("story").filter(|s| !s.trim().is_empty()).cloned();
            let claims = ArticleClaims {
                path: path.clone(),
                names,
                title: article.meta.title,
                outlet: article.meta.outlet,
                published: article.meta.published,
                published_inferred,
                url: article.meta.url,
                story,
                claims,
            };
            Ok((Read { claims, suppressions, silenced, errors, awaits_year }, warnings))
        })
        .collect();
    drop(progress);
    let mut articles = Vec::new();
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok((a, warnings)) => {
                if year_hint.is_none() {
                    for w in warnings {
                        eprintln!("warning: {w}");
                    }
                }
                articles.push(a);
            }
            Err(e) => errors.push(e),
        }
    }
    (articles, errors)
}

/// What `compare`, `check` and `baseline` read and found.
pub struct Analysis {
    /// The articles read.
    pub articles: Vec<ArticleClaims>,
    /// Their stories.
    pub stories: compare::Stories,
    /// The findings: those of kinds not turned off, and in `check`, those that involve a
    /// new article.
    pub findings: Vec<Finding>,
    /// `check`: the new articles' paths (as read).
    pub new: Option<Vec<String>>,
    /// Whether an input could not be read, or a suppression was malformed.
    pub failed_input: bool,
}

impl Analysis {
    /// Leave the analysis to the process's exit, which takes its memory back at once:
    /// freeing a large corpus's claims one by one takes a tenth of a second per
    /// 10,000 articles and gives nothing back.
    pub fn leave(self) {
        std::mem::forget(self);
    }

    /// Whether `path` is an article in question: a new one in `check`, any in `compare`.
    pub fn in_question(&self, path: &str) -> bool {
        self.new.as_ref().is_none_or(|new| new.iter().any(|n| n == path))
    }
}

/// Read the rules and articles and compare them: all of `corpus` with each other, or
/// with `new`, the articles under check. Prints errors and warnings; `None` when the run
/// cannot go on (bad rules or settings).
pub fn analyse(
    settings: &Settings,
    common: &CommonArgs,
    new: Option<&[String]>,
    corpus: &[String],
) -> Option<Analysis> {
    let rules = load_rules(&settings.rule_dirs(&common.rules))?;
    let default_config = Config::default();
    let config = settings.config.as_ref().unwrap_or(&default_config);
    let config_errors = config.unknown_kinds(&kinds(&rules));
    if !config_errors.is_empty() {
        config_errors.iter().for_each(|e| eprintln!("error: {e}"));
        return None;
    }
    let (new_files, mut errors) = match new {
        Some(new) => {
            let (files, errors) = collect_paths(new, settings);
            (Some(files), errors)
        }
        None => (None, Vec::new()),
    };
    let (corpus_files, corpus_errors) = collect_paths(corpus, settings);
    errors.extend(corpus_errors);
    let same = |a: &str, b: &str| {
        a == b || std::fs::canonicalize(a).ok().zip(std::fs::canonicalize(b).ok()).is_some_and(|(x, y)| x == y)
    };
    let mut all = new_files.clone().unwrap_or_default();
    let fresh = |c: &String| new_files.as_ref().is_none_or(|n| !n.iter().any(|n| same(n, c)));
    let corpus_files: Vec<String> = corpus_files.into_iter().filter(fresh).collect();
    if corpus_files.is_empty() && errors.is_empty() {
        // A corpus that holds nothing is a mistyped path or glob, not a clean bill.
        let what = if new.is_some() { "the corpus (--against)" } else { "the input" };
        let besides = if new.is_some() { " besides the new ones" } else { "" };
        eprintln!(
            "error: {what} {} holds no article{besides} (.txt, .md, .html): nothing to compare",
            corpus.join(" ")
        );
        return None;
    }
    all.extend(corpus_files);
    let reading =
        Reading { rules: &rules, published: common.published, compare: Some(config), dated_by_story: HashMap::new() };
    let (mut read, read_errors) = load_articles(&all, &reading);
    // Reading an article again never changes the names it gives: its story stays.
    let stories = with_claims(&mut read, |claims| compare::story::group(claims, config.stories));
    date_by_story(&mut read, &reading, &stories);
    with_claims_mut(&mut read, |claims| compare::resolve(claims, &stories.of_article));
    errors.extend(read_errors);
    errors.extend(read.iter().flat_map(|r| r.errors.iter().cloned()));
    for e in &errors {
        eprintln!("error: {e}");
    }
    let changes = |c: &Claim| rules.claim_changes(&c.rule, &c.kind);
    let in_question = |path: &str| new_files.as_ref().is_none_or(|n| n.iter().any(|p| p == path));
    warn_unused_suppressions(&read, &stories, &changes, &in_question);
    let articles: Vec<ArticleClaims> = read.into_iter().map(|r| r.claims).collect();
    let severities = settings.severities();
    let findings: Vec<Finding> = compare::compare_stories(&articles, &stories, changes)
        .into_iter()
        .filter(|f| severities.get(&f.kind) != Some(&Severity::Off))
        .filter(|f| new_files.is_none() || f.claims.iter().any(|c| in_question(&c.path)))
        .collect();
    Some(Analysis { articles, stories, findings, new: new_files, failed_input: !errors.is_empty() })
}

/// Warn (on standard error, `file:line`) about each suppression of an article in
/// question that silences nothing: no claim of its key in its paragraph, or none that
/// disagrees with another article. That takes a comparison with the silenced claims put
/// back, made only when some claim was silenced.
fn warn_unused_suppressions(
    read: &[Read],
    stories: &compare::Stories,
    changes: &(impl Fn(&Claim) -> bool + Sync),
    in_question: &impl Fn(&str) -> bool,
) {
    let suppressed: Vec<&Read> = read.iter().filter(|r| !r.suppressions.is_empty()).collect();
    if suppressed.is_empty() {
        return;
    }
    let disputed: HashSet<(String, usize)> = if read.iter().any(|r| !r.silenced.is_empty()) {
        let mut whole: Vec<ArticleClaims> = read
            .iter()
            .map(|r| {
                let mut a = r.claims.clone();
                a.claims.extend(r.silenced.iter().map(|(_, c)| c.clone()));
                a
            })
            .collect();
        compare::resolve(&mut whole, &stories.of_article);
        let findings = compare::compare_stories(&whole, stories, changes);
        report::occurrences(&findings, |_| true)
            .into_iter()
            .map(|o| (o.claim.path.clone(), o.claim.claim.span.start))
            .collect()
    } else {
        HashSet::new()
    };
    for r in suppressed.into_iter().filter(|r| in_question(&r.claims.path)) {
        let mut covered: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
        for (i, claim) in &r.silenced {
            let entry = covered.entry(*i).or_default();
            entry.0 += 1;
            if disputed.contains(&(r.claims.path.clone(), claim.span.start)) {
                entry.1 += 1;
            }
        }
        for (i, s) in r.suppressions.iter().enumerate() {
            let place = if s.whole_article { "the article" } else { "the paragraph below" };
            let why = match covered.get(&i) {
                None => format!("{place} has no {} claim", s.key()),
                Some((_, 0)) => format!("no {} claim in {place} disagrees with another article", s.key()),
                Some(_) => continue,
            };
            eprintln!("warning: {}:{}: {} {} silences nothing: {why}", s.path, s.line, suppress::KEYWORD, s.key());
        }
    }
}
