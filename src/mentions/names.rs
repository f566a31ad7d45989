//! Name spans in one sentence, and their types (pronouns and descriptions
//! are `descriptions.rs`).

use crate::text::lower;
use super::{Form, Gender, Lexicon, Mention, NameType};
use super::classifier::FormIndex;
use crate::doc::{Document, Sentence, Token, Upos};
use crate::graph::EntityKind;

/// Tokens that may join two capitalised parts of one name.
const CONNECTORS: &[&str] = &["de", "van", "von", "der", "den", "bin", "ibn", "al", "la", "le", "du", "da", "di", "del", "dos", "&"];

pub(super) fn is_cap(form: &str) -> bool {
    // fast paths for ASCII: a capital first letter, or no capital at all
    let b = form.as_bytes();
    if b.first().is_some_and(u8::is_ascii_uppercase) {
        return true;
    }
    if b.is_ascii() && !b.iter().any(u8::is_ascii_uppercase) {
        return false;
    }
    let mut cs = form.chars();
    let elided = (form.starts_with("d'") || form.starts_with("d’")) && form.chars().nth(2).is_some_and(char::is_uppercase); // "d'Alembert"
    (matches!(cs.next(), Some(c) if c.is_uppercase()) && form.chars().any(char::is_alphabetic)) || elided || lower_camel(form)
}

/// A brand written with a lower-case initial and an inner capital:
/// "wikiHow", "eHow", "eBay" (not "iOS"-style all-caps tails, nor "mRNA").
fn lower_camel(form: &str) -> bool {
    // most words are plain lower case: no need to look further
    if !form.starts_with(char::is_lowercase) || !form.chars().any(char::is_uppercase) {
        return false;
    }
    let cs: Vec<char> = form.chars().collect();
    cs.len() >= 4
        && cs[0].is_lowercase()
        && cs.iter().all(|c| c.is_alphanumeric())
        && (1..cs.len()).any(|i| cs[i].is_uppercase() && cs[i - 1].is_lowercase())
        && cs.iter().filter(|c| c.is_lowercase()).count() > cs.len() / 2
}

fn is_initial(form: &str) -> bool {
    let b = form.as_bytes();
    (b.len() == 2 && b[0].is_ascii_uppercase() && b[1] == b'.') || (form.len() <= 6 && form.chars().any(|c| c.is_ascii_uppercase()) && form.ends_with('.') && form.split('.').filter(|p| !p.is_empty()).all(|p| p.len() == 1 && p.chars().all(|c| c.is_ascii_uppercase())))
}

/// A Roman number in capitals, as a ruler's or heir's name ends ("II",
/// "VIII", "XIV").
fn is_roman_numeral(w: &str) -> bool {
    !w.is_empty() && w.len() <= 6 && w.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C'))
}

/// True for words in `non_names.txt`: months, days, forms of address.
fn non_name(lex: &Lexicon, w: &str) -> bool {
    lex.non_names.contains(&*lower(w))
}

/// True when capitalisation carries little information: headlines in title case.
fn title_case_sentence(s: &Sentence, lex: &Lexicon) -> bool {
    let words: Vec<&str> = s.tokens.iter().map(|t| t.form.as_str()).filter(|f| f.chars().all(char::is_alphabetic) && f.len() > 3).collect();
    let ends_plain = !s.tokens.last().is_some_and(|t| matches!(t.form.as_str(), "." | "!" | "?" | "\"" | "'"));
    let caps = words.iter().filter(|w| is_cap(w)).count();
    // most longer words capitalised: a heading when it has no final
    // punctuation, or capitalises dictionary words ("Praises", "Election");
    // a sentence that ends like one and owes its capitals to names is none
    // ("Barack Obama praised Alex Padilla, Jon Ossoff and Raphael Warnock.")
    let common_caps = || words.iter().filter(|w| is_cap(w) && lex.is_common(w)).count();
    (words.len() >= 6 && caps * 10 >= words.len() * 7 && (ends_plain || common_caps() >= 2)) || (ends_plain && words.len() >= 2 && caps == words.len())
}

