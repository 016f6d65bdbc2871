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

/// The rules' words and their numbers: whole words, and apart from them the beginnings
/// (`plan*`) cue lists and patterns name.
#[derive(Clone, Debug, Default)]
pub struct Vocab {
    ids: HashMap<Box<str>, WordId, BuildHasherDefault<Fnv>>,
    /// Beginnings by number.
    stems: Vec<Box<str>>,
    /// The numbers of the beginnings, by their first byte (256 lists once any exists).
    stems_by_first: Vec<Vec<WordId>>,
}

impl Vocab {
    /// The number of `word`, given a new one if the table lacks it.
    pub fn intern(&mut self, word: &str) -> WordId {
        if let Some(id) = self.ids.get(word) {
            return *id;
        }
        let id = number(self.ids.len());
        self.ids.insert(word.into(), id);
        id
    }

    /// The number of the beginning `stem`, given a new one if the table lacks it.
    pub fn intern_stem(&mut self, stem: &str) -> WordId {
        if let Some(id) = self.stems.iter().position(|s| &**s == stem) {
            return number(id);
        }
        let id = number(self.stems.len());
        self.stems.push(stem.into());
        if self.stems_by_first.is_empty() {
            self.stems_by_first = vec![Vec::new(); 256];
        }
        // An empty beginning matches every word; it is kept under every first byte.
        match stem.as_bytes().first() {
            Some(b) => self.stems_by_first[usize::from(*b)].push(id),
            None => self.stems_by_first.iter_mut().for_each(|list| list.push(id)),
        }
        id
    }

    /// The number of `word`, or [`UNKNOWN_WORD`] for a word no rule names.
    pub fn id(&self, word: &str) -> WordId {
        self.ids.get(word).copied().unwrap_or(UNKNOWN_WORD)
    }

    /// The numbers of the beginnings `word` starts with.
    pub fn stems_of<'v>(&'v self, word: &'v str) -> impl Iterator<Item = WordId> + 'v {
        let candidates = word.as_bytes().first().and_then(|b| self.stems_by_first.get(usize::from(*b)));
        candidates
            .into_iter()
            .flatten()
            .copied()
            .filter(move |id| self.stems.get(*id as usize).is_some_and(|stem| word.starts_with(&**stem)))
    }

    /// How many whole words the table holds.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether the table holds no whole word.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

/// A table index as a [`WordId`]; tables never come near `u32::MAX` entries.
fn number(index: usize) -> WordId {
    WordId::try_from(index).unwrap_or(UNKNOWN_WORD - 1).min(UNKNOWN_WORD - 1)
}

/// A word to look for, as cue lists and patterns write it: whole (`peace`), or a
/// beginning (`plan*`). It carries its number once interned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cue {
    /// The word, or the beginning without its `*`.
    pub text: String,
    /// Whether any word starting with `text` matches.
    pub prefix: bool,
    /// The number of the word or beginning; [`UNKNOWN_WORD`] until interned.
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

    /// Number the cue in `vocab`.
    pub fn intern(&mut self, vocab: &mut Vocab) {
        self.id = if self.prefix { vocab.intern_stem(&self.text) } else { vocab.intern(&self.text) };
    }
}

/// A sentence's words as a set of the numbered words and beginnings it holds: one bit
/// each, so that a cue is looked up with one test.
#[derive(Clone, Debug, Default)]
pub struct WordSet {
    words: Vec<u64>,
    stems: Vec<u64>,
}

impl WordSet {
    /// The set of `words` (lower case), numbered in `vocab`.
    pub fn new<'w>(words: impl IntoIterator<Item = &'w str>, vocab: &Vocab) -> WordSet {
        let mut set =
            WordSet { words: vec![0; vocab.len().div_ceil(64)], stems: vec![0; vocab.stems.len().div_ceil(64)] };
        for word in words {
            let id = vocab.id(word);
            if id != UNKNOWN_WORD {
                set_bit(&mut set.words, id);
            }
            for stem in vocab.stems_of(word) {
                set_bit(&mut set.stems, stem);
            }
        }
        set
    }

    /// Whether the set holds a word that `cue` matches. A cue that was never interned
    /// cannot be looked up, so it may match: callers pass it over no sentence.
    pub fn holds(&self, cue: &Cue) -> bool {
        if cue.id == UNKNOWN_WORD {
            return true;
        }
        let bits = if cue.prefix { &self.stems } else { &self.words };
        bits.get(cue.id as usize / 64).is_some_and(|b| b & (1 << (cue.id % 64)) != 0)
    }
}

fn set_bit(bits: &mut [u64], id: WordId) {
    if let Some(b) = bits.get_mut(id as usize / 64) {
        *b |= 1 << (id % 64);
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
        let mut cues: Vec<Cue> = ["peace", "deal", "plan*", "propos*"].into_iter().map(Cue::new).collect();
        cues.iter_mut().for_each(|c| c.intern(&mut vocab));
        let [peace, deal, plan, propos] = [&cues[0], &cues[1], &cues[2], &cues[3]];
        let set = WordSet::new(["the", "planned", "peace", "deal"], &vocab);
        assert!(set.holds(peace) && set.holds(deal) && set.holds(plan));
        assert!(!set.holds(propos));
        let other = WordSet::new(["a", "plane", "proposal", "of", "war"], &vocab);
        assert!(other.holds(plan) && other.holds(propos));
        assert!(!other.holds(peace) && !other.holds(deal));
        assert!(!WordSet::new(["pla", "peaceful"], &vocab).holds(plan));
        assert!(!WordSet::new(["peaceful"], &vocab).holds(peace));
        // Interning the same beginning again gives the same number.
        assert_eq!(vocab.intern_stem("plan"), plan.id);
    }

    #[test]
    fn a_cue_never_interned_is_never_ruled_out() {
        let vocab = Vocab::default();
        assert!(WordSet::new(["war"], &vocab).holds(&Cue::new("peace")));
    }
}
