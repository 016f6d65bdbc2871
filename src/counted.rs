//! Subjects of counts: what a number counts and what happened to it, found in the
//! sentence and folded through the lexicon in `rules/lexicon/counted.toml`.
//!
//! "33 miners were brought out alive" and "the rescue of 33 miners" are both
//! `miners/rescued`; "4,000 layoffs" is `workers/laid-off`; "eight members of the Senate
//! Democratic caucus backed the bill" is `senate-democratic-caucus/voted-yes`. A rule
//! asks for this with `{counted}` in its subject; `{counted:EVENT}` takes the counted
//! thing from the text and says itself what happened to it. Rule patterns can name the
//! lexicon's words with `<thing>`, `<voter>`, `<tally>` (things that carry their own
//! event, such as "layoffs"), `<happened>` and `<voting>` (what only voters do).

use crate::rule::pattern::{EntityKind, Mention, Tok};
use serde::Deserialize;

/// One folded entry: the name it folds to and the words (or phrases) that say it.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// What the words fold to.
    pub name: String,
    /// Words or phrases, lower case, words separated by spaces.
    pub words: Vec<String>,
    /// For a thing: what happened to it, when the word says so itself ("layoffs").
    #[serde(default)]
    pub happened: Option<String>,
    /// For an event: whether what it is of tells it apart ("enrolled in SNAP" is not
    /// "enrolled in Medicaid"): the words after it join its name.
    #[serde(default)]
    pub object: bool,
    /// For an event: whether only voters do it ("backed", "voted against"): "support
    /// 3,000 jobs" is no vote.
    #[serde(default)]
    pub voting: bool,
}

/// The words of `entries` (of those that carry their own event only, with
/// `only_tallies`), longer phrases first so an alternative takes the most words it can.
fn entry_words(entries: &[Entry], only_tallies: bool) -> Vec<&str> {
    let mut words: Vec<&str> = entries
        .iter()
        .filter(|e| !only_tallies || e.happened.is_some())
        .flat_map(|e| e.words.iter().map(String::as_str))
        .collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.split(' ').count()));
    words.dedup();
    words
}

/// The lexicon of counts, as written in `rules/lexicon/counted.toml`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lexicon {
    /// Counted things ("miners", "workers"; "layoffs" with its event).
    #[serde(default)]
    pub thing: Vec<Entry>,
    /// People who vote, counted by how they voted ("nine Republicans", "eight members").
    #[serde(default)]
    pub voter: Vec<Entry>,
    /// What happened to them ("rescued": "brought out alive").
    #[serde(default)]
    pub happened: Vec<Entry>,
    /// Groups a thing can be a member of ("members of the Democratic caucus").
    #[serde(default)]
    pub group: Vec<Entry>,
    /// Bodies a sentence can place a party's members in ("Senate Democrats").
    #[serde(default)]
    pub body: Vec<Entry>,
    /// Modifiers that change what is counted and are kept ("state workers").
    #[serde(default)]
    pub keep: Vec<String>,
    /// Things that are people of a party or a group, placed in a body the sentence
    /// names.
    #[serde(default)]
    pub partisan: Vec<String>,
    /// Things that stand for their group in "members of the X".
    #[serde(default)]
    pub member: Vec<String>,
    /// What an event with an object is of, folded ("food stamps" is "snap").
    #[serde(default)]
    pub object: Vec<Entry>,
    /// Words that say the count is expected, not done ("may", "would").
    #[serde(default)]
    pub projected: Vec<String>,
}

impl Lexicon {
    /// The words a pattern macro names: `<thing>`, `<tally>`, `<voter>`, `<happened>`
    /// (what happens to things) or `<voting>` (what voters do).
    pub fn macro_words(&self, name: &str) -> Option<Vec<String>> {
        match name {
            "thing" => Some(entry_words(&self.thing, false).into_iter().map(str::to_string).collect()),
            "tally" => Some(entry_words(&self.thing, true).into_iter().map(str::to_string).collect()),
            "happened" => {
                let events: Vec<Entry> = self.happened.iter().filter(|e| !e.voting).cloned().collect();
                Some(entry_words(&events, false).into_iter().map(str::to_string).collect())
            }
            "voting" => {
                let events: Vec<Entry> = self.happened.iter().filter(|e| e.voting).cloned().collect();
                Some(entry_words(&events, false).into_iter().map(str::to_string).collect())
            }
            "voter" => Some(entry_words(&self.voter, false).into_iter().map(str::to_string).collect()),
            _ => None,
        }
    }

