//! The words the rules name, numbered. A sentence's words are looked up once; patterns
//! and cue lists then compare numbers instead of strings.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The number of a word the rules name.
pub type WordId = u32;

/// The id of every word the rules do not name.
pub const UNKNOWN_WORD: WordId = WordId::MAX;

/// FNV-1a: words are short, and the table holds the rules' own words, so a simple
/// hash beats a keyed one here.
#[derive(Default)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// The rules' words and their numbers.
#[derive(Clone, Debug, Default)]
pub struct Vocab {
    ids: HashMap<Box<str>, WordId, BuildHasherDefault<Fnv>>,
}

impl Vocab {
    /// The number of `word`, given a new one if the table lacks it.
    pub fn intern(&mut self, word: &str) -> WordId {
        if let Some(id) = self.ids.get(word) {
            return *id;
        }
        let id = WordId::try_from(self.ids.len()).unwrap_or(UNKNOWN_WORD - 1).min(UNKNOWN_WORD - 1);
        self.ids.insert(word.into(), id);
        id
    }

    /// The number of `word`, or [`UNKNOWN_WORD`] for a word no rule names.
    pub fn id(&self, word: &str) -> WordId {
        self.ids.get(word).copied().unwrap_or(UNKNOWN_WORD)
    }

    /// How many words the table holds.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

/// A word to look for, as cue lists and patterns write it: whole (`peace`), or a
/// beginning (`plan*`). A whole word carries its number once interned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cue {
    /// The word, or the beginning without its `*`.
    pub text: String,
    /// Whether any word starting with `text` matches.
    pub prefix: bool,
    /// The number of a whole word; [`UNKNOWN_WORD`] until interned.
    pub id: WordId,
}

impl Cue {
    /// A cue as written: `revis*` is a beginning.
    pub fn new(written: &str) -> Cue {
        match written.strip_suffix('*') {
            Some(stem) => Cue { text: stem.to_string(), prefix: true, id: UNKNOWN_WORD },
            None => Cue { text: written.to_string(), prefix: false, id: UNKNOWN_WORD },
        }
    }

    /// Number a whole word's cue in `vocab`.
    pub fn intern(&mut self, vocab: &mut Vocab) {
        if !self.prefix {
            self.id = vocab.intern(&self.text);
        }
    }
}

/// A sentence's words as a set: the numbers of the rules' words it holds, and every
/// word, sorted, for beginnings.
#[derive(Clone, Debug, Default)]
pub struct WordSet<'a> {
    ids: Vec<WordId>,
    words: Vec<&'a str>,
}

impl<'a> WordSet<'a> {
    /// The set of `words` (lower case), numbered in `vocab`.
    pub fn new(words: impl IntoIterator<Item = &'a str>, vocab: &Vocab) -> WordSet<'a> {
        let mut words: Vec<&str> = words.into_iter().collect();
        let mut ids: Vec<WordId> = words.iter().map(|w| vocab.id(w)).filter(|id| *id != UNKNOWN_WORD).collect();
        words.sort_unstable();
        words.dedup();
        ids.sort_unstable();
        ids.dedup();
        WordSet { ids, words }
    }

    /// Whether the set holds a word that `cue` matches.
    pub fn holds(&self, cue: &Cue) -> bool {
        if cue.prefix {
            let from = self.words.partition_point(|w| *w < cue.text.as_str());
            return self.words.get(from).is_some_and(|w| w.starts_with(cue.text.as_str()));
        }
        if cue.id != UNKNOWN_WORD {
            return self.ids.binary_search(&cue.id).is_ok();
        }
        self.words.binary_search(&cue.text.as_str()).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_numbered_once() {
        let mut vocab = Vocab::default();
        let plan = vocab.intern("plan");
        assert_eq!(vocab.intern("plan"), plan);
        assert_ne!(vocab.intern("points"), plan);
        assert_eq!(vocab.id("plan"), plan);
        assert_eq!(vocab.id("zebra"), UNKNOWN_WORD);
        assert_eq!(vocab.len(), 2);
    }

    #[test]
    fn sets_hold_whole_words_and_beginnings() {
        let mut vocab = Vocab::default();
        let mut peace = Cue::new("peace");
        peace.intern(&mut vocab);
        let mut plan = Cue::new("plan*");
        plan.intern(&mut vocab);
        // A whole word nobody interned is still found, by its letters.
        let deal = Cue::new("deal");
        let set = WordSet::new(["the", "planned", "peace", "deal"], &vocab);
        assert!(set.holds(&peace) && set.holds(&plan) && set.holds(&deal));
        let other = WordSet::new(["a", "plane", "of", "war"], &vocab);
        assert!(other.holds(&plan));
        assert!(!other.holds(&peace) && !other.holds(&deal));
        assert!(!WordSet::new(["pla"], &vocab).holds(&plan));
    }
}
