//! The command line: parses arguments with clap, reads inputs, calls the pure stages,
//! prints, and turns the outcome into an exit code (0 clean, 1 findings that fail, 2
//! usage or input errors).

use crate::article::{Article, InputError, LineIndex, parse_published};
use crate::compare::{self, ArticleClaims, Finding, Relation};
use crate::extract::extract;
use crate::report;
use crate::rule::{self, RuleSet};
use crate::scan::{self, Found};
use chrono::NaiveDate;
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use rayon::prelude::*;
use serde::Serialize;
use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// claimcheck: find the claims news articles make and where they disagree.
#[derive(Debug, Parser)]
#[command(name = "claimcheck", version, about, max_term_width = 100)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the claims of each article.
    Extract(InputArgs),
    /// Compare articles: which agree, which conflict, which report a newer value.
    Compare(CompareArgs),
    /// CI gate: findings that involve the NEW articles; exit 1 on a conflict.
    Check(CheckArgs),
    /// A unified diff of two articles' claim sheets.
    Diff(DiffArgs),
    /// Print every value the parsers find (numbers, ordinals, durations, dates), with
    /// byte spans and normalized values; for checking what the parsers see.
    Values(ValuesArgs),
    /// Run or list the rules.
    #[command(subcommand)]
    Rules(RulesCommand),
}

/// Output formats: the report printers of findings. `extract`, `diff` and `values`
/// write human or json only.
pub use crate::report::Report as Format;

/// One `--report FORMAT=PATH`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportTarget {
    /// The format.
    pub format: Format,
    /// Where to write it.
    pub path: PathBuf,
}

fn report_target(s: &str) -> Result<ReportTarget, String> {
    let names: Vec<String> = Format::value_variants().iter().map(|f| f.name()).collect();
    let (name, path) =
        s.split_once('=').ok_or_else(|| format!("expected FORMAT=PATH, FORMAT one of {}", names.join(", ")))?;
    let format = Format::from_str(name.trim(), true)
        .map_err(|_| format!("unknown format '{name}'; expected one of {}", names.join(", ")))?;
    if path.is_empty() {
        return Err("expected FORMAT=PATH: the path is missing".to_string());
    }
    Ok(ReportTarget { format, path: PathBuf::from(path) })
}

/// Where `compare` and `check` write their findings, besides or instead of standard
/// output.
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// Write the --format output to FILE instead of standard output (replaced whole, never
    /// an input article).
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also write FORMAT to PATH, e.g. --report sarif=claims.sarif (repeatable).
    #[arg(long = "report", value_name = "FORMAT=PATH", value_parser = report_target)]
    pub reports: Vec<ReportTarget>,
    /// github format: annotate at most N disputed claims; a closing line counts the rest.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub max_annotations: usize,
}

/// Options shared by the commands that read articles.
#[derive(Debug, clap::Args)]
pub struct CommonArgs {
    /// A folder of rules to add to the bundled pack (repeatable); a rule with the id of
    /// a bundled one replaces it.
    #[arg(long = "rules", value_name = "DIR")]
    pub rules: Vec<PathBuf>,
    /// Output format; extract and diff write human or json, compare and check any.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Publication date (YYYY-MM-DD) for articles whose front matter gives none.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = published_arg)]
    pub published: Option<NaiveDate>,
}

/// Arguments of `extract` (and, with report flags, `compare`).
#[derive(Debug, clap::Args)]
pub struct InputArgs {
    /// Articles: files, or folders walked recursively for .txt, .md and .html files
    /// (README.md files in folders are skipped).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<String>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub common: CommonArgs,
}

/// Arguments of `compare`.
#[derive(Debug, clap::Args)]
pub struct CompareArgs {
    #[command(flatten)]
    #[allow(missing_docs)]
    pub input: InputArgs,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub report: ReportArgs,
}

/// Arguments of `check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The new articles to check.
    #[arg(required = true, value_name = "NEW")]
    pub new: Vec<String>,
    /// The articles to check them against (files or folders); the new articles are
    /// left out of it if they lie inside.
    #[arg(long, required = true, value_name = "CORPUS")]
    pub against: Vec<String>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub common: CommonArgs,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub report: ReportArgs,
}

