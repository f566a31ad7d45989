//! relgraph: reads news articles and builds a relationship knowledge graph.
//!
//! The library is a pipeline of stages over one [`doc::Document`]:
//!
//! ```text
//! ingest → text (tokens, sentences) → syntax (tags, lemmas, parse)
//!        → mentions → coref → relations → graph → merge / query / export
//! ```
//!
//! Each stage is a module with a small typed API; [`pipeline::extract`] runs
//! them all on one text with the shared, read-only [`resources::Resources`].
#![warn(missing_docs)]

pub mod coref;
pub mod doc;
pub mod export;
pub mod graph;
pub mod ingest;
pub mod mentions;
pub mod pipeline;
pub mod query;
pub mod relations;
pub mod resources;
pub mod store;
pub mod syntax;
pub mod text;
pub mod util;
