//! `relgraph train`: trains the lemmatizer, tagger, parser and entity-type
//! classifier from CoNLL-U.
//!
//! `relgraph train all` (run from the crate root) retrains everything into
//! `data/lexicons/lemma_*.txt` and `data/models/{tagger,parser,entity}.bin`;
//! `relgraph train entities` only the entity classifier (seconds).

use anyhow::Context;
use relgraph::syntax::train::{self, Options};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// What to train.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum What {
    /// The part-of-speech tagger.
    Tagger,
    /// The dependency parser (with jackknifed predicted tags).
    Parser,
    /// The lemmatizer rule and exception files.
    Lemmas,
    /// The entity-type classifier (person / organization / event / other) on GUM's entity annotation.
    Entities,
    /// Lemmas, tagger, parser and entity classifier.
    All,
    /// Drop small weights from the models in `--models` into `-o` (a directory).
    Prune,
}

/// Arguments of `relgraph train`.
#[derive(clap::Args, Debug)]
#[command(after_help = "EXAMPLES:\n  \
    relgraph train all                    # everything into data/models and data/lexicons (~7 min), then rebuild\n  \
    relgraph train entities               # the entity classifier only; prints its held-out accuracy\n  \
    relgraph train entities --folds 5 -o /tmp/entity.bin\n  \
    relgraph train tagger --limit 2000 -o /tmp/tagger.bin")]
pub struct Args {
    /// What to train.
    #[arg(value_enum)]
    what: What,
    /// CoNLL-U training files [default: ../shared/treebanks/en_ewt/train.conllu and ../shared/treebanks/gum/*.conllu; entities: the GUM files].
    #[arg(long, num_args = 1..)]
    train: Vec<PathBuf>,
    /// Passes over the data [default: tagger 8, parser 15, entities 10].
    #[arg(long)]
    iterations: Option<usize>,
    /// Random seed (training is deterministic for a seed).
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Output model file (tagger, parser) or directory (all) [default: data/models/...].
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Jackknife folds for the parser's predicted training tags (0 = gold tags);
    /// for entities, the folds of the held-out evaluation by document.
    #[arg(long, default_value_t = 4)]
    folds: usize,
    /// Drop averaged weights smaller than this (model size vs accuracy) [default: 1.0; entities 0.5].
    #[arg(long)]
    min_weight: Option<f32>,
    /// Probability of following the parser's own move while training (from iteration 2).
    #[arg(long, default_value_t = 0.9)]
    explore: f64,
    /// Parser feature templates to leave out, by id (see `features` in
    /// src/syntax/parser.rs): fewer templates parse faster.
    #[arg(long, value_delimiter = ',')]
    drop_templates: Vec<u32>,
    /// Use only the first N training sentences (for quick tests).
    #[arg(long)]
    limit: Option<usize>,
    /// Directory of the models to prune.
    #[arg(long, default_value = "data/models")]
    models: PathBuf,
    /// Directory for the lemma files when training lemmas.
    #[arg(long, default_value = "data/lexicons")]
    lexicons: PathBuf,
}

fn shared_dir() -> PathBuf {
    let local = PathBuf::from("../shared");
    if local.exists() {
        local
    } else {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared")
    }
}

