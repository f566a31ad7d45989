//! FollowTheMoney (FtM) entities as JSON Lines, for Aleph and the `ftm` tools.
//!
//! One JSON object per line, `{"id", "schema", "properties"}`, every
//! property a list of strings:
//!
//! - entities: `Person`, `Organization`, `Event` with `name` (the label) and
//!   `alias` (the other names, when there are any);
//! - relations, as interval entities linking two of them:
//!   - family → `Family` (`person`, `relative`, `relationship` = the role);
//!   - friendship, romance, collaboration → `Associate` (`person`,
//!     `associate`, `relationship` = the kind);
//!   - membership → `Membership` (`member`, `organization`, `role`);
//!   - support, disagreement, participation → `UnknownLink` (`subject`,
//!     `object`, `role` = the kind);
//!
//!   each with `description` = the evidence sentences (`[doc] sentence`).
//!   Where FtM's schema does not allow the ends (a family link to an
//!   organization, membership of an event), the relation falls back to
//!   `UnknownLink`. Ended relations have `(ended)` after the relationship.
//!
//! FtM has no way to say a relation is denied, so negated relations are left
//! out. Entity ids are the graph ids made valid for FtM ([`ftm_id`]: `_`
//! becomes `-`, "john_legend" → "john-legend"); relation ids are
//! `<kind>.<source>.<target>` (with a counter when that repeats). Lines are
//! sorted as in the other exports, so the output is deterministic.

use super::{sorted_entities, sorted_relations};
use crate::graph::{Entity, EntityKind, Graph, Relation, RelationKind};
use serde_json::{json, Map, Value};
use std::collections::HashMap;

/// An FtM entity id for a graph id. FtM ids are ASCII letters, digits, `.`
/// and `-`, starting and ending with a letter or digit. Graph ids are
/// lower-case words joined by `_`, so `_` becomes `-`; when anything else
/// had to change (non-ASCII letters, punctuation) a hash of the original id
/// is appended, so different graph ids never share an FtM id.
pub fn ftm_id(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    let mut lossy = false;
    for c in id.chars() {
        match c {
            c if c.is_ascii_alphanumeric() || c == '.' || c == '-' => out.push(c),
            '_' => out.push('-'),
            _ => {
                lossy = true;
                out.push('-');
            }
        }
    }
    let trimmed = out.trim_matches(|c: char| !c.is_ascii_alphanumeric());
    if trimmed.len() != out.len() || trimmed.is_empty() {
        lossy = true;
    }
    let mut out = trimmed.to_string();
    if lossy {
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&format!("{:016x}", fnv1a(id.as_bytes())));
    }
    out
}

/// 64-bit FNV-1a: a small, stable hash (the same on every platform and run).
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The FtM schema of an entity kind.
pub fn entity_schema(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "Person",
        EntityKind::Organization => "Organization",
        EntityKind::Event => "Event",
    }
}

/// How a relation is written in FtM: schema, the property naming the
/// source, the property naming the target, and the property that says what
/// the link is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LinkSchema {
    /// FtM schema name (`Family`, `Associate`, `Membership`, `UnknownLink`).
    pub schema: &'static str,
    /// Property holding the source entity's id.
    pub source_prop: &'static str,
    /// Property holding the target entity's id.
    pub target_prop: &'static str,
    /// Property describing the link (`relationship` or `role`).
    pub label_prop: &'static str,
}

const UNKNOWN: LinkSchema =
    LinkSchema { schema: "UnknownLink", source_prop: "subject", target_prop: "object", label_prop: "role" };

