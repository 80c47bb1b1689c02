//! The transformer stage: rust-bert's `BertForTokenClassification` on libtorch.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use newsquotes_document::{Document, Entity, Layer, Stage, StageError, TokenRange};
use rust_bert::bert::{BertConfig, BertForTokenClassification};
use tch::{nn::VarStore, Device, Kind, Tensor};

use crate::labels::{decode, Found, LabelMap};
use crate::model_dir::ModelDir;
use crate::precision::Precision;
use crate::tokenize::WordPiecer;
use crate::window::{owners, windows, Window};
use crate::Error;

/// How the recognizer runs the model.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    /// Sub-word sequences (sentences or windows) per forward pass. Sequences are sorted by length
    /// before batching, so padding stays small.
    pub batch_size: usize,
    /// Sub-words per window, without `[CLS]`/`[SEP]`; `None`: the model's maximum
    /// (`max_position_embeddings - 2`, at most 510).
    pub window: Option<usize>,
    /// Sub-words shared by consecutive windows of a long sentence.
    pub overlap: usize,
    /// The floating-point type the weights and activations are computed in (default float32;
    /// [`Precision::detect`] gives the faster one on this CPU).
    pub precision: Precision,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            batch_size: 32,
            window: None,
            overlap: 128,
            precision: Precision::default(),
        }
    }
}

struct Net {
    _vs: VarStore,
    model: BertForTokenClassification,
}

/// The transformer named-entity stage: requires sentences and tokens, produces entities, like
/// the embedded `newsquotes_ner::Recognizer`.
pub struct BertRecognizer {
    net: Mutex<Net>,
    labels: LabelMap,
    pieces: WordPiecer,
    options: Options,
    window: usize,
    dir: PathBuf,
}

impl std::fmt::Debug for BertRecognizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BertRecognizer")
            .field("dir", &self.dir)
            .field("labels", &self.labels)
            .field("pieces", &self.pieces)
            .field("options", &self.options)
            .field("window", &self.window)
            .finish_non_exhaustive()
    }
}

/// One sentence as sub-words.
struct Seq {
    ids: Vec<i64>,
    /// Index in `ids` of each word's first sub-word.
    first: Vec<usize>,
}

/// A sub-word's best class and its probability.
type Pred = (usize, f32);

/// One model input: a window of a sentence.
struct Job {
    sent: usize,
    win: Window,
}

impl BertRecognizer {
    /// Loads a model directory (see [`ModelDir::inspect`]) on the CPU with default options.
    pub fn from_dir(dir: impl AsRef<Path>) -> Result<Self, Error> {
        Self::from_dir_with(dir, Options::default())
    }

    /// Loads a model directory on the CPU.
    pub fn from_dir_with(dir: impl AsRef<Path>, options: Options) -> Result<Self, Error> {
        Self::load(ModelDir::inspect(dir)?, options, Device::Cpu)
    }

    /// Loads a checked model directory on `device` (`Device::cuda_if_available()` for a GPU).
    /// On the CPU the weights are converted to [`Options::precision`] whatever the file holds
    /// (float16 is slow or missing there); on a GPU they keep the file's type unless
    /// `precision` is [`Precision::BFloat16`].
    pub fn load(md: ModelDir, options: Options, device: Device) -> Result<Self, Error> {
        let config_path = md.dir.join("config.json");
        let config: BertConfig =
            serde_json::from_str(&md.config_json).map_err(|e| Error::Config {
                path: config_path.clone(),
                message: format!("not a BERT config: {e}"),
            })?;
        let pieces = WordPiecer::load(&md.tokenizer)?;
        if pieces.vocab_size() > md.vocab_size {
            return Err(Error::Config {
                path: config_path,
                message: format!(
                    "the tokenizer has {} entries but the model's vocab_size is {}",
                    pieces.vocab_size(),
                    md.vocab_size
                ),
            });
        }
        let weights_err = |message: String| Error::Weights {
            path: md.weights.clone(),
            message,
        };
        let net = catch_unwind(AssertUnwindSafe(|| -> Result<Net, Error> {
            let mut vs = VarStore::new(device);
            let model = BertForTokenClassification::new(vs.root(), &config)
                .map_err(|e| weights_err(e.to_string()))?;
            vs.load(&md.weights)
                .map_err(|e| weights_err(e.to_string()))?;
            // Loading adopts the file's precision; half precision is slow or missing on CPU.
            match options.precision {
                Precision::Float32 if device == Device::Cpu => vs.float(),
                Precision::Float32 => {}
                Precision::BFloat16 => vs.bfloat16(),
            }
            // Shapes are only checked when used: run one tiny input now, not on a document.
            let probe = Tensor::from_slice(&[pieces.specials().cls, pieces.specials().sep])
                .view([1, 2])
                .to_device(device);
            let out = tch::no_grad(|| model.forward_t(Some(&probe), None, None, None, None, false));
            let dims = out.logits.size();
            if dims != [1, 2, md.labels.len() as i64] {
                return Err(weights_err(format!(
                    "the model outputs {dims:?} for 2 sub-words, expected [1, 2, {}]",
                    md.labels.len()
                )));
            }
            Ok(Net { _vs: vs, model })
        }))
        .map_err(|p| weights_err(format!("libtorch failed: {}", panic_text(&*p))))??;
        let max = md.max_positions.saturating_sub(2).clamp(1, 510);
        let window = options.window.unwrap_or(max).clamp(1, max);
        Ok(BertRecognizer {
            net: Mutex::new(net),
            labels: md.labels,
            pieces,
            options,
            window,
            dir: md.dir,
        })
    }

