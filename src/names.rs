//! The names an article mentions: capitalized words that are not there only because a
//! sentence starts with them, nor dates, titles or the small words of English. What
//! tells one story from another when the user groups none ([`crate::compare::story`]):
//! a dock strike's reports name the union, the port and its negotiators; a peace
//! talk's name envoys, leaders and capitals.
//!
//! A name is kept word by word ("Harbor Union" gives "Harbor" and "Union"), so that
//! "Donald Trump" and a later "Trump" share a name, and possessives are cut ("Kyiv's"
//! is "Kyiv"). Pure and linear in the text.

use std::collections::HashMap;

/// A set of lower-case words.
pub type LowerWords = std::collections::HashSet<String, std::hash::BuildHasherDefault<crate::rule::vocab::Fnv>>;

/// Words that are capitalized for reasons other than naming someone or something:
/// function words that start sentences, titles before a name, a page's furniture.
/// Compared lower-case; months and weekdays are the date parser's own
/// ([`not_a_name`]).
#[rustfmt::skip]
const NOT_NAMES: &[&str] = &[
    // Small words and common sentence openers.
    "a", "about", "according", "after", "again", "against", "all", "also", "although", "among", "an", "and",
    "another", "any", "are", "as", "at", "because", "before", "being", "both", "but", "by", "can", "could",
    "despite", "did", "do", "does", "during", "each", "earlier", "either", "even", "every", "few", "for", "from",
    "had", "has", "have", "he", "her", "here", "his", "how", "however", "i", "if", "in", "instead", "into", "is",
    "it", "its", "just", "last", "later", "like", "many", "may", "meanwhile", "more", "most", "much", "my",
    "neither", "new", "next", "no", "nor", "not", "now", "of", "on", "once", "one", "only", "or", "other", "our",
    "over", "per", "since", "so", "some", "still", "such", "than", "that", "the", "their", "them", "then", "there",
    "these", "they", "this", "those", "though", "through", "thus", "to", "today", "tomorrow", "under", "until",
    "up", "was", "we", "were", "what", "when", "where", "whether", "which", "while", "who", "whom", "whose", "why",
    "will", "with", "within", "without", "would", "yes", "yesterday", "yet", "you", "your",
    // Titles and forms of address: the name follows.
    "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt", "president", "vice", "prime",
    "minister", "secretary", "chancellor", "chairman", "chairwoman", "chair", "spokesman", "spokeswoman",
    "spokesperson", "envoy", "ambassador", "general", "colonel", "senator", "representative", "governor", "mayor",
    "councilman", "councilwoman", "councillor", "councilor", "speaker", "leader", "chief", "director",
    "commissioner", "judge", "king", "queen", "pope", "sir", "madam", "special", "deputy", "former", "acting",
    "senior", "top",
    // Words of a news page's furniture.
    "advertisement", "photo", "read", "share", "published", "updated", "reuters", "ap", "afp",
];

/// Abbreviations whose full stop does not end a sentence. Compared lower-case.
const ABBREVIATIONS: &[&str] =
    &["mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt", "st", "jr", "sr", "no", "vs"];

/// Whether a lower-case word is one of [`NOT_NAMES`], or a month or weekday.
pub(crate) fn not_a_name(lower: &str) -> bool {
    type Set = std::collections::HashSet<&'static str, std::hash::BuildHasherDefault<crate::rule::vocab::Fnv>>;
    static SET: std::sync::OnceLock<Set> = std::sync::OnceLock::new();
    SET.get_or_init(|| NOT_NAMES.iter().copied().collect()).contains(lower)
        || crate::parse::date::month_number(lower).is_some()
        || crate::parse::date::weekday_number(lower).is_some()
}

/// The distinct names of `text`, each as first written, in order of first mention.
pub fn names(text: &str) -> Vec<String> {
    let mut list = NameList::default();
    for (word, opens) in words(text) {
        list.add(word, opens);
    }
    list.finish()
}