fn write(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    if let Some(d) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(d).with_context(|| format!("creating {}", d.display()))?;
    }
    std::fs::write(path, bytes).with_context(|| format!("writing {}", path.display()))?;
    eprintln!("wrote {} ({:.2} MB)", path.display(), bytes.len() as f64 / 1e6);
    Ok(())
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    if args.what == What::Prune {
        let dir = args.output.clone().context("prune needs -o DIR")?;
        let w = args.min_weight.unwrap_or(1.0);
        let t = std::fs::read(args.models.join("tagger.bin")).context("reading tagger.bin")?;
        let p = std::fs::read(args.models.join("parser.bin")).context("reading parser.bin")?;
        let t = relgraph::syntax::tagger::Tagger::read(&t)?.pruned(w);
        let p = relgraph::syntax::parser::Parser::read(&p)?.pruned(w);
        let (mut tb, mut pb) = (Vec::new(), Vec::new());
        t.write(&mut tb);
        p.write(&mut pb);
        write(&dir.join("tagger.bin"), &tb)?;
        write(&dir.join("parser.bin"), &pb)?;
        return Ok(());
    }
    if args.what == What::Entities {
        return train_entities(&args, args.output.clone().unwrap_or_else(|| PathBuf::from("data/models/entity.bin")));
    }
    let files = if args.train.is_empty() { train::default_files(&shared_dir())? } else { args.train.clone() };
    let mut sents = train::load(&files)?;
    if let Some(n) = args.limit {
        sents.truncate(n);
    }
    anyhow::ensure!(!sents.is_empty(), "no training sentences in {} file(s)", files.len());
    let words: usize = sents.iter().map(|s| s.words.len()).sum();
    eprintln!("training on {} sentences, {} words from {} file(s)", sents.len(), words, files.len());
    let out_dir = match (args.what, &args.output) {
        (What::All, Some(o)) => o.clone(),
        _ => PathBuf::from("data/models"),
    };
    let file_out = |name: &str| match (args.what, &args.output) {
        (What::All, _) | (_, None) => out_dir.join(name),
        (_, Some(o)) => o.clone(),
    };
    if matches!(args.what, What::Lemmas | What::All) {
        let t0 = Instant::now();
        let (rules, exc) = train::derive_lemmas(&sents);
        write(&args.lexicons.join("lemma_rules.txt"), rules.as_bytes())?;
        write(&args.lexicons.join("lemma_exceptions.txt"), exc.as_bytes())?;
        eprintln!("lemmas: {:.1} s (rebuild to embed them)", t0.elapsed().as_secs_f64());
    }
    if matches!(args.what, What::Tagger | What::All) {
        let t0 = Instant::now();
        let opts = Options {
            iterations: args.iterations.unwrap_or(8),
            seed: args.seed,
            min_abs: args.min_weight.unwrap_or(1.0),
        };
        let tagger = train::train_tagger(&sents, &opts)?;
        let mut bytes = Vec::new();
        tagger.write(&mut bytes);
        let (f, w, d) = tagger.stats();
        eprintln!("tagger: {} classes, {f} features, {w} weights, {d} dictionary words, {:.1} s", tagger.classes.len(), t0.elapsed().as_secs_f64());
        write(&file_out("tagger.bin"), &bytes)?;
    }
    if matches!(args.what, What::Parser | What::All) {
        let t0 = Instant::now();
        let tag_opts = Options { iterations: 8, seed: args.seed, min_abs: 0.0 };
        let tags = train::jackknife_tags(&sents, &tag_opts, args.folds);
        eprintln!("parser: jackknifed tags ({} folds) in {:.1} s", args.folds, t0.elapsed().as_secs_f64());
        let opts = Options {
            iterations: args.iterations.unwrap_or(15),
            seed: args.seed,
            min_abs: args.min_weight.unwrap_or(1.0),
        };
        let templates = relgraph::syntax::parser::Templates::without(&args.drop_templates).map_err(anyhow::Error::msg)?;
        let parser = train::train_parser(&sents, &tags, &opts, args.explore, templates, |it| {
            eprintln!("parser: iteration {it} done at {:.1} s", t0.elapsed().as_secs_f64());
        })?;
        let mut bytes = Vec::new();
        parser.write(&mut bytes);
        let (f, w) = parser.stats();
        eprintln!("parser: {} labels, {} templates, {f} features, {w} weights, {:.1} s", parser.labels.len(), templates.len(), t0.elapsed().as_secs_f64());
        write(&file_out("parser.bin"), &bytes)?;
    }
    if args.what == What::All && args.train.is_empty() {
        train_entities(&args, out_dir.join("entity.bin"))?;
    }
    Ok(())
}

/// Trains the entity-type classifier on the GUM files (or `--train`),
/// prints its cross-validated held-out accuracy and writes it to `out`.
fn train_entities(args: &Args, out: PathBuf) -> anyhow::Result<()> {
    use relgraph::mentions::classifier_train as ct;
    let t0 = Instant::now();
    let files = if args.train.is_empty() || args.what == What::All { ct::gum_files(&shared_dir().join("treebanks/gum"))? } else { args.train.clone() };
    let lex = relgraph::mentions::Lexicon::load()?;
    let data = ct::load_instances(&lex, &files)?;
    anyhow::ensure!(!data.is_empty(), "no entity-annotated names in {} file(s)", files.len());
    let opts = ct::TrainOptions {
        iterations: if args.what == What::All { 10 } else { args.iterations.unwrap_or(10) },
        seed: args.seed,
        min_abs: if args.what == What::All { 0.5 } else { args.min_weight.unwrap_or(0.5) },
        folds: args.folds,
    };
    eprintln!("entities: {} names from {} documents", data.len(), files.len());
    if opts.folds >= 2 {
        let report = ct::cross_validate(&data, &opts);
        eprintln!("entities: held-out ({}-fold by document) {}", opts.folds, report.table());
    }
    let model = ct::train(&data, &opts);
    let (f, w) = model.stats();
    let mut bytes = Vec::new();
    model.write(&mut bytes);
    eprintln!("entities: {f} features, {w} weights, {:.1} s", t0.elapsed().as_secs_f64());
    write(&out, &bytes)
}
