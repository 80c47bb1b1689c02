//! What a model directory holds, checked before anything is loaded into libtorch.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::labels::LabelMap;
use crate::Error;

/// Where the tokenizer comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TokenizerSource {
    /// A Hugging Face `tokenizer.json` (read with the `tokenizers` crate).
    Json(PathBuf),
    /// A WordPiece `vocab.txt` (read with rust-bert's `BertTokenizer`).
    Vocab {
        /// The vocabulary file.
        path: PathBuf,
        /// Lower-case the text first (uncased models).
        lower_case: bool,
        /// Strip accents first (uncased models, unless the config says otherwise).
        strip_accents: bool,
    },
}

/// A checked model directory: config.json with a usable `id2label`, weights and a tokenizer.
#[derive(Clone, Debug)]
pub struct ModelDir {
    /// The directory.
    pub dir: PathBuf,
    /// `config.json`'s text.
    pub config_json: String,
    /// The weights: `model.safetensors` or rust-bert's `rust_model.ot`.
    pub weights: PathBuf,
    /// The tokenizer.
    pub tokenizer: TokenizerSource,
    /// The labels.
    pub labels: LabelMap,
    /// `max_position_embeddings`.
    pub max_positions: usize,
    /// `vocab_size`.
    pub vocab_size: usize,
}

#[derive(Deserialize)]
struct ConfigHead {
    model_type: Option<String>,
    id2label: Option<BTreeMap<String, String>>,
    max_position_embeddings: Option<usize>,
    vocab_size: Option<usize>,
}

#[derive(Deserialize, Default)]
struct TokenizerConfig {
    do_lower_case: Option<bool>,
    strip_accents: Option<bool>,
}

impl ModelDir {
    /// Checks `dir`: `config.json` (a BERT config with `id2label` whose labels map to PER, ORG,
    /// LOC, MISC), weights (`model.safetensors`, else `rust_model.ot`) and a tokenizer
    /// (`tokenizer.json`, else `vocab.txt` with `tokenizer_config.json`'s `do_lower_case`, or
    /// lower-casing when the vocabulary has no upper-case entry).
    pub fn inspect(dir: impl AsRef<Path>) -> Result<ModelDir, Error> {
        let dir = dir.as_ref().to_path_buf();
        if !dir.is_dir() {
            return Err(Error::NotADirectory(dir));
        }
        let config_path = dir.join("config.json");
        if !config_path.is_file() {
            return Err(Error::MissingFile {
                dir,
                what: "config.json",
            });
        }
        let config_json = read(&config_path)?;
        let head: ConfigHead = serde_json::from_str(&config_json).map_err(|e| Error::Config {
            path: config_path.clone(),
            message: e.to_string(),
        })?;
        if let Some(t) = &head.model_type {
            if t != "bert" {
                return Err(Error::Config {
                    path: config_path,
                    message: format!(
                        "model_type is `{t}`: only BERT token-classification models are supported"
                    ),
                });
            }
        }
        let Some(id2label) = head.id2label else {
            return Err(Error::Config {
                path: config_path,
                message: "no id2label: not a token-classification model".to_owned(),
            });
        };
        let mut ids = BTreeMap::new();
        for (k, v) in id2label {
            let id: i64 = k.trim().parse().map_err(|_| Error::Config {
                path: config_path.clone(),
                message: format!("id2label key `{k}` is not an integer"),
            })?;
            ids.insert(id, v);
        }
        let labels = LabelMap::from_id2label(&ids)?;
        let weights = ["model.safetensors", "rust_model.ot"]
            .iter()
            .map(|f| dir.join(f))
            .find(|p| p.is_file());
        let Some(weights) = weights else {
            let what = if dir.join("pytorch_model.bin").is_file() {
                "model.safetensors or rust_model.ot (pytorch_model.bin cannot be loaded: save \
                 the model with safe_serialization=True)"
            } else {
                "model.safetensors or rust_model.ot"
            };
            return Err(Error::MissingFile { dir, what });
        };
        let tokenizer = if dir.join("tokenizer.json").is_file() {
            TokenizerSource::Json(dir.join("tokenizer.json"))
        } else if dir.join("vocab.txt").is_file() {
            let path = dir.join("vocab.txt");
            let tc_path = dir.join("tokenizer_config.json");
            let tc: TokenizerConfig = if tc_path.is_file() {
                serde_json::from_str(&read(&tc_path)?).map_err(|e| Error::Config {
                    path: tc_path,
                    message: e.to_string(),
                })?
            } else {
                TokenizerConfig::default()
            };
            let lower_case = match tc.do_lower_case {
                Some(b) => b,
                None => !read(&path)?
                    .lines()
                    .any(|l| !l.starts_with('[') && l.chars().any(char::is_uppercase)),
            };
            TokenizerSource::Vocab {
                path,
                lower_case,
                strip_accents: tc.strip_accents.unwrap_or(lower_case),
            }
        } else {
            return Err(Error::MissingFile {
                dir,
                what: "tokenizer.json or vocab.txt",
            });
        };
        let missing = |what: &str| Error::Config {
            path: dir.join("config.json"),
            message: format!("no {what}"),
        };
        Ok(ModelDir {
            max_positions: head
                .max_position_embeddings
                .ok_or_else(|| missing("max_position_embeddings"))?,
            vocab_size: head.vocab_size.ok_or_else(|| missing("vocab_size"))?,
            dir,
            config_json,
            weights,
            tokenizer,
            labels,
        })
    }
}