/// Arguments of `diff`.
#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// The first article.
    pub a: String,
    /// The second article.
    pub b: String,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub common: CommonArgs,
}

/// `rules` subcommands.
#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Run every rule's examples and near misses; exit 1 on a failure.
    Test {
        /// A folder of rules to test (on top of the bundled pack); without it, the
        /// bundled pack is tested.
        dir: Option<PathBuf>,
    },
    /// List the rules with their kinds.
    List {
        /// A folder of rules to add to the bundled pack.
        #[arg(long = "rules", value_name = "DIR")]
        rules: Vec<PathBuf>,
    },
}

/// Arguments of `claimcheck values`.
#[derive(Debug, clap::Args)]
pub struct ValuesArgs {
    /// The article to read; `-` or nothing reads standard input.
    pub file: Option<String>,
    /// Publication date (YYYY-MM-DD) for an input whose front matter gives none;
    /// relative dates and year-less dates are placed against it.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = published_arg)]
    pub published: Option<NaiveDate>,
    /// Output format: human or json.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

fn published_arg(s: &str) -> Result<NaiveDate, String> {
    parse_published(s)?.ok_or_else(|| "expected a date YYYY-MM-DD".to_string())
}

/// Run the command line and return the process's exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let result = match cli.command {
        Command::Values(args) => values(&args),
        Command::Extract(args) => run_extract(&args),
        Command::Compare(args) => run_compare(&args),
        Command::Check(args) => run_check(&args),
        Command::Diff(args) => run_diff(&args),
        Command::Rules(RulesCommand::Test { dir }) => run_rules_test(dir.as_deref()),
        Command::Rules(RulesCommand::List { rules }) => run_rules_list(&rules),
    };
    match result {
        Ok(code) => code,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

/// Load the bundled pack and the user's folders; print each error and return `None` if
/// any rule file is bad.
fn load_rules(dirs: &[PathBuf]) -> Option<RuleSet> {
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

fn is_article_file(path: &Path) -> bool {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    let readme = path.file_stem().and_then(|s| s.to_str()).is_some_and(|s| s.eq_ignore_ascii_case("readme"));
    matches!(ext.as_deref(), Some("txt" | "md" | "html" | "htm")) && !readme
}

/// Expand files and folders into article paths, sorted within each folder; a path
/// that does not exist is an error.
pub fn collect_paths(paths: &[String]) -> (Vec<String>, Vec<InputError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for given in paths {
        let path = Path::new(given);
        if given == "-" || path.is_file() {
            files.push(given.clone());
        } else if path.is_dir() {
            let mut found = Vec::new();
            let mut stack = vec![path.to_path_buf()];
            while let Some(dir) = stack.pop() {
                match std::fs::read_dir(&dir) {
                    Ok(entries) => {
                        for entry in entries.flatten() {
                            let p = entry.path();
                            if p.is_dir() {
                                stack.push(p);
                            } else if is_article_file(&p) {
                                found.push(p.display().to_string());
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
            found.sort();
            files.extend(found);
        } else {
            errors.push(InputError { path: given.clone(), line: None, message: "no such file or folder".into() });
        }
    }
    (files, errors)
}

/// Whether a claim's value is a date that a year would place ("December 14").
fn lacks_year(claim: &crate::extract::Claim) -> bool {
    use crate::value::{DateValue, Unplaced, Value};
    matches!(claim.value, Value::Date(DateValue::Unplaced(Unplaced::MonthDays { .. } | Unplaced::Month(_))))
}

/// The middle publication date of the dated articles: where an undated article read
/// with them most likely stands.
fn middle_date(articles: &[ArticleClaims]) -> Option<NaiveDate> {
    let mut dates: Vec<NaiveDate> = articles.iter().filter_map(|a| a.published).collect();
    dates.sort();
    dates.get(dates.len() / 2).copied()
}

/// Read and extract every article, on all cores; keeps only the claims, not the text.
/// Year-less dates in undated articles are then placed near the other articles' dates
/// (those few articles are read again).
fn load_articles(
    paths: &[String],
    rules: &RuleSet,
    published: Option<NaiveDate>,
) -> (Vec<ArticleClaims>, Vec<InputError>) {
    let (mut articles, errors) = read_and_extract(paths, rules, published, None);
    if let Some(hint) = middle_date(&articles) {
        let redo: Vec<String> = articles
            .iter()
            .filter(|a| a.published.is_none() && a.claims.iter().any(lacks_year))
            .map(|a| a.path.clone())
            .collect();
        if !redo.is_empty() {
            let (again, _) = read_and_extract(&redo, rules, published, Some(hint));
            for fresh in again {
                if let Some(slot) = articles.iter_mut().find(|a| a.path == fresh.path) {
                    *slot = fresh;
                }
            }
        }
    }
    (articles, errors)
}

/// Counts an item as done when it goes out of scope, however the work ended.
struct Tick<'a>(&'a crate::progress::Progress);

impl Drop for Tick<'_> {
    fn drop(&mut self) {
        self.0.tick();
    }
}

fn read_and_extract(
    paths: &[String],
    rules: &RuleSet,
    published: Option<NaiveDate>,
    year_hint: Option<NaiveDate>,
) -> (Vec<ArticleClaims>, Vec<InputError>) {
    let progress = crate::progress::Progress::new("reading articles", paths.len());
    let results: Vec<Result<(ArticleClaims, Vec<String>), InputError>> = paths
        .par_iter()
        .map(|path| {
            let _counted = Tick(&progress);
            let mut article = read_input(path)?;
            if article.meta.published.is_none() {
                article.meta.published = published;
            }
            article.year_hint = year_hint;
            let claims = extract(&article, rules);
            let warnings = std::mem::take(&mut article.warnings);
            Ok((
                ArticleClaims {
                    path: path.clone(),
                    title: article.meta.title,
                    published: article.meta.published,
                    url: article.meta.url,
                    claims,
                },
                warnings,
            ))
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

/// Gather inputs, print input errors, and say whether any input failed.
fn gather(paths: &[String], common: &CommonArgs) -> Option<(RuleSet, Vec<ArticleClaims>, bool)> {
    let rules = load_rules(&common.rules)?;
    let (files, mut errors) = collect_paths(paths);
    let (articles, read_errors) = load_articles(&files, &rules, common.published);
    errors.extend(read_errors);
    for e in &errors {
        eprintln!("error: {e}");
    }
    Some((rules, articles, !errors.is_empty()))
}

fn finish(failed_input: bool, failing: bool) -> ExitCode {
    if failed_input {
        ExitCode::from(2)
    } else if failing {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn run_extract(args: &InputArgs) -> io::Result<ExitCode> {
    let Some(json) = claims_format("extract", args.common.format) else { return Ok(ExitCode::from(2)) };
    let Some((_, articles, failed)) = gather(&args.paths, &args.common) else { return Ok(ExitCode::from(2)) };
    let text = if json { report::extract_json(&articles) } else { report::extract_human(&articles) };
    io::stdout().lock().write_all(text.as_bytes())?;
    Ok(finish(failed, false))
}

fn run_compare(args: &CompareArgs) -> io::Result<ExitCode> {
    let (input, common) = (&args.input, &args.input.common);
    let Some(targets) = output_targets(common.format, &args.report, &input.paths) else {
        return Ok(ExitCode::from(2));
    };
    let Some((rules, articles, failed)) = gather(&input.paths, common) else { return Ok(ExitCode::from(2)) };
    let findings = compare::compare(&articles, |k| rules.kind_changes(k));
    let ctx = report::Context {
        new: None,
        color: false,
        max_annotations: args.report.max_annotations,
        articles: articles.len(),
    };
    if !write_reports(&targets, &findings, &ctx)? {
        return Ok(ExitCode::from(2));
    }
    Ok(finish(failed, false))
}

/// A place a report goes: standard output or a file.
#[derive(Debug)]
struct Target {
    format: Format,
    /// `None`: standard output.
    path: Option<PathBuf>,
}

/// Whether `path` (which exists) is one of the input articles: a file given, or an
/// article file inside a folder given.
fn is_input(path: &Path, inputs: &[String]) -> bool {
    let Ok(target) = std::fs::canonicalize(path) else { return false };
    inputs.iter().filter(|i| *i != "-").any(|given| {
        let Ok(given) = std::fs::canonicalize(given) else { return false };
        if given.is_dir() { target.starts_with(&given) && is_article_file(&target) } else { given == target }
    })
}

/// The reports to write: the --format output (to --output or standard output) and every
/// --report. Checked before any article is read: each file's folder must exist, and no
/// report may go over an input article or over another report. Prints the error and
/// returns `None` when one is wrong.
fn output_targets(format: Format, args: &ReportArgs, inputs: &[String]) -> Option<Vec<Target>> {
    let mut targets = vec![Target { format, path: args.output.clone() }];
    targets.extend(args.reports.iter().map(|r| Target { format: r.format, path: Some(r.path.clone()) }));
    let mut seen: Vec<PathBuf> = Vec::new();
    for path in targets.iter().filter_map(|t| t.path.as_deref()) {
        let shown = path.display();
        let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let problem = if !folder.exists() {
            Some(format!("folder {} does not exist", folder.display()))
        } else if !folder.is_dir() {
            Some(format!("{} is not a folder", folder.display()))
        } else if path.is_dir() {
            Some("it is a folder".to_string())
        } else if path.exists() && is_input(path, inputs) {
            Some("it is one of the input articles".to_string())
        } else {
            let same = |p: &PathBuf| {
                p == path
                    || std::fs::canonicalize(p).ok().zip(std::fs::canonicalize(path).ok()).is_some_and(|(a, b)| a == b)
            };
            seen.iter().any(same).then(|| "two reports would write it".to_string())
        };
        if let Some(problem) = problem {
            eprintln!("error: cannot write {shown}: {problem}");
            return None;
        }
        seen.push(path.to_path_buf());
    }
    Some(targets)
}

/// Render and write every report. Standard output gets colour (human only) when it is a
/// terminal and NO_COLOR is unset or empty; files never do, and are replaced whole: the
/// text goes to a temporary file in the same folder, renamed over the target. Returns
/// `false` (after printing why) when a file could not be written.
fn write_reports(targets: &[Target], findings: &[Finding], ctx: &report::Context) -> io::Result<bool> {
    let mut ok = true;
    for t in targets {
        match &t.path {
            None => {
                let color = t.format == Format::Human
                    && io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
                let ctx = report::Context { color, ..*ctx };
                let mut out = io::BufWriter::new(io::stdout().lock());
                t.format.write(findings, &ctx, &mut out)?;
                out.flush()?;
            }
            Some(path) => {
                if let Err(e) = write_atomically(path, |out| t.format.write(findings, ctx, out)) {
                    eprintln!("error: cannot write {}: {e}", path.display());
                    ok = false;
                }
            }
        }
    }
    Ok(ok)
}

/// Write to `path` through a temporary file beside it and a rename, so that a reader
/// never sees half a report and a failed run leaves the old one in place.
fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut io::BufWriter<std::fs::File>) -> io::Result<()>,
) -> io::Result<()> {
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "report".into());
    let temp = folder.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = (|| {
        let mut out = io::BufWriter::new(std::fs::File::create(&temp)?);
        write(&mut out)?;
        out.into_inner().map_err(io::IntoInnerError::into_error)?.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}

/// `extract`, `diff` and `values` write claims, not findings: human or JSON. Returns
/// whether JSON was asked for, or prints a usage error and returns `None` for a report
/// format.
fn claims_format(command: &str, format: Format) -> Option<bool> {
    match format {
        Format::Human => Some(false),
        Format::Json => Some(true),
        other => {
            let mut cli = Cli::command();
            cli.build();
            let message = format!(
                "invalid value '{}' for '--format <FORMAT>': {command} writes human or json; {} is a report of \
                 findings, for compare and check",
                other.name(),
                other.name()
            );
            let error = match cli.find_subcommand_mut(command) {
                Some(sub) => sub.error(clap::error::ErrorKind::InvalidValue, message),
                None => cli.error(clap::error::ErrorKind::InvalidValue, message),
            };
            let _ = error.print();
            None
        }
    }
}

/// Whether a finding fails a check of `new`: a conflict in which a new article's values
/// disagree with another article's.
pub fn fails_check(finding: &Finding, new: &[String]) -> bool {
    if finding.relation != Relation::Conflict {
        return false;
    }
    let paths = finding.paths();
    paths.iter().filter(|p| new.iter().any(|n| n == *p)).any(|n| paths.iter().any(|o| o != n && finding.disagree(n, o)))
}

fn run_check(args: &CheckArgs) -> io::Result<ExitCode> {
    let inputs: Vec<String> = args.new.iter().chain(&args.against).cloned().collect();
    let Some(targets) = output_targets(args.common.format, &args.report, &inputs) else {
        return Ok(ExitCode::from(2));
    };
    let Some(rules) = load_rules(&args.common.rules) else { return Ok(ExitCode::from(2)) };
    let (new_files, mut errors) = collect_paths(&args.new);
    let (corpus_files, corpus_errors) = collect_paths(&args.against);
    errors.extend(corpus_errors);
    let same = |a: &str, b: &str| {
        a == b || std::fs::canonicalize(a).ok().zip(std::fs::canonicalize(b).ok()).is_some_and(|(x, y)| x == y)
    };
    let corpus_files: Vec<String> =
        corpus_files.into_iter().filter(|c| !new_files.iter().any(|n| same(n, c))).collect();
    let mut all = new_files.clone();
    all.extend(corpus_files);
    let (articles, read_errors) = load_articles(&all, &rules, args.common.published);
    errors.extend(read_errors);
    for e in &errors {
        eprintln!("error: {e}");
    }
    let findings: Vec<Finding> = compare::compare(&articles, |k| rules.kind_changes(k))
        .into_iter()
        .filter(|f| f.claims.iter().any(|c| new_files.contains(&c.path)))
        .collect();
    let failing = findings.iter().any(|f| fails_check(f, &new_files));
    let ctx = report::Context {
        new: Some(&new_files),
        color: false,
        max_annotations: args.report.max_annotations,
        articles: articles.len(),
    };
    if !write_reports(&targets, &findings, &ctx)? {
        return Ok(ExitCode::from(2));
    }
    Ok(finish(!errors.is_empty(), failing))
}

fn run_diff(args: &DiffArgs) -> io::Result<ExitCode> {
    let Some(json) = claims_format("diff", args.common.format) else { return Ok(ExitCode::from(2)) };
    let Some(rules) = load_rules(&args.common.rules) else { return Ok(ExitCode::from(2)) };
    let (articles, errors) = load_articles(&[args.a.clone(), args.b.clone()], &rules, args.common.published);
    for e in &errors {
        eprintln!("error: {e}");
    }
    let [a, b] = articles.as_slice() else { return Ok(ExitCode::from(2)) };
    let text = if json { report::extract_json(&articles) } else { report::diff(a, b) };
    io::stdout().lock().write_all(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

fn run_rules_test(dir: Option<&Path>) -> io::Result<ExitCode> {
    let dirs: Vec<PathBuf> = dir.map(Path::to_path_buf).into_iter().collect();
    let Some(rules) = load_rules(&dirs) else { return Ok(ExitCode::from(2)) };
    let tested: RuleSet = match dir {
        Some(d) => {
            // Component by component: a folder named "r" does not hold "rules/...".
            RuleSet {
                rules: rules.rules.iter().filter(|r| Path::new(&r.path).starts_with(d)).cloned().collect(),
                ..rules.clone()
            }
        }
        None => rules.clone(),
    };
    let mut failures = Vec::new();
    let mut cases = 0;
    for r in &tested.rules {
        let (f, n) = rule::examples::run(&rules, Some(&r.id));
        failures.extend(f.into_iter().filter(|f| f.rule == r.id));
        cases += n;
    }
    let mut out = io::stdout().lock();
    for f in &failures {
        writeln!(out, "FAIL {f}")?;
    }
    writeln!(
        out,
        "{} passed, {} failed: examples and near misses of {} rule{}",
        cases - failures.len().min(cases),
        failures.len(),
        tested.rules.len(),
        if tested.rules.len() == 1 { "" } else { "s" }
    )?;
    Ok(if failures.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn run_rules_list(dirs: &[PathBuf]) -> io::Result<ExitCode> {
    let Some(rules) = load_rules(dirs) else { return Ok(ExitCode::from(2)) };
    let width = rules.rules.iter().map(|r| r.id.len()).max().unwrap_or(0);
    let kind_width = rules.rules.iter().map(|r| r.kind.len()).max().unwrap_or(0);
    let mut out = io::stdout().lock();
    for r in &rules.rules {
        let description = r.description.as_deref().unwrap_or("");
        writeln!(out, "{:<width$}  {:<kind_width$}  {}  {description}", r.id, r.kind, r.path)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Read a file, or standard input for `-`, as an article.
pub fn read_input(path: &str) -> Result<Article, InputError> {
    let bytes = if path == "-" {
        let mut buf = Vec::new();
        io::stdin().read_to_end(&mut buf).map(|_| buf)
    } else {
        std::fs::read(path)
    };
    let bytes =
        bytes.map_err(|e| InputError { path: path.to_string(), line: None, message: format!("cannot read: {e}") })?;
    Article::from_bytes(path, &bytes)
}

/// One value in the `values` JSON contract.
#[derive(Debug, Serialize)]
struct ValueRow<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    value: &'a crate::value::Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    warning: Option<&'a str>,
}

#[derive(Debug, Serialize)]
struct ValuesDoc<'a> {
    schema_version: u32,
    path: &'a str,
    published: Option<String>,
    values: Vec<ValueRow<'a>>,
}

fn values(args: &ValuesArgs) -> io::Result<ExitCode> {
    let Some(json) = claims_format("values", args.format) else { return Ok(ExitCode::from(2)) };
    let path = args.file.as_deref().unwrap_or("-");
    let article = match read_input(path) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    for w in &article.warnings {
        eprintln!("warning: {w}");
    }
    let published = article.meta.published.or(args.published);
    let found = scan::scan(&article.text, article.body_start, published);
    let index = LineIndex::new(&article.text);
    let mut cursor = index.cursor(&article.text);
    let positions: Vec<(usize, usize)> = found.iter().map(|f| cursor.at(f.start)).collect();
    for (f, (line, column)) in found.iter().zip(&positions) {
        if let Some(w) = &f.warning {
            eprintln!("warning: {path}:{line}:{column}: {w}");
        }
    }
    let mut out = io::stdout().lock();
    match json {
        true => {
            let doc = ValuesDoc {
                schema_version: 1,
                path,
                published: published.map(|d| d.to_string()),
                values: found.iter().zip(&positions).map(|(f, at)| value_row(&article.text, *at, f)).collect(),
            };
            serde_json::to_writer_pretty(&mut out, &doc)?;
            writeln!(out)?;
        }
        false => write_values_table(&mut out, &article.text, &positions, &found)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn value_row<'a>(text: &'a str, (line, column): (usize, usize), f: &'a Found) -> ValueRow<'a> {
    ValueRow {
        text: text.get(f.start..f.end).unwrap_or(""),
        start: f.start,
        end: f.end,
        line,
        column,
        value: &f.value,
        warning: f.warning.as_deref(),
    }
}

/// A table: where, what type, the words, the normalized value.
fn write_values_table(
    out: &mut impl Write,
    text: &str,
    positions: &[(usize, usize)],
    found: &[Found],
) -> io::Result<()> {
    if found.is_empty() {
        return writeln!(out, "no values found");
    }
    let rows: Vec<(String, &str, String, String)> = found
        .iter()
        .zip(positions)
        .map(|(f, (line, column))| {
            let words: String = text.get(f.start..f.end).unwrap_or("").split_whitespace().collect::<Vec<_>>().join(" ");
            (format!("{line}:{column}"), f.value.type_name(), words, f.value.display())
        })
        .collect();
    let w_at = rows.iter().map(|r| r.0.len()).max().unwrap_or(0).max(5);
    let w_words = rows.iter().map(|r| r.2.chars().count()).max().unwrap_or(0).clamp(4, 40);
    writeln!(out, "{:<w_at$}  {:<8}  {:<w_words$}  VALUE", "WHERE", "TYPE", "TEXT")?;
    for (at, kind, words, value) in rows {
        writeln!(out, "{at:<w_at$}  {kind:<8}  {words:<w_words$}  {value}")?;
    }
    writeln!(out, "{} value{}", found.len(), if found.len() == 1 { "" } else { "s" })
}
