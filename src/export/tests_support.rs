//! A small graph with every kind of node, edge and flag, and names that need
//! escaping, shared by the unit tests of the export formats.

use crate::graph::{slug, Entity, EntityKind, Evidence, Graph, MentionRef, Relation, RelationKind, Role};

fn ent(name: &str, kind: EntityKind, aliases: &[&str]) -> Entity {
    let mut all: Vec<String> = std::iter::once(name).chain(aliases.iter().copied()).map(String::from).collect();
    all.sort();
    Entity {
        id: slug(name),
        kind,
        label: name.into(),
        aliases: all,
        mentions: vec![MentionRef { doc: "seed".into(), start: 0, end: name.chars().count(), text: name.into() }],
    }
}

fn rel(kind: RelationKind, directed: bool, text: &str) -> Relation {
    Relation {
        kind,
        role: None,
        directed,
        negated: false,
        ended: false,
        confidence: 0.9,
        evidence: vec![Evidence { doc: "seed".into(), text: text.into(), start: 0, end: 10 }],
    }
}

/// Five people, an organization and an event; one relation of every kind,
/// an ended one, a negated one, one with two pieces of evidence, and text with
/// quotes, commas, `<b>`, `</script>` and apostrophes.
pub(crate) fn sample() -> Graph {
    let mut g = Graph::new();
    g.documents = vec!["seed".into(), "third".into()];
    let legend = g.add_entity(ent("John Legend", EntityKind::Person, &["Legend", "John Stephens"]));
    let west = g.add_entity(ent("Kanye West", EntityKind::Person, &["Ye", "West"]));
    let teigen = g.add_entity(ent("Chrissy Teigen", EntityKind::Person, &[]));
    let rock = g.add_entity(ent("Dwayne \"The Rock\" Johnson", EntityKind::Person, &["The Rock"]));
    let oconnor = g.add_entity(ent("Sinéad O'Connor", EntityKind::Person, &[]));
    let label = g.add_entity(ent("G.O.O.D. Music", EntityKind::Organization, &["GOOD Music"]));
    let run = g.add_entity(ent("2020 presidential election", EntityKind::Event, &[]));

    let mut dis = rel(RelationKind::Disagreement, true, "West said, \"Legend is <b> & co\" </script> wrong.");
    dis.evidence.push(Evidence { doc: "third".into(), text: "They clashed again.".into(), start: 5, end: 24 });
    g.add_relation(west, legend, dis);
    let mut fam = rel(RelationKind::Family, false, "Legend's wife, Chrissy Teigen, said so.");
    fam.role = Some(Role::Spouse);
    g.add_relation(legend, teigen, fam);
    let mut fr = rel(RelationKind::Friendship, false, "The former friends, Legend and West, no longer talk.");
    fr.ended = true;
    g.add_relation(legend, west, fr);
    let mut neg = rel(RelationKind::Support, true, "Legend did not back West's run.");
    neg.negated = true;
    g.add_relation(legend, west, neg);
    g.add_relation(west, run, rel(RelationKind::Participation, true, "West ran in the 2020 election."));
    g.add_relation(legend, label, rel(RelationKind::Membership, true, "Legend signed with G.O.O.D. Music."));
    g.add_relation(rock, oconnor, rel(RelationKind::Romance, false, "The Rock dated O'Connor."));
    g.add_relation(rock, west, rel(RelationKind::Collaboration, false, "The Rock worked with West."));
    g.add_relation(oconnor, west, rel(RelationKind::Support, true, "O'Connor praised West."));
    g.normalize();
    g
}
