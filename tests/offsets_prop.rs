//! Property: every mention and evidence offset slices the original text (in
//! characters) to exactly the string the graph reports.

use proptest::prelude::*;
use relgraph::pipeline::{extract, Options};
use relgraph::resources::Resources;

const PIECES: &[&str] = &[
    "Kanye West", "John Legend", "Legend", "West", "Chrissy Teigen", "the Democratic Party", "Fox News",
    "supported", "criticized", "his wife", "didn’t support", "was a friend of", "attended", "the 2006 Grammys",
    "he", "she", "they", "“", "”", "\"", "(Photo: REUTERS/X)", "[4]", ",", ".", "!", "?", "—", "é", "日本",
    "\n", "\n\n", "  ", "said", "and", "Mr.", "U.S.", "real name:", "accused", "of", "'s",
];

fn text_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 1..60).prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    #[test]
    fn offsets_slice_the_original(text in text_strategy()) {
        let ex = extract("p", text.clone(), Resources::get(), Options::default());
        let chars: Vec<char> = text.chars().collect();
        let slice = |s: usize, e: usize| chars[s..e].iter().collect::<String>();
        for (_, ent) in ex.graph.entities() {
            for m in &ent.mentions {
                prop_assert!(m.end <= chars.len() && m.start < m.end);
                prop_assert_eq!(slice(m.start, m.end), m.text.to_string());
            }
        }
        for e in ex.graph.relations() {
            for ev in &e.relation.evidence {
                prop_assert_eq!(slice(ev.start, ev.end), ev.text.clone());
            }
        }
        for s in &ex.doc.sentences {
            for t in &s.tokens {
                prop_assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
                prop_assert!(!text[t.span.start..t.span.end].trim().is_empty());
            }
        }
    }
}
