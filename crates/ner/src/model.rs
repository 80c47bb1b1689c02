//! The model: quantised feature weights, transitions, gazetteer and cluster tables, its binary
//! file format, and two-pass document tagging.
//!
//! File format (little-endian), version 1:
//!
//! ```text
//! magic  b"NQNER\0\0\x01"
//! u32    feature-set bits (1 clusters, 2 gazetteer, 4 document)
//! f32    weight scale (weight = i16 × scale)
//! f32 ×2 score calibration a, b (entity score = sigmoid(a × margin + b))
//! u32    number of tags (17: O, then B I L U for PER ORG LOC MISC)
//! f32    start[17], trans[17 × 17], end[17]
//! u32 n, then u64 keys[n], then i16 weights[n × 17]        feature rows
//! u32 n, u32 max_len, then u64 keys[n], then u8 types[n]   gazetteer
//! u32 n, then u64 keys[n], then u32 packed ids[n]          word clusters
//! u64    checksum (`hash_bytes`) of everything before it
//! ```

use std::collections::HashMap;

use crate::features::{
    base_features, doc_label_features, document_flags, gazetteer_tags, token_info, Clusters,
    DocLabelStats, FeatureSet, Gazetteer, Sent, TokInfo,
};
use crate::hash::{hash_str, KeyTable};
use crate::tags::{tags_to_spans, Lattice, Transitions, NT};
use crate::Error;

const MAGIC: &[u8; 8] = b"NQNER\0\0\x01";

/// Something that adds feature weights to a token's emission scores.
pub(crate) trait Scorer {
    /// Adds the weights of `keys` to `emis` (one score per tag).
    fn add(&self, keys: &[u64], emis: &mut [f32]);
}

/// A trained model, ready to tag.
#[derive(Clone, Debug)]
pub struct Model {
    pub(crate) features: FeatureSet,
    pub(crate) scale: f32,
    pub(crate) calib: (f32, f32),
    pub(crate) trans: Transitions,
    pub(crate) keys: Vec<u64>,
    pub(crate) weights: Vec<i16>,
    pub(crate) gaz_entries: Vec<(u64, u8)>,
    pub(crate) gaz_max: usize,
    pub(crate) cluster_entries: Vec<(u64, u32)>,
    table: KeyTable,
    lattice: Lattice,
    gaz: Gazetteer,
    clusters: Clusters,
}

/// An entity found in a sentence: token range, type index (PER, ORG, LOC, MISC) and score.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Found {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) ty: usize,
    pub(crate) score: f32,
}

impl Scorer for Model {
    #[inline]
    fn add(&self, keys: &[u64], emis: &mut [f32]) {
        let mut acc = [0i32; NT];
        for &k in keys {
            if let Some(r) = self.table.get(k) {
                let row = &self.weights[r as usize * NT..r as usize * NT + NT];
                for (a, &w) in acc.iter_mut().zip(row) {
                    *a += i32::from(w);
                }
            }
        }
        for (e, a) in emis.iter_mut().zip(acc) {
            *e += a as f32 * self.scale;
        }
    }
}

