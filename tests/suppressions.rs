//! Suppressions end to end: `<!-- claimcheck-ignore KIND[/SUBJECT] -- reason -->` in the
//! body and `claimcheck-ignore:` in the front matter, with and without a reason, used
//! and unused, on the recap that dates the Kremlin meeting a day late.
//!
//! Each test works on its own copy of the corpus in a temp folder.

mod common;

use common::{RECAP, Run, TempDir};

/// The recap's front matter ends at its second `---` line; its first body paragraph
/// holds the disputed date and duration.
fn with_comment_before_first_paragraph(text: &str, comment: &str) -> String {
    let body = text.match_indices("---\n").nth(1).map(|(i, _)| i + 4).expect("front matter");
    format!("{}{comment}\n{}", &text[..body], &text[body..])
}

/// The recap with a front-matter line added after its title.
fn with_front_matter_line(text: &str, line: &str) -> String {
    text.replacen("\noutlet:", &format!("\n{line}\noutlet:"), 1)
}

fn check(dir: &TempDir) -> Run {
    dir.run(&["check", RECAP, "--against", "corpus", "--format", "concise"])
}

#[test]
fn a_comment_with_a_reason_silences_its_key_in_the_next_paragraph() {
    let dir = TempDir::with_corpus("suppress-body");
    let before = check(&dir);
    before.assert_code(1);
    assert!(before.stdout.contains("conflict[meeting_date]") && before.stdout.contains("conflict[meeting_duration]"));
    let text = dir.read(RECAP);
    let comment = "<!-- claimcheck-ignore meeting_date/kushner-putin-witkof@kremlin -- we date the session by its Moscow close -->";
    dir.write(RECAP, &with_comment_before_first_paragraph(&text, comment));
    let after = check(&dir);
    after.assert_code(1);
    assert!(!after.stdout.contains("conflict[meeting_date]"), "the date is silenced: {after:?}");
    assert!(after.stdout.contains("conflict[meeting_duration]"), "the duration is another key: {after:?}");
    assert_eq!(after.stderr, "");

    let both = "<!-- claimcheck-ignore meeting_date -- dated by the Moscow close -->\n\
                <!-- claimcheck-ignore meeting_duration -- the wire's count includes the dinner -->";
    dir.write(RECAP, &with_comment_before_first_paragraph(&text, both));
    let clean = check(&dir);
    clean.assert_code(0);
    assert_eq!(clean.stderr, "");
}

#[test]
fn a_suppression_in_the_corpus_takes_the_claim_out_of_compare() {
    let dir = TempDir::with_corpus("suppress-compare");
    let comment = "<!-- claimcheck-ignore meeting_date -- dated by the Moscow close -->";
    dir.write(RECAP, &with_comment_before_first_paragraph(&dir.read(RECAP), comment));
    let run = dir.run(&["compare", "corpus", "--format", "concise"]);
    run.assert_code(0);
    assert!(!run.stdout.contains("conflict[meeting_date]"), "{run:?}");
    assert!(run.stdout.contains("agree[meeting_date]"), "the others still agree: {run:?}");
}

#[test]
fn a_comment_without_a_reason_is_an_error_at_its_line() {
    let dir = TempDir::with_corpus("suppress-no-reason");
    let text = with_comment_before_first_paragraph(&dir.read(RECAP), "<!-- claimcheck-ignore meeting_date -->");
    dir.write(RECAP, &text);
    let run = check(&dir);
    run.assert_code(2);
    let line = text.lines().position(|l| l.contains("claimcheck-ignore")).unwrap() + 1;
    assert_eq!(
        run.stderr,
        format!(
            "error: {RECAP}:{line}: claimcheck-ignore meeting_date gives no reason; expected \
             `claimcheck-ignore meeting_date -- why it is fine`\n"
        )
    );
    assert!(run.stdout.contains("conflict[meeting_date]"), "a suppression without a reason silences nothing: {run:?}");
}

