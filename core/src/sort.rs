//! A stable sort for the widget's short lists (a session's custom fields, the ~245
//! billing countries).
//!
//! Why not `slice::sort_by`: each instantiation of the standard library's stable sort
//! is ~3 KB of wasm, one per element type. A binary insertion sort is a few hundred
//! bytes: O(n log n) comparisons (what costs here: the countries compare through
//! `Intl.Collator`) and O(n²) moves, which for a few hundred elements are a few
//! `memmove`s of pointers.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, keeping equal items in their order.
pub fn stable_sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    for i in 1..items.len() {
        let (sorted, rest) = items.split_at(i);
        // After every equal item already placed: stable.
        let at = sorted.partition_point(|placed| compare(placed, &rest[0]) != Ordering::Greater);
        items[at..=i].rotate_right(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_stable_sort() {
        // Pseudo-random pairs (key, position): ties must keep their positions' order.
        let mut seed = 7u64;
        for len in [0, 1, 2, 3, 10, 100, 300] {
            let mut items: Vec<(u8, usize)> = (0..len)
                .map(|i| {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    ((seed >> 59) as u8, i)
                })
                .collect();
            let mut expected = items.clone();
            expected.sort_by_key(|(k, _)| *k);
            stable_sort_by(&mut items, |a, b| a.0.cmp(&b.0));
            assert_eq!(items, expected, "len {len}");
        }
    }
}