    /// Replace the macros `<thing>`, `<tally>`, `<voter>`, `<happened>` and `<voting>` in
    /// a pattern by the lexicon's words as alternatives.
    pub fn expand(&self, pattern: &str) -> String {
        let mut out = pattern.to_string();
        for name in ["thing", "tally", "happened", "voting", "voter"] {
            let tag = format!("<{name}>");
            if out.contains(&tag) {
                let words = self.macro_words(name).unwrap_or_default();
                let alternatives = if words.is_empty() { "\u{1}".to_string() } else { words.join("|") };
                out = out.replace(&tag, &format!("({alternatives})"));
            }
        }
        out
    }
}

/// Words a count's noun phrase ends at.
const STOP: &[&str] = &[
    "in", "of", "at", "on", "for", "from", "with", "by", "to", "into", "across", "during", "after", "before", "since",
    "were", "was", "are", "is", "have", "has", "had", "been", "be", "will", "would", "may", "might", "could", "can",
    "who", "that", "which", "and", "or", "but", "as", "than", "the", "a", "an", "their", "its", "remain", "remained",
    "who", "while", "if", "when", "said", "say", "says",
];

/// Words passed over between a count and the event before it ("the rescue of 33").
const BEFORE_SKIP: &[&str] = &["of", "the", "a", "an", "some", "another", "all", "mass", "at", "least", "in", "to"];

/// Clause breaks a search does not cross.
fn is_break(tok: &Tok) -> bool {
    matches!(tok, Tok::Punct(',' | ';' | ':' | '(' | ')' | '\u{2013}' | '\u{2014}' | '.' | '!' | '?'))
}

/// The sentence's tokens as the module sees them: each one's lower-case words, and
/// whether it is a value or a clause break.
struct View<'a> {
    toks: &'a [Tok],
    words: Vec<Vec<&'a str>>,
}

impl View<'_> {
    fn word(&self, i: usize) -> Option<&str> {
        match self.toks.get(i)? {
            Tok::Word(..) => self.words.get(i).and_then(|w| w.first().copied()),
            _ => None,
        }
    }

    /// The longest entry of `entries` whose words stand at `i`; its index and length in
    /// tokens.
    fn entry_at<'e>(&self, entries: impl IntoIterator<Item = &'e Entry>, i: usize) -> Option<(&'e Entry, usize)> {
        let mut best: Option<(&Entry, usize)> = None;
        for entry in entries {
            for phrase in &entry.words {
                let n = phrase.split(' ').count();
                let fits = phrase.split(' ').enumerate().all(|(k, w)| self.word(i + k) == Some(w));
                if fits && best.is_none_or(|(_, m)| n > m) {
                    best = Some((entry, n));
                }
            }
        }
        best
    }

    /// The entry ending just before `end` (exclusive), looking back over the words.
    fn entry_ending<'e>(
        &self,
        entries: impl IntoIterator<Item = &'e Entry> + Clone,
        end: usize,
    ) -> Option<(&'e Entry, usize)> {
        (end.saturating_sub(4)..end)
            .find_map(|i| self.entry_at(entries.clone(), i).filter(|(_, n)| i + n == end).map(|(e, _)| (e, i)))
    }
}

/// What was found about a count.
struct Counted {
    thing: String,
    happened: Option<String>,
    /// Whether what happened was read only from a word before the thing ("32
    /// cancelled flights").
    happened_before_thing: bool,
}