#[test]
fn a_suppression_that_silences_nothing_is_a_warning_at_its_line() {
    let dir = TempDir::with_corpus("suppress-unused");
    let text = dir.read(RECAP);
    let at = text.find("Analysts in Moscow").unwrap();
    let lines_before = text[..at].lines().count();
    let edited =
        format!("{}<!-- claimcheck-ignore plan_points -- no plan is counted here -->\n{}", &text[..at], &text[at..]);
    dir.write(RECAP, &edited);
    let run = check(&dir);
    run.assert_code(1);
    assert_eq!(
        run.stderr,
        format!(
            "warning: {RECAP}:{}: claimcheck-ignore plan_points silences nothing: the paragraph below has no \
             plan_points claim\n",
            lines_before + 1
        )
    );

    // A claim that agrees with everyone: the suppression has nothing to silence either.
    let agreeing = "corpus/2025-12-03-baltic-crossroads-kremlin.md";
    let text = dir.read(agreeing);
    let paragraph = text[..text.find("sixth").unwrap()].rfind("\n\n").unwrap() + 2;
    let line = text[..paragraph].lines().count() + 1;
    let comment = "<!-- claimcheck-ignore meeting_ordinal -- cross-checked by the desk -->\n";
    dir.write(agreeing, &format!("{}{comment}{}", &text[..paragraph], &text[paragraph..]));
    let run = dir.run(&["check", agreeing, "--against", "corpus", "--format", "concise"]);
    assert!(!run.stdout.contains("meeting_ordinal"), "the claim is silenced all the same: {run:?}");
    assert_eq!(
        run.stderr,
        format!(
            "warning: {agreeing}:{line}: claimcheck-ignore meeting_ordinal silences nothing: no meeting_ordinal claim \
             in the paragraph below disagrees with another article\n"
        )
    );
}

#[test]
fn front_matter_suppressions_cover_the_whole_article() {
    let dir = TempDir::with_corpus("suppress-front-matter");
    let text = dir.read(RECAP);
    let line = "claimcheck-ignore: [meeting_date -- dated by the Moscow close, \"meeting_duration -- counted, as we do, from arrival\"]";
    dir.write(RECAP, &with_front_matter_line(&text, line));
    let run = check(&dir);
    run.assert_code(0);
    assert_eq!(run.stderr, "");

    dir.write(RECAP, &with_front_matter_line(&text, "claimcheck-ignore: [meeting_date]"));
    let run = check(&dir);
    run.assert_code(2);
    assert!(
        run.stderr.starts_with(&format!("error: {RECAP}:3: claimcheck-ignore meeting_date gives no reason")),
        "{run:?}"
    );

    dir.write(RECAP, &with_front_matter_line(&text, "claimcheck-ignore: plan_points -- we count as the agencies do"));
    let run = check(&dir);
    run.assert_code(1);
    assert_eq!(
        run.stderr,
        format!(
            "warning: {RECAP}:3: claimcheck-ignore plan_points silences nothing: the article has no plan_points claim\n"
        )
    );
}

#[test]
fn a_bad_suppression_in_one_article_does_not_stop_the_others() {
    let dir = TempDir::with_corpus("suppress-one-bad");
    let other = "corpus/2025-12-05-summit-post-miami-round.md";
    let comment = "<!-- claimcheck-ignore meeting_dates -- typo in the kind -->";
    dir.write(other, &with_comment_before_first_paragraph(&dir.read(other), comment));
    let run = dir.run(&["compare", "corpus", "--format", "concise"]);
    run.assert_code(2);
    assert!(
        run.stderr.contains(&format!(
            "error: {other}:7: claimcheck-ignore names an unknown kind `meeting_dates`; expected one of"
        )),
        "{run:?}"
    );
    assert!(run.stdout.contains("conflict[meeting_date]"), "the run went on: {run:?}");
}
