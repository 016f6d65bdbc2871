//! Sides of a disputed finding: its articles' values fall into groups that agree among
//! themselves, so that "nine reports say five hours, one says three" keeps the nine's
//! agreement. Works on the distinct sets of values the articles give (an article that
//! gives two values, for two sessions, is one set) and on which sets overlap.
//!
//! A set that overlaps two sets which do not overlap each other ("about 19 or 20"
//! between 19 and 20; an article giving both values) is a bridge: it takes no part in
//! the dispute, and forms a side of its own marked compatible with the sides it fits.
//! Once the bridges are set aside, every set's overlapping sets overlap each other too,
//! so what remains falls into cliques: the sides proper.

/// Which side each set is on, and what each side is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Partition {
    /// Per set, its side.
    pub side_of_set: Vec<usize>,
    /// Per side, the sides proper it is compatible with (empty for a side proper).
    pub compatible_with: Vec<Vec<usize>>,
}

/// Partition sets into sides. `agree[s][t]`: whether sets `s` and `t` overlap;
/// `articles[s]`: how many articles give set `s`; sets come in listing order (oldest
/// first). Sides proper are numbered largest first (`by_size`) or oldest first (for an
/// update, whose sides are its timeline); compatible sides after them.
pub fn partition(agree: &[Vec<bool>], articles: &[usize], by_size: bool) -> Partition {
    let n = agree.len();
    if agree.iter().all(|row| row.iter().all(|&a| a)) {
        return Partition { side_of_set: vec![0; n], compatible_with: vec![Vec::new()] };
    }
    let bridge: Vec<bool> = (0..n)
        .map(|s| {
            let fits: Vec<usize> = (0..n).filter(|&t| t != s && agree[s][t]).collect();
            fits.iter().any(|&t| fits.iter().any(|&u| !agree[t][u]))
        })
        .collect();
    // Sides proper: the cliques left once bridges are out, found as components.
    let mut component: Vec<Option<usize>> = vec![None; n];
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for s in 0..n {
        if bridge[s] || component[s].is_some() {
            continue;
        }
        let g = groups.len();
        let mut stack = vec![s];
        component[s] = Some(g);
        let mut members = Vec::new();
        while let Some(t) = stack.pop() {
            members.push(t);
            for u in 0..n {
                if !bridge[u] && component[u].is_none() && agree[t][u] {
                    component[u] = Some(g);
                    stack.push(u);
                }
            }
        }
        members.sort_unstable();
        groups.push(members);
    }
    let size = |g: &Vec<usize>| g.iter().map(|&s| articles[s]).sum::<usize>();
    let mut order: Vec<usize> = (0..groups.len()).collect();
    if by_size {
        order.sort_by(|&a, &b| size(&groups[b]).cmp(&size(&groups[a])).then(groups[a][0].cmp(&groups[b][0])));
    }
    let mut side_of_set = vec![0; n];
    for (side, &g) in order.iter().enumerate() {
        for &s in &groups[g] {
            side_of_set[s] = side;
        }
    }
    let proper = groups.len();
    let mut compatible_with: Vec<Vec<usize>> = vec![Vec::new(); proper];
    // Bridges: with the one side proper they wholly fit, or on a compatible side.
    // Compatible sides made so far: the sides proper they fit, and their sets.
    let mut compatible_sides: Vec<(Vec<usize>, Vec<usize>)> = Vec::new();
    for s in (0..n).filter(|&s| bridge[s]) {
        let fits: Vec<usize> =
            (0..proper).filter(|&side| (0..n).any(|t| !bridge[t] && side_of_set[t] == side && agree[s][t])).collect();
        if let [only] = fits.as_slice()
            && (0..n).all(|t| bridge[t] || side_of_set[t] != *only || agree[s][t])
        {
            side_of_set[s] = *only;
            continue;
        }
        let joined =
            compatible_sides.iter_mut().find(|(with, sets)| *with == fits && sets.iter().all(|&t| agree[s][t]));
        side_of_set[s] = match joined {
            Some((_, sets)) => {
                sets.push(s);
                side_of_set[sets[0]]
            }
            None => {
                compatible_with.push(fits.clone());
                compatible_sides.push((fits, vec![s]));
                compatible_with.len() - 1
            }
        };
    }
    Partition { side_of_set, compatible_with }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The overlap table of closed intervals.
    fn agree(intervals: &[(f64, f64)]) -> Vec<Vec<bool>> {
        intervals.iter().map(|a| intervals.iter().map(|b| a.0 <= b.1 && b.0 <= a.1).collect()).collect()
    }

    #[test]
    fn agreeing_values_are_one_side() {
        let p = partition(&agree(&[(5.0, 5.0), (4.0, 9.0)]), &[3, 1], true);
        assert_eq!(p, Partition { side_of_set: vec![0, 0], compatible_with: vec![vec![]] });
    }

    #[test]
    fn the_larger_side_comes_first() {
        // One article says three hours, nine say five (one of them "over four hours").
        let p = partition(&agree(&[(3.0, 3.0), (5.0, 5.0), (4.0, f64::INFINITY)]), &[1, 8, 1], true);
        assert_eq!(p.side_of_set, vec![1, 0, 0]);
        assert_eq!(p.compatible_with, vec![Vec::<usize>::new(), vec![]]);
        let timeline = partition(&agree(&[(3.0, 3.0), (5.0, 5.0)]), &[1, 8], false);
        assert_eq!(timeline.side_of_set, vec![0, 1], "oldest first");
    }

    #[test]
    fn a_value_between_two_sides_is_compatible_with_both() {
        // 19, 20, and "about 19 or 20".
        let p = partition(&agree(&[(19.0, 19.0), (20.0, 20.0), (19.0, 20.0), (20.0, 20.0)]), &[2, 3, 1, 1], true);
        assert_eq!(p.side_of_set, vec![1, 0, 2, 0]);
        assert_eq!(p.compatible_with, vec![vec![], vec![], vec![0, 1]]);
    }

    #[test]
    fn bridges_with_the_same_fit_share_a_side() {
        let p = partition(&agree(&[(19.0, 19.0), (21.0, 21.0), (19.0, 21.0), (18.5, 21.5)]), &[1, 1, 1, 1], true);
        assert_eq!(p.side_of_set, vec![0, 1, 2, 2]);
        assert_eq!(p.compatible_with[2], vec![0, 1]);
    }

    #[test]
    fn a_chain_of_values_never_puts_disagreeing_values_on_one_side() {
        let intervals: Vec<(f64, f64)> = (0..12).map(|i| (f64::from(i), f64::from(i) + 1.5)).collect();
        let table = agree(&intervals);
        let p = partition(&table, &vec![1; intervals.len()], true);
        for (s, row) in table.iter().enumerate() {
            for (t, overlap) in row.iter().enumerate() {
                if p.side_of_set[s] == p.side_of_set[t] {
                    assert!(overlap, "{s} and {t} share side {}: {p:?}", p.side_of_set[s]);
                }
            }
        }
    }
}
