//! The `relgraph` command: a thin shell over the library (see `cli`).

mod cli;

fn main() {
    std::process::exit(cli::main());
}

/// mimalloc: the pipeline makes many small short-lived allocations (token
/// strings, feature vectors), which it serves faster than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
