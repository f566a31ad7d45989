//! The whole pipeline on one text.
