//! A CSV edge list with evidence, for spreadsheets.
//!
//! One row per relation (negated ones included, with `negated = true`):
//!
//! ```text
//! source,source_kind,target,target_kind,kind,role,directed,negated,ended,confidence,documents,evidence
//! Kanye West,person,John Legend,person,disagreement,,true,false,false,0.8,seed,"West said ..."
//! ```
//!
//! `source` and `target` are the entities' labels (their ids are in the JSON
//! export); `documents` is the distinct document ids joined with `"; "`, and
//! `evidence` every evidence sentence joined with `" | "`. Quoting follows
//! RFC 4180 (the `csv` crate). Rows are in the order of
//! [`super::sorted_relations`], so the output is deterministic.

use super::{evidence_documents, sorted_relations};
use crate::graph::Graph;

/// The header row.
pub const HEADER: &[&str] = &[
    "source",
    "source_kind",
    "target",
    "target_kind",
    "kind",
    "role",
    "directed",
    "negated",
    "ended",
    "confidence",
    "documents",
    "evidence",
];

/// Why the CSV could not be written.
#[derive(Debug, thiserror::Error)]
pub enum CsvExportError {
    /// The CSV writer failed.
    #[error("cannot write CSV")]
    Csv(#[from] ::csv::Error),
    /// The writer's buffer could not be taken back.
    #[error("cannot finish the CSV output: {0}")]
    Finish(String),
}

/// The edge list as CSV bytes (UTF-8, header first, `\n` line ends).
pub fn to_csv(graph: &Graph) -> Result<Vec<u8>, CsvExportError> {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    w.write_record(HEADER)?;
    for e in sorted_relations(graph, true) {
        let r = e.relation;
        let evidence: Vec<&str> = r.evidence.iter().map(|ev| ev.text.as_str()).collect();
        w.write_record([
            e.source.label.as_str(),
            e.source.kind.as_str(),
            e.target.label.as_str(),
            e.target.kind.as_str(),
            r.kind.as_str(),
            r.role.map(|x| x.as_str()).unwrap_or(""),
            if r.directed { "true" } else { "false" },
            if r.negated { "true" } else { "false" },
            if r.ended { "true" } else { "false" },
            &r.confidence.to_string(),
            &evidence_documents(r).join("; "),
            &evidence.join(" | "),
        ])?;
    }
    w.into_inner().map_err(|e| CsvExportError::Finish(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests_support::sample;

    #[test]
    fn reads_back_with_header_and_one_row_per_relation() {
        let g = sample();
        let bytes = to_csv(&g).unwrap();
        let mut r = ::csv::Reader::from_reader(bytes.as_slice());
        let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(header, HEADER);
        let rows: Vec<::csv::StringRecord> = r.records().collect::<Result<_, _>>().unwrap();
        assert_eq!(rows.len(), g.edge_count());
        let dis = rows.iter().find(|row| &row[4] == "disagreement").unwrap();
        assert_eq!(&dis[0], "Kanye West");
        assert_eq!(&dis[2], "John Legend");
        assert_eq!(&dis[6], "true");
        assert_eq!(&dis[10], "seed; third");
        // quotes and commas survive the round trip
        assert_eq!(
            &dis[11],
            "West said, \"Legend is <b> & co\" </script> wrong. | They clashed again."
        );
        let fam = rows.iter().find(|row| &row[4] == "family").unwrap();
        assert_eq!(&fam[5], "spouse");
        assert_eq!(&fam[6], "false");
        assert!(rows.iter().any(|row| &row[7] == "true"), "negated rows are kept");
        assert!(rows.iter().all(|row| row[9].parse::<f64>().is_ok()));
    }

    #[test]
    fn empty_graph_is_just_the_header() {
        let bytes = to_csv(&Graph::new()).unwrap();
        assert_eq!(String::from_utf8(bytes).unwrap(), format!("{}\n", HEADER.join(",")));
    }
}
