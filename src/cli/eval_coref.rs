//! `relgraph eval-coref`: pronoun resolution against GUM's coreference annotation.

use anyhow::{Context, Result};
use relgraph::coref::eval::{read_gum, score_pronouns_verbose, PronounScore};
use relgraph::resources::Resources;
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `relgraph eval-coref`.
#[derive(clap::Args, Debug)]
#[command(after_help = "Of the pronouns whose gold chain contains a named person or organization, \
prints the share we resolve into that chain, per file and in total (first and third person; \
second person is counted on a line of its own).\n\nEXAMPLE:\n  \
relgraph eval-coref --gold ../shared/treebanks/gum")]
pub struct Args {
    /// A GUM CoNLL-U file or a directory of them.
    #[arg(long, default_value = "../shared/treebanks/gum")]
    pub gold: PathBuf,
    /// Also list every pronoun resolved wrongly or not at all: its sentence,
    /// our chain and antecedent, the gold entity and its antecedent.
    #[arg(long)]
    pub verbose: bool,
    /// Also print every sentence with its mentions and the chains they join
    /// (as `extract --debug` does).
    #[arg(long)]
    pub debug: bool,
}

/// Runs the command.
pub fn run(args: Args) -> Result<()> {
    let res = Resources::get();
    let files: Vec<PathBuf> = if args.gold.is_dir() {
        let mut v: Vec<PathBuf> = std::fs::read_dir(&args.gold)
            .with_context(|| format!("cannot read directory {}", args.gold.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "conllu"))
            .collect();
        v.sort();
        v
    } else {
        vec![args.gold.clone()]
    };
    let mut total = PronounScore::default();
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{:<40} {:>8} {:>8} {:>10} {:>7}", "file", "eligible", "correct", "unresolved", "share");
    for f in &files {
        let text = std::fs::read_to_string(f).with_context(|| format!("cannot read {}", f.display()))?;
        let id = f.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let (mut doc, gold) = read_gum(&id, &text);
        if args.debug {
            let mut analysed = doc.clone();
            let (mentions, coref) = relgraph::coref::eval::analyse(&mut analysed, res);
            let _ = write!(out, "{}", relgraph::pipeline::coref_report(&analysed, &mentions, &coref));
        }
        let (s, misses) = score_pronouns_verbose(&mut doc, &gold, res);
        if args.verbose {
            for m in misses {
                let _ = writeln!(out, "  [{}] {}: {}", m.index, m.pronoun, m.sentence.chars().take(160).collect::<String>());
                let _ = writeln!(
                    out,
                    "      ours: {} ({})  gold: {} ({})",
                    m.ours.unwrap_or_else(|| "-".into()),
                    m.our_antecedent.unwrap_or_else(|| "-".into()),
                    m.gold,
                    m.gold_antecedent.unwrap_or_else(|| "-".into())
                );
            }
        }
        let _ = writeln!(out, "{:<40} {:>8} {:>8} {:>10} {:>6.1}%", id, s.eligible, s.correct, s.unresolved, 100.0 * s.share());
        total += s;
    }
    let _ = writeln!(out, "{:<40} {:>8} {:>8} {:>10} {:>6.1}%", "TOTAL", total.eligible, total.correct, total.unresolved, 100.0 * total.share());
    let second = if total.second_eligible == 0 { 0.0 } else { 100.0 * total.second_correct as f64 / total.second_eligible as f64 };
    let _ = writeln!(out, "{:<40} {:>8} {:>8} {:>10} {:>6.1}%", "second person (not in TOTAL)", total.second_eligible, total.second_correct, "", second);
    Ok(())
}