/// The lower-case words `text` capitalizes somewhere other than at a sentence's start:
/// what tells a name that opens a sentence ("Brannock spoke") from an ordinary word
/// that does ("Talks resumed").
pub fn inner_capitals(text: &str) -> LowerWords {
    let mut found = LowerWords::default();
    for (word, opens) in words(text) {
        add_inner(&mut found, word, opens);
    }
    found
}

/// [`names`] and [`inner_capitals`] of one text, read once.
pub fn names_and_inner_capitals(text: &str) -> (Vec<String>, LowerWords) {
    let (mut list, mut found) = (NameList::default(), LowerWords::default());
    for (word, opens) in words(text) {
        list.add(word, opens);
        add_inner(&mut found, word, opens);
    }
    (list.finish(), found)
}

fn add_inner(found: &mut LowerWords, word: &str, opens: bool) {
    if opens || !word.chars().next().is_some_and(char::is_uppercase) {
        return;
    }
    // Most names come again and again: look before making the lower-case copy.
    let mut buf = [0; 24];
    match crate::parse::lex::lower(word, &mut buf) {
        Some(lower) if found.contains(lower) => {}
        Some(lower) => {
            found.insert(lower.to_string());
        }
        None => {
            found.insert(word.to_lowercase().replace('\u{2019}', "'"));
        }
    }
}

/// The names of a text as its words come: a capitalized word that only ever starts
/// sentences may be an ordinary word ("Talks resumed"); it counts once it is seen
/// capitalized inside a sentence too.
#[derive(Default)]
struct NameList {
    /// Each capitalized word seen (lower case): its place in `order` and whether it
    /// stood inside a sentence, or `None` for a word that is no name.
    seen: HashMap<String, Option<(usize, bool)>, std::hash::BuildHasherDefault<crate::rule::vocab::Fnv>>,
    order: Vec<String>,
}

impl NameList {
    fn add(&mut self, word: &str, opens_sentence: bool) {
        let Some(first) = word.chars().next() else { return };
        if !first.is_uppercase() || word.chars().count() < 2 {
            return;
        }
        let mut buf = [0; 24];
        let lower = crate::parse::lex::ascii_lower(word, &mut buf);
        match self.seen.get_mut(lower.as_ref()) {
            Some(Some(entry)) => entry.1 |= !opens_sentence,
            Some(None) => {}
            None if not_a_name(&lower) => {
                self.seen.insert(lower.into_owned(), None);
            }
            None => {
                self.order.push(word.to_string());
                self.seen.insert(lower.into_owned(), Some((self.order.len() - 1, !opens_sentence)));
            }
        }
    }

    fn finish(self) -> Vec<String> {
        let mut keep = vec![false; self.order.len()];
        for (index, inside) in self.seen.values().flatten() {
            keep[*index] = *inside;
        }
        self.order.into_iter().zip(keep).filter_map(|(w, k)| k.then_some(w)).collect()
    }
}

/// The words of `text` (letters, with inner hyphens, apostrophes and periods kept and a
/// possessive cut), each with whether it opens a sentence.
fn words(text: &str) -> Words<'_> {
    Words { text, at: 0, opens: true, last: "", last_end: usize::MAX }
}

/// The iterator [`words`] gives: ASCII is read byte by byte, other characters are
/// decoded where they stand.
struct Words<'t> {
    text: &'t str,
    /// Where reading goes on.
    at: usize,
    /// Whether the next word opens a sentence.
    opens: bool,
    /// The word before, and where it ended.
    last: &'t str,
    last_end: usize,
}

impl<'t> Words<'t> {
    /// The character at byte `i` (a boundary) and its length.
    fn char_at(&self, i: usize) -> Option<(char, usize)> {
        match *self.text.as_bytes().get(i)? {
            b if b.is_ascii() => Some((char::from(b), 1)),
            _ => self.text.get(i..)?.chars().next().map(|c| (c, c.len_utf8())),
        }
    }

