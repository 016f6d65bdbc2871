//! The command line: parses arguments with clap, reads inputs, calls the pure stages,
//! prints, and turns the outcome into an exit code (0 clean, 1 findings that fail, 2
//! usage or input errors).

use crate::article::{Article, InputError, LineIndex, parse_published};
use crate::scan::{self, Found};
use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
use serde::Serialize;
use std::io::{self, Read, Write};
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
    /// Print every value the parsers find (numbers, ordinals, durations, dates), with
    /// byte spans and normalized values; for checking what the parsers see.
    Values(ValuesArgs),
}

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A table for people.
    Human,
    /// JSON as fixed by the design's contract (schema_version 1).
    Json,
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
    /// Output format.
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
    for f in &found {
        if let Some(w) = &f.warning {
            let (line, column) = index.line_col(&article.text, f.start);
            eprintln!("warning: {path}:{line}:{column}: {w}");
        }
    }
    let mut out = io::stdout().lock();
    match args.format {
        Format::Json => {
            let doc = ValuesDoc {
                schema_version: 1,
                path,
                published: published.map(|d| d.to_string()),
                values: found.iter().map(|f| value_row(&article.text, &index, f)).collect(),
            };
            serde_json::to_writer_pretty(&mut out, &doc)?;
            writeln!(out)?;
        }
        Format::Human => write_values_table(&mut out, &article.text, &index, &found)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn value_row<'a>(text: &'a str, index: &LineIndex, f: &'a Found) -> ValueRow<'a> {
    let (line, column) = index.line_col(text, f.start);
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
fn write_values_table(out: &mut impl Write, text: &str, index: &LineIndex, found: &[Found]) -> io::Result<()> {
    if found.is_empty() {
        return writeln!(out, "no values found");
    }
    let rows: Vec<(String, &str, String, String)> = found
        .iter()
        .map(|f| {
            let (line, column) = index.line_col(text, f.start);
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
