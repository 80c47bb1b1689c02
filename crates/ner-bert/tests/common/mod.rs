//! Tiny BERT token-classification models built here, in a tch `VarStore`, and saved as model
//! directories (config.json, model.safetensors, vocab.txt, optionally tokenizer.json). No download.
//!
//! A *lookup* model has weights set by hand so that each sub-word's class depends only on the
//! sub-word itself: position and segment embeddings are zero, every attention and feed-forward
//! output projection is zero (each layer then only re-normalises its input), the embedding of
//! sub-word `v` is the one-hot vector of its class and the classifier is a scaled identity. Its
//! output is therefore known in advance whatever the context, padding or window, which lets the
//! tests check alignment, labels, batching and windowing against exact expectations. A *random*
//! model (seeded) has context-dependent output, for the checks that only compare two ways of
//! running the same model.

#![allow(dead_code)]

use std::collections::HashMap;
use std::path::Path;

use newsquotes_document::{Document, Sentence, Span, Token, TokenKind, TokenRange};
use newsquotes_ner_bert::tch::{nn::VarStore, Device, Kind, Tensor};
use rust_bert::bert::{BertConfig, BertForTokenClassification};
use rust_bert::Activation;

pub const SPECIALS: [&str; 5] = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"];

pub const BIO: [&str; 9] = [
    "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC",
];

/// How to build a test model.
pub struct Spec<'a> {
    /// Sub-words after the specials, each with the label name a lookup model gives it.
    pub vocab: &'a [(&'a str, &'a str)],
    /// The model's labels (id2label in order).
    pub labels: &'a [&'a str],
    /// `max_position_embeddings`.
    pub max_positions: i64,
    /// `Some(seed)`: random weights; `None`: the lookup model.
    pub random: Option<i64>,
    /// Store the weights as float16.
    pub fp16: bool,
    /// Also write a tokenizer.json equivalent to vocab.txt.
    pub tokenizer_json: bool,
}

impl<'a> Spec<'a> {
    pub fn lookup(vocab: &'a [(&'a str, &'a str)]) -> Self {
        Spec {
            vocab,
            labels: &BIO,
            max_positions: 64,
            random: None,
            fp16: false,
            tokenizer_json: false,
        }
    }
}

pub const HIDDEN: i64 = 16;

pub fn build(spec: &Spec, dir: &Path) {
    let names: Vec<&str> = SPECIALS
        .iter()
        .copied()
        .chain(spec.vocab.iter().map(|(t, _)| *t))
        .collect();
    std::fs::write(dir.join("vocab.txt"), names.join("\n") + "\n").unwrap();
    let config = BertConfig {
        hidden_act: Activation::gelu,
        attention_probs_dropout_prob: 0.0,
        hidden_dropout_prob: 0.0,
        hidden_size: HIDDEN,
        initializer_range: 0.02,
        intermediate_size: 32,
        max_position_embeddings: spec.max_positions,
        num_attention_heads: 2,
        num_hidden_layers: 2,
        type_vocab_size: 2,
        vocab_size: names.len() as i64,
        output_attentions: None,
        output_hidden_states: None,
        is_decoder: None,
        id2label: Some(
            spec.labels
                .iter()
                .enumerate()
                .map(|(i, l)| (i as i64, (*l).to_owned()))
                .collect(),
        ),
        label2id: None,
    };
    let mut json = serde_json::to_value(&config).unwrap();
    json["model_type"] = "bert".into();
    std::fs::write(dir.join("config.json"), json.to_string()).unwrap();

    if let Some(seed) = spec.random {
        newsquotes_ner_bert::tch::manual_seed(seed);
    }
    let mut vs = VarStore::new(Device::Cpu);
    let _model = BertForTokenClassification::new(vs.root(), &config).unwrap();
    let label_of: HashMap<&str, usize> = spec
        .vocab
        .iter()
        .map(|(t, l)| (*t, spec.labels.iter().position(|x| x == l).unwrap()))
        .collect();
    newsquotes_ner_bert::tch::no_grad(|| {
        for (name, mut t) in vs.variables() {
            match spec.random {
                Some(_) => {
                    if name.starts_with("classifier.weight") {
                        // Large logits: no near-ties for float noise to flip.
                        let scaled = &t * 200.0;
                        t.copy_(&scaled);
                    }
                }
                None => {
                    if name.contains("output.dense")
                        || name.contains("position_embeddings")
                        || name.contains("token_type_embeddings")
                        || name == "classifier.bias"
                    {
                        let _ = t.zero_();
                    } else if name.ends_with("word_embeddings.weight") {
                        let mut data = vec![0f32; names.len() * HIDDEN as usize];
                        for (v, n) in names.iter().enumerate() {
                            let k = label_of.get(n).copied().unwrap_or(0);
                            data[v * HIDDEN as usize + k] = 1.0;
                        }
                        let src = Tensor::from_slice(&data).view([names.len() as i64, HIDDEN]);
                        t.copy_(&src);
                    } else if name == "classifier.weight" {
                        let eye = Tensor::eye_m(
                            spec.labels.len() as i64,
                            HIDDEN,
                            (Kind::Float, Device::Cpu),
                        );
                        t.copy_(&(eye * 10.0));
                    }
                }
            }
        }
    });
    if spec.fp16 {
        vs.half();
    }
    vs.save(dir.join("model.safetensors")).unwrap();
    if spec.tokenizer_json {
        write_tokenizer_json(dir);
    }
}

/// A `tokenizers` BERT tokenizer over the directory's vocab.txt, saved as tokenizer.json.
pub fn write_tokenizer_json(dir: &Path) {
    use tokenizers::models::wordpiece::WordPiece;
    use tokenizers::normalizers::bert::BertNormalizer;
    use tokenizers::pre_tokenizers::bert::BertPreTokenizer;
    let wp = WordPiece::from_file(dir.join("vocab.txt").to_str().unwrap())
        .unk_token("[UNK]".to_owned())
        .build()
        .unwrap();
    let mut t = tokenizers::Tokenizer::new(wp);
    t.with_normalizer(Some(BertNormalizer::new(true, true, Some(true), true)));
    t.with_pre_tokenizer(Some(BertPreTokenizer));
    t.save(dir.join("tokenizer.json"), false).unwrap();
}

/// A document whose tokens are `sentences`' words, joined by one space, sentences by a newline.
pub fn doc(id: &str, sentences: &[&[&str]]) -> Document {
    let mut text = String::new();
    let mut tokens = Vec::new();
    let mut sents = Vec::new();
    for (i, s) in sentences.iter().enumerate() {
        if i > 0 {
            text.push('\n');
        }
        let (start, first) = (text.len(), tokens.len());
        for (j, w) in s.iter().enumerate() {
            if j > 0 {
                text.push(' ');
            }
            let a = text.len();
            text.push_str(w);
            tokens.push(Token {
                span: Span::new(a, text.len()),
                kind: TokenKind::Word,
            });
        }
        sents.push(Sentence {
            span: Span::new(start, text.len()),
            tokens: TokenRange::new(first, tokens.len()),
        });
    }
    let mut d = Document::new(id, text);
    d.set_tokens(tokens).unwrap();
    d.set_sentences(sents).unwrap();
    d
}

/// The entities of a document as (text, label).
pub fn found(d: &Document) -> Vec<(String, &'static str)> {
    d.entities()
        .iter()
        .map(|e| (d.slice(e.span).to_owned(), e.label.name()))
        .collect()
}
