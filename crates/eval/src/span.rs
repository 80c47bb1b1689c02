//! Code-point spans and interval arithmetic.

use serde::{Deserialize, Serialize};

/// A half-open range `[start, end)` of **code-point** offsets (as in schema v1 and brat).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct CharSpan {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
}

impl CharSpan {
    /// Creates a span.
    pub const fn new(start: usize, end: usize) -> Self {
        CharSpan { start, end }
    }

    /// Number of code points (0 for an inverted span).
    pub const fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// True when the span covers nothing.
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// True when the spans share at least one code point.
    pub const fn overlaps(&self, other: &CharSpan) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// Sorts spans, drops empty ones and merges those that overlap or touch.
pub fn merge(spans: &[CharSpan]) -> Vec<CharSpan> {
    let mut v: Vec<CharSpan> = spans.iter().copied().filter(|s| !s.is_empty()).collect();
    v.sort();
    let mut out: Vec<CharSpan> = Vec::with_capacity(v.len());
    for s in v {
        match out.last_mut() {
            Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
            _ => out.push(s),
        }
    }
    out
}

/// Number of code points covered by both unions.
pub fn intersection_len(a: &[CharSpan], b: &[CharSpan]) -> usize {
    let (a, b) = (merge(a), merge(b));
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        let lo = a[i].start.max(b[j].start);
        let hi = a[i].end.min(b[j].end);
        n += hi.saturating_sub(lo);
        if a[i].end < b[j].end {
            i += 1;
        } else {
            j += 1;
        }
    }
    n
}

/// Character Jaccard index of the union of `a` and the union of `b`: |A ∩ B| / |A ∪ B|
/// (0 when both are empty).
pub fn jaccard(a: &[CharSpan], b: &[CharSpan]) -> f64 {
    let la: usize = merge(a).iter().map(CharSpan::len).sum();
    let lb: usize = merge(b).iter().map(CharSpan::len).sum();
    let i = intersection_len(a, b);
    let u = la + lb - i;
    if u == 0 {
        0.0
    } else {
        i as f64 / u as f64
    }
}

/// True when some span of `a` overlaps some span of `b`.
pub fn any_overlap(a: &[CharSpan], b: &[CharSpan]) -> bool {
    a.iter().any(|x| b.iter().any(|y| x.overlaps(y)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(a: usize, b: usize) -> CharSpan {
        CharSpan::new(a, b)
    }

    #[test]
    fn merge_sorts_and_joins() {
        assert_eq!(
            merge(&[s(10, 12), s(0, 3), s(2, 5), s(5, 6), s(7, 7)]),
            vec![s(0, 6), s(10, 12)]
        );
        assert!(merge(&[]).is_empty());
    }

    #[test]
    fn jaccard_by_hand() {
        // A = [0,10), B = [5,15): |A∩B| = 5, |A∪B| = 15.
        assert!((jaccard(&[s(0, 10)], &[s(5, 15)]) - 5.0 / 15.0).abs() < 1e-12);
        // Two gold pieces [0,4) + [10,14) against one predicted [0,14): 8 / 14.
        assert!((jaccard(&[s(0, 4), s(10, 14)], &[s(0, 14)]) - 8.0 / 14.0).abs() < 1e-12);
        assert_eq!(jaccard(&[s(0, 3)], &[s(0, 3)]), 1.0);
        assert_eq!(jaccard(&[s(0, 3)], &[s(3, 6)]), 0.0);
        assert_eq!(jaccard(&[], &[]), 0.0);
        assert_eq!(jaccard(&[s(0, 3)], &[]), 0.0);
    }

    #[test]
    fn overlap_is_strict() {
        assert!(any_overlap(&[s(0, 3)], &[s(9, 12), s(2, 4)]));
        assert!(!any_overlap(&[s(0, 3)], &[s(3, 5)]));
        assert!(!any_overlap(&[], &[s(0, 5)]));
    }
}