    /// A sentence's end, or a full stop that is none, at byte `i`.
    fn stop(&mut self, c: char, i: usize) {
        // A full stop right after an initial ("Donald J. Trump") or an abbreviated
        // title ("Mr. Okafor") ends nothing.
        let last = self.last;
        let after_initial = c == '.'
            && i == self.last_end
            && (last.chars().count() == 1 && last.chars().all(char::is_uppercase)
                || ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(last)));
        let blank_line = c == '\n' && self.text[i + 1..].trim_start_matches([' ', '\t', '\r']).starts_with('\n');
        if (c != '\n' && !after_initial) || blank_line {
            self.opens = true;
        }
    }
}

impl<'t> Iterator for Words<'t> {
    type Item = (&'t str, bool);

    fn next(&mut self) -> Option<(&'t str, bool)> {
        let bytes = self.text.as_bytes();
        let mut i = self.at;
        loop {
            // Spaces, digits and most punctuation are passed over a byte at a time.
            while let Some(&b) = bytes.get(i) {
                if b.is_ascii_alphabetic() || !b.is_ascii() {
                    break;
                }
                if matches!(b, b'.' | b'!' | b'?' | b'\n') {
                    self.stop(char::from(b), i);
                }
                i += 1;
            }
            let (c, len) = self.char_at(i)?;
            if !c.is_alphabetic() {
                i += len;
                continue;
            }
            let start = i;
            i += len;
            loop {
                while bytes.get(i).is_some_and(u8::is_ascii_alphabetic) {
                    i += 1;
                }
                let Some((c, len)) = self.char_at(i) else { break };
                let joins = matches!(c, '-' | '\'' | '’')
                    && self.char_at(i + len).is_some_and(|(next, _)| next.is_alphabetic());
                if !(c.is_alphabetic() || joins) {
                    break;
                }
                i += len;
            }
            let mut word = &self.text[start..i];
            for possessive in ["'s", "’s"] {
                word = word.strip_suffix(possessive).unwrap_or(word);
            }
            let opens = self.opens;
            self.last = word;
            self.last_end = i;
            self.at = i;
            // A heading, a quote's opening word or a bullet also opens; a line break
            // inside a paragraph does not.
            self.opens = false;
            return Some((word, opens));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_capitalized_words_inside_sentences() {
        let text = "Talks resumed on Monday. The Harbor Union met Port Authority negotiators in Kelby. \
                    Union leader Mara Quist said the Authority's offer fell short. Talks went on.";
        assert_eq!(names(text), ["Harbor", "Union", "Port", "Authority", "Kelby", "Mara", "Quist"]);
    }

    #[test]
    fn a_word_that_only_opens_sentences_is_no_name() {
        assert!(names("Negotiators met. Negotiators left.").is_empty());
        assert_eq!(names("Brannock spoke first. Then Brannock left."), ["Brannock"]);
    }

    #[test]
    fn titles_months_and_possessives_are_left_out() {
        let text = "On Tuesday, President Ilse Varga's aides said Mr. Okafor would arrive in December.";
        assert_eq!(names(text), ["Ilse", "Varga", "Okafor"]);
    }

    #[test]
    fn initials_do_not_end_a_sentence_and_hyphenated_names_stay_whole() {
        assert_eq!(names("He met Donald J. Trump at Mar-a-Lago."), ["Donald", "Trump", "Mar-a-Lago"]);
    }

    #[test]
    fn any_text_is_read_without_panicking() {
        for text in ["", ".", "A", "’s", "Ünal’s ’", "x\n\nY z. É", "'''", "-A- B-"] {
            let _ = names(text);
        }
    }

    #[test]
    fn one_reading_gives_the_names_and_the_inner_capitals() {
        for text in [
            "Talks resumed on Monday. The Harbor Union met Port Authority negotiators in Kelby.",
            "Brannock spoke first. Then Brannock left. Mr. Okafor and Donald J. Trump met.",
            "Negotiators met.\n\nNegotiators left, and Zelenskyy's aides said nothing.",
            "",
        ] {
            let (list, inner) = names_and_inner_capitals(text);
            assert_eq!(list, names(text), "{text}");
            assert_eq!(inner, inner_capitals(text), "{text}");
        }
        let (_, inner) = names_and_inner_capitals("Talks resumed. Then Brannock said Talks would go on.");
        assert!(inner.contains("talks") && inner.contains("brannock") && !inner.contains("then"));
    }
}
