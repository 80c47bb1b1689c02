//! Feature extraction: per-token properties computed once, then hashed feature keys per token.
//!
//! Every feature is a `u64` key `mix(template, value)`; the model maps keys to weight rows.
//! Groups: the token (word, lowercase, shape, affixes), its neighbours (±2 words and shapes),
//! capitalisation in context (sentence-initial, all-caps lines), word clusters, gazetteer
//! matches, label-free document statistics, and (second pass) the first-pass labels of the same
//! word elsewhere in the document.

use std::borrow::Cow;

use crate::hash::{hash_str, mix, IdMap, KeyTable};

/// No cluster for this word.
pub(crate) const NO_CLUSTER: u16 = u16::MAX;

/// Number of cluster granularities in the cluster table.
pub(crate) const CLUSTER_LEVELS: usize = 3;

/// Which feature groups a model uses (stored in the model file).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FeatureSet {
    /// Word-cluster features.
    pub clusters: bool,
    /// Gazetteer features.
    pub gazetteer: bool,
    /// Document-level features: label-free statistics and the two-pass label consistency.
    pub document: bool,
}

impl Default for FeatureSet {
    fn default() -> Self {
        FeatureSet {
            clusters: true,
            gazetteer: true,
            document: true,
        }
    }
}

impl FeatureSet {
    pub(crate) fn bits(self) -> u32 {
        u32::from(self.clusters) | u32::from(self.gazetteer) << 1 | u32::from(self.document) << 2
    }
    pub(crate) fn from_bits(b: u32) -> Self {
        FeatureSet {
            clusters: b & 1 != 0,
            gazetteer: b & 2 != 0,
            document: b & 4 != 0,
        }
    }
}

/// Maps CoNLL/news typography to one form: curly quotes and apostrophes to straight ones,
/// `` and '' to `"`, en and em dashes to `-`, the ellipsis character to `...`.
pub(crate) fn normalize(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        if s == "``" || s == "''" {
            return Cow::Borrowed("\"");
        }
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{FF07}' => {
                out.push('\'')
            }
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}'
            | '\u{2033}' | '\u{FF02}' => out.push('"'),
            '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}' => out.push('-'),
            '\u{2026}' => out.push_str("..."),
            '\u{00A0}' => out.push(' '),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Capitalisation class of a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Cap {
    /// No letters.
    NoLetters,
    /// Letters, none uppercase.
    Lower,
    /// First letter uppercase, some lowercase.
    Init,
    /// Letters, none lowercase (at least one uppercase).
    All,
    /// Uppercase inside, e.g. `McDonald`, `iPhone`.
    Mixed,
}

/// Per-token properties, computed once per token.
#[derive(Clone, Debug)]
pub(crate) struct TokInfo {
    pub(crate) word: u64,
    pub(crate) lower: u64,
    pub(crate) shape: u64,
    pub(crate) sshape: u64,
    /// Lowercase prefixes then suffixes of 1..=4 chars (0 when the word is too short).
    pub(crate) affix: [u64; 8],
    pub(crate) clusters: [u16; CLUSTER_LEVELS],
    pub(crate) cap: Cap,
}

impl TokInfo {
    pub(crate) fn has_upper(&self) -> bool {
        matches!(self.cap, Cap::Init | Cap::All | Cap::Mixed)
    }
}

/// Word-cluster table: word hash → packed cluster ids (10 bits per level).
#[derive(Clone, Debug, Default)]
pub(crate) struct Clusters {
    pub(crate) table: KeyTable,
}

impl Clusters {
    pub(crate) fn pack(ids: [u16; CLUSTER_LEVELS]) -> u32 {
        ids.iter().enumerate().fold(0u32, |acc, (i, &c)| {
            acc | (u32::from(c.min(1023)) << (10 * i))
        })
    }

    fn unpack(v: u32) -> [u16; CLUSTER_LEVELS] {
        let mut out = [0u16; CLUSTER_LEVELS];
        for (i, o) in out.iter_mut().enumerate() {
            *o = ((v >> (10 * i)) & 1023) as u16;
        }
        out
    }

