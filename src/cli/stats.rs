//! `relgraph stats`: what a store holds.

use anyhow::Result;
use relgraph::store::Store;
use std::path::PathBuf;

/// Arguments of `relgraph stats`.
#[derive(clap::Args, Debug)]
#[command(after_help = "EXAMPLES:\n  relgraph stats --db graph.db\n  relgraph stats --db graph.db --json")]
pub struct Args {
    /// The store.
    #[arg(long, value_name = "graph.db")]
    pub db: PathBuf,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Runs the command.
pub fn run(args: Args) -> Result<()> {
    if !args.db.exists() {
        anyhow::bail!("no store at {} (build one with `relgraph build INPUT... --db {}`)", args.db.display(), args.db.display());
    }
    let store = Store::open(&args.db).map_err(|e| anyhow::anyhow!("{e}"))?;
    let s = store.stats().map_err(|e| anyhow::anyhow!("{e}"))?;
    if args.json {
        let by = |v: &[(String, u64)]| v.iter().map(|(k, n)| (k.clone(), serde_json::Value::from(*n))).collect::<serde_json::Map<_, _>>();
        let ents: Vec<(String, u64)> = s.entities.iter().map(|(k, n)| (k.to_string(), *n)).collect();
        let rels: Vec<(String, u64)> = s.relations.iter().map(|(k, n)| (k.to_string(), *n)).collect();
        let v = serde_json::json!({
            "documents": s.documents,
            "words": s.words,
            "entities": s.entity_total(),
            "entities_by_kind": by(&ents),
            "relations": s.relation_total(),
            "relations_by_kind": by(&rels),
            "negated": s.negated,
            "evidence": s.evidence,
            "mentions": s.mentions,
            "aliases": s.aliases,
        });
        println!("{}", serde_json::to_string_pretty(&v)?);
        return Ok(());
    }
    println!("store      {}", args.db.display());
    println!("documents  {} ({} words)", s.documents, s.words);
    println!("entities   {}", s.entity_total());
    for (k, n) in &s.entities {
        println!("  {:<15} {n}", k.as_str());
    }
    println!("relations  {} stated, {} denied", s.relation_total(), s.negated);
    for (k, n) in &s.relations {
        println!("  {:<15} {n}", k.as_str());
    }
    println!("evidence   {}", s.evidence);
    println!("mentions   {}", s.mentions);
    println!("names      {}", s.aliases);
    Ok(())
}
