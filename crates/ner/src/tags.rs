//! The BILOU tag set, its valid transitions, Viterbi decoding and decoding tags to spans.

use newsquotes_document::EntityLabel;

/// Entity types in tag order.
pub(crate) const TYPES: [EntityLabel; 4] = [
    EntityLabel::Per,
    EntityLabel::Org,
    EntityLabel::Loc,
    EntityLabel::Misc,
];

/// Number of tags: `O` plus B, I, L, U for each of the four types.
pub(crate) const NT: usize = 1 + 4 * 4;

/// Position of a token in an entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Pos {
    /// Beginning of a multi-token entity.
    B = 0,
    /// Inside.
    I = 1,
    /// Last.
    L = 2,
    /// A one-token entity.
    U = 3,
}

/// The tag index of `O`.
pub(crate) const O: usize = 0;

/// The tag index for a type (index into [`TYPES`]) and position.
#[inline]
pub(crate) const fn tag(ty: usize, pos: Pos) -> usize {
    1 + ty * 4 + pos as usize
}

/// Type index and position of a tag (`None` for `O`).
#[inline]
pub(crate) const fn split(tag: usize) -> Option<(usize, Pos)> {
    if tag == O {
        return None;
    }
    let p = match (tag - 1) % 4 {
        0 => Pos::B,
        1 => Pos::I,
        2 => Pos::L,
        _ => Pos::U,
    };
    Some(((tag - 1) / 4, p))
}

/// The tag's name, e.g. `B-PER`.
#[cfg(test)]
pub(crate) fn tag_name(t: usize) -> String {
    match split(t) {
        None => "O".to_owned(),
        Some((ty, p)) => format!("{}-{}", ["B", "I", "L", "U"][p as usize], TYPES[ty].name()),
    }
}

/// Whether a tag may start a sentence.
#[inline]
pub(crate) fn valid_start(t: usize) -> bool {
    !matches!(split(t), Some((_, Pos::I | Pos::L)))
}

/// Whether a tag may end a sentence.
#[inline]
pub(crate) fn valid_end(t: usize) -> bool {
    !matches!(split(t), Some((_, Pos::B | Pos::I)))
}

/// Whether `next` may follow `prev`.
#[inline]
pub(crate) fn valid(prev: usize, next: usize) -> bool {
    match (split(prev), split(next)) {
        (Some((pt, Pos::B | Pos::I)), Some((nt, Pos::I | Pos::L))) => pt == nt,
        (Some((_, Pos::B | Pos::I)), _) => false,
        (_, Some((_, Pos::I | Pos::L))) => false,
        _ => true,
    }
}

/// Converts entity spans `(start, end, type)` of a sentence of `n` tokens to BILOU tags.
pub(crate) fn spans_to_tags(n: usize, spans: &[(usize, usize, usize)]) -> Vec<usize> {
    let mut tags = vec![O; n];
    for &(s, e, ty) in spans {
        if e <= s || e > n {
            continue;
        }
        if e - s == 1 {
            tags[s] = tag(ty, Pos::U);
        } else {
            tags[s] = tag(ty, Pos::B);
            for t in &mut tags[s + 1..e - 1] {
                *t = tag(ty, Pos::I);
            }
            tags[e - 1] = tag(ty, Pos::L);
        }
    }
    tags
}

/// Decodes BILOU tags to spans `(start, end, type)`; ill-formed sequences are repaired leniently
/// (a dangling B/I closes where the run of its type ends).
pub(crate) fn tags_to_spans(tags: &[usize]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None; // (start, type)
    for (i, &t) in tags.iter().enumerate() {
        match split(t) {
            None => {
                if let Some((s, ty)) = open.take() {
                    out.push((s, i, ty));
                }
            }
            Some((ty, p)) => {
                if let Some((s, oty)) = open {
                    if oty != ty || matches!(p, Pos::B | Pos::U) {
                        out.push((s, i, oty));
                        open = None;
                    }
                }
                match p {
                    Pos::U => out.push((i, i + 1, ty)),
                    Pos::L => {
                        let s = open.take().map_or(i, |(s, _)| s);
                        out.push((s, i + 1, ty));
                    }
                    Pos::B | Pos::I => {
                        if open.is_none() {
                            open = Some((i, ty));
                        }
                    }
                }
            }
        }
    }
    if let Some((s, ty)) = open {
        out.push((s, tags.len(), ty));
    }
    out
}