/// The FtM schema for a relation of `kind` from an entity of kind `from` to
/// one of kind `to` (falling back to `UnknownLink` when FtM's schema would
/// not accept those ends).
pub fn link_schema(kind: RelationKind, from: EntityKind, to: EntityKind) -> LinkSchema {
    use EntityKind::*;
    use RelationKind::*;
    match (kind, from, to) {
        (Family, Person, Person) => LinkSchema {
            schema: "Family",
            source_prop: "person",
            target_prop: "relative",
            label_prop: "relationship",
        },
        (Friendship | Romance | Collaboration, Person, Person) => LinkSchema {
            schema: "Associate",
            source_prop: "person",
            target_prop: "associate",
            label_prop: "relationship",
        },
        (Membership, Person | Organization, Organization) => LinkSchema {
            schema: "Membership",
            source_prop: "member",
            target_prop: "organization",
            label_prop: "role",
        },
        _ => UNKNOWN,
    }
}

/// What the link is, in words: the family role, "member", or the kind.
fn link_label(r: &Relation) -> String {
    let mut s = match (r.kind, r.role) {
        (RelationKind::Family, Some(role)) => role.as_str().to_string(),
        (RelationKind::Membership, _) => "member".to_string(),
        (k, _) => k.as_str().to_string(),
    };
    if r.ended {
        s.push_str(" (ended)");
    }
    s
}

fn strings<'a>(items: impl IntoIterator<Item = &'a str>) -> Value {
    Value::Array(items.into_iter().map(|s| Value::String(s.to_string())).collect())
}

/// The FtM object of an entity.
pub fn entity_object(e: &Entity) -> Value {
    let mut props = Map::new();
    props.insert("name".into(), strings([e.label.as_str()]));
    let aliases: Vec<&str> = e.aliases.iter().map(String::as_str).filter(|a| *a != e.label).collect();
    if !aliases.is_empty() {
        props.insert("alias".into(), strings(aliases));
    }
    json!({"id": ftm_id(&e.id), "schema": entity_schema(e.kind), "properties": props})
}

