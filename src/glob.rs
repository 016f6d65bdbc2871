//! Path globs for `claimcheck.toml`'s `corpus` and `ignore`: `*` (any characters but
//! `/`), `?` (one character but `/`), `**` (any number of whole folders, none
//! included), everything else literal. A pattern without a `/` matches a file's name in
//! any folder (`*.draft.md`), as in a `.gitignore`; one with a `/` matches the whole
//! path from the configuration's folder (`corpus/**/*.md`).
//!
//! Pure: paths in, yes or no out; walking folders is the command line's business.

/// A parsed glob.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Glob {
    /// The pattern as written.
    pub pattern: String,
    /// Its `/`-separated components, without empty ones and `.`.
    parts: Vec<String>,
    /// Whether it has no `/` and so matches a name in any folder.
    anywhere: bool,
}

impl Glob {
    /// Parse a pattern; an empty one, or one that climbs out (`..`), is an error saying
    /// what was expected.
    pub fn new(pattern: &str) -> Result<Glob, String> {
        let normal = pattern.replace('\\', "/");
        let parts: Vec<String> = normal.split('/').filter(|p| !p.is_empty() && *p != ".").map(str::to_string).collect();
        if parts.is_empty() {
            return Err(format!("empty glob {pattern:?}; expected a path pattern such as \"corpus/**/*.md\""));
        }
        if parts.iter().any(|p| p == "..") {
            return Err(format!(
                "glob {pattern:?} climbs out with `..`; expected a pattern inside the configuration's folder"
            ));
        }
        let anywhere = !normal.trim_end_matches('/').contains('/');
        Ok(Glob { pattern: pattern.to_string(), parts, anywhere })
    }

    /// The folder to walk to find every match: the literal components before the first
    /// wildcard (empty: the configuration's folder itself).
    pub fn base(&self) -> String {
        if self.anywhere {
            return String::new();
        }
        let literal: Vec<&str> = self
            .parts
            .iter()
            .take(self.parts.len().saturating_sub(1))
            .take_while(|p| !p.contains(['*', '?']))
            .map(String::as_str)
            .collect();
        literal.join("/")
    }

    /// Whether `path` (relative, `/`-separated) matches, or lies in a folder that does.
    pub fn matches(&self, path: &str) -> bool {
        let components: Vec<&str> = path.split(['/', '\\']).filter(|p| !p.is_empty() && *p != ".").collect();
        if self.anywhere {
            return components.iter().any(|name| component_matches(&self.parts[0], name));
        }
        (1..=components.len()).any(|n| parts_match(&self.parts, &components[..n]))
    }
}

/// Components against components, `**` taking any number of whole ones.
fn parts_match(pattern: &[String], path: &[&str]) -> bool {
    match pattern.split_first() {
        None => path.is_empty(),
        Some((first, rest)) if first == "**" => (0..=path.len()).any(|skip| parts_match(rest, &path[skip..])),
        Some((first, rest)) => {
            path.split_first().is_some_and(|(name, tail)| component_matches(first, name) && parts_match(rest, tail))
        }
    }
}

/// One component: `*` any run of characters, `?` one character.
fn component_matches(pattern: &str, name: &str) -> bool {
    let pattern: Vec<char> = pattern.chars().collect();
    let name: Vec<char> = name.chars().collect();
    // Classic two-pointer wildcard match with backtracking to the last `*`.
    let (mut p, mut n) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while n < name.len() {
        if p < pattern.len() && (pattern[p] == '?' || pattern[p] == name[n]) {
            p += 1;
            n += 1;
        } else if p < pattern.len() && pattern[p] == '*' {
            star = Some((p, n));
            p += 1;
        } else if let Some((sp, sn)) = star {
            p = sp + 1;
            n = sn + 1;
            star = Some((sp, sn + 1));
        } else {
            return false;
        }
    }
    pattern[p..].iter().all(|c| *c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(pattern: &str, path: &str) -> bool {
        Glob::new(pattern).unwrap().matches(path)
    }

    #[test]
    fn stars_stay_inside_a_folder_and_double_stars_cross_them() {
        let cases = [
            ("corpus/*.md", "corpus/a.md", true),
            ("corpus/*.md", "corpus/sub/a.md", false),
            ("corpus/**/*.md", "corpus/a.md", true),
            ("corpus/**/*.md", "corpus/x/y/a.md", true),
            ("corpus/**", "corpus/x/a.txt", true),
            ("./corpus/*.md", "corpus/a.md", true),
            ("corpus/a?.md", "corpus/ab.md", true),
            ("corpus/a?.md", "corpus/a.md", false),
            ("*.draft.md", "corpus/x/story.draft.md", true),
            ("*.draft.md", "corpus/x/story.md", false),
            ("drafts/", "drafts", true),
            ("drafts", "corpus/drafts/a.md", true),
            ("corpus/drafts", "corpus/drafts/a.md", true),
            ("corpus/drafts", "corpus/drafts-old/a.md", false),
            ("corpus/*-kremlin*.md", "corpus/2025-12-03-baltic-crossroads-kremlin.md", true),
        ];
        for (pattern, path, want) in cases {
            assert_eq!(matches(pattern, path), want, "{pattern} on {path}");
        }
    }

    #[test]
    fn the_base_is_the_literal_folder_before_any_wildcard() {
        assert_eq!(Glob::new("corpus/**/*.md").unwrap().base(), "corpus");
        assert_eq!(Glob::new("news/2025/*.md").unwrap().base(), "news/2025");
        assert_eq!(Glob::new("*.md").unwrap().base(), "");
        assert_eq!(Glob::new("corpus").unwrap().base(), "");
    }

    #[test]
    fn empty_and_climbing_globs_are_errors() {
        assert!(Glob::new("").unwrap_err().contains("expected a path pattern"));
        assert!(Glob::new("../elsewhere/*.md").unwrap_err().contains("climbs out"));
    }
}
