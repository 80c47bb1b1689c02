//! `newsquotes train ner`: train the named-entity model on CoNLL-style IOB files.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use newsquotes::ner::train::{evaluate, read_clusters, read_conll, train, TrainConfig};
use newsquotes::ner::{FeatureSet, Model};

/// Arguments of `newsquotes train`.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Example:\n  newsquotes train ner --train ../shared/data/conll2003/conll2003_train.iob2 \\\n    --dev ../shared/data/conll2003/conll2003_dev.iob2 -o models/ner/ner-conll-en.bin"
)]
pub struct TrainArgs {
    /// What to train: ner.
    pub what: String,
    /// Training data: `token<TAB>tag` IOB2 lines, blank line between sentences, `# doc` lines.
    #[arg(long, value_name = "FILE")]
    pub train: PathBuf,
    /// Development data (same format), scored after every epoch; the best epoch is kept.
    #[arg(long, value_name = "FILE")]
    pub dev: Option<PathBuf>,
    /// Where to write the model.
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// Maximum number of epochs.
    #[arg(long, default_value_t = 12)]
    pub epochs: usize,
    /// Seed of the document shuffle.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Stop after this many epochs without a better dev F1.
    #[arg(long, default_value_t = 3)]
    pub patience: usize,
    /// Drop features seen fewer times than this in training.
    #[arg(long, default_value_t = 2)]
    pub min_count: u32,
    /// Word-cluster table (`word<TAB>c64<TAB>c256<TAB>c1024`, optionally .gz), made by
    /// scripts/word-clusters.py.
    #[arg(
        long,
        value_name = "FILE",
        default_value = "models/ner/word-clusters.tsv.gz"
    )]
    pub clusters: PathBuf,
    /// Train without word-cluster features.
    #[arg(long)]
    pub no_clusters: bool,
    /// Train without gazetteer features.
    #[arg(long)]
    pub no_gazetteer: bool,
    /// Train without document-level features (statistics and two-pass consistency).
    #[arg(long)]
    pub no_document: bool,
    /// Also score the final model on these files (e.g. an out-of-domain set); MISC is ignored
    /// when the file has no MISC entity.
    #[arg(long, value_name = "FILE")]
    pub eval: Vec<PathBuf>,
}

fn open(path: &Path) -> Result<Box<dyn BufRead>> {
    let f = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    if path.extension().is_some_and(|e| e == "gz") {
        Ok(Box::new(BufReader::new(newsquotes::ner::train::gunzip(f))))
    } else {
        Ok(Box::new(BufReader::new(f)))
    }
}

/// Runs the command.
pub fn run(args: TrainArgs) -> Result<ExitCode> {
    if args.what != "ner" {
        bail!("unknown model `{}`: only `ner` can be trained", args.what);
    }
    let features = FeatureSet {
        clusters: !args.no_clusters,
        gazetteer: !args.no_gazetteer,
        document: !args.no_document,
    };
    let t0 = Instant::now();
    let train_set = read_conll(open(&args.train)?)
        .with_context(|| format!("reading {}", args.train.display()))?;
    let dev_set = match &args.dev {
        Some(p) => Some(read_conll(open(p)?).with_context(|| format!("reading {}", p.display()))?),
        None => None,
    };
    let clusters = if features.clusters {
        read_clusters(open(&args.clusters)?)
            .with_context(|| format!("reading {}", args.clusters.display()))?
    } else {
        Vec::new()
    };
    eprintln!(
        "train: {} documents, {} sentences, {} tokens; dev: {}; clusters: {} words; features {:?}",
        train_set.docs.len(),
        train_set.sentences(),
        train_set.tokens(),
        dev_set.as_ref().map_or("none".to_owned(), |d| format!(
            "{} sentences, {} tokens",
            d.sentences(),
            d.tokens()
        )),
        clusters.len(),
        features
    );
    let cfg = TrainConfig {
        epochs: args.epochs,
        seed: args.seed,
        features,
        min_count: args.min_count,
        patience: args.patience,
        ..TrainConfig::default()
    };
    let model = train(
        &train_set,
        dev_set.as_ref(),
        &clusters,
        &cfg,
        &mut |r| match &r.dev {
            Some(s) => eprintln!(
                "epoch {:>2}: {} mistaken sentences, {:.1}s; dev {}",
                r.epoch, r.mistakes, r.seconds, s
            ),
            None => eprintln!(
                "epoch {:>2}: {} mistaken sentences, {:.1}s",
                r.epoch, r.mistakes, r.seconds
            ),
        },
    )?;
    let bytes = model.to_bytes();
    if let Some(dir) = args.output.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(&args.output, &bytes)
        .with_context(|| format!("writing {}", args.output.display()))?;
    let t = Instant::now();
    let reloaded = Model::from_bytes(&std::fs::read(&args.output)?)?;
    let load = t.elapsed();
    eprintln!(
        "wrote {} ({:.1} MB, {} feature rows; load {:.0} ms) in {:.0}s total",
        args.output.display(),
        bytes.len() as f64 / 1e6,
        reloaded.num_features(),
        load.as_secs_f64() * 1e3,
        t0.elapsed().as_secs_f64()
    );
    if let Some(d) = &dev_set {
        println!("dev {}", evaluate(&reloaded, d, &[]));
    }
    for p in &args.eval {
        let set = read_conll(open(p)?).with_context(|| format!("reading {}", p.display()))?;
        let has_misc = set
            .docs
            .iter()
            .flatten()
            .flat_map(|s| &s.entities)
            .any(|e| e.2 == newsquotes::document::EntityLabel::Misc);
        let ignore = if has_misc {
            vec![]
        } else {
            vec![newsquotes::document::EntityLabel::Misc]
        };
        println!("{} {}", p.display(), evaluate(&reloaded, &set, &ignore));
    }
    Ok(ExitCode::SUCCESS)
}