/// Transition scores: `trans[prev * NT + next]`, plus start and end scores. Invalid moves are
/// never taken by [`viterbi`], whatever their scores.
#[derive(Clone, Debug)]
pub(crate) struct Transitions {
    pub(crate) start: [f32; NT],
    pub(crate) trans: [f32; NT * NT],
    pub(crate) end: [f32; NT],
}

impl Default for Transitions {
    fn default() -> Self {
        Transitions {
            start: [0.0; NT],
            trans: [0.0; NT * NT],
            end: [0.0; NT],
        }
    }
}

const NEG: f32 = f32::NEG_INFINITY;

/// The valid transitions with their scores; invalid ones at minus infinity.
#[derive(Clone, Debug)]
pub(crate) struct Lattice {
    start: [f32; NT],
    trans: [f32; NT * NT],
    end: [f32; NT],
    /// Valid predecessors of each tag (the first `npred[tag]` entries).
    pred: [[u8; NT]; NT],
    npred: [u8; NT],
    /// Valid successors of each tag.
    succ: [[u8; NT]; NT],
    nsucc: [u8; NT],
}

impl Lattice {
    /// Masks the invalid moves of `t`.
    pub(crate) fn new(t: &Transitions) -> Self {
        let mut l = Lattice {
            start: t.start,
            trans: t.trans,
            end: t.end,
            pred: [[0; NT]; NT],
            npred: [0; NT],
            succ: [[0; NT]; NT],
            nsucc: [0; NT],
        };
        for a in 0..NT {
            if !valid_start(a) {
                l.start[a] = NEG;
            }
            if !valid_end(a) {
                l.end[a] = NEG;
            }
            for b in 0..NT {
                if valid(a, b) {
                    l.pred[b][l.npred[b] as usize] = a as u8;
                    l.npred[b] += 1;
                    l.succ[a][l.nsucc[a] as usize] = b as u8;
                    l.nsucc[a] += 1;
                } else {
                    l.trans[a * NT + b] = NEG;
                }
            }
        }
        l
    }

