//! `compare`, `check` and `baseline`: the findings of an [`Analysis`], less what a
//! baseline accepts, written in every format asked for; what fails `check`; and the
//! baseline file's writing and pruning.

use super::analysis::{Analysis, Settings, analyse};
use super::{BaselineArgs, CheckArgs, CompareArgs, finish, is_input, output_targets, write_atomically, write_reports};
use crate::article::InputError;
use crate::baseline::{self, Baseline, Entry, Matching, normal_path};
use crate::report::{self, Severity, count};
use std::collections::HashSet;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub(super) fn run_compare(settings: &Settings, args: &CompareArgs) -> io::Result<ExitCode> {
    let Some(paths) = settings.inputs(&args.paths, "articles") else { return Ok(ExitCode::from(2)) };
    let Some(targets) = output_targets(args.common.format, &args.report, &paths) else {
        return Ok(ExitCode::from(2));
    };
    let baseline = match args.baseline.as_deref().map(read_baseline).transpose() {
        Ok(b) => b,
        Err(e) => return Ok(input_error(&e)),
    };
    let Some(mut analysis) = analyse(settings, &args.common, None, &paths) else { return Ok(ExitCode::from(2)) };
    if let (Some(baseline), Some(path)) = (&baseline, &args.baseline) {
        apply_baseline(&mut analysis, baseline, path);
    }
    let titles = report::titles(&analysis.articles);
    let ctx = report::Context {
        new: None,
        color: false,
        max_annotations: args.report.max_annotations,
        articles: analysis.articles.len(),
        severities: settings.severities(),
        stories: &analysis.stories.stories,
        titles: &titles,
    };
    if !write_reports(&targets, &analysis.findings, &ctx)? {
        return Ok(ExitCode::from(2));
    }
    let code = finish(analysis.failed_input, false);
    drop(titles);
    analysis.leave();
    Ok(code)
}

pub(super) fn run_check(settings: &Settings, args: &CheckArgs) -> io::Result<ExitCode> {
    let Some(corpus) = settings.inputs(&args.against, "corpus (--against)") else { return Ok(ExitCode::from(2)) };
    let inputs: Vec<String> = args.new.iter().chain(&corpus).cloned().collect();
    let Some(targets) = output_targets(args.common.format, &args.report, &inputs) else {
        return Ok(ExitCode::from(2));
    };
    let baseline = match args.baseline.as_deref().map(read_baseline).transpose() {
        Ok(b) => b,
        Err(e) => return Ok(input_error(&e)),
    };
    let Some(mut analysis) = analyse(settings, &args.common, Some(&args.new), &corpus) else {
        return Ok(ExitCode::from(2));
    };
    if let (Some(baseline), Some(path)) = (&baseline, &args.baseline) {
        apply_baseline(&mut analysis, baseline, path);
    }
    let fail_on = settings.fail_on(args.fail_on);
    let severities = settings.severities();
    let known = baseline.as_ref().map(|b| known_disputes(&analysis, b)).unwrap_or_default();
    let mut failing = false;
    for o in report::occurrences(&analysis.findings, |p| analysis.in_question(p)) {
        let f = &analysis.findings[o.finding];
        let fails = !o.claim.baselined
            && fail_on.fails(o.relation)
            && severities.get(&f.kind).copied().unwrap_or_default() == Severity::Error;
        if fails && sides_with_the_many(f, o.finding, o.claim_index, &known) {
            eprintln!(
                "note: {}:{}: {} {} = {} sides with the larger side of a disagreement the baseline accepts; reported, not failed",
                o.claim.path,
                o.claim.claim.span.line,
                f.kind,
                report::key_text(f),
                o.claim.claim.value.display()
            );
            continue;
        }
        failing |= fails;
    }
    let new = analysis.new.clone().unwrap_or_default();
    let titles = report::titles(&analysis.articles);
    let ctx = report::Context {
        new: Some(&new),
        color: false,
        max_annotations: args.report.max_annotations,
        articles: analysis.articles.len(),
        severities,
        stories: &analysis.stories.stories,
        titles: &titles,
    };
    if !write_reports(&targets, &analysis.findings, &ctx)? {
        return Ok(ExitCode::from(2));
    }
    let code = finish(analysis.failed_input, failing);
    drop(titles);
    analysis.leave();
    Ok(code)
}

/// Print an input error; exit 2.
fn input_error(e: &InputError) -> ExitCode {
    eprintln!("error: {e}");
    ExitCode::from(2)
}

