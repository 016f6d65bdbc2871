//! The command line: parses arguments with clap, reads inputs, calls the pure stages,
//! prints, and turns the outcome into an exit code (0 clean, 1 findings that fail, 2
//! usage, input, rule or configuration errors).
//!
//! [`analysis`] reads the settings and the articles of `compare`, `check` and
//! `baseline` and compares them; [`gate`] applies baselines, decides what fails and
//! runs those commands.

mod analysis;
mod gate;

use crate::article::{Article, InputError, LineIndex, parse_published};
use crate::compare::{ArticleClaims, Finding};
use crate::report;
use crate::rule::{self, RuleSet};
use crate::scan::{self, Found};
use analysis::Settings;
use chrono::NaiveDate;
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
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
    #[command(flatten)]
    #[allow(missing_docs)]
    pub settings: SettingsArgs,
}

/// Where settings come from; taken by every subcommand.
#[derive(Debug, clap::Args)]
pub struct SettingsArgs {
    /// Read settings from FILE instead of the nearest claimcheck.toml in the working
    /// folder or above it.
    #[arg(long, global = true, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// Read no claimcheck.toml: flags and defaults only.
    #[arg(long, global = true)]
    pub isolated: bool,
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
    /// Accept today's disagreements, so that check reports only new ones.
    #[command(subcommand)]
    Baseline(BaselineCommand),
}

/// `baseline` subcommands.
#[derive(Debug, Subcommand)]
pub enum BaselineCommand {
    /// Record the disputed claims of PATH (compared with each other, or with CORPUS)
    /// by content fingerprint, with counts; replaces the file.
    Write(BaselineArgs),
    /// Drop the entries whose disputed claims are gone (edits the file in place).
    Prune(BaselineArgs),
}