    /// The best valid tag sequence for emission scores `emis[i * NT + tag]`, with each token's
    /// margin: the best path's score minus the best score of any path with another tag at that
    /// token (max-marginals from a forward and a backward pass).
    pub(crate) fn decode(
        &self,
        emis: &[f32],
        tags: &mut Vec<usize>,
        margins: Option<&mut Vec<f32>>,
    ) {
        let n = emis.len() / NT;
        tags.clear();
        if n == 0 {
            if let Some(m) = margins {
                m.clear();
            }
            return;
        }
        let mut fwd = vec![NEG; n * NT];
        let mut back = vec![0u8; n * NT];
        for y in 0..NT {
            fwd[y] = self.start[y] + emis[y];
        }
        for i in 1..n {
            let (prev, cur) = fwd.split_at_mut(i * NT);
            let prev = &prev[(i - 1) * NT..];
            for y in 0..NT {
                let mut best = NEG;
                let mut arg = 0u8;
                for &x in &self.pred[y][..self.npred[y] as usize] {
                    let s = prev[x as usize] + self.trans[x as usize * NT + y];
                    if s > best {
                        best = s;
                        arg = x;
                    }
                }
                cur[y] = best + emis[i * NT + y];
                back[i * NT + y] = arg;
            }
        }
        let last = &fwd[(n - 1) * NT..];
        let mut best = NEG;
        let mut arg = O;
        for (y, (&l, &e)) in last.iter().zip(&self.end).enumerate() {
            let s = l + e;
            if s > best {
                best = s;
                arg = y;
            }
        }
        tags.resize(n, O);
        tags[n - 1] = arg;
        for i in (1..n).rev() {
            tags[i - 1] = back[i * NT + tags[i]] as usize;
        }
        let Some(margins) = margins else { return };
        margins.clear();
        if tags.iter().all(|&t| t == O) {
            // No entity needs a score.
            margins.resize(n, 0.0);
            return;
        }
        // Backward max scores (excluding the token's own emission).
        let mut bwd = vec![NEG; n * NT];
        bwd[(n - 1) * NT..].copy_from_slice(&self.end);
        for i in (0..n - 1).rev() {
            for x in 0..NT {
                let mut b = NEG;
                for &y in &self.succ[x][..self.nsucc[x] as usize] {
                    let y = y as usize;
                    let s = self.trans[x * NT + y] + emis[(i + 1) * NT + y] + bwd[(i + 1) * NT + y];
                    if s > b {
                        b = s;
                    }
                }
                bwd[i * NT + x] = b;
            }
        }
        for i in 0..n {
            let mut other = NEG;
            for y in 0..NT {
                if y != tags[i] {
                    let s = fwd[i * NT + y] + bwd[i * NT + y];
                    if s > other {
                        other = s;
                    }
                }
            }
            margins.push(best - other);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bilou_round_trip() {
        let spans = vec![(0, 2, 0), (3, 4, 2), (5, 8, 1)];
        let tags = spans_to_tags(9, &spans);
        assert_eq!(tag_name(tags[0]), "B-PER");
        assert_eq!(tag_name(tags[1]), "L-PER");
        assert_eq!(tag_name(tags[3]), "U-LOC");
        assert_eq!(tag_name(tags[6]), "I-ORG");
        assert_eq!(tags_to_spans(&tags), spans);
    }

    #[test]
    fn lenient_decoding_of_broken_sequences() {
        // I-PER I-PER O, B-LOC U-LOC: a dangling run closes; a U after an open B closes it.
        let t = vec![
            tag(0, Pos::I),
            tag(0, Pos::I),
            O,
            tag(2, Pos::B),
            tag(2, Pos::U),
        ];
        assert_eq!(tags_to_spans(&t), vec![(0, 2, 0), (3, 4, 2), (4, 5, 2)]);
    }

    #[test]
    fn transition_constraints() {
        assert!(valid(O, tag(0, Pos::B)));
        assert!(valid(O, tag(0, Pos::U)));
        assert!(!valid(O, tag(0, Pos::I)));
        assert!(!valid(O, tag(0, Pos::L)));
        assert!(valid(tag(0, Pos::B), tag(0, Pos::L)));
        assert!(!valid(tag(0, Pos::B), tag(1, Pos::L)));
        assert!(!valid(tag(0, Pos::B), O));
        assert!(valid(tag(0, Pos::L), tag(1, Pos::U)));
        assert!(!valid_start(tag(3, Pos::L)));
        assert!(!valid_end(tag(3, Pos::B)));
    }

    #[test]
    fn viterbi_never_takes_invalid_moves() {
        // Emissions that, token by token, prefer I-PER then O (invalid as a sequence).
        let mut emis = vec![0.0f32; 2 * NT];
        emis[tag(0, Pos::I)] = 5.0;
        emis[NT + O] = 5.0;
        emis[tag(0, Pos::U)] = 1.0;
        let lat = Lattice::new(&Transitions::default());
        let mut tags = Vec::new();
        let mut margins = Vec::new();
        lat.decode(&emis, &mut tags, Some(&mut margins));
        assert_eq!(tags, vec![tag(0, Pos::U), O]);
        assert!(margins.iter().all(|&m| m >= 0.0));
        // The margin of the first token: best (1 + 5) minus best other (O then O: 0 + 5).
        assert!((margins[0] - 1.0).abs() < 1e-6);
        for n in 1..6 {
            let emis: Vec<f32> = (0..n * NT).map(|i| ((i * 7919) % 13) as f32).collect();
            lat.decode(&emis, &mut tags, None);
            assert!(valid_start(tags[0]) && valid_end(tags[n - 1]));
            assert!(tags.windows(2).all(|w| valid(w[0], w[1])));
        }
    }
}