    fn get(&self, word_hash: u64) -> Option<[u16; CLUSTER_LEVELS]> {
        self.table.get(word_hash).map(Self::unpack)
    }
}

fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut first = true;
    for c in s.chars() {
        if first {
            out.extend(c.to_uppercase());
            first = false;
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Computes a token's properties; `all_caps_line` selects title-case cluster look-ups.
pub(crate) fn token_info(raw: &str, clusters: Option<&Clusters>, all_caps_line: bool) -> TokInfo {
    let norm = normalize(raw);
    let w: &str = &norm;
    let lower = w.to_lowercase();
    let mut shape = String::with_capacity(16);
    let mut sshape = String::with_capacity(8);
    let (mut up, mut low, mut first_up, mut n) = (0usize, 0usize, false, 0usize);
    for c in w.chars() {
        let s = if c.is_uppercase() {
            up += 1;
            if n == 0 {
                first_up = true;
            }
            'X'
        } else if c.is_lowercase() {
            low += 1;
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else if c.is_alphabetic() {
            low += 1;
            'x'
        } else {
            c
        };
        if n < 16 {
            shape.push(s);
        }
        if !sshape.ends_with(s) {
            sshape.push(s);
        }
        n += 1;
    }
    let cap = if up + low == 0 {
        Cap::NoLetters
    } else if up == 0 {
        Cap::Lower
    } else if low == 0 {
        Cap::All
    } else if first_up && (up == 1 || w.contains('-')) {
        Cap::Init
    } else {
        Cap::Mixed
    };
    // Affixes of the lowercase form, hashed from byte slices at char boundaries.
    let mut affix = [0u64; 8];
    let nchars = lower.chars().count();
    if nchars > 1 {
        let mut starts = lower.char_indices().map(|(i, _)| i).skip(1);
        for k in 1..=4.min(nchars - 1) {
            if let Some(b) = starts.next() {
                affix[k - 1] = hash_str(&lower[..b]);
            }
        }
        let mut ends = lower.char_indices().rev().map(|(i, _)| i);
        for k in 1..=4.min(nchars - 1) {
            if let Some(b) = ends.next() {
                affix[3 + k] = hash_str(&lower[b..]);
            }
        }
    }
    let word = hash_str(w);
    let lower_h = hash_str(&lower);
    let mut cl = [NO_CLUSTER; CLUSTER_LEVELS];
    if let Some(c) = clusters {
        let found = if all_caps_line && cap == Cap::All && n > 1 {
            c.get(hash_str(&title_case(w))).or_else(|| c.get(word))
        } else {
            c.get(word)
        };
        if let Some(ids) = found.or_else(|| c.get(lower_h)) {
            cl = ids;
        }
    }
    TokInfo {
        word,
        lower: lower_h,
        shape: hash_str(&shape),
        sshape: hash_str(&sshape),
        affix,
        clusters: cl,
        cap,
    }
}

/// Whether a sentence reads as an all-caps line (a headline or dateline): at least four in five
/// of its words with letters have no lowercase letter.
pub(crate) fn all_caps_words(words: &[&str]) -> bool {
    let (mut alpha, mut caps) = (0usize, 0usize);
    for w in words {
        let (mut up, mut low) = (false, false);
        for c in w.chars() {
            up |= c.is_uppercase();
            low |= c.is_lowercase();
        }
        if up || low {
            alpha += 1;
            caps += usize::from(!low);
        }
    }
    alpha > 0 && caps * 5 >= alpha * 4
}

/// A sentence ready for feature extraction.
#[derive(Clone, Debug)]
pub(crate) struct Sent {
    pub(crate) toks: Vec<TokInfo>,
    pub(crate) all_caps: bool,
    /// Gazetteer tag per token (0 = none, else a BILOU tag index).
    pub(crate) gaz: Vec<u8>,
    /// Label-free document flags per token.
    pub(crate) docf: Vec<u8>,
    /// Context aggregation: for capitalised tokens, hashed neighbours (±1, lowercase) of the
    /// same word's other occurrences in the document.
    pub(crate) agg: Vec<Vec<u64>>,
}

/// A gazetteer: lowercase token sequences of training entities → their majority type.
#[derive(Clone, Debug, Default)]
pub(crate) struct Gazetteer {
    pub(crate) table: KeyTable,
    pub(crate) max_len: usize,
}

/// Start value of gazetteer keys.
pub(crate) const GAZ_SEED: u64 = 0x5EED_6A2E_77E1_0001;

/// Greedy longest-match gazetteer tagging of a sentence; `lookup` gives a key's type.
pub(crate) fn gazetteer_tags(
    toks: &[TokInfo],
    max_len: usize,
    lookup: impl Fn(u64) -> Option<usize>,
) -> Vec<u8> {
    use crate::tags::{tag, Pos};
    let n = toks.len();
    let mut out = vec![0u8; n];
    let mut i = 0;
    while i < n {
        if !toks[i].has_upper() {
            i += 1;
            continue;
        }
        let mut h = GAZ_SEED;
        let mut best: Option<(usize, usize)> = None;
        for (j, t) in toks.iter().enumerate().take(n.min(i + max_len)).skip(i) {
            h = mix(h, t.lower);
            if let Some(ty) = lookup(h) {
                best = Some((j + 1, ty));
            }
        }
        match best {
            Some((e, ty)) => {
                if e - i == 1 {
                    out[i] = tag(ty, Pos::U) as u8;
                } else {
                    out[i] = tag(ty, Pos::B) as u8;
                    for o in &mut out[i + 1..e - 1] {
                        *o = tag(ty, Pos::I) as u8;
                    }
                    out[e - 1] = tag(ty, Pos::L) as u8;
                }
                i = e;
            }
            None => i += 1,
        }
    }
    out
}

/// Label-free document statistics: for each capitalised token, whether its lowercase form is
/// written elsewhere in the document in lowercase (a common word) or capitalised in mid-sentence
/// of an ordinary line (a name). Bit 0: seen lowercase; bit 1: seen capitalised.
pub(crate) fn document_flags(sents: &mut [Sent]) {
    let mut counts: IdMap<(u32, u32)> = IdMap::default();
    let evidence = |s: &Sent, i: usize| -> (u32, u32) {
        let t = &s.toks[i];
        if i == 0 || s.all_caps {
            return (0, 0);
        }
        match t.cap {
            Cap::Lower => (1, 0),
            Cap::Init | Cap::Mixed => (0, 1),
            _ => (0, 0),
        }
    };
    for s in sents.iter() {
        for i in 0..s.toks.len() {
            let (l, c) = evidence(s, i);
            if l + c > 0 {
                let e = counts.entry(s.toks[i].lower).or_default();
                e.0 += l;
                e.1 += c;
            }
        }
    }
    for s in sents.iter_mut() {
        let mut flags = vec![0u8; s.toks.len()];
        for (i, f) in flags.iter_mut().enumerate() {
            let t = &s.toks[i];
            if !t.has_upper() {
                continue;
            }
            let (own_l, own_c) = evidence(s, i);
            if let Some(&(l, c)) = counts.get(&t.lower) {
                *f = u8::from(l > own_l) | u8::from(c > own_c) << 1 | 4;
            } else {
                *f = 4;
            }
        }
        s.docf = flags;
    }
    context_aggregation(sents);
}

/// Most other occurrences whose contexts a token sees.
const AGG_MAX: usize = 12;

fn context_aggregation(sents: &mut [Sent]) {
    let mut occ: IdMap<Vec<(u32, u32)>> = IdMap::default();
    for (si, s) in sents.iter().enumerate() {
        for (i, t) in s.toks.iter().enumerate() {
            if t.has_upper() {
                occ.entry(t.lower).or_default().push((si as u32, i as u32));
            }
        }
    }
    let ctx = |sents: &[Sent], si: u32, i: u32, d: isize| -> u64 {
        let s = &sents[si as usize];
        let j = i as isize + d;
        if j < 0 || j as usize >= s.toks.len() {
            if d < 0 {
                BOS
            } else {
                EOS
            }
        } else {
            s.toks[j as usize].lower
        }
    };
    let mut all = Vec::with_capacity(sents.len());
    for (si, s) in sents.iter().enumerate() {
        let mut agg = vec![Vec::new(); s.toks.len()];
        for (i, t) in s.toks.iter().enumerate() {
            let Some(list) = occ.get(&t.lower) else {
                continue;
            };
            if list.len() < 2 {
                continue;
            }
            let a = &mut agg[i];
            for &(sj, j) in list
                .iter()
                .filter(|&&o| o != (si as u32, i as u32))
                .take(AGG_MAX)
            {
                for k in [
                    mix(T_AGGL, ctx(sents, sj, j, -1)),
                    mix(T_AGGR, ctx(sents, sj, j, 1)),
                ] {
                    if !a.contains(&k) {
                        a.push(k);
                    }
                }
            }
        }
        all.push(agg);
    }
    for (s, agg) in sents.iter_mut().zip(all) {
        s.agg = agg;
    }
}

// Feature templates.
const T_BIAS: u64 = 1;
const T_W: u64 = 2;
const T_L: u64 = 3;
const T_SH: u64 = 4;
const T_SSH: u64 = 5;
const T_AFFIX: u64 = 10; // .. 17
const T_WM1: u64 = 20;
const T_WP1: u64 = 21;
const T_LM1: u64 = 22;
const T_LP1: u64 = 23;
const T_LM2: u64 = 24;
const T_LP2: u64 = 25;
const T_SHM1: u64 = 26;
const T_SHP1: u64 = 27;
const T_SHM2: u64 = 28;
const T_SHP2: u64 = 29;
const T_SHB1: u64 = 30;
const T_SHB2: u64 = 31;
const T_SHT: u64 = 32;
const T_LB1: u64 = 33;
const T_LB2: u64 = 34;
const T_INIT: u64 = 40;
const T_INITL: u64 = 41;
const T_CAPS: u64 = 42;
const T_CAPSL: u64 = 43;
const T_CAPSM1: u64 = 44;
const T_C0: u64 = 50; // .. 52
const T_CM1: u64 = 53;
const T_CP1: u64 = 54;
const T_CSH: u64 = 55;
const T_CM2: u64 = 56;
const T_CP2: u64 = 57;
const T_GAZ: u64 = 60;
const T_GAZM1: u64 = 61;
const T_GAZP1: u64 = 62;
const T_GAZSH: u64 = 63;
const T_DOCF: u64 = 70;
const T_DOCFL: u64 = 71;
const T_AGGL: u64 = 72;
const T_AGGR: u64 = 73;
const T_DL: u64 = 80;
const T_DLS: u64 = 81;
const T_DLP: u64 = 82;
const T_DLN: u64 = 83;
const T_DLLONG: u64 = 84;

const BOS: u64 = 0xB05;
const EOS: u64 = 0xE05;

/// Pushes the base (first-pass) feature keys of token `i`.
pub(crate) fn base_features(s: &Sent, i: usize, fs: FeatureSet, out: &mut Vec<u64>) {
    let t = &s.toks[i];
    let n = s.toks.len();
    let at = |d: isize| -> Option<&TokInfo> {
        let j = i as isize + d;
        (j >= 0 && (j as usize) < n).then(|| &s.toks[j as usize])
    };
    let edge = |d: isize| if d < 0 { BOS } else { EOS };
    let word = |d: isize| at(d).map_or(edge(d), |t| t.word);
    let lower = |d: isize| at(d).map_or(edge(d), |t| t.lower);
    let shape = |d: isize| at(d).map_or(edge(d), |t| t.shape);
    let sshape = |d: isize| at(d).map_or(edge(d), |t| t.sshape);

    out.push(mix(T_BIAS, 0));
    out.push(mix(T_W, t.word));
    out.push(mix(T_L, t.lower));
    out.push(mix(T_SH, t.shape));
    out.push(mix(T_SSH, t.sshape));
    for (k, &a) in t.affix.iter().enumerate() {
        if a != 0 {
            out.push(mix(T_AFFIX + k as u64, a));
        }
    }
    out.push(mix(T_WM1, word(-1)));
    out.push(mix(T_WP1, word(1)));
    out.push(mix(T_LM1, lower(-1)));
    out.push(mix(T_LP1, lower(1)));
    out.push(mix(T_LM2, lower(-2)));
    out.push(mix(T_LP2, lower(2)));
    out.push(mix(T_SHM1, shape(-1)));
    out.push(mix(T_SHP1, shape(1)));
    out.push(mix(T_SHM2, sshape(-2)));
    out.push(mix(T_SHP2, sshape(2)));
    out.push(mix(T_SHB1, mix(sshape(-1), t.sshape)));
    out.push(mix(T_SHB2, mix(t.sshape, sshape(1))));
    out.push(mix(T_SHT, mix(mix(sshape(-1), t.sshape), sshape(1))));
    out.push(mix(T_LB1, mix(lower(-1), t.lower)));
    out.push(mix(T_LB2, mix(t.lower, lower(1))));
    if i == 0 {
        out.push(mix(T_INIT, t.sshape));
        out.push(mix(T_INITL, t.lower));
    }
    if s.all_caps {
        out.push(mix(T_CAPS, t.sshape));
        out.push(mix(T_CAPSL, t.lower));
        out.push(mix(T_CAPSM1, lower(-1)));
    }
    if fs.clusters {
        let cl = |d: isize, lvl: usize| {
            at(d).map_or(u64::from(NO_CLUSTER) + 1, |t| u64::from(t.clusters[lvl]))
        };
        for lvl in 0..CLUSTER_LEVELS {
            out.push(mix(T_C0 + lvl as u64, u64::from(t.clusters[lvl])));
        }
        out.push(mix(T_CM1, cl(-1, 1)));
        out.push(mix(T_CP1, cl(1, 1)));
        out.push(mix(T_CM2, cl(-2, 0)));
        out.push(mix(T_CP2, cl(2, 0)));
        out.push(mix(T_CSH, mix(u64::from(t.clusters[2]), t.sshape)));
    }
    if fs.gazetteer {
        let g = |d: isize| {
            let j = i as isize + d;
            if j >= 0 && (j as usize) < n {
                u64::from(s.gaz[j as usize])
            } else {
                255
            }
        };
        out.push(mix(T_GAZ, g(0)));
        out.push(mix(T_GAZM1, g(-1)));
        out.push(mix(T_GAZP1, g(1)));
        if s.gaz[i] != 0 {
            out.push(mix(T_GAZSH, mix(g(0), t.sshape)));
        }
    }
    if fs.document && s.docf[i] != 0 {
        let ctx = if s.all_caps { 2 } else { u64::from(i == 0) };
        out.push(mix(T_DOCF, u64::from(s.docf[i]) * 4 + ctx));
        out.push(mix(T_DOCFL, mix(u64::from(s.docf[i]) * 4 + ctx, t.sshape)));
    }
    if fs.document {
        if let Some(a) = s.agg.get(i) {
            out.extend_from_slice(a);
        }
    }
}

/// First-pass label evidence for a token: the majority label (0..4 = PER, ORG, LOC, MISC; 4 = O)
/// of the same lowercase word elsewhere in the document, with how many occurrences back it and
/// whether that evidence came from multi-token entities.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct DocLabel {
    /// Type (0..4) of a longer first-pass entity containing the word elsewhere, if any.
    pub(crate) longer: Option<u8>,
    pub(crate) majority: u8,
    pub(crate) support: u8,
    pub(crate) in_multi: bool,
}

/// Occurrence counts of capitalised words by first-pass label, per document.
#[derive(Default)]
pub(crate) struct DocLabelStats {
    counts: IdMap<[u32; 6]>,
    /// Longest first-pass entity (in tokens) containing the word, per type.
    longest: IdMap<[u8; 4]>,
}

impl DocLabelStats {
    /// Records the first-pass label of a capitalised token: `ty` 0..4 for entity types, 4 = O;
    /// `multi` when the entity spans several tokens.
    pub(crate) fn add(&mut self, lower: u64, ty: usize, len: usize) {
        let multi = len > 1;
        if ty < 4 {
            let l = &mut self.longest.entry(lower).or_default()[ty];
            *l = (*l).max(len.min(255) as u8);
        }
        let c = self.counts.entry(lower).or_default();
        c[ty] += 1;
        if multi {
            c[5] += 1;
        }
    }

    /// The evidence for a token, excluding its own first-pass label.
    pub(crate) fn get(&self, lower: u64, own_ty: usize, own_len: usize) -> Option<DocLabel> {
        let own_multi = own_len > 1;
        let longer = self.longest.get(&lower).and_then(|l| {
            let (ty, &len) = l.iter().enumerate().max_by_key(|&(i, &v)| (v, 4 - i))?;
            (usize::from(len) > own_len.max(1)).then_some(ty as u8)
        });
        let c = self.counts.get(&lower)?;
        let mut c = *c;
        c[own_ty] = c[own_ty].saturating_sub(1);
        if own_multi {
            c[5] = c[5].saturating_sub(1);
        }
        let total: u32 = c[..5].iter().sum();
        if total == 0 {
            return None;
        }
        let (maj, &best) = c[..5]
            .iter()
            .enumerate()
            .max_by_key(|&(i, &v)| (v, 5 - i))?;
        let support = if best >= 3 { 3 } else { best as u8 };
        Some(DocLabel {
            longer,
            majority: maj as u8,
            support,
            in_multi: c[5] > 0,
        })
    }
}

/// Pushes the second-pass document-consistency feature keys of a token.
pub(crate) fn doc_label_features(t: &TokInfo, dl: DocLabel, out: &mut Vec<u64>) {
    let m = u64::from(dl.majority);
    out.push(mix(T_DL, m));
    out.push(mix(T_DLS, mix(m, t.sshape)));
    out.push(mix(T_DLP, m * 8 + u64::from(dl.support)));
    out.push(mix(T_DLN, m * 2 + u64::from(dl.in_multi)));
    if let Some(l) = dl.longer {
        out.push(mix(T_DLLONG, u64::from(l)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sent(words: &[&str]) -> Sent {
        let toks: Vec<TokInfo> = words.iter().map(|w| token_info(w, None, false)).collect();
        let all_caps = all_caps_words(words);
        let n = toks.len();
        Sent {
            toks,
            all_caps,
            gaz: vec![0; n],
            docf: vec![0; n],
            agg: vec![Vec::new(); n],
        }
    }

    #[test]
    fn normalisation_of_typography() {
        assert_eq!(normalize("don\u{2019}t"), "don't");
        assert_eq!(normalize("\u{201C}"), "\"");
        assert_eq!(normalize("``"), "\"");
        assert_eq!(normalize("\u{2014}"), "-");
        let a = token_info("\u{2019}s", None, false);
        let b = token_info("'s", None, false);
        assert_eq!(a.word, b.word);
    }

    #[test]
    fn shapes_and_caps() {
        let t = token_info("McDonald", None, false);
        assert_eq!(t.cap, Cap::Mixed);
        assert_eq!(t.shape, hash_str("XxXxxxxx"));
        assert_eq!(t.sshape, hash_str("XxXx"));
        assert_eq!(token_info("NATO", None, false).cap, Cap::All);
        assert_eq!(
            token_info("1996-08-22", None, false).shape,
            hash_str("dddd-dd-dd")
        );
        assert_eq!(token_info("Jean-Pierre", None, false).cap, Cap::Init);
        assert_eq!(token_info("said", None, false).cap, Cap::Lower);
        assert_eq!(token_info("said", None, false).affix[4], hash_str("d"));
        assert_eq!(token_info("a", None, false).affix, [0; 8]);
    }

    #[test]
    fn all_caps_lines() {
        assert!(sent(&["SOCCER", "-", "JAPAN", "WIN", "."]).all_caps);
        assert!(!sent(&["Japan", "won", "."]).all_caps);
        assert!(!sent(&[".", "1996"]).all_caps);
    }

    #[test]
    fn context_features_differ_by_position() {
        let s = sent(&["Peter", "Blackburn", "said"]);
        let fs = FeatureSet::default();
        let (mut a, mut b) = (Vec::new(), Vec::new());
        base_features(&s, 0, fs, &mut a);
        base_features(&s, 1, fs, &mut b);
        assert!(a.contains(&mix(T_INIT, hash_str("Xx"))));
        assert!(!b.contains(&mix(T_INIT, hash_str("Xx"))));
        assert!(b.contains(&mix(T_WM1, hash_str("Peter"))));
        assert!(a.contains(&mix(T_WM1, BOS)));
        assert!(b.contains(&mix(T_LP1, hash_str("said"))));
        // Same word in the same context gives the same features.
        let mut c = Vec::new();
        base_features(&sent(&["Peter", "Blackburn", "said"]), 1, fs, &mut c);
        assert_eq!(b, c);
    }

    #[test]
    fn gazetteer_longest_match() {
        let s = sent(&["the", "New", "York", "Times", "and", "York"]);
        let key = |ws: &[&str]| {
            ws.iter()
                .fold(GAZ_SEED, |h, w| mix(h, hash_str(&w.to_lowercase())))
        };
        let (k1, k2, k3) = (
            key(&["New", "York"]),
            key(&["New", "York", "Times"]),
            key(&["York"]),
        );
        let g = gazetteer_tags(&s.toks, 4, |h| {
            if h == k1 || h == k3 {
                Some(2)
            } else if h == k2 {
                Some(1)
            } else {
                None
            }
        });
        use crate::tags::{tag, Pos};
        assert_eq!(
            g,
            vec![
                0,
                tag(1, Pos::B) as u8,
                tag(1, Pos::I) as u8,
                tag(1, Pos::L) as u8,
                0,
                tag(2, Pos::U) as u8
            ]
        );
    }

    #[test]
    fn document_flags_exclude_the_token_itself() {
        let mut sents = vec![
            sent(&["Rain", "fell", "."]),
            sent(&["The", "rain", "and", "Rain", "."]),
        ];
        document_flags(&mut sents);
        // "Rain" sentence-initial: lowercase elsewhere (bit 0) and capitalised mid-sentence (bit 1).
        assert_eq!(sents[0].docf[0], 4 | 1 | 2);
        // Mid-sentence "Rain": its own capitalisation does not count.
        assert_eq!(sents[1].docf[3], 4 | 1);
        assert_eq!(sents[1].docf[1], 0);
    }

    #[test]
    fn doc_label_stats_exclude_own_label() {
        let mut st = DocLabelStats::default();
        st.add(7, 0, 2);
        st.add(7, 0, 1);
        st.add(7, 4, 1);
        let d = st.get(7, 4, 1).unwrap();
        assert_eq!((d.majority, d.support, d.in_multi), (0, 2, true));
        assert_eq!(d.longer, Some(0));
        let d = st.get(7, 0, 2).unwrap();
        assert_eq!(d.majority, 0);
        assert!(!d.in_multi);
        assert_eq!(d.longer, None);
        assert!(st.get(8, 0, 1).is_none());
        let mut one = DocLabelStats::default();
        one.add(9, 1, 1);
        assert!(one.get(9, 1, 1).is_none());
    }
}