/// Read and parse a baseline file.
fn read_baseline(path: &Path) -> Result<Baseline, InputError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| {
        let hint =
            if e.kind() == io::ErrorKind::NotFound { "; write one with `claimcheck baseline write`" } else { "" };
        InputError { path: shown.clone(), line: None, message: format!("cannot read the baseline: {e}{hint}") }
    })?;
    Baseline::parse(&shown, &text)
}

/// Mark the disputed claims of the articles in question that `baseline` accepts, drop
/// the conflicts and updates left with none that it does not, and list its stale
/// entries on standard error.
fn apply_baseline(analysis: &mut Analysis, baseline: &Baseline, path: &Path) {
    let occurrences = report::occurrences(&analysis.findings, |p| analysis.in_question(p));
    let matching = baseline.matching(&occurrences, gone);
    let mut accepted = Vec::new();
    let mut with_new = vec![false; analysis.findings.len()];
    for (o, &yes) in occurrences.iter().zip(&matching.accepted) {
        if yes {
            accepted.push((o.finding, o.claim_index));
        } else {
            with_new[o.finding] = true;
        }
    }
    let stale = stale(baseline, &matching, &scope(analysis));
    if !stale.is_empty() {
        eprintln!(
            "note: {}: {} whose disputed claims are gone (`claimcheck baseline prune` drops them):",
            path.display(),
            if stale.len() == 1 { "1 stale entry".to_string() } else { format!("{} stale entries", stale.len()) }
        );
        for line in stale {
            eprintln!("  {line}");
        }
    }
    for &(f, c) in &accepted {
        analysis.findings[f].claims[c].baselined = true;
    }
    let mut index = 0;
    analysis.findings.retain(|f| {
        let keep = with_new[index] || !f.claims.iter().any(|c| c.baselined);
        index += 1;
        keep
    });
}

/// The corpus's disputed claims that a baseline accepts, as (finding, claim) indices:
/// the disagreements the newsroom already knows of.
fn known_disputes(analysis: &Analysis, baseline: &Baseline) -> HashSet<(usize, usize)> {
    let occurrences = report::occurrences(&analysis.findings, |p| !analysis.in_question(p));
    let matching = baseline.matching(&occurrences, gone);
    occurrences.iter().zip(&matching.accepted).filter(|(_, a)| **a).map(|(o, _)| (o.finding, o.claim_index)).collect()
}

/// Whether claim `claim` of finding `f` (index `finding`) stands on the larger side of
/// a disagreement the baseline accepts: its side holds more articles than any other
/// side of the dispute, and every claim on those other sides is one the baseline
/// accepts. Such a new report agrees with the many against a report known to be
/// wrong; one on a side of its own is a new disagreement.
fn sides_with_the_many(
    f: &crate::compare::Finding,
    finding: usize,
    claim: usize,
    known: &HashSet<(usize, usize)>,
) -> bool {
    let Some(mine) = f.claims.get(claim).and_then(|c| f.sides.get(c.side)) else { return false };
    if mine.is_compatible() {
        return false;
    }
    let others: Vec<&crate::compare::Side> =
        f.sides.iter().filter(|s| s.side != mine.side && !s.is_compatible()).collect();
    let larger = others.iter().all(|s| s.articles < mine.articles);
    let against_known = f
        .claims
        .iter()
        .enumerate()
        .filter(|(_, c)| others.iter().any(|s| s.side == c.side))
        .all(|(j, _)| known.contains(&(finding, j)));
    !others.is_empty() && larger && against_known
}

/// Whether an article a baseline names is no longer there (renamed or deleted).
fn gone(path: &str) -> bool {
    !Path::new(path).exists()
}

/// The articles a run looked at for a baseline: those in question, as the baseline
/// writes paths; articles gone are in scope too ([`in_scope`]).
fn scope(analysis: &Analysis) -> HashSet<String> {
    analysis.articles.iter().map(|a| &a.path).filter(|p| analysis.in_question(p)).map(|p| normal_path(p)).collect()
}

/// Whether a baseline's count for `path` was put to the test by a run that looked at
/// `scope`.
fn in_scope(path: &str, scope: &HashSet<String>) -> bool {
    scope.contains(path) || gone(path)
}

/// One line per count no claim used in an article in scope.
fn stale(baseline: &Baseline, matching: &Matching, scope: &HashSet<String>) -> Vec<String> {
    let mut lines = Vec::new();
    for (entry, left) in baseline.entries.iter().zip(&matching.left) {
        for (path, n) in left.iter().filter(|(p, _)| in_scope(p, scope)) {
            let times = if *n == 1 { String::new() } else { format!(" ({n} claims)") };
            let place = if gone(path) { format!("{path}, which is gone") } else { path.clone() };
            lines.push(format!("{} in {place}{times}", entry.describe()));
        }
    }
    lines
}

