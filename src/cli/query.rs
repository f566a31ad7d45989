//! `relgraph query` (not implemented yet).

/// Arguments of `relgraph query`.
#[derive(clap::Args, Debug)]
pub struct Args {}

/// Runs the command.
pub fn run(_args: Args) -> anyhow::Result<()> {
    anyhow::bail!("'query' is not implemented yet")
}
