//! Queries over a graph: neighbors and paths.