impl Model {
    /// Assembles a model from its parts and builds the look-up tables.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn assemble(
        features: FeatureSet,
        scale: f32,
        calib: (f32, f32),
        trans: Transitions,
        keys: Vec<u64>,
        weights: Vec<i16>,
        gaz_entries: Vec<(u64, u8)>,
        gaz_max: usize,
        cluster_entries: Vec<(u64, u32)>,
    ) -> Self {
        let table = if KeyTable::is_sorted_unique(&keys) {
            KeyTable::from_sorted(keys.clone(), (0..keys.len() as u32).collect())
        } else {
            KeyTable::build(keys.iter().enumerate().map(|(i, &k)| (k, i as u32)))
        };
        let gaz = Gazetteer {
            table: KeyTable::build(gaz_entries.iter().map(|&(k, t)| (k, u32::from(t)))),
            max_len: gaz_max,
        };
        let clusters = Clusters {
            table: KeyTable::build(cluster_entries.iter().copied()),
        };
        let lattice = Lattice::new(&trans);
        Model {
            features,
            scale,
            calib,
            trans,
            keys,
            weights,
            gaz_entries,
            gaz_max,
            cluster_entries,
            table,
            lattice,
            gaz,
            clusters,
        }
    }

    /// The feature groups this model uses.
    pub fn feature_set(&self) -> FeatureSet {
        self.features
    }

    /// Number of feature rows.
    pub fn num_features(&self) -> usize {
        self.keys.len()
    }

    pub(crate) fn clusters(&self) -> Option<&Clusters> {
        self.features.clusters.then_some(&self.clusters)
    }

    pub(crate) fn lattice(&self) -> &Lattice {
        &self.lattice
    }

    /// Prepares sentences with the model's gazetteer and clusters.
    pub(crate) fn prepare(&self, sents: &[Vec<&str>]) -> Vec<Sent> {
        let gaz = |h: u64| self.gaz.table.get(h).map(|t| t as usize);
        prepare(
            sents,
            self.features,
            self.clusters(),
            self.gaz.max_len,
            &gaz,
        )
    }

    /// Tags one document given as sentences of token strings; scores are calibrated.
    pub(crate) fn tag_document(&self, sents: &[Vec<&str>]) -> Vec<Vec<Found>> {
        let mut out = self.tag_document_raw(sents);
        for f in out.iter_mut().flatten() {
            f.score = sigmoid(self.calib.0 * f.score + self.calib.1);
        }
        out
    }

    /// Tags one document; each entity's score is its raw margin (the smallest, over its
    /// tokens, of the best path's score minus the best path with another tag there).
    pub(crate) fn tag_document_raw(&self, sents: &[Vec<&str>]) -> Vec<Vec<Found>> {
        let prepared = self.prepare(sents);
        let out = two_pass(self, self.lattice(), self.features, &prepared, false);
        out.tags
            .iter()
            .zip(&out.margins)
            .map(|(tags, margins)| {
                tags_to_spans(tags)
                    .into_iter()
                    .map(|(s, e, ty)| {
                        let m = margins[s..e].iter().copied().fold(f32::INFINITY, f32::min);
                        Found {
                            start: s,
                            end: e,
                            ty,
                            score: m,
                        }
                    })
                    .collect()
            })
            .collect()
    }

    /// Serialises the model.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut b =
            Vec::with_capacity(self.keys.len() * (8 + 2 * NT) + self.cluster_entries.len() * 12);
        b.extend_from_slice(MAGIC);
        b.extend_from_slice(&self.features.bits().to_le_bytes());
        b.extend_from_slice(&self.scale.to_le_bytes());
        b.extend_from_slice(&self.calib.0.to_le_bytes());
        b.extend_from_slice(&self.calib.1.to_le_bytes());
        b.extend_from_slice(&(NT as u32).to_le_bytes());
        for v in self
            .trans
            .start
            .iter()
            .chain(&self.trans.trans)
            .chain(&self.trans.end)
        {
            b.extend_from_slice(&v.to_le_bytes());
        }
        b.extend_from_slice(&(self.keys.len() as u32).to_le_bytes());
        for k in &self.keys {
            b.extend_from_slice(&k.to_le_bytes());
        }
        for w in &self.weights {
            b.extend_from_slice(&w.to_le_bytes());
        }
        b.extend_from_slice(&(self.gaz_entries.len() as u32).to_le_bytes());
        b.extend_from_slice(&(self.gaz_max as u32).to_le_bytes());
        for (k, _) in &self.gaz_entries {
            b.extend_from_slice(&k.to_le_bytes());
        }
        b.extend(self.gaz_entries.iter().map(|&(_, t)| t));
        b.extend_from_slice(&(self.cluster_entries.len() as u32).to_le_bytes());
        for (k, _) in &self.cluster_entries {
            b.extend_from_slice(&k.to_le_bytes());
        }
        for (_, v) in &self.cluster_entries {
            b.extend_from_slice(&v.to_le_bytes());
        }
        let sum = checksum(&b);
        b.extend_from_slice(&sum.to_le_bytes());
        b
    }

    /// Parses a model file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
        if bytes.len() < MAGIC.len() + 8 || &bytes[..MAGIC.len()] != MAGIC {
            return Err(Error::Format(
                "not a newsquotes NER model (bad magic)".into(),
            ));
        }
        let (body, sum) = bytes.split_at(bytes.len() - 8);
        if checksum(body).to_le_bytes() != sum {
            return Err(Error::Format(
                "checksum mismatch (truncated or corrupt file)".into(),
            ));
        }
        let mut r = Reader {
            b: body,
            pos: MAGIC.len(),
        };
        let features = FeatureSet::from_bits(r.u32()?);
        let scale = r.f32()?;
        let calib = (r.f32()?, r.f32()?);
        if r.u32()? as usize != NT {
            return Err(Error::Format("unexpected tag count".into()));
        }
        let mut trans = Transitions::default();
        for v in trans
            .start
            .iter_mut()
            .chain(trans.trans.iter_mut())
            .chain(trans.end.iter_mut())
        {
            *v = r.f32()?;
        }
        let n = r.u32()? as usize;
        let keys = r.u64s(n)?;
        let weights = r
            .take(n * NT * 2)?
            .chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]]))
            .collect();
        let ng = r.u32()? as usize;
        let gaz_max = r.u32()? as usize;
        let gk = r.u64s(ng)?;
        let gt = r.take(ng)?;
        let gaz_entries = gk.into_iter().zip(gt.iter().copied()).collect();
        let nc = r.u32()? as usize;
        let ck = r.u64s(nc)?;
        let cv = r
            .take(nc * 4)?
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]));
        let cluster_entries = ck.into_iter().zip(cv).collect();
        if r.pos != body.len() {
            return Err(Error::Format("trailing bytes".into()));
        }
        Ok(Model::assemble(
            features,
            scale,
            calib,
            trans,
            keys,
            weights,
            gaz_entries,
            gaz_max,
            cluster_entries,
        ))
    }
}