fn slug(words: &[&str]) -> String {
    words
        .iter()
        .flat_map(|w| w.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// What happened, at token `i`: an event of the lexicon, with "voted" read by the words
/// after it; "furloughed or working without pay" joins both.
fn happened_at(lex: &Lexicon, v: &View, i: usize, voters: bool) -> Option<(String, usize)> {
    let (entry, n) = v.entry_at(lex.happened.iter().filter(|e| voters || !e.voting), i)?;
    let mut name = entry.name.clone();
    if name == "voted" {
        let after: Vec<&str> =
            (i + n..i + n + 6).take_while(|j| !v.toks.get(*j).is_none_or(is_break)).filter_map(|j| v.word(j)).collect();
        name = match after.iter().find(|w| matches!(**w, "with" | "for" | "against" | "yes" | "no" | "favor")) {
            Some(&"with") => "crossed-over".into(),
            Some(&("for" | "yes" | "favor")) => "voted-yes".into(),
            Some(&("against" | "no")) => "voted-no".into(),
            _ => name,
        };
    }
    let mut end = i + n;
    if entry.object {
        // What it is of: the lexicon's name for it, else its first words.
        let mut j = end;
        while v.word(j).is_some_and(|w| matches!(w, "the" | "a" | "an" | "in" | "on" | "for" | "of" | "from")) {
            j += 1;
        }
        let of = match v.entry_at(&lex.object, j) {
            Some((o, m)) => {
                end = j + m;
                Some(o.name.clone())
            }
            None => {
                let mut words = Vec::new();
                while words.len() < 4 {
                    match v.word(j) {
                        Some(w) if !STOP.contains(&w) => words.push(w),
                        _ => break,
                    }
                    j += 1;
                }
                (!words.is_empty()).then(|| {
                    end = j;
                    slug(&words)
                })
            }
        };
        name = match of {
            Some(of) => format!("{name}-{of}"),
            None => return None,
        };
    }
    // "furloughed or working without pay": both, as one measure.
    let mut j = end;
    if v.word(j) == Some("or") {
        j += 1;
        if v.word(j) == Some("either") {
            j += 1;
        }
        if let Some((other, m)) = v.entry_at(lex.happened.iter().filter(|e| voters || !e.voting), j)
            && other.name != name
        {
            let mut both = [name.clone(), other.name.clone()];
            both.sort();
            name = both.join("-or-");
            end = j + m;
        }
    }
    Some((name, end))
}

/// The counted thing after the value at `value_at`, with what happened to it.
fn derive(lex: &Lexicon, v: &View, value_at: usize, reach: usize) -> Option<Counted> {
    let n = v.toks.len();
    // "nine of the 33 miners": 33 is the whole the part is taken from, not a count of
    // what happened.
    let part = |i: usize| {
        matches!(v.toks.get(i), Some(Tok::Value { .. }))
            || matches!(v.word(i), Some("most" | "many" | "some" | "half" | "none" | "several" | "few" | "all"))
    };
    if value_at >= 3
        && v.word(value_at - 2) == Some("of")
        && matches!(v.word(value_at - 1), Some("the" | "those" | "these" | "all"))
        && part(value_at - 3)
    {
        return None;
    }
    // "nine of the 33 miners were rescued": the part counts the whole's things.
    let mut start = value_at + 1;
    if v.word(start) == Some("of") && matches!(v.word(start + 1), Some("the" | "those" | "these" | "all")) {
        start += 2;
        if matches!(v.toks.get(start), Some(Tok::Value { .. })) {
            start += 1;
        }
    }
    // The noun phrase after the value: words up to a stop word, a break or a value.
    let mut run_end = start;
    while run_end < n && run_end - start < 5 {
        let Some(w) = v.word(run_end) else { break };
        if STOP.contains(&w) {
            break;
        }
        // A word of what happened after the first word ends the phrase ("airports
        // selected").
        if run_end > start
            && v.entry_at(&lex.happened, run_end).is_some()
            && v.entry_at(lex.thing.iter().chain(&lex.voter), run_end).is_none()
        {
            break;
        }
        run_end += 1;
    }
    // The thing: the entry of the lexicon ending the phrase, nearest its end.
    let mut found: Option<(&Entry, usize, usize)> = None;
    for end in (start + 1..=run_end).rev() {
        if let Some((entry, at)) = v.entry_ending(lex.thing.iter().chain(&lex.voter), end)
            && at >= start
        {
            found = Some((entry, at, end));
            break;
        }
    }
    let (mut thing, thing_at, thing_end, own_event) = match found {
        Some((entry, at, end)) => (entry.name.clone(), at, end, entry.happened.clone()),
        None => return None,
    };
    let voters = found.is_some_and(|(entry, ..)| lex.voter.iter().any(|e| std::ptr::eq(e, entry)));
    let events = || lex.happened.iter().filter(move |e| voters || !e.voting);
    // Modifiers before it: kept ones name the thing, events say what happened.
    let mut kept = Vec::new();
    let mut before_event = None;
    for i in start..thing_at {
        let w = v.word(i)?;
        if lex.keep.iter().any(|k| k == w) {
            kept.push(w);
        } else if let Some((e, _)) = v.entry_at(events(), i) {
            before_event = Some(e.name.clone());
        }
    }
    let mut end = thing_end;
    // "members of the Democratic caucus": the group.
    if lex.member.contains(&thing) && v.word(end) == Some("of") {
        let mut i = end + 1;
        let mut group_kept = Vec::new();
        while i < n && i <= end + 5 {
            let Some(w) = v.word(i) else { break };
            if let Some((g, m)) = v.entry_at(&lex.group, i) {
                thing =
                    if group_kept.is_empty() { g.name.clone() } else { format!("{}-{}", group_kept.join("-"), g.name) };
                kept.clear();
                end = i + m;
                break;
            }
            if lex.keep.iter().any(|k| k == w) {
                group_kept.push(w);
            } else if w != "the" && !lex.body.iter().any(|b| b.words.iter().any(|x| x == w)) {
                break;
            }
            i += 1;
        }
    }
    if !kept.is_empty() {
        thing = format!("{}-{}", kept.join("-"), thing);
    }
    // A party's members: placed in the body the sentence names nearest the value.
    if lex.partisan.iter().any(|p| thing.ends_with(p.as_str())) {
        let body = (0..n)
            .filter_map(|i| v.entry_at(&lex.body, i).map(|(b, _)| (i.abs_diff(value_at), b.name.clone())))
            .min_by_key(|(d, _)| *d);
        if let Some((_, b)) = body
            && !thing.starts_with(&b)
        {
            thing = format!("{b}-{thing}");
        }
    }
    // What happened: an event word just before the value ("the rescue of 33 miners"),
    // else after the phrase ("were brought out alive"), else before the thing
    // ("33 trapped miners"), else the thing's own ("layoffs").
    let mut before = None;
    let mut i = value_at;
    while i > 0 && value_at - i < 4 {
        i -= 1;
        if is_break(&v.toks[i]) {
            break;
        }
        if let Some((e, start)) = v.entry_ending(events(), i + 1) {
            // "will cut 12,000 jobs": an expectation.
            let modal =
                start.checked_sub(1).and_then(|m| v.word(m)).is_some_and(|w| lex.projected.iter().any(|p| p == w));
            let name = happened_at(lex, v, start, voters).map_or(e.name.clone(), |(h, _)| h);
            before = Some(if modal { format!("{name}-projected") } else { name });
            break;
        }
        if !v.word(i).is_some_and(|w| BEFORE_SKIP.contains(&w)) {
            break;
        }
    }
    let mut after = None;
    // "if 40,000 workers are laid off": a condition, not a report.
    let conditional = (value_at.saturating_sub(3)..value_at).any(|i| matches!(v.word(i), Some("if" | "unless")));
    let mut projected = conditional;
    let mut i = end;
    while i < n && i < end.max(reach) + 8 {
        if is_break(&v.toks[i]) || matches!(v.toks[i], Tok::Value { .. }) && i > end + 2 {
            break;
        }
        if let Some((h, _)) = happened_at(lex, v, i, voters) {
            after = Some(h);
            break;
        }
        if v.word(i).is_some_and(|w| lex.projected.iter().any(|p| p == w)) {
            projected = true;
        }
        i += 1;
    }
    let happened_before_thing = before.is_none() && after.is_none() && before_event.is_some();
    let happened = before
        .map(|b| if conditional { format!("{b}-projected") } else { b })
        .or_else(|| after.map(|a| if projected { format!("{a}-projected") } else { a }))
        .or(before_event)
        .or(own_event);
    Some(Counted { thing, happened, happened_before_thing })
}

/// Fill `{counted}` (or `{counted:EVENT}`) in `template` for the value at `value_at`.
/// `None` when the text does not say what is counted or what happened to it.
///
/// Places the value's clause (or the match itself) says it happened in tell counts of
/// different places apart: "12 people were killed in Kyiv" is `people/killed@kyiv`.
pub fn fill<'a>(
    lex: &Lexicon,
    template: &str,
    toks: &'a [Tok],
    words: &dyn Fn(usize) -> Vec<&'a str>,
    mentions: &[Mention],
    value_at: usize,
    matched: &std::ops::Range<usize>,
) -> Option<String> {
    let open = template.find("{counted")?;
    let close = open + template[open..].find('}')?;
    let given = template[open + "{counted".len()..close].strip_prefix(':');
    let v = View { toks, words: (0..toks.len()).map(words).collect() };
    let counted = derive(lex, &v, value_at, matched.end)?;
    // A figure in a list of places ("Denver: 32 cancelled flights") counts at one of
    // them, which the subject cannot say.
    if value_at > 0 && matches!(toks[value_at - 1], Tok::Punct(':')) && counted.happened_before_thing && given.is_none()
    {
        return None;
    }
    let happened = given.map(str::to_string).or(counted.happened)?;
    let lo = toks[..value_at.min(matched.start)].iter().rposition(is_break).map_or(0, |i| i + 1);
    let hi = toks[value_at.max(matched.end)..]
        .iter()
        .position(is_break)
        .map_or(toks.len(), |i| value_at.max(matched.end) + i);
    let mut places: Vec<&str> = mentions
        .iter()
        .filter(|m| m.kind == EntityKind::Place && m.start >= lo && m.end <= hi)
        // Where it happened ("in Kyiv"), not where someone went ("flying to Moscow").
        .filter(|m| {
            let before = |k: usize| m.start.checked_sub(k).and_then(|i| words(i).first().copied());
            let at = |w: Option<&str>| {
                matches!(w, Some("in" | "at" | "near" | "outside" | "across" | "around" | "throughout"))
            };
            at(before(1)) || (before(1) == Some("the") && at(before(2)))
        })
        // A city's id is its path ("ukraine/kyiv-city/kyiv"): its last part names it.
        .map(|m| m.id.rsplit('/').next().unwrap_or(&m.id))
        .collect();
    places.sort_unstable();
    places.dedup();
    let at = if places.is_empty() { String::new() } else { format!("@{}", places.join("-")) };
    Some(format!("{}{}/{}{at}{}", &template[..open], counted.thing, happened, &template[close + 1..]))
}

/// The scenario a figure is given for: the condition of an "if" or "unless" clause in
/// its sentence, named by the value it holds ("if the strike lasts six weeks" is
/// `if-six-weeks`) or else by its first words.
pub fn scenario<'a>(toks: &'a [Tok], words: &dyn Fn(usize) -> Vec<&'a str>, value_at: usize) -> Option<String> {
    let at = (0..toks.len()).find(|&i| matches!(&toks[i], Tok::Word(w, _) if w == "if" || w == "unless"))?;
    let mut end = at + 1;
    while end < toks.len() && !is_break(&toks[end]) && end != value_at {
        end += 1;
    }
    let clause = at + 1..end;
    if let Some(i) = clause.clone().find(|&i| matches!(toks[i], Tok::Value { .. })) {
        let w = words(i);
        let w: Vec<&str> = w.into_iter().filter(|w| !matches!(*w, "the" | "a" | "an" | "of")).collect();
        return Some(format!("if-{}", slug(&w)));
    }
    let w: Vec<&str> = clause.take(6).flat_map(words).collect();
    Some(format!("if-{}", slug(&w)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::rule::{RuleSet, bundled_sources};

    fn subjects(text: &str) -> Vec<(String, Option<String>)> {
        let rules = RuleSet::load(&bundled_sources()).unwrap_or_else(|e| panic!("{}", e[0]));
        let article = Article::from_bytes("t", text.as_bytes()).expect("article");
        crate::extract::extract(&article, &rules)
            .into_iter()
            .filter(|c| c.kind == "other_count")
            .map(|c| (c.subject, c.qualifier))
            .collect()
    }

    #[test]
    fn macros_expand_to_the_lexicons_words_longest_first() {
        let lex = Lexicon {
            thing: vec![Entry {
                name: "miners".into(),
                words: vec!["miners".into(), "coal miners".into()],
                ..Entry::default()
            }],
            happened: vec![Entry { name: "rescued".into(), words: vec!["rescued".into()], ..Entry::default() }],
            ..Lexicon::default()
        };
        assert_eq!(lex.expand("{number} <thing> <happened>"), "{number} (coal miners|miners) (rescued)");
        assert_eq!(lex.expand("{number} <tally>"), "{number} (\u{1})");
    }

    #[test]
    fn the_same_people_counted_differently_keep_apart() {
        let got = subjects(
            "In the Senate, seven Democrats broke with their party.\n\nEight members of the Democratic caucus joined Republicans.",
        );
        assert_eq!(got.len(), 2, "{got:?}");
        assert_ne!(got[0].0, got[1].0);
    }

    #[test]
    fn places_and_flights_are_different_things() {
        let got = subjects(
            "The 40 airports selected by the regulator lost service.\n\nThe airline had 40 cancelled flights.",
        );
        assert_eq!(got.iter().map(|(s, _)| s.as_str()).collect::<Vec<_>>(), ["airports/selected", "flights/cancelled"]);
    }

    #[test]
    fn scenarios_are_told_apart_by_their_condition() {
        let got = subjects(
            "If the strike ends this week, the economy would lose $1 billion.\n\nIf it lasts eight weeks, the economy would lose $4 billion.",
        );
        let qualifiers: Vec<_> = got.iter().map(|(_, q)| q.clone().unwrap_or_default()).collect();
        assert_eq!(qualifiers.len(), 2);
        assert_ne!(qualifiers[0], qualifiers[1]);
        assert!(qualifiers.iter().all(|q| q.starts_with("if-")), "{qualifiers:?}");
    }

    #[test]
    fn a_count_whose_thing_is_not_said_is_unknown() {
        assert_eq!(subjects("In the end only five who backed it.")[0].0, "unknown");
    }
}