    /// The model's labels.
    pub fn labels(&self) -> &LabelMap {
        &self.labels
    }

    /// The tokenizer.
    pub fn word_piecer(&self) -> &WordPiecer {
        &self.pieces
    }

    /// The floating-point type the model runs in.
    pub fn precision(&self) -> Precision {
        self.options.precision
    }

    /// The sub-words per window actually used.
    pub fn window(&self) -> usize {
        self.window
    }

    /// Finds the entities of pre-tokenized sentences: for each sentence, word ranges (end
    /// exclusive), types and scores. All sentences are batched together.
    pub fn tag_sentences(&self, sentences: &[Vec<&str>]) -> Result<Vec<Vec<Found>>, Error> {
        let seqs: Vec<Seq> = sentences
            .iter()
            .map(|words| {
                let mut ids = Vec::new();
                let mut first = Vec::with_capacity(words.len());
                for p in self.pieces.pieces(words) {
                    first.push(ids.len());
                    ids.extend(p);
                }
                Seq { ids, first }
            })
            .collect();
        let mut jobs: Vec<Job> = seqs
            .iter()
            .enumerate()
            .flat_map(|(sent, s)| {
                windows(s.ids.len(), self.window, self.options.overlap)
                    .into_iter()
                    .map(move |win| Job { sent, win })
            })
            .collect();
        // Longest first: batches of similar lengths, and an out-of-memory shows up at once.
        jobs.sort_by_key(|j| std::cmp::Reverse(j.win.end - j.win.start));
        let mut preds: Vec<Vec<Pred>> = vec![Vec::new(); jobs.len()];
        let batch = self.options.batch_size.max(1);
        for (chunk_no, chunk) in jobs.chunks(batch).enumerate() {
            let inputs: Vec<&[i64]> = chunk
                .iter()
                .map(|j| &seqs[j.sent].ids[j.win.start..j.win.end])
                .collect();
            for (k, p) in self.forward(&inputs)?.into_iter().enumerate() {
                preds[chunk_no * batch + k] = p;
            }
        }
        // Back to sentences: each sub-word's prediction from its owning window.
        let mut by_sent: Vec<Vec<(Window, &[Pred])>> = vec![Vec::new(); seqs.len()];
        for (j, p) in jobs.iter().zip(&preds) {
            by_sent[j.sent].push((j.win, p));
        }
        Ok(seqs
            .iter()
            .zip(by_sent)
            .map(|(s, mut ws)| {
                ws.sort_by_key(|(w, _)| w.start);
                let wins: Vec<Window> = ws.iter().map(|(w, _)| *w).collect();
                let own = owners(s.ids.len(), &wins);
                let words: Vec<_> = s
                    .first
                    .iter()
                    .map(|&f| {
                        let (w, p) = ws.get(*own.get(f)?)?;
                        let (class, prob) = *p.get(f - w.start)?;
                        Some((self.labels.tag(class), prob))
                    })
                    .collect();
                decode(&words)
            })
            .collect())
    }

