//! Exports: JSON, DOT, SVG and PNG.