/// The graph as FtM JSON Lines (one entity per line, `\n`-terminated).
pub fn to_ftm(graph: &Graph) -> Result<String, serde_json::Error> {
    let mut out = String::new();
    for e in sorted_entities(graph) {
        out.push_str(&serde_json::to_string(&entity_object(e))?);
        out.push('\n');
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    for e in sorted_relations(graph, false) {
        let r = e.relation;
        let link = link_schema(r.kind, e.source.kind, e.target.kind);
        let (source, target) = (ftm_id(&e.source.id), ftm_id(&e.target.id));
        let base = format!("{}.{}.{}", r.kind, source, target);
        let n = seen.entry(base.clone()).or_insert(0);
        *n += 1;
        let id = if *n == 1 { base } else { format!("{base}.{n}") };
        let mut props = Map::new();
        props.insert(link.source_prop.into(), strings([source.as_str()]));
        props.insert(link.target_prop.into(), strings([target.as_str()]));
        props.insert(link.label_prop.into(), strings([link_label(r).as_str()]));
        let descriptions: Vec<String> = r.evidence.iter().map(|ev| format!("[{}] {}", ev.doc, ev.text)).collect();
        if !descriptions.is_empty() {
            props.insert("description".into(), strings(descriptions.iter().map(String::as_str)));
        }
        out.push_str(&serde_json::to_string(&json!({"id": id, "schema": link.schema, "properties": props}))?);
        out.push('\n');
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests_support::sample;

    fn lines() -> Vec<Value> {
        to_ftm(&sample()).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
    }

    fn find<'a>(v: &'a [Value], schema: &str, prop: &str, value: &str) -> &'a Value {
        v.iter()
            .find(|o| o["schema"] == schema && o["properties"][prop][0] == value)
            .unwrap_or_else(|| panic!("no {schema} with {prop}={value}"))
    }

    #[test]
    fn every_line_is_an_entity_with_list_properties() {
        let v = lines();
        let g = sample();
        // every non-negated relation, plus every entity
        let negated = g.relations().filter(|e| e.relation.negated).count();
        assert_eq!(v.len(), g.node_count() + g.edge_count() - negated);
        for o in &v {
            assert!(o["id"].as_str().is_some_and(|s| !s.is_empty()), "{o}");
            assert!(o["schema"].is_string());
            let props = o["properties"].as_object().unwrap();
            for (k, vals) in props {
                let list = vals.as_array().unwrap_or_else(|| panic!("{k} is not a list"));
                assert!(!list.is_empty() && list.iter().all(Value::is_string), "{k}");
            }
        }
        let ids: std::collections::HashSet<&str> = v.iter().map(|o| o["id"].as_str().unwrap()).collect();
        assert_eq!(ids.len(), v.len(), "ids are unique");
    }

    #[test]
    fn entities_and_links_use_the_right_schemas() {
        let v = lines();
        let west = find(&v, "Person", "name", "Kanye West");
        assert_eq!(west["properties"]["alias"], json!(["West", "Ye"]));
        assert!(find(&v, "Person", "name", "Chrissy Teigen")["properties"].get("alias").is_none());
        find(&v, "Organization", "name", "G.O.O.D. Music");
        find(&v, "Event", "name", "2020 presidential election");
        let fam = find(&v, "Family", "person", "chrissy-teigen");
        assert_eq!(fam["properties"]["relative"], json!(["john-legend"]));
        assert_eq!(fam["properties"]["relationship"], json!(["spouse"]));
        let fr = find(&v, "Associate", "relationship", "friendship (ended)");
        assert_eq!(fr["properties"]["person"], json!(["john-legend"]));
        find(&v, "Associate", "relationship", "romance");
        find(&v, "Associate", "relationship", "collaboration");
        let m = find(&v, "Membership", "member", "john-legend");
        assert_eq!(m["properties"]["organization"], json!(["g-o-o-d-music"]));
        let dis = find(&v, "UnknownLink", "role", "disagreement");
        assert_eq!(dis["properties"]["subject"], json!(["kanye-west"]));
        assert_eq!(dis["properties"]["description"].as_array().unwrap().len(), 2);
        assert!(dis["properties"]["description"][0].as_str().unwrap().starts_with("[seed] West said"));
        find(&v, "UnknownLink", "role", "participation");
        assert!(!v.iter().any(|o| o["properties"]["description"].to_string().contains("did not back")));
    }

    /// FtM's rule for entity ids.
    fn valid_ftm_id(id: &str) -> bool {
        let ok = |c: char| c.is_ascii_alphanumeric() || c == '.' || c == '-';
        id.chars().all(ok)
            && id.starts_with(|c: char| c.is_ascii_alphanumeric())
            && id.ends_with(|c: char| c.is_ascii_alphanumeric())
    }

    #[test]
    fn ids_are_valid_for_ftm_and_distinct() {
        assert_eq!(ftm_id("john_legend"), "john-legend");
        assert_eq!(ftm_id("2020_run"), "2020-run");
        let a = ftm_id("sinéad_o_connor");
        let b = ftm_id("sinead_o_connor");
        assert!(a.starts_with("sin-ad-o-connor-") && a != b, "{a}");
        for id in ["sinéad_o_connor", "_x_", "", "é", "a.b", "ok"] {
            assert!(valid_ftm_id(&ftm_id(id)), "{id} -> {}", ftm_id(id));
        }
        assert_eq!(ftm_id("é"), ftm_id("é"), "stable");
        for o in lines() {
            assert!(valid_ftm_id(o["id"].as_str().unwrap()), "{o}");
        }
    }

    #[test]
    fn schemas_fall_back_when_ends_do_not_fit() {
        use EntityKind::*;
        assert_eq!(link_schema(RelationKind::Membership, Person, Event).schema, "UnknownLink");
        assert_eq!(link_schema(RelationKind::Collaboration, Person, Organization).schema, "UnknownLink");
        assert_eq!(link_schema(RelationKind::Membership, Organization, Organization).schema, "Membership");
    }

    #[test]
    fn output_is_deterministic() {
        assert_eq!(to_ftm(&sample()).unwrap(), to_ftm(&sample()).unwrap());
    }
}