pub(super) fn find_names(doc: &Document, forms: &FormIndex, si: usize, s: &Sentence, lex: &Lexicon) -> Vec<Mention> {
    let toks = &s.tokens;
    let tagged = toks.iter().any(|t| t.upos != Upos::X);
    let headline = title_case_sentence(s, lex);
    let mut out = Vec::new();
    let mut i = 0;
    // index of the first word of the sentence (after opening quotes/brackets)
    let first_word = toks.iter().position(|t| t.form.chars().any(char::is_alphanumeric)).unwrap_or(0);
    while i < toks.len() {
        let f = toks[i].form.as_str();
        if !(is_cap(f) || is_initial(f)) || f == "I" || (lex.pronouns.contains_key(&*lower(f)) && !toks.get(i + 1).is_some_and(|t| is_cap(&t.form))) {
            i += 1;
            continue;
        }
        // grow the run
        let start = i;
        let mut end = i; // inclusive
        let mut j = i + 1;
        while j < toks.len() {
            let g = toks[j].form.as_str();
            if person_after_org_head(lex, toks, end, j) {
                // "the Refugee Council Enver Solomon": an organization's name
                // ends at its head; a person's name follows
                break;
            }
            if is_cap(g) || is_initial(g) {
                end = j;
                j += 1;
            } else if matches!(g, "al" | "el") && toks.get(j + 2).is_some_and(|t| is_cap(&t.form)) && toks[j + 1].form == "-" && toks[j].span.end == toks[j + 1].span.start && toks[j + 1].span.end == toks[j + 2].span.start {
                // the Arabic article of a name: "Muhammad al-Hajj Husayn Hadid", "Abd al-Karim Qasim"
                end = j + 2;
                j += 3;
            } else if j + 1 < toks.len() && is_cap(&toks[j + 1].form) && (CONNECTORS.contains(&g) || (g == "the" && lex.first_names.contains_key(&*lower(&toks[end].form)) && !toks.get(j + 2).is_some_and(|t| is_cap(&t.form))) || (g == "-" && (toks[j - 1].span.end == toks[j].span.start && toks[j].span.end == toks[j + 1].span.start || spaced_hyphen_in_org(lex, &toks[start..=end])))) {
                end = j + 1;
                j += 2;
            } else if j + 1 < toks.len() && is_cap(&toks[j + 1].form) && plural_possessive(&toks[end], &toks[j]) && toks[j + 1..].iter().take(3).take_while(|t| is_cap(&t.form)).any(|t| lex.org_last.contains(&*lower(&t.form))) {
                // "Women's Tennis Association", "Workers' Party": a plural's possessive
                // inside the name of an organization (not "the Pirates' Double-A affiliate")
                end = j + 1;
                j += 2;
            } else if g == "of" && end == start && j + 2 <= toks.len() && of_person(lex, &toks[start].form, toks, j + 1) {
                // "Bonosus of Sardica", "Hilary of Poitiers": a person known by a place
                end = j + 1;
                break;
            } else if matches!(g, "of" | "on" | "for" | "and" | "&") && j + 1 < toks.len() && of_joins(lex, &toks[start..=end].iter().map(|t| t.form.as_str()).collect::<Vec<_>>(), toks, j + 1) {
                // "University of Oxford", "Battle of Chudnov", "Church of the Latter-day Saints"
                let mut k = j + 1;
                if toks[k].form.eq_ignore_ascii_case("the") {
                    k += 1;
                }
                if k < toks.len() && is_cap(&toks[k].form) {
                    end = k;
                    j = k + 1;
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        i = end + 1;
        // a capitalised word glued to a following hyphen is a modifier ("EGOT-winning")
        if end + 1 < toks.len() && toks[end + 1].form == "-" && toks[end + 1].span.start == toks[end].span.end && !toks.get(end + 2).is_some_and(|t| is_cap(&t.form)) {
            continue;
        }
        // "Austen, Jane." in a list of authors: the person Jane Austen
        // "Austen, Jane." / "Macaulay, Thomas Babington." / "Marx, Karl and Engels, Friedrich."
        let list_start = start == first_word || (start > 0 && toks[start - 1].form == "and");
        if start == end && list_start && toks.get(end + 1).is_some_and(|t| t.form == ",") && !lex.is_common(&toks[start].form) {
            if let Some(fst) = toks.get(end + 2).filter(|t| lex.first_names.contains_key(&*lower(&t.form)) && is_cap(&t.form)) {
                let mut last = end + 2;
                while toks.get(last + 1).is_some_and(|t| is_cap(&t.form) && t.form.chars().any(char::is_lowercase)) && last < end + 4 {
                    last += 1;
                }
                if toks.get(last + 1).is_none_or(|t| matches!(t.form.as_str(), "." | "and" | "," | ";")) {
                    let gender = lex.first_name_gender(&fst.form).unwrap_or_default();
                    let given: Vec<&str> = toks[end + 2..=last].iter().map(|t| t.form.as_str()).collect();
                    let text = format!("{} {}", given.join(" "), toks[start].form);
                    let m = Mention::new(si, s, start, last, text, Form::Name, NameType::Entity(EntityKind::Person), gender);
                    out.push(Mention { head: start, ..m });
                    i = last + 1;
                    continue;
                }
            }
        }
        // "Suilen H. Alvarado Laboratorio de Bases de Datos": a first name, a
        // middle initial and a surname, run into the name of something else
        // (not "John F. Kennedy International Airport", which ends in a head)
        let last_word = lower(&toks[end].form);
        let last_word = last_word.as_str();
        let initialled = end >= start + 4
            && (lex.first_names.contains_key(&*lower(&toks[start].form)) || !lex.is_common(&toks[start].form) && !lex.places.contains(&*lower(&toks[start].form)))
            && !is_initial(&toks[start].form)
            && is_initial(&toks[start + 1].form)
            && is_cap(&toks[start + 2].form)
            && !is_initial(&toks[start + 3].form)
            && !CONNECTORS.contains(&toks[start + 3].form.as_str())
            && !lex.org_last.contains(last_word)
            && !lex.non_person_last.contains(last_word)
            && !lex.event_named.contains(last_word)
            && !toks[start..=end].iter().any(|t| t.form == "of");
        if initialled {
            if let Some(m) = make_name(doc, forms, si, s, lex, start, start + 2, start <= first_word, headline, tagged) {
                out.push(m);
            }
            if let Some(m) = make_name(doc, forms, si, s, lex, start + 3, end, false, headline, tagged) {
                out.push(m);
            }
            continue;
        }
        // "University of Texas Arlington Amneh Jafari": an organization name
        // runs into a person's name; split after the organization's head
        let org_split = (start..end).find(|&t| lex.org_last.contains(&*lower(&toks[t].form)) && lex.first_names.contains_key(&*lower(&toks[t + 1].form)) && t + 1 < end).or_else(|| person_after_org(lex, &toks[start..=end]).then(|| end - 2));
        if let Some(t) = org_split {
            if let Some(m) = make_name(doc, forms, si, s, lex, start, t, start <= first_word, headline, tagged) {
                out.push(m);
            }
            if let Some(m) = make_name(doc, forms, si, s, lex, t + 1, end, false, headline, tagged) {
                out.push(m);
            }
            continue;
        }
        // "NASA Administrator Charles Bolden", "U.S. Senator John Cornyn": an
        // organization or place, a title, then the person
        let split = (start + 1..end).rev().find(|&t| lex.is_title_or_role(&toks[t].form) && is_cap(&toks[t + 1].form));
        if let Some(t) = split {
            if let Some(m) = make_name(doc, forms, si, s, lex, start, t - 1, start <= first_word, headline, tagged) {
                out.push(m);
            }
            if let Some(m) = make_name(doc, forms, si, s, lex, t, end, false, headline, tagged) {
                out.push(m);
            }
        } else if let Some(m) = make_name(doc, forms, si, s, lex, start, end, start <= first_word, headline, tagged) {
            out.push(m);
        }
    }
    titled_lists(doc, si, s, lex, &mut out);
    out
}

/// An organization's name with a complement run into a person's given name
/// and surname ("University of Texas Arlington Amneh Jafari"): the last
/// word a known surname, the one before it no ordinary word or place.
fn person_after_org(lex: &Lexicon, run: &[crate::doc::Token]) -> bool {
    let n = run.len();
    if n < 5 || !lex.org_first.contains(&*lower(&run[0].form)) || !run.iter().any(|t| t.form == "of") {
        return false;
    }
    let (given, last) = (lower(&run[n - 2].form), lower(&run[n - 1].form));
    let (given, last) = (given.as_str(), last.as_str());
    is_cap(&run[n - 2].form)
        && run[n - 3].form != "of"
        && lex.surnames.contains(last)
        && !lex.is_common(given)
        && !lex.places.contains(given)
        && !lex.non_person_first.contains(given)
        && !lex.places.contains(&format!("{given} {last}"))
        && !lex.org_last.contains(last)
        && !lex.org_last.contains(given)
}

/// Whether `apostrophe` after `word` is the possessive of a plural: "'s"
/// after an irregular plural ("Women's", "People's", "Children's") or a
/// bare apostrophe glued to a plural in -s ("Workers'", "Veterans'").
fn plural_possessive(word: &crate::doc::Token, apostrophe: &crate::doc::Token) -> bool {
    let glued = word.span.end == apostrophe.span.start;
    match apostrophe.form.as_str() {
        "'s" | "’s" => glued && matches!(lower(&word.form).as_str(), "women" | "men" | "people" | "children"),
        "'" | "’" => glued && word.form.len() > 3 && word.form.ends_with('s') && !word.form.ends_with("ss"),
        _ => false,
    }
}

/// A hyphen written with spaces inside an organization's name that has
/// already taken a complement ("Council on American - Islamic Relations").
fn spaced_hyphen_in_org(lex: &Lexicon, run: &[crate::doc::Token]) -> bool {
    run.len() >= 3 && lex.org_first.contains(&*lower(&run[0].form)) && run.iter().any(|t| matches!(t.form.as_str(), "of" | "on" | "for"))
}

/// A plural title before a list of names makes each of them a person:
/// "Senators KELLY, HICKENLOOPER, and Luján", "Judges Hoffman and Tate"
/// (names the rules or the tagger would leave out are added).
fn titled_lists(doc: &Document, si: usize, s: &Sentence, lex: &Lexicon, names: &mut Vec<Mention>) {
    let toks = &s.tokens;
    for (t, tok) in toks.iter().enumerate() {
        let l = lower(&tok.form);
        let l = l.as_str();
        let plural_title = is_cap(&tok.form) && l.len() > 3 && l.ends_with('s') && lex.titles.contains_key(&l[..l.len() - 1]);
        if !plural_title {
            continue;
        }
        let mut next = t + 1;
        loop {
            let mut end = next;
            while toks.get(end).is_some_and(|x| is_cap(&x.form) && !lex.is_title_or_role(&x.form) && !non_name(lex, &x.form)) {
                end += 1;
            }
            if end == next {
                break;
            }
            let (a, b) = (next, end - 1);
            match names.iter().position(|m| m.first == a) {
                Some(k) if names[k].ty == NameType::Unknown => names[k].ty = NameType::Entity(EntityKind::Person),
                Some(k) if names[k].ty != NameType::Entity(EntityKind::Person) => break,
                Some(_) => {}
                None if names.iter().all(|m| m.last < a || m.first > b) => {
                    let g = lex.first_name_gender(&toks[a].form).unwrap_or_default();
                    names.push(mention(doc, si, s, a, b, NameType::Entity(EntityKind::Person), g, None));
                }
                None => break,
            }
            // separators: ",", "and", ", and"
            next = b + 1;
            let mut seps = 0;
            while toks.get(next).is_some_and(|x| x.form == "," || x.form == "and") {
                next += 1;
                seps += 1;
            }
            if seps == 0 {
                break;
            }
        }
    }
    names.sort_by_key(|m| (m.first, m.last));
}

/// "X of Y" names a person: X a lone name that is no head of an organization,
/// event or place, Y one capitalised word (a place) not followed by another.
fn of_person(lex: &Lexicon, x: &str, toks: &[crate::doc::Token], k: usize) -> bool {
    let xl = lower(x);
    let xl = xl.as_str();
    let Some(y) = toks.get(k) else { return false };
    is_cap(x)
        && is_cap(&y.form)
        && !toks.get(k + 1).is_some_and(|t| is_cap(&t.form) || t.form == "of")
        && !lex.is_common(xl)
        && !lex.org_first.contains(xl)
        && !lex.org_last.contains(xl)
        && !lex.event_first.contains(xl)
        && !lex.event_named.contains(xl)
        && !lex.places.contains(xl)
        && !lex.non_person_last.contains(xl)
        && !lex.titles.contains_key(xl)
        && !lex.is_title_or_role(xl)
        && !lex.demonyms.contains(xl)
        && !lex.non_names.contains(xl)
}

fn of_joins(lex: &Lexicon, left: &[&str], toks: &[crate::doc::Token], k: usize) -> bool {
    let first = left.first().map(|w| w.to_lowercase()).unwrap_or_default();
    let last = left.last().map(|w| w.to_lowercase()).unwrap_or_default();
    let next_cap = toks.get(k).is_some_and(|t| is_cap(&t.form) && !t.form.eq_ignore_ascii_case("the"))
        || (toks.get(k).is_some_and(|t| t.form.eq_ignore_ascii_case("the")) && toks.get(k + 1).is_some_and(|t| is_cap(&t.form)));
    // "and" joins only inside an organization name that ends in a head:
    // "Ways and Means Committee", "National Air and Space Museum"
    if toks[k - 1].form == "and" || toks[k - 1].form == "&" {
        if lex.org_last.contains(&last) || lex.organizations.contains(&left.join(" ").to_lowercase()) {
            return false; // "New York Post and Fox News" are two
        }
        let mut e = k;
        while e < toks.len() && is_cap(&toks[e].form) {
            e += 1;
        }
        return e > k && lex.org_last.contains(&*lower(&toks[e - 1].form));
    }
    next_cap
        && (lex.org_first.contains(&first) || lex.event_first.contains(&first) || lex.org_last.contains(&last) || lex.event_named.contains(&last))
}

/// Whether a noun for a show or a film (`before` in `event_heads.txt`)
/// comes right before token `a`, or before a comma there, with a determiner
/// at most two words before the noun: "the TV series Supernatural", "the WB
/// series, Supernatural", "the film Maximum Ride".
fn work_noun_before(lex: &Lexicon, toks: &[Token], a: usize) -> bool {
    let noun = match a.checked_sub(1) {
        Some(k) if toks[k].form == "," => k.checked_sub(1),
        k => k,
    };
    let Some(n) = noun.filter(|&n| lex.event_before.contains(&*lower(&toks[n].form))) else { return false };
    (n.saturating_sub(3)..n).any(|k| is_article_or_possessive(&toks[k].form))
}

/// Whether an apposition after the name at `b` calls it a show or a film
/// (`before` in `event_heads.txt`): "Maximum Ride, a film based on ...",
/// "Supernatural, an American television series". The noun heads the
/// apposition (no noun follows it: "a film director" is a person's), after
/// an article and at most three modifiers.
fn work_noun_after(lex: &Lexicon, toks: &[Token], b: usize) -> bool {
    let comma = toks.get(b + 1).is_some_and(|t| t.form == ",");
    if !comma || !toks.get(b + 2).is_some_and(|t| matches!(t.form.to_lowercase().as_str(), "a" | "an" | "the")) {
        return false;
    }
    for k in b + 3..toks.len().min(b + 7) {
        let t = &toks[k];
        if lex.event_before.contains(&t.form.to_lowercase()) {
            return !toks.get(k + 1).is_some_and(|n| matches!(n.upos, Upos::Noun | Upos::Propn));
        }
        let modifier = t.form.chars().all(|c| c.is_ascii_digit() || c == '-') || t.upos == Upos::Adj || t.upos == Upos::Noun && !t.form.chars().next().is_some_and(char::is_uppercase);
        if !modifier {
            return false;
        }
    }
    false
}

/// Whether the name at `a..=b` is a work dated by a year in parentheses,
/// which the guidelines make an event: "Childish Recollections (1806)",
/// "Elevator to the Gallows (1958)", "Malle's The Lovers (Les Amants,
/// 1959)". Two words at least, no "and" among them, and not a given name
/// first: a one-word or joined name before a year is a citation ("Fillmore
/// (1976)", "Cruse and Croft (2004)"), and a person's name before one a
/// credit ("by Giovanni Bellini (1505)"), nor a place first, nor a line of
/// the name and the year alone. A title inside the parentheses
/// ("(Les Amants, 1959)") may start with a given name.
fn dated_work(lex: &Lexicon, toks: &[Token], a: usize, b: usize) -> bool {
    let year = |k: usize| toks.get(k).is_some_and(|t| t.form.len() == 4 && t.form.chars().all(|c| c.is_ascii_digit()));
    let is = |k: usize, w: &str| toks.get(k).is_some_and(|t| t.form == w);
    let words = &toks[a..=b];
    if words.len() < 2 || words.iter().any(|t| matches!(t.form.as_str(), "and" | "&" | ",")) {
        return false;
    }
    let inside = a > 0 && is(a - 1, "(") && is(b + 1, ",") && year(b + 2) && is(b + 3, ")");
    let after = is(b + 1, "(") && year(b + 2) && is(b + 3, ")");
    let first = lower(&words[0].form);
    let first = first.as_str();
    // a team or a body named after its place ("Pittsburgh Pirates (2012)"), or
    // a line of nothing but a name and a year (a career list: team and season)
    if lex.places.contains(first) || a == 0 && b + 4 >= toks.len() {
        return false;
    }
    let given_name = lex.first_names.contains_key(first) && !lex.is_common(first);
    inside || after && !given_name
}

/// Whether the name at `a..=b` and the year right after it name an edition
/// of an event, after a word that says where something happens or who
/// takes part: "Herrick at RecentChangesCamp 2008", "during Wikimania
/// 2011", "attended Fan Expo 2016". Not a citation ("(Fillmore 1968)"),
/// nor a year that opens a date or a range ("at Google 2008-2010").
fn dated_edition(toks: &[Token], a: usize, b: usize) -> bool {
    let year = toks.get(b + 1).is_some_and(|t| t.form.len() == 4 && (t.form.starts_with("19") || t.form.starts_with("20")) && t.form.chars().all(|c| c.is_ascii_digit()));
    let cue = a > 0 && matches!(lower(&toks[a - 1].form).as_str(), "at" | "during" | "attended" | "attend" | "attends" | "attending");
    let open_after = toks.get(b + 2).is_some_and(|t| matches!(t.form.as_str(), "-" | "–" | "—" | "/" | ")") || t.form.chars().all(|c| c.is_ascii_digit()));
    year && cue && !open_after
}

/// An article or a possessive determiner, the words before a noun that
/// introduces a name ("the company Acme Widgets", "his film Easy Rider").
fn is_article_or_possessive(w: &str) -> bool {
    matches!(lower(w).as_str(), "the" | "a" | "an" | "his" | "her" | "their" | "its" | "our" | "my" | "your")
}

#[allow(clippy::too_many_arguments)]
fn make_name(doc: &Document, forms: &FormIndex, si: usize, s: &Sentence, lex: &Lexicon, start: usize, end: usize, at_start: bool, headline: bool, tagged: bool) -> Option<Mention> {
    let toks = &s.tokens;
    let mut a = start;
    let mut gender = Gender::Unknown;
    let mut titled = false;
    // an organization or event name keeps its titles and demonyms ("Russian army",
    // "French Academy of Sciences", "Washington State University")
    let lw = |k: usize| lower(toks[k].form.trim_end_matches('.'));
    let org_like = lex.org_last.contains(&*lw(end))
        || lex.event_named.contains(&*lw(end))
        || (end > start && (lex.org_first.contains(&*lw(start)) || lex.event_first.contains(&*lw(start))))
        // "Roman Catholic": a word for a church's members
        || (end > start && lex.party_plurals.contains_key(&(start..=end).map(|k| lw(k).to_string()).collect::<Vec<_>>().join(" ")));
    // strip determiners, titles and sentence-initial ordinary words
    while a <= end {
        let w = lower(toks[a].form.trim_end_matches('.'));
        let w = w.as_str();
        if w == "the" {
            a += 1;
        } else if let Some(&g) = lex.titles.get(w).filter(|_| !org_like) {
            if a == end {
                break; // "the President" alone: not a name
            }
            gender = if g == Gender::Unknown { gender } else { g };
            // "St. Petersburg" is a place: a saint's title needs a first name after it
            titled = !matches!(w, "st" | "saint") || lex.first_names.contains_key(&*lower(&toks[a + 1].form));
            a += 1;
        } else if non_name(lex, w) {
            a += 1;
        } else if a < end && !org_like && (lex.is_title_or_role(w) || lex.demonyms.contains(w) || lex.places.contains(w)) {
            // "Mathematician Hermann Weyl", "Scots Paul Menzies", "Washington Chris Gregoire"
            if lex.titles.contains_key(w) {
                titled = true;
            }
            a += 1;
        } else if a == start && a < end && at_start && lex.is_common(w) && lex.first_name_gender(w).is_none() {
            let full: String = toks[a..=end].iter().map(|t| t.form.as_str()).collect::<Vec<_>>().join(" ").to_lowercase();
            if lex.organizations.contains(&full) {
                break;
            }
            a += 1;
        } else {
            break;
        }
    }
    if a > end {
        return None;
    }
    // a hyphen left by a stripped demonym ("German-Russian Colonel")
    if toks[a].form == "-" {
        return None;
    }
    // trailing non-names and connectors ("Kanye West Monday", "Kermie Worm &")
    let mut b = end;
    while b > a && (non_name(lex, &toks[b].form) || CONNECTORS.contains(&toks[b].form.as_str()) || toks[b].form == "-" || toks[b].form == "of") {
        b -= 1;
    }
    // post-nominal letters after a name of two words or more ("Zaha Mohammad
    // Hadid DBE RA", "Daniel Bernoulli FRS"): honours, not part of the name
    let honour = |k: usize| {
        let f = toks[k].form.as_str();
        (2..=4).contains(&f.len()) && f.chars().all(|c| c.is_ascii_uppercase()) && !lex.places.contains(&*lower(f)) && !is_roman_numeral(f)
    };
    let mut h = b;
    while h > a && honour(h) {
        h -= 1;
    }
    // the words left are a person's: two or more, capitalised, no head, place or particle
    let personal = |k: usize| {
        let l = lower(&toks[k].form);
        let l = l.as_str();
        is_cap(&toks[k].form) && toks[k].form.chars().any(char::is_lowercase) && !lex.places.contains(l) && !lex.org_last.contains(l) && !lex.event_named.contains(l)
    };
    if h < b && h > a && (a..=h).all(personal) {
        b = h;
    }
    // a title or role on its own ("as President") is not a name
    if a == b && lex.is_title_or_role(&toks[a].form) {
        return None;
    }
    let words: Vec<&str> = toks[a..=b].iter().map(|t| t.form.as_str()).collect();
    if words.len() > 8 {
        return None;
    }
    let label = doc.text[toks[a].span.start..toks[b].span.end].replace('’', "'");
    let label_lower = label.to_lowercase();
    let first = lower(words[0]);
    let first = first.as_str();
    let last = words[words.len() - 1].to_lowercase();
    let mut canonical = None;
    // what follows the name: "the Trump campaign" is an organization
    let after = toks.get(b + 1).map(|t| t.form.to_lowercase()).unwrap_or_default();
    // "the LA Sheriff's office", "the Governor's office": an office held,
    // named by its title, is an organization
    let office_of = lex.is_title_or_role(&last)
        && toks.get(b + 1).is_some_and(|t| t.form == "'s" || t.form == "’s")
        && toks.get(b + 2).is_some_and(|t| matches!(t.form.as_str(), "office" | "Office" | "department" | "Department"));
    if office_of {
        let text = doc.text[toks[a].span.start..toks[b + 2].span.end].replace('’', "'");
        let m = mention(doc, si, s, a, b + 2, NameType::Entity(EntityKind::Organization), Gender::Neuter, Some(text));
        return Some(m);
    }
    // "the company Acme Widgets", "the band Arctic Monkeys": a name right
    // after a noun for an organization, with its article, names one
    let org_noun_before = a >= 2
        && lex.org_nouns.contains_key(&*lower(&toks[a - 1].form))
        && is_article_or_possessive(&toks[a - 2].form);
    // "Herrick at RecentChangesCamp 2008": a name with a year right after it,
    // where something takes place, is an edition of an event
    if dated_edition(toks, a, b) {
        let text = doc.text[toks[a].span.start..toks[b + 1].span.end].replace('’', "'");
        return Some(mention(doc, si, s, a, b + 1, NameType::Entity(EntityKind::Event), Gender::Neuter, Some(text)));
    }
    let ty = if org_noun_before && !lex.places.contains(&label_lower) {
        NameType::Entity(EntityKind::Organization)
    } else if (work_noun_before(lex, toks, a) || work_noun_after(lex, toks, b)) && !lex.places.contains(&label_lower) {
        NameType::Entity(EntityKind::Event)
    } else if lex.org_after.contains(&after) && !lex.places.contains(&label_lower) || lex.org_after.contains(&after) && after == "government" {
        canonical = Some(format!("{label} {after}"));
        let m = mention(doc, si, s, a, b + 1, NameType::Entity(EntityKind::Organization), gender, canonical);
        return Some(m);
    } else if lex.organizations.contains(&label_lower)
        || lex.org_last.contains(&last)
        || lex.org_first.contains(first) && words.len() > 1
        // "American Academy of Pediatrics", "National Institute of Health"
        || words.windows(2).any(|w| w[1] == "of" && lex.org_last.contains(&*lower(w[0])))
    {
        NameType::Entity(EntityKind::Organization)
    } else if words.len() > 1 && lex.organizations.contains(first) && !lex.event_named.contains(&last) {
        // "Google Analytics", "YouTube Rewind": named after a known organization
        NameType::Unknown
    } else if let Some(party) = lex.party_plurals.get(&label_lower).filter(|_| {
        // "Republican" names the party only as a noun, not in "Republican colleagues"
        label_lower.ends_with('s') || !toks.get(b + 1).is_some_and(|t| t.form.chars().next().is_some_and(char::is_lowercase) && t.form.chars().all(char::is_alphabetic) && t.form != "from" && t.form != "of")
    }) {
        canonical = Some(party.clone());
        NameType::Entity(EntityKind::Organization)
    } else if lex.event_placed.contains(&last) && words.len() > 1 && !words.iter().any(|w| w.chars().all(|c| c.is_ascii_digit()) || lex.places.contains(&*lower(w))) {
        // "the Congressional Black Caucus" is a group; "the Iowa Caucus" an event
        NameType::Entity(EntityKind::Organization)
    } else if lex.event_named.contains(&last) && words.len() > 1 || lex.event_first.contains(first) && words.len() > 1 {
        NameType::Entity(EntityKind::Event)
    } else if lex.places.contains(&label_lower) {
        // a country is an organization when it acts: "China criticized ...", "Mexico will pay";
        // a city's name is its club when people join it: "Messi joined Barcelona"
        if acts(lex, toks, b) || joined(toks, b) {
            NameType::Entity(EntityKind::Organization)
        } else {
            return None;
        }
    } else if dated_work(lex, toks, a, b) {
        NameType::Entity(EntityKind::Event)
    } else if (titled || is_person_name(lex, &words, headline, a > 0 && PLACE_CUES.contains(&lower(&toks[a - 1].form).as_str())))
        // no person's name ends with a place of two words ("Madame Tussauds New York")
        && !(words.len() >= 3 && lex.places.contains(&words[words.len() - 2..].join(" ").to_lowercase()))
    {
        if gender == Gender::Unknown {
            gender = lex.first_name_gender(first).unwrap_or(Gender::Unknown);
        }
        NameType::Entity(EntityKind::Person)
    } else if words.len() == 1 && words[0].len() >= 2 && words[0].len() <= 6 && words[0].chars().all(|c| c.is_ascii_uppercase() || c == '&') && !lex.first_names.contains_key(first) && !lex.is_common(first) {
        // acronyms: NASA, BBC
        NameType::Entity(EntityKind::Organization)
    } else if words.len() == 1 && camel_case(words[0]) {
        // brands: "YouTube", "wikiHow", "SiriusXM"
        NameType::Entity(EntityKind::Organization)
    } else {
        NameType::Unknown
    };
    // a bare head is a generic reference ("the Church", "the Party"), not a name
    if words.len() == 1 && ty == NameType::Entity(EntityKind::Organization) && lex.org_last.contains(&last) && !lex.organizations.contains(&label_lower) {
        return None;
    }
    if headline && ty == NameType::Unknown {
        return None;
    }
    // a given name inside a sentence is a name whatever its tag ("his younger
    // brother Alfred were": the tagger reads "Alfred" as a participle)
    let given_name = a == b && !at_start && lex.first_names.contains_key(first) && !lex.is_common(first) && !lex.places.contains(first);
    if tagged && ty == NameType::Unknown && !given_name && !toks[a..=b].iter().any(|t| t.upos == Upos::Propn) {
        return None;
    }
    // the statistical classifier decides what the rules could not
    let mut ty = ty;
    if ty == NameType::Unknown {
        if let Some(k) = classified(forms, si, lex, toks, a, b).filter(|&k| k != EntityKind::Person || !acronym_tail(&words)) {
            if k == EntityKind::Person && gender == Gender::Unknown {
                gender = lex.first_name_gender(first).unwrap_or(Gender::Unknown);
            }
            ty = NameType::Entity(k);
        }
    }
    Some(mention(doc, si, s, a, b, ty, gender, canonical))
}

/// How far the classifier's best class must lead the next (in perceptron
/// units) for it to type a name the rules leave unknown. Tuned on the dev
/// evaluation (`scripts/eval.sh`): at 20 and below the names it adds bring
/// as many wrong entities and relations as right ones.
const ADOPT_MARGIN: f32 = 25.0;

/// The statistical classifier's type for a name the rules leave unknown,
/// when it is sure enough of a person, organization or event; `None` when
/// it is unsure, says "other", or there is no model. (Dropping the names it
/// calls "other" was measured too: it loses more relations than it saves
/// wrong entities, so an unknown name stays for coreference to decide.)
fn classified(forms: &FormIndex, si: usize, lex: &Lexicon, toks: &[crate::doc::Token], a: usize, b: usize) -> Option<EntityKind> {
    let model = lex.entity_model.as_ref()?;
    let cues = forms.cues(lex, si, &toks[b].form);
    let p = model.classify(lex, toks, a, b, cues);
    p.class.kind().filter(|_| p.margin >= ADOPT_MARGIN)
}

/// A lower-case letter followed by an upper-case one, not after a name prefix
/// ("YouTube", "eHow"; not "McGuire", "DeVito", "MacArthur").
fn camel_case(w: &str) -> bool {
    let cs: Vec<char> = w.chars().collect();
    let inner = (1..cs.len()).any(|i| cs[i].is_uppercase() && cs[i - 1].is_lowercase());
    let prefix = ["Mc", "Mac", "De", "Di", "Da", "La", "Le", "Van", "Von", "Du", "O'", "Fitz"].iter().any(|p| w.starts_with(p));
    inner && !prefix && cs.iter().all(|c| c.is_alphanumeric()) && !w.ends_with("ers")
}

/// Whether the capitalised words from `j` on are a person's name run on
/// after the head word of an organization's name at `end` ("Refugee
/// Council Enver Solomon"): two or three capitalised words that are no
/// common words, heads, titles or roles, then no further capital.
fn person_after_org_head(lex: &Lexicon, toks: &[Token], end: usize, j: usize) -> bool {
    if !lex.org_last.contains(&*lower(&toks[end].form)) {
        return false;
    }
    let plain = |k: usize| {
        toks.get(k).is_some_and(|t| {
            let l = lower(&t.form);
            let l = l.as_str();
            is_cap(&t.form) && t.form.chars().any(char::is_lowercase) && !lex.is_common(l) && !lex.org_last.contains(l) && !lex.event_named.contains(l) && !lex.is_title_or_role(l) && !lex.places.contains(l)
        })
    };
    let n = (j..j + 4).take_while(|&k| plain(k)).count();
    (2..=3).contains(&n) && !toks.get(j + n).is_some_and(|t| is_cap(&t.form))
}

/// A word written as a brand: an inner capital after at least two
/// lower-case letters, not after a surname prefix ("SiriusXM", "YouTube",
/// "PayPal"; not "McKenzie", "DiCaprio", "JaVale").
fn brand_word(w: &str) -> bool {
    let cs: Vec<char> = w.chars().collect();
    camel_case(w) && (2..cs.len()).any(|i| cs[i].is_uppercase() && cs[i - 1].is_lowercase() && cs[i - 2].is_lowercase())
}

/// Whether a name of two words or more ends in two or three capitals that
/// are no roman numeral after words that are not all capitals: a product or
/// a unit, not a person ("Arkham VR", "PlayStation VR"; but "Louis XV",
/// "KAMALA HARRIS", and a surname written in capitals, "Joe BIDEN").
fn acronym_tail(words: &[&str]) -> bool {
    let (last, rest) = match words.split_last() {
        Some((l, r)) if !r.is_empty() => (*l, r),
        _ => return false,
    };
    (2..=3).contains(&last.chars().count()) && last.chars().all(|c| c.is_ascii_uppercase()) && !is_roman_numeral(last) && !rest.iter().all(|w| w.chars().all(|c| !c.is_lowercase()))
}

/// The place is the subject of a verb of government action ("China criticized").
fn acts(lex: &Lexicon, toks: &[crate::doc::Token], b: usize) -> bool {
    let t = &toks[b];
    if t.deprel.starts_with("nsubj") {
        if let Some(h) = t.head {
            return lex.acting_verbs.contains(&*lower(&toks[h].lemma));
        }
    }
    // without a parse: the next word is such a verb in the past tense
    toks.get(b + 1).is_some_and(|n| n.form.ends_with("ed") && lex.acting_verbs.contains(n.form.trim_end_matches("ed").trim_end_matches('d')))
}

/// Whether the place name ending at token `b` is a club that people join
/// ("Messi joined Barcelona", "played for Chelsea", "signed with Toronto").
fn joined(toks: &[crate::doc::Token], b: usize) -> bool {
    let t = &toks[b];
    let Some(h) = t.head else { return false };
    // the preposition of the name: "for", "with"
    let case = || toks.iter().find(|c| c.head == Some(b) && c.deprel == "case").map(|c| c.form.to_lowercase());
    match lower(&toks[h].lemma).as_str() {
        "join" => t.deprel == "obj",
        "play" | "sign" => t.deprel == "obl" && matches!(case().as_deref(), Some("for" | "with")),
        _ => false,
    }
}

/// Words before a name that make it a place: "the Albert Hall", "in Lincoln Park".
const PLACE_CUES: &[&str] = &["the", "at", "in", "near", "on", "into", "from", "outside", "inside", "to"];

/// Whether `words`, a run of capitalised words, read as a person's name.
/// `place_cue`: the word before is one of [`PLACE_CUES`].
fn is_person_name(lex: &Lexicon, words: &[&str], headline: bool, place_cue: bool) -> bool {
    let first = lower(words[0]);
    let first = first.as_str();
    let last = words[words.len() - 1].to_lowercase();
    if lex.demonyms.contains(first) || words.iter().any(|w| lex.places.contains(&*lower(w))) && words.len() == 1 {
        return false;
    }
    // a brand's inner capital after two lower-case letters ("SiriusXM Hits",
    // "YouTube Rewind"), unless a given name comes first ("John FitzGibbon");
    // given names have one after a prefix ("LeBron", "JaVale")
    if !lex.first_names.contains_key(first) && words.iter().any(|w| brand_word(w)) || acronym_tail(words) {
        return false;
    }
    // "Museum of Flight", "Space Shuttle Columbia"; but "Bill Barrett", "Eric
    // Temple Bell" start with a first name, and "Peter Hall", "Doris Day" are
    // a first name and a surname (unless a place cue comes first: "the Albert Hall")
    let given_and_surname = words.len() == 2 && !place_cue && lex.first_names.contains_key(first) && !lex.is_common(first) && lex.surnames.contains(&last);
    // initials before a surname are a person's ("W. W. Rouse Ball", "J. R. R. Tolkien")
    let initialled = words.len() >= 2 && is_initial(words[0]) && !is_initial(words[words.len() - 1]) && !place_cue;
    let place_or_thing = !initialled
        && (lex.non_person_last.contains(&last) && !given_and_surname || (!lex.first_names.contains_key(first) && words.iter().any(|w| lex.non_person_last.contains(&*lower(w)))));
    if place_or_thing || lex.non_person_first.contains(first) && words.len() > 1 || lex.is_title_or_role(&last) {
        return false;
    }
    // initials alone ("L. D.") or a run of acronyms ("CC BY-SA") is no name
    if words.iter().all(|w| is_initial(w)) || (!lex.first_names.contains_key(first) && words.iter().filter(|w| **w != "-").all(|w| w.len() > 1 && !w.chars().any(char::is_lowercase))) {
        return false;
    }
    let looks = words.iter().all(|w| is_cap(w) || is_initial(w) || CONNECTORS.contains(w) || *w == "-" || *w == "of");
    if words.len() == 1 {
        return false; // a lone word becomes a person only through an earlier full name (coref)
    }
    // a lone capital is an initial written without its period ("R Saravanan"), not a word
    // a regnal number is no common word ("Johann II", "Henry VIII")
    let common = words.iter().enumerate().filter(|&(i, w)| is_cap(w) && w.chars().count() > 1 && lex.is_common(w) && !(i > 0 && is_roman_numeral(w))).count();
    // long names joined by particles ("Mohammed Hadid Muhammad al-Hajj Husayn Hadid") may have more words
    let particles = words.iter().filter(|w| CONNECTORS.contains(w) && **w != "&").count();
    let most = if particles > 0 { 7 } else { 5 };
    looks && words.len() - particles <= most && (lex.first_names.contains_key(first) || initialled || (lex.surnames.contains(&last) && common < words.len()) || (common == 0 && words.len() <= 3 && !headline))
}

#[allow(clippy::too_many_arguments)]
fn mention(doc: &Document, si: usize, s: &Sentence, a: usize, b: usize, ty: NameType, gender: Gender, canonical: Option<String>) -> Mention {
    let text = doc.text[s.tokens[a].span.start..s.tokens[b].span.end].replace('’', "'");
    Mention { canonical, ..Mention::new(si, s, a, b, text, Form::Name, ty, gender) }
}

#[cfg(test)]
#[path = "names_tests.rs"]
mod tests;
