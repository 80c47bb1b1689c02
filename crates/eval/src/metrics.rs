//! Counts and ratios shared by every scorer.

use serde::Serialize;

/// True positives, false positives and false negatives.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Predicted items that match a gold item.
    pub tp: usize,
    /// Predicted items that match no gold item.
    pub fp: usize,
    /// Gold items that no predicted item matches.
    #[serde(rename = "fn")]
    pub fn_: usize,
}

impl Counts {
    /// Counts from the number of matches, predicted items and gold items.
    pub fn from_matches(matched: usize, predicted: usize, gold: usize) -> Self {
        Counts {
            tp: matched,
            fp: predicted.saturating_sub(matched),
            fn_: gold.saturating_sub(matched),
        }
    }

    /// Adds another set of counts.
    pub fn add(&mut self, other: Counts) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }

    /// Number of predicted items.
    pub fn predicted(&self) -> usize {
        self.tp + self.fp
    }

    /// Number of gold items.
    pub fn gold(&self) -> usize {
        self.tp + self.fn_
    }

    /// `tp / (tp + fp)`, or `None` when nothing was predicted.
    pub fn precision(&self) -> Option<f64> {
        ratio(self.tp, self.predicted())
    }

    /// `tp / (tp + fn)`, or `None` when there is no gold item.
    pub fn recall(&self) -> Option<f64> {
        ratio(self.tp, self.gold())
    }

    /// Harmonic mean of precision and recall; `None` when both are undefined, 0 when one is
    /// undefined and the other is not (nothing found, or everything found was spurious).
    pub fn f1(&self) -> Option<f64> {
        match (self.precision(), self.recall()) {
            (None, None) => None,
            (Some(p), Some(r)) if p + r > 0.0 => Some(2.0 * p * r / (p + r)),
            _ => Some(0.0),
        }
    }
}

/// `correct / total`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Ratio {
    /// Items judged correct.
    pub correct: usize,
    /// Items judged.
    pub total: usize,
}

impl Ratio {
    /// Records one judged item.
    pub fn record(&mut self, correct: bool) {
        self.total += 1;
        self.correct += usize::from(correct);
    }

    /// Adds another ratio's counts.
    pub fn add(&mut self, other: Ratio) {
        self.correct += other.correct;
        self.total += other.total;
    }

    /// The ratio, or `None` when nothing was judged.
    pub fn value(&self) -> Option<f64> {
        ratio(self.correct, self.total)
    }
}

fn ratio(a: usize, b: usize) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

/// Formats an optional score as a percentage with one decimal ("87.5"), or "n/a".
pub fn pct(v: Option<f64>) -> String {
    v.map_or_else(|| "n/a".to_owned(), |v| format!("{:.1}", v * 100.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precision_recall_f1_by_hand() {
        let c = Counts::from_matches(3, 4, 6);
        assert_eq!(
            c,
            Counts {
                tp: 3,
                fp: 1,
                fn_: 3
            }
        );
        assert_eq!(c.precision(), Some(0.75));
        assert_eq!(c.recall(), Some(0.5));
        assert!((c.f1().unwrap() - 0.6).abs() < 1e-12);
    }

    #[test]
    fn empty_inputs_are_undefined_not_zero() {
        let none = Counts::default();
        assert_eq!(
            (none.precision(), none.recall(), none.f1()),
            (None, None, None)
        );
        let missed = Counts::from_matches(0, 0, 2);
        assert_eq!(
            (missed.precision(), missed.recall(), missed.f1()),
            (None, Some(0.0), Some(0.0))
        );
        let spurious = Counts::from_matches(0, 2, 0);
        assert_eq!(spurious.f1(), Some(0.0));
        assert_eq!(Ratio::default().value(), None);
    }

    #[test]
    fn ratios_and_sums() {
        let mut r = Ratio::default();
        r.record(true);
        r.record(false);
        r.record(true);
        assert_eq!(r.value(), Some(2.0 / 3.0));
        let mut c = Counts::from_matches(1, 1, 1);
        c.add(Counts::from_matches(0, 1, 1));
        assert_eq!(
            c,
            Counts {
                tp: 1,
                fp: 1,
                fn_: 1
            }
        );
        assert_eq!(pct(Some(0.8754)), "87.5");
        assert_eq!(pct(None), "n/a");
    }
}