fn checksum(b: &[u8]) -> u64 {
    crate::hash::hash_bytes(b)
}

struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], Error> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.b.len())
            .ok_or_else(|| Error::Format("unexpected end of model data".into()))?;
        let s = &self.b[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    fn u32(&mut self) -> Result<u32, Error> {
        let s = self.take(4)?;
        Ok(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }
    fn f32(&mut self) -> Result<f32, Error> {
        Ok(f32::from_bits(self.u32()?))
    }
    fn u64s(&mut self, n: usize) -> Result<Vec<u64>, Error> {
        let s = self.take(
            n.checked_mul(8)
                .ok_or_else(|| Error::Format("bad count".into()))?,
        )?;
        Ok(s.chunks_exact(8)
            .map(|c| u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
            .collect())
    }
}

pub(crate) fn sigmoid(x: f32) -> f32 {
    let v = 1.0 / (1.0 + (-x).exp());
    if v.is_nan() {
        0.5
    } else {
        v
    }
}

/// Computes token properties, gazetteer tags and document flags for a document.
pub(crate) fn prepare(
    sents: &[Vec<&str>],
    fs: FeatureSet,
    clusters: Option<&Clusters>,
    gaz_max: usize,
    gaz: &dyn Fn(u64) -> Option<usize>,
) -> Vec<Sent> {
    let mut out: Vec<Sent> = sents
        .iter()
        .map(|words| {
            let all_caps = crate::features::all_caps_words(words);
            let toks: Vec<TokInfo> = words
                .iter()
                .map(|w| token_info(w, if fs.clusters { clusters } else { None }, all_caps))
                .collect();
            let gaz = if fs.gazetteer {
                gazetteer_tags(&toks, gaz_max, gaz)
            } else {
                vec![0; toks.len()]
            };
            let n = toks.len();
            Sent {
                toks,
                all_caps,
                gaz,
                docf: vec![0; n],
                agg: Vec::new(),
            }
        })
        .collect();
    if fs.document {
        document_flags(&mut out);
    }
    out
}

/// Output of [`two_pass`].
pub(crate) struct Tagged {
    /// Final tags per sentence.
    pub(crate) tags: Vec<Vec<usize>>,
    /// Per-token margins of the final decode.
    pub(crate) margins: Vec<Vec<f32>>,
    /// When asked: every token's feature keys in the final pass.
    pub(crate) keys: Vec<Vec<Vec<u64>>>,
    /// When asked: first-pass tags and each token's number of first-pass (base) keys.
    pub(crate) first: Vec<(Vec<usize>, Vec<usize>)>,
}

/// Tags a prepared document: a first pass with the base features, then (with document features)
/// a second pass adding each capitalised word's first-pass labels elsewhere in the document.
pub(crate) fn two_pass<S: Scorer>(
    scorer: &S,
    lattice: &Lattice,
    fs: FeatureSet,
    sents: &[Sent],
    keep_keys: bool,
) -> Tagged {
    let mut emissions: Vec<Vec<f32>> = Vec::with_capacity(sents.len());
    let mut tags: Vec<Vec<usize>> = Vec::with_capacity(sents.len());
    let mut margins: Vec<Vec<f32>> = Vec::with_capacity(sents.len());
    let mut all_keys: Vec<Vec<Vec<u64>>> = Vec::new();
    let mut keys = Vec::with_capacity(64);
    for s in sents {
        let n = s.toks.len();
        let mut emis = vec![0f32; n * NT];
        let mut sk = Vec::new();
        for i in 0..n {
            keys.clear();
            base_features(s, i, fs, &mut keys);
            scorer.add(&keys, &mut emis[i * NT..(i + 1) * NT]);
            if keep_keys {
                sk.push(keys.clone());
            }
        }
        let mut t = Vec::with_capacity(n);
        let mut m = Vec::with_capacity(n);
        lattice.decode(&emis, &mut t, (!fs.document).then_some(&mut m));
        emissions.push(emis);
        tags.push(t);
        margins.push(m);
        if keep_keys {
            all_keys.push(sk);
        }
    }
    let mut first = Vec::new();
    if keep_keys && fs.document {
        first = tags
            .iter()
            .zip(&all_keys)
            .map(|(t, k)| (t.clone(), k.iter().map(Vec::len).collect()))
            .collect();
    }
    if fs.document {
        let dks = doc_label_keys(sents, &tags);
        for (si, sk) in dks.into_iter().enumerate() {
            let emis = &mut emissions[si];
            for (i, dk) in sk.into_iter().enumerate() {
                if dk.is_empty() {
                    continue;
                }
                scorer.add(&dk, &mut emis[i * NT..(i + 1) * NT]);
                if keep_keys {
                    all_keys[si][i].extend_from_slice(&dk);
                }
            }
            lattice.decode(emis, &mut tags[si], Some(&mut margins[si]));
        }
    }
    Tagged {
        tags,
        margins,
        keys: all_keys,
        first,
    }
}

fn own_labels(tags: &[usize]) -> (Vec<usize>, Vec<usize>) {
    let mut ty = vec![4usize; tags.len()];
    let mut multi = vec![1usize; tags.len()];
    for (s, e, t) in tags_to_spans(tags) {
        for i in s..e {
            ty[i] = t;
            multi[i] = e - s;
        }
    }
    (ty, multi)
}

/// Second-pass keys of every token (empty for most), given first-pass tags of the document.
pub(crate) fn doc_label_keys(sents: &[Sent], tags: &[Vec<usize>]) -> Vec<Vec<Vec<u64>>> {
    let stats = first_pass_stats(sents, tags);
    sents
        .iter()
        .zip(tags)
        .map(|(s, t)| {
            let (own_ty, own_multi) = own_labels(t);
            s.toks
                .iter()
                .enumerate()
                .map(|(i, tok)| {
                    let mut dk = Vec::new();
                    if tok.has_upper() {
                        if let Some(dl) = stats.get(tok.lower, own_ty[i], own_multi[i]) {
                            doc_label_features(tok, dl, &mut dk);
                        }
                    }
                    dk
                })
                .collect()
        })
        .collect()
}

fn first_pass_stats(sents: &[Sent], tags: &[Vec<usize>]) -> DocLabelStats {
    let mut stats = DocLabelStats::default();
    for (s, t) in sents.iter().zip(tags) {
        let (ty, multi) = own_labels(t);
        for (i, tok) in s.toks.iter().enumerate() {
            if tok.has_upper() {
                stats.add(tok.lower, ty[i], multi[i]);
            }
        }
    }
    stats
}

/// Gazetteer counts gathered from training data: lowercase token-sequence key → counts per type.
pub(crate) type GazCounts = HashMap<u64, [u32; 4]>;

/// The key of a lowercase token sequence, as the gazetteer stores it.
pub(crate) fn gaz_key(toks: &[TokInfo]) -> u64 {
    toks.iter().fold(crate::features::GAZ_SEED, |h, t| {
        crate::hash::mix(h, t.lower)
    })
}

/// Hash of a word as the cluster table stores it.
pub(crate) fn cluster_key(word: &str) -> u64 {
    hash_str(word)
}
