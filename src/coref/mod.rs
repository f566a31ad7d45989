//! Coreference: aliases, pronouns, descriptions and speakers.