    /// Runs the model on a batch of sub-word sequences; for each, the best class and its
    /// probability per sub-word.
    fn forward(&self, inputs: &[&[i64]]) -> Result<Vec<Vec<Pred>>, Error> {
        let len = inputs.iter().map(|s| s.len()).max().unwrap_or(0) + 2;
        let sp = self.pieces.specials();
        let mut ids = Vec::with_capacity(inputs.len() * len);
        let mut mask = Vec::with_capacity(inputs.len() * len);
        for s in inputs {
            ids.push(sp.cls);
            ids.extend_from_slice(s);
            ids.push(sp.sep);
            ids.resize(ids.len() + len - s.len() - 2, sp.pad);
            mask.extend(std::iter::repeat_n(1_i64, s.len() + 2));
            mask.resize(mask.len() + len - s.len() - 2, 0);
        }
        let net = self.net.lock().unwrap_or_else(|e| e.into_inner());
        let run = || -> Result<(Vec<i64>, Vec<f32>), tch::TchError> {
            let device = net._vs.device();
            let shape = [inputs.len() as i64, len as i64];
            let ids = Tensor::from_slice(&ids).view(shape).to_device(device);
            let mask = Tensor::from_slice(&mask).view(shape).to_device(device);
            let out = tch::no_grad(|| {
                net.model
                    .forward_t(Some(&ids), Some(&mask), None, None, None, false)
            });
            // float32 probabilities whatever the model's precision.
            let probs = out.logits.f_softmax(-1, Kind::Float)?;
            let (p, class) = probs.f_max_dim(-1, false)?;
            let p = p.f_flatten(0, -1)?.f_to_device(Device::Cpu)?;
            let class = class.f_flatten(0, -1)?.f_to_device(Device::Cpu)?;
            Ok((Vec::<i64>::try_from(&class)?, Vec::<f32>::try_from(&p)?))
        };
        let (class, p) = catch_unwind(AssertUnwindSafe(run))
            .map_err(|p| Error::Inference(panic_text(&*p)))?
            .map_err(|e| Error::Inference(e.to_string()))?;
        Ok(inputs
            .iter()
            .enumerate()
            .map(|(r, s)| {
                (1..=s.len())
                    .map(|c| {
                        let i = r * len + c;
                        (class[i].max(0) as usize, p[i])
                    })
                    .collect()
            })
            .collect())
    }

    fn entities(doc: &Document, found: Vec<Vec<Found>>) -> Vec<Entity> {
        let mut out = Vec::new();
        for (s, fs) in doc.sentences().iter().zip(found) {
            for f in fs {
                let range = TokenRange::new(s.tokens.start + f.start, s.tokens.start + f.end);
                out.push(Entity {
                    span: doc.token_span(range),
                    tokens: range,
                    label: f.label,
                    score: f.score.clamp(0.0, 1.0),
                });
            }
        }
        out
    }
}

fn panic_text(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<String>()
        .cloned()
        .or_else(|| p.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_else(|| "panic".to_owned())
}

fn words_of(doc: &Document) -> Vec<Vec<&str>> {
    doc.sentences()
        .iter()
        .map(|s| {
            (s.tokens.start..s.tokens.end)
                .map(|i| doc.token_text(i))
                .collect()
        })
        .collect()
}

fn other(e: Error) -> StageError {
    StageError::Other {
        stage: "ner".to_owned(),
        source: Box::new(e),
    }
}

impl Stage for BertRecognizer {
    fn name(&self) -> &str {
        "ner"
    }

    fn requires(&self) -> &[Layer] {
        &[Layer::Sentences, Layer::Tokens]
    }

    fn produces(&self) -> &[Layer] {
        &[Layer::Entities]
    }

    fn annotate(&self, doc: &mut Document) -> Result<(), StageError> {
        self.check_requires(doc)?;
        let found = self.tag_sentences(&words_of(doc)).map_err(other)?;
        let entities = Self::entities(doc, found);
        doc.set_entities(entities)
            .map_err(|e| StageError::layer("ner", e))
    }

    /// All sentences of all documents go through the model together, in batches of
    /// [`Options::batch_size`].
    fn annotate_batch(&self, docs: &mut [Document]) -> Vec<Result<(), StageError>> {
        let checks: Vec<Result<(), StageError>> =
            docs.iter().map(|d| self.check_requires(d)).collect();
        let mut all = Vec::new();
        let mut counts = Vec::with_capacity(docs.len());
        for (d, c) in docs.iter().zip(&checks) {
            let words = if c.is_ok() { words_of(d) } else { Vec::new() };
            counts.push(words.len());
            all.extend(words);
        }
        let found = match self.tag_sentences(&all) {
            Ok(f) => f,
            Err(e) => {
                let text = e.to_string();
                return checks
                    .into_iter()
                    .map(|c| c.and(Err(other(Error::Inference(text.clone())))))
                    .collect();
            }
        };
        let mut found = found.into_iter();
        docs.iter_mut()
            .zip(checks)
            .zip(counts)
            .map(|((d, check), n)| {
                check?;
                let mine: Vec<Vec<Found>> = found.by_ref().take(n).collect();
                let entities = Self::entities(d, mine);
                d.set_entities(entities)
                    .map_err(|e| StageError::layer("ner", e))
            })
            .collect()
    }
}
