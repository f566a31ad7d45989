//! `relgraph extract` (not implemented yet).

/// Arguments of `relgraph extract`.
#[derive(clap::Args, Debug)]
pub struct Args {}

/// Runs the command.
pub fn run(_args: Args) -> anyhow::Result<()> {
    anyhow::bail!("'extract' is not implemented yet")
}
