//! Sliding windows over a sentence's sub-words when it is longer than the model's input.
//!
//! Windows of at most `size` sub-words overlap by at least `overlap`; the last one ends at the end
//! of the sentence. Every sub-word takes its prediction from exactly one window: the one in which
//! it has the most context on its shorter side, so predictions near a window's edge come from the
//! neighbouring window, and nothing is lost or counted twice.

/// A window: sub-word positions `start..end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    /// First sub-word.
    pub start: usize,
    /// One past the last sub-word.
    pub end: usize,
}

/// The windows covering `n` sub-words. `size` is clamped to at least 1 and `overlap` to less than
/// `size`. One window when `n <= size`; none when `n == 0`.
pub fn windows(n: usize, size: usize, overlap: usize) -> Vec<Window> {
    let size = size.max(1);
    let step = size - overlap.min(size - 1);
    let mut out = Vec::new();
    if n == 0 {
        return out;
    }
    let mut start = 0;
    loop {
        let end = (start + size).min(n);
        if end == n {
            // The last window is full-size when the sentence allows it: more context.
            out.push(Window {
                start: n.saturating_sub(size),
                end,
            });
            return out;
        }
        out.push(Window { start, end });
        start += step;
    }
}

/// For each of the `n` positions, the index of the window it takes its prediction from: among the
/// windows containing it, the one where its distance to the nearer edge is largest (the earlier
/// window on ties).
pub fn owners(n: usize, windows: &[Window]) -> Vec<usize> {
    (0..n)
        .map(|p| {
            let mut best = (0, None::<usize>);
            for (i, w) in windows.iter().enumerate() {
                if (w.start..w.end).contains(&p) {
                    let context = (p - w.start).min(w.end - 1 - p);
                    if best.1.is_none() || context > best.0 {
                        best = (context, Some(i));
                    }
                }
            }
            best.1.unwrap_or(0)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(start: usize, end: usize) -> Window {
        Window { start, end }
    }

    #[test]
    fn short_input_is_one_window() {
        assert_eq!(windows(0, 8, 2), vec![]);
        assert_eq!(windows(5, 8, 2), vec![w(0, 5)]);
        assert_eq!(windows(8, 8, 2), vec![w(0, 8)]);
    }

    #[test]
    fn long_input_overlaps_and_ends_at_the_end() {
        assert_eq!(
            windows(20, 8, 3),
            vec![w(0, 8), w(5, 13), w(10, 18), w(12, 20)]
        );
        assert_eq!(windows(9, 8, 0), vec![w(0, 8), w(1, 9)]);
        // Degenerate settings still cover everything.
        assert_eq!(windows(3, 0, 5), vec![w(0, 1), w(1, 2), w(2, 3)]);
        assert_eq!(windows(3, 2, 9), vec![w(0, 2), w(1, 3)]);
    }

    #[test]
    fn every_position_has_one_owner_that_contains_it() {
        for n in 0..60 {
            for size in 1..12 {
                for overlap in 0..size {
                    let ws = windows(n, size, overlap);
                    assert!(ws.iter().all(|x| x.end - x.start <= size && x.end <= n));
                    let own = owners(n, &ws);
                    assert_eq!(own.len(), n);
                    for (p, &o) in own.iter().enumerate() {
                        assert!(
                            (ws[o].start..ws[o].end).contains(&p),
                            "{n} {size} {overlap}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn owners_prefer_the_window_with_more_context() {
        let ws = windows(20, 8, 3); // [0,8) [5,13) [10,18) [12,20)
        let own = owners(20, &ws);
        assert_eq!(&own[..5], &[0, 0, 0, 0, 0]);
        // 5 is at window 1's first edge; 6 ties (one sub-word of context on either side); 7 is at
        // window 0's last edge but has two on each side in window 1.
        assert_eq!(own[5], 0);
        assert_eq!(own[6], 0);
        assert_eq!(own[7], 1);
        assert_eq!(&own[18..], &[3, 3]);
    }
}