/// The baseline file of `baseline write` and `prune`.
fn baseline_file(args: &BaselineArgs) -> PathBuf {
    args.file.clone().unwrap_or_else(|| PathBuf::from(baseline::DEFAULT_PATH))
}

/// The analysis `baseline write` and `prune` rest on: PATH with each other, or PATH
/// against CORPUS. `None` (after printing why) when it cannot be trusted to be whole.
fn baseline_analysis(settings: &Settings, args: &BaselineArgs, file: &Path) -> Option<Analysis> {
    let paths = settings.inputs(&args.paths, "articles")?;
    let analysis = if args.against.is_empty() {
        analyse(settings, &args.common, None, &paths)?
    } else {
        analyse(settings, &args.common, Some(&paths), &args.against)?
    };
    if analysis.failed_input {
        eprintln!("error: {} left as it was: some inputs could not be read (see above)", file.display());
        return None;
    }
    Some(analysis)
}

pub(super) fn run_baseline_write(settings: &Settings, args: &BaselineArgs) -> io::Result<ExitCode> {
    let file = baseline_file(args);
    let default = args.file.is_none();
    let inputs: Vec<String> = args.paths.iter().chain(&args.against).cloned().collect();
    let folder = file.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let problem = if file.is_dir() {
        Some("it is a folder".to_string())
    } else if !folder.exists() && !default {
        Some(format!("folder {} does not exist", folder.display()))
    } else if folder.exists() && !folder.is_dir() {
        Some(format!("{} is not a folder", folder.display()))
    } else if file.exists() && is_input(&file, &inputs) {
        Some("it is one of the input articles".to_string())
    } else {
        None
    };
    if let Some(problem) = problem {
        eprintln!("error: cannot write {}: {problem}", file.display());
        return Ok(ExitCode::from(2));
    }
    if file.exists()
        && let Err(e) = read_baseline(&file)
    {
        eprintln!("error: {e}");
        eprintln!(
            "error: {} is not a baseline claimcheck wrote; left as it was (remove it, or choose another -o)",
            file.display()
        );
        return Ok(ExitCode::from(2));
    }
    let Some(analysis) = baseline_analysis(settings, args, &file) else { return Ok(ExitCode::from(2)) };
    let occurrences = report::occurrences(&analysis.findings, |p| analysis.in_question(p));
    let written = Baseline::of(&occurrences, &analysis.findings);
    if default && !folder.exists() {
        std::fs::create_dir_all(folder)?;
    }
    if let Err(e) = write_atomically(&file, true, |out| out.write_all(written.to_json().as_bytes())) {
        eprintln!("error: cannot write {}: {e}", file.display());
        return Ok(ExitCode::from(2));
    }
    println!(
        "wrote {}: {} under {}",
        file.display(),
        count(occurrences.len(), "disputed claim"),
        count(written.entries.len(), "fingerprint")
    );
    Ok(ExitCode::SUCCESS)
}

pub(super) fn run_baseline_prune(settings: &Settings, args: &BaselineArgs) -> io::Result<ExitCode> {
    let file = baseline_file(args);
    let old = match read_baseline(&file) {
        Ok(b) => b,
        Err(e) => return Ok(input_error(&e)),
    };
    let Some(analysis) = baseline_analysis(settings, args, &file) else { return Ok(ExitCode::from(2)) };
    let occurrences = report::occurrences(&analysis.findings, |p| analysis.in_question(p));
    let matching = old.matching(&occurrences, gone);
    let scope = scope(&analysis);
    let pruned = old.pruned(&occurrences, &matching, |p| in_scope(p, &scope));
    let lines = stale(&old, &matching, &scope);
    if pruned == old {
        println!("{}: nothing to prune", file.display());
        return Ok(ExitCode::SUCCESS);
    }
    for line in &lines {
        println!("pruned {line}");
    }
    if let Err(e) = write_atomically(&file, true, |out| out.write_all(pruned.to_json().as_bytes())) {
        eprintln!("error: cannot write {}: {e}", file.display());
        return Ok(ExitCode::from(2));
    }
    let total = |b: &Baseline| b.entries.iter().map(Entry::count).sum::<usize>();
    println!(
        "{}: {} left of {} (under {})",
        file.display(),
        count(total(&pruned), "disputed claim"),
        total(&old),
        count(pruned.entries.len(), "fingerprint")
    );
    Ok(ExitCode::SUCCESS)
}
