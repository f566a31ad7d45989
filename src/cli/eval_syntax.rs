//! `relgraph eval-syntax`: scores the tagger, parser and tokenizer against gold CoNLL-U.

use anyhow::Context;
use relgraph::resources::Resources;
use relgraph::syntax::{eval, Models};
use std::path::PathBuf;

/// Arguments of `relgraph eval-syntax`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Gold CoNLL-U file(s).
    #[arg(long, required = true, num_args = 1..)]
    gold: Vec<PathBuf>,
    /// Read `tagger.bin` and `parser.bin` from this directory instead of the embedded models.
    #[arg(long)]
    models: Option<PathBuf>,
    /// Also list the N most frequent UPOS confusions.
    #[arg(long, default_value_t = 0)]
    confusions: usize,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    let r = Resources::get();
    let loaded;
    let models: &Models = match &args.models {
        Some(d) => {
            loaded = Models::load_dir(d)?;
            &loaded
        }
        None => r.syntax.as_ref().context("no syntax models are embedded in this build")?,
    };
    for f in &args.gold {
        let gold = relgraph::syntax::conllu::read_file(f)?;
        let g = eval::eval_gold(models, &gold);
        let raw = eval::eval_raw(&gold, &r.lexicon.abbreviations);
        println!("{}: {} sentences, {} words", f.display(), g.sentences, g.words);
        println!("  gold tokenization, predicted tags:");
        println!("    UPOS  {:6.2}%", g.upos * 100.0);
        println!("    XPOS  {:6.2}%", g.xpos * 100.0);
        println!("    Lemma {:6.2}%", g.lemma * 100.0);
        println!("    UAS   {:6.2}%", g.uas * 100.0);
        println!("    LAS   {:6.2}%", g.las * 100.0);
        for (g, p, n) in eval::upos_confusions(models, &gold, args.confusions) {
            println!("    confusion gold {g:<6} predicted {p:<6} {n}");
        }
        println!("  raw text (# text lines re-tokenized):");
        for (name, p) in [("sentences", raw.sentences), ("tokens", raw.tokens)] {
            println!(
                "    {name:<9} P {:6.2}%  R {:6.2}%  F1 {:6.2}%  (gold {}, system {}, correct {})",
                p.precision() * 100.0,
                p.recall() * 100.0,
                p.f1() * 100.0,
                p.gold,
                p.system,
                p.correct
            );
        }
    }
    Ok(())
}
