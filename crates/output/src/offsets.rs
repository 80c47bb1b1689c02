//! Byte → code-point offset conversion.

/// Converts byte offsets of one text into Unicode code-point offsets.
///
/// Memory is proportional to the number of non-ASCII characters; each lookup is a binary search.
#[derive(Debug, Clone)]
pub struct CharOffsets {
    /// Byte offset just past each multi-byte char, with the extra bytes counted up to there.
    marks: Vec<(usize, usize)>,
}

impl CharOffsets {
    /// Indexes `text`.
    pub fn new(text: &str) -> Self {
        let mut marks = Vec::new();
        let mut extra = 0;
        for (i, c) in text.char_indices() {
            let n = c.len_utf8();
            if n > 1 {
                extra += n - 1;
                marks.push((i + n, extra));
            }
        }
        CharOffsets { marks }
    }

    /// The code-point index of byte offset `byte` (which must be on a char boundary).
    pub fn char_index(&self, byte: usize) -> usize {
        let i = self.marks.partition_point(|&(b, _)| b <= byte);
        byte - if i == 0 { 0 } else { self.marks[i - 1].1 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_char_indices() {
        let text = "a“é”😀b ’x";
        let co = CharOffsets::new(text);
        for (ci, (bi, _)) in text.char_indices().enumerate() {
            assert_eq!(co.char_index(bi), ci, "byte {bi}");
        }
        assert_eq!(co.char_index(text.len()), text.chars().count());
        assert_eq!(CharOffsets::new("").char_index(0), 0);
    }
}