fn read(path: &Path) -> Result<String, Error> {
    std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONFIG: &str = r#"{"model_type": "bert", "vocab_size": 10, "max_position_embeddings": 64,
        "id2label": {"0": "O", "1": "B-PER", "2": "I-PER"}}"#;

    fn dir_with(files: &[(&str, &str)]) -> tempfile::TempDir {
        let d = tempfile::tempdir().unwrap();
        for (name, text) in files {
            std::fs::write(d.path().join(name), text).unwrap();
        }
        d
    }

    fn err(files: &[(&str, &str)]) -> String {
        let d = dir_with(files);
        ModelDir::inspect(d.path()).unwrap_err().to_string()
    }

    #[test]
    fn accepts_a_complete_directory() {
        let d = dir_with(&[
            ("config.json", CONFIG),
            ("model.safetensors", "x"),
            ("vocab.txt", "[PAD]\n[UNK]\nalice\n"),
        ]);
        let m = ModelDir::inspect(d.path()).unwrap();
        assert_eq!(m.labels.len(), 3);
        assert_eq!((m.max_positions, m.vocab_size), (64, 10));
        assert_eq!(m.weights, d.path().join("model.safetensors"));
        assert_eq!(
            m.tokenizer,
            TokenizerSource::Vocab {
                path: d.path().join("vocab.txt"),
                lower_case: true,
                strip_accents: true
            }
        );
    }

    #[test]
    fn casing_comes_from_the_tokenizer_config_or_the_vocabulary() {
        let cased = dir_with(&[
            ("config.json", CONFIG),
            ("rust_model.ot", "x"),
            ("vocab.txt", "[PAD]\n[UNK]\nAlice\n"),
        ]);
        let m = ModelDir::inspect(cased.path()).unwrap();
        assert!(matches!(
            m.tokenizer,
            TokenizerSource::Vocab {
                lower_case: false,
                ..
            }
        ));
        assert_eq!(m.weights, cased.path().join("rust_model.ot"));
        let configured = dir_with(&[
            ("config.json", CONFIG),
            ("model.safetensors", "x"),
            ("vocab.txt", "[PAD]\n[UNK]\nAlice\n"),
            (
                "tokenizer_config.json",
                r#"{"do_lower_case": true, "strip_accents": false}"#,
            ),
        ]);
        let m = ModelDir::inspect(configured.path()).unwrap();
        assert!(matches!(
            m.tokenizer,
            TokenizerSource::Vocab {
                lower_case: true,
                strip_accents: false,
                ..
            }
        ));
        let json = dir_with(&[
            ("config.json", CONFIG),
            ("model.safetensors", "x"),
            ("vocab.txt", "[PAD]\n"),
            ("tokenizer.json", "{}"),
        ]);
        let m = ModelDir::inspect(json.path()).unwrap();
        assert_eq!(
            m.tokenizer,
            TokenizerSource::Json(json.path().join("tokenizer.json"))
        );
    }

    #[test]
    fn explains_what_is_wrong() {
        assert!(err(&[]).contains("config.json"));
        assert!(err(&[("config.json", "{not json")]).contains("config.json"));
        let no_labels = r#"{"vocab_size": 10, "max_position_embeddings": 64}"#;
        assert!(err(&[("config.json", no_labels)]).contains("no id2label"));
        let generic = r#"{"id2label": {"0": "LABEL_0", "1": "LABEL_1"}}"#;
        assert!(err(&[("config.json", generic)]).contains("unknown label(s) LABEL_0, LABEL_1"));
        let dates = r#"{"id2label": {"0": "O", "1": "B-DATE"}}"#;
        assert!(err(&[("config.json", dates)]).contains("B-DATE"));
        let roberta = r#"{"model_type": "roberta", "id2label": {"0": "O", "1": "B-PER"}}"#;
        assert!(err(&[("config.json", roberta)]).contains("roberta"));
        let text = err(&[("config.json", CONFIG), ("vocab.txt", "[UNK]\n")]);
        assert!(
            text.contains("model.safetensors or rust_model.ot"),
            "{text}"
        );
        let text = err(&[("config.json", CONFIG), ("pytorch_model.bin", "x")]);
        assert!(text.contains("safe_serialization"), "{text}");
        let text = err(&[("config.json", CONFIG), ("model.safetensors", "x")]);
        assert!(text.contains("tokenizer.json or vocab.txt"), "{text}");
        let no_size = r#"{"id2label": {"0": "O", "1": "B-PER"}}"#;
        let text = err(&[
            ("config.json", no_size),
            ("model.safetensors", "x"),
            ("vocab.txt", "a"),
        ]);
        assert!(text.contains("max_position_embeddings"), "{text}");
        let d = tempfile::tempdir().unwrap();
        let text = ModelDir::inspect(d.path().join("nope"))
            .unwrap_err()
            .to_string();
        assert!(text.contains("not a directory"), "{text}");
    }
}