/// Arguments of `baseline write` and `baseline prune`.
#[derive(Debug, clap::Args)]
pub struct BaselineArgs {
    /// Articles: files or folders; without them, the `corpus` of claimcheck.toml.
    #[arg(value_name = "PATH")]
    pub paths: Vec<String>,
    /// Treat PATH as new articles checked against CORPUS (as `check` does): only their
    /// disputed claims count.
    #[arg(long, value_name = "CORPUS")]
    pub against: Vec<String>,
    /// The baseline file [default: .claimcheck/baseline.json].
    #[arg(short = 'o', long = "output", visible_alias = "baseline", value_name = "FILE")]
    pub file: Option<PathBuf>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub common: CommonArgs,
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
    #[arg(short = 'o', long, value_name = "FILE")]
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
    /// Publication date (YYYY-MM-DD) for articles whose front matter gives none, in
    /// place of the one inferred from their address or text.
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
    /// Articles: files, or folders walked recursively for .txt, .md and .html files
    /// (README.md files in folders are skipped); without them, the `corpus` of
    /// claimcheck.toml.
    #[arg(value_name = "PATH")]
    pub paths: Vec<String>,
    /// Leave out the disputed claims this baseline accepts (see `baseline write`).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub common: CommonArgs,
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
    /// left out of it if they lie inside. Without it, the `corpus` of claimcheck.toml.
    #[arg(long, value_name = "CORPUS")]
    pub against: Vec<String>,
    /// Report and fail on only the disputed claims this baseline does not accept; list
    /// its stale entries.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// What fails the check [default: conflict, or `fail-on` in claimcheck.toml].
    #[arg(long, value_enum, value_name = "WHAT")]
    pub fail_on: Option<crate::config::FailOn>,
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

/// When the run began, and how long its reports took to write (nanoseconds): what
/// `CLAIMCHECK_TIMINGS=1` prints at the end of a run.
static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
static WRITING: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// Run the command line and return the process's exit code.
pub fn main() -> ExitCode {
    STARTED.get_or_init(std::time::Instant::now);
    let code = run();
    if std::env::var_os("CLAIMCHECK_TIMINGS").is_some_and(|v| !v.is_empty() && v != "0") {
        let total = STARTED.get().map_or(0.0, |t| t.elapsed().as_secs_f64());
        let writing = WRITING.load(std::sync::atomic::Ordering::Relaxed) as f64 / 1e9;
        eprintln!(
            "timings: {total:.3} s in all, {writing:.3} s of it writing reports ({:.1}%)",
            100.0 * writing / total.max(f64::MIN_POSITIVE)
        );
    }
    code
}

/// [`main`], less the timings.
fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    if let Command::Values(args) = &cli.command {
        return exit(values(args));
    }
    let settings = match analysis::Settings::load(&cli.settings) {
        Ok(settings) => settings,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    exit(match cli.command {
        Command::Values(args) => values(&args),
        Command::Extract(args) => run_extract(&settings, &args),
        Command::Compare(args) => gate::run_compare(&settings, &args),
        Command::Check(args) => gate::run_check(&settings, &args),
        Command::Diff(args) => run_diff(&settings, &args),
        Command::Rules(RulesCommand::Test { dir }) => run_rules_test(&settings, dir.as_deref()),
        Command::Rules(RulesCommand::List { rules }) => run_rules_list(&settings, &rules),
        Command::Baseline(BaselineCommand::Write(args)) => gate::run_baseline_write(&settings, &args),
        Command::Baseline(BaselineCommand::Prune(args)) => gate::run_baseline_prune(&settings, &args),
    })
}

/// The exit code of a command's result: an I/O error is exit 2, except a closed pipe.
fn exit(result: io::Result<ExitCode>) -> ExitCode {
    match result {
        Ok(code) => code,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
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

fn run_extract(settings: &Settings, args: &InputArgs) -> io::Result<ExitCode> {
    let Some(json) = claims_format("extract", args.common.format) else { return Ok(ExitCode::from(2)) };
    let Some(rules) = analysis::load_rules(&settings.rule_dirs(&args.common.rules)) else {
        return Ok(ExitCode::from(2));
    };
    let (files, mut errors) = analysis::collect_paths(&args.paths, settings);
    let (articles, read_errors) = read_claims(&files, &rules, args.common.published);
    errors.extend(read_errors);
    for e in &errors {
        eprintln!("error: {e}");
    }
    let text = if json { report::extract_json(&articles) } else { report::extract_human(&articles) };
    io::stdout().lock().write_all(text.as_bytes())?;
    Ok(finish(!errors.is_empty(), false))
}

/// The claims of each article as extracted, without suppressions or tolerances.
fn read_claims(
    files: &[String],
    rules: &RuleSet,
    published: Option<NaiveDate>,
) -> (Vec<ArticleClaims>, Vec<InputError>) {
    let reading = analysis::Reading { rules, published, compare: None, dated_by_story: Default::default() };
    let (read, errors) = analysis::load_articles(files, &reading);
    (read.into_iter().map(|r| r.claims).collect(), errors)
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
    use analysis::is_article_file;
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
    let began = std::time::Instant::now();
    let written = write_each_report(targets, findings, ctx);
    let nanos = u64::try_from(began.elapsed().as_nanos()).unwrap_or(u64::MAX);
    WRITING.fetch_add(nanos, std::sync::atomic::Ordering::Relaxed);
    written
}

/// [`write_reports`], untimed.
fn write_each_report(targets: &[Target], findings: &[Finding], ctx: &report::Context) -> io::Result<bool> {
    let mut ok = true;
    for t in targets {
        match &t.path {
            None => {
                let color = t.format == Format::Human
                    && io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
                let ctx = report::Context { color, ..*ctx };
                report::pipe::write_in_background(io::stdout(), |out| t.format.write(findings, &ctx, out))?;
            }
            Some(path) => {
                if let Err(e) = write_atomically(path, false, |out| t.format.write(findings, ctx, out)) {
                    eprintln!("error: cannot write {}: {e}", path.display());
                    ok = false;
                }
            }
        }
    }
    Ok(ok)
}

/// Write to `path` through a temporary file beside it and a rename, so that a reader
/// never sees half a file and a failed run leaves the old one in place. With `durable`
/// the data reaches the disk before the rename (a baseline, small and precious); a
/// report, which can run to hundreds of megabytes and is made again by the next run,
/// is left to the system to flush.
fn write_atomically(
    path: &Path,
    durable: bool,
    write: impl FnOnce(&mut report::pipe::Pipe) -> io::Result<()>,
) -> io::Result<()> {
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "report".into());
    let temp = folder.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = (|| {
        // Rendered on this thread, written on another (a report can be large).
        let file = report::pipe::write_in_background(std::fs::File::create(&temp)?, write)?;
        if durable {
            file.sync_all()?;
        }
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

fn run_diff(settings: &Settings, args: &DiffArgs) -> io::Result<ExitCode> {
    let Some(json) = claims_format("diff", args.common.format) else { return Ok(ExitCode::from(2)) };
    let Some(rules) = analysis::load_rules(&settings.rule_dirs(&args.common.rules)) else {
        return Ok(ExitCode::from(2));
    };
    let (mut articles, errors) = read_claims(&[args.a.clone(), args.b.clone()], &rules, args.common.published);
    for e in &errors {
        eprintln!("error: {e}");
    }
    // The two articles are read as one story: the events they speak of and whose plans
    // they count are settled between them.
    crate::compare::resolve(&mut articles, &[0, 0]);
    let [a, b] = articles.as_slice() else { return Ok(ExitCode::from(2)) };
    let text = if json { report::extract_json(&articles) } else { report::diff(a, b) };
    io::stdout().lock().write_all(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

fn run_rules_test(settings: &Settings, dir: Option<&Path>) -> io::Result<ExitCode> {
    let flags: Vec<PathBuf> = dir.map(Path::to_path_buf).into_iter().collect();
    let Some(rules) = analysis::load_rules(&settings.rule_dirs(&flags)) else { return Ok(ExitCode::from(2)) };
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

fn run_rules_list(settings: &Settings, dirs: &[PathBuf]) -> io::Result<ExitCode> {
    let Some(rules) = analysis::load_rules(&settings.rule_dirs(dirs)) else { return Ok(ExitCode::from(2)) };
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
