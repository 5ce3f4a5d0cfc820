//! Sorting through one routine. Every call of std's `sort_by` with its own closure or element type is a
//! new copy of std's sorting algorithms, about 4 KB of wasm each (the main module carried fifteen,
//! 60 KB before wasm-opt). In the wasm module one merge sort over indices serves every call; natively
//! std's sort runs (faster). Both are stable, so both order exactly alike, ties in input order.

use std::cmp::Ordering;

/// Sorts `v` stably by `cmp`.
pub fn sort_by<T>(v: &mut [T], cmp: impl FnMut(&T, &T) -> Ordering) {
    #[cfg(not(target_arch = "wasm32"))]
    v.sort_by(cmp);
    #[cfg(target_arch = "wasm32")]
    {
        let mut cmp = cmp;
        let order = sorted_indices(v.len(), &mut |a, b| cmp(&v[a], &v[b]));
        permute(v, &order);
    }
}

/// Sorts `v` stably by `key`.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` by its order (equal elements are alike, so stability does not show).
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// The indices `0..n` in the stable order `cmp` gives them: a bottom-up merge sort, compiled once.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn sorted_indices(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut from: Vec<usize> = (0..n).collect();
    let mut to = vec![0; n];
    let mut width = 1;
    while width < n {
        for start in (0..n).step_by(2 * width) {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut i, mut j) = (start, mid);
            for slot in &mut to[start..end] {
                // The left run wins ties: stable.
                let left = j >= end || (i < mid && cmp(from[i], from[j]) != Ordering::Greater);
                if left {
                    *slot = from[i];
                    i += 1;
                } else {
                    *slot = from[j];
                    j += 1;
                }
            }
        }
        std::mem::swap(&mut from, &mut to);
        width *= 2;
    }
    from
}

/// Puts `v[order[k]]` at position `k`, following each cycle of the permutation with swaps.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn permute<T>(v: &mut [T], order: &[usize]) {
    let mut done = vec![false; order.len()];
    for start in 0..order.len() {
        let mut at = start;
        while !done[at] {
            done[at] = true;
            let next = order[at];
            if next == start {
                break;
            }
            v.swap(at, next);
            at = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        // The wasm module's routine orders exactly as std's stable sort, ties included.
        #[test]
        fn the_compact_sort_orders_as_std(v in prop::collection::vec((0u8..6, any::<u16>()), 0..200)) {
            let mut expected = v.clone();
            expected.sort_by_key(|p| p.0);
            let mut got = v.clone();
            let order = sorted_indices(got.len(), &mut |a, b| v[a].0.cmp(&v[b].0));
            permute(&mut got, &order);
            prop_assert_eq!(got, expected);
        }
    }
}
