//! `relgraph merge` (not implemented yet).

/// Arguments of `relgraph merge`.
#[derive(clap::Args, Debug)]
pub struct Args {}

/// Runs the command.
pub fn run(_args: Args) -> anyhow::Result<()> {
    anyhow::bail!("'merge' is not implemented yet")
}
