//! Tests of the name rules of `names.rs`, on corpus sentences (quoted with
//! their file) and a few written for a rule the corpus does not show.

use crate::graph::EntityKind;
use crate::mentions::NameType;
use crate::resources::Resources;

/// The name mentions of `text` with their types.
fn names(text: &str) -> Vec<(String, NameType)> {
    let ex = crate::pipeline::extract("t", text.to_string(), Resources::get(), crate::pipeline::Options::default());
    ex.mentions.iter().filter(|m| m.form == crate::mentions::Form::Name).map(|m| (m.text.clone(), m.ty)).collect()
}

/// Whether `ns` holds the name `text` typed as `kind`.
fn typed(ns: &[(String, NameType)], text: &str, kind: EntityKind) -> bool {
    ns.iter().any(|(t, ty)| t == text && *ty == NameType::Entity(kind))
}

#[test]
fn a_surname_that_names_a_place_is_a_person_after_a_given_name() {
    // ../shared/corpus/gum/news_election.txt
    let ns = names("Nathan Law of Demosisto won a seat.");
    assert!(typed(&ns, "Nathan Law", EntityKind::Person), "{ns:?}");
    // written for the test: after a place cue the same shape is a place
    let ns = names("Doris Day sang at the Albert Hall.");
    assert!(typed(&ns, "Doris Day", EntityKind::Person), "{ns:?}");
    assert!(!ns.iter().any(|(t, ty)| t.contains("Albert") && *ty == NameType::Entity(EntityKind::Person)), "{ns:?}");
}

#[test]
fn a_city_that_people_join_is_its_club() {
    // written for the test (the corpus has no sports transfers)
    let ns = names("Lionel Messi joined Barcelona in 2003. Tom Hanks moved to Los Angeles.");
    assert!(typed(&ns, "Barcelona", EntityKind::Organization), "{ns:?}");
    assert!(!typed(&ns, "Los Angeles", EntityKind::Organization), "{ns:?}");
}

#[test]
fn a_plural_possessive_stays_inside_an_organization_name() {
    // ../shared/corpus/gum/news_korea.txt and news_election.txt
    let ns = names("Kim Jong-un issued an order of the supreme commander of the Korean People's Army that the units should enter a wartime state.");
    assert!(typed(&ns, "Korean People's Army", EntityKind::Organization), "{ns:?}");
    let ns = names("Other candidates elected in this constituency were Gary Chan of DAB and Eunice Yung of New People's Party.");
    assert!(typed(&ns, "New People's Party", EntityKind::Organization), "{ns:?}");
    // ../shared/corpus/gum/bio_holt.txt: a team's possessive before a common noun phrase
    let ns = names("He began the 2011 season with the Pirates' Double-A affiliate, the Altoona Curve.");
    assert!(!ns.iter().any(|(t, _)| t.contains("Pirates'")), "{ns:?}");
}

#[test]
fn institutions_named_in_other_languages_are_organizations() {
    // ../shared/corpus/gum/bio_galois.txt, bio_chao.txt, news_taxes.txt
    let ns = names("He died the following morning at ten o'clock in the Hôpital Cochin (probably of peritonitis), after refusing the offices of a priest.");
    assert!(typed(&ns, "Hôpital Cochin", EntityKind::Organization), "{ns:?}");
    let ns = names("He began to conduct linguistic fieldwork throughout China for the Institute of History and Philology of Academia Sinica from 1928 onwards.");
    assert!(typed(&ns, "Academia Sinica", EntityKind::Organization), "{ns:?}");
    let ns = names("Instituto Gonzaga, a catholic school in Milan.");
    assert!(typed(&ns, "Instituto Gonzaga", EntityKind::Organization), "{ns:?}");
}

#[test]
fn an_online_occupation_before_a_name_is_no_part_of_it() {
    // ../shared/corpus/gum/bio_marbles.txt
    let ns = names("Marbles has been in a relationship with fellow YouTuber Julien Solomita since 2013.");
    assert!(typed(&ns, "Julien Solomita", EntityKind::Person), "{ns:?}");
    assert!(!ns.iter().any(|(t, _)| t.contains("YouTuber")), "{ns:?}");
}

#[test]
fn a_name_ending_with_a_place_of_two_words_is_no_person() {
    // ../shared/corpus/gum/bio_marbles.txt: "Madame" is a title, yet this is a museum
    let ns = names("In 2015, Jenna Marbles unveiled a wax figure of herself at Madame Tussauds New York.");
    assert!(typed(&ns, "Jenna Marbles", EntityKind::Person), "{ns:?}");
    assert!(!ns.iter().any(|(t, ty)| t.ends_with("New York") && *ty == NameType::Entity(EntityKind::Person)), "{ns:?}");
}

#[test]
fn a_regnal_number_ends_a_person_name() {
    // ../shared/corpus/gum/bio_bernoulli.txt: "II" is also a common word (as in "World War II")
    let ns = names("He had two brothers, Niklaus and Johann II.");
    assert!(typed(&ns, "Johann II", EntityKind::Person), "{ns:?}");
    // written for the test: a number alone is no name
    let ns = names("It was the worst war since World War II.");
    assert!(!ns.iter().any(|(t, ty)| t.contains("II") && *ty == NameType::Entity(EntityKind::Person)), "{ns:?}");
}

#[test]
fn initials_before_a_surname_make_a_person() {
    // ../shared/corpus/gum/bio_bernoulli.txt: "Ball" also ends names of events
    let ns = names("Daniel Bernoulli was described by W. W. Rouse Ball as \"by far the ablest of the younger Bernoullis\".");
    assert!(typed(&ns, "W. W. Rouse Ball", EntityKind::Person), "{ns:?}");
    // written for the test: more than three words, and a surname no list has
    let ns = names("The book was written by J. R. R. Tolkien in 1937.");
    assert!(typed(&ns, "J. R. R. Tolkien", EntityKind::Person), "{ns:?}");
}

#[test]
fn a_name_after_a_noun_for_an_organization_names_one() {
    // written for the test: "Acme Widgets" looks like a given name and a surname
    let ns = names("He worked for the company Acme Widgets until 2001. She joined the band Arctic Monkeys.");
    assert!(typed(&ns, "Acme Widgets", EntityKind::Organization), "{ns:?}");
    assert!(typed(&ns, "Arctic Monkeys", EntityKind::Organization), "{ns:?}");
    // ../shared/corpus/gum/news_hackers.txt
    let ns = names("At that time, one in three visits to the site came from BBC News, and the website increased to number 3 in the company Hitwise UK's Lifestyle-Religion category.");
    assert!(typed(&ns, "Hitwise UK", EntityKind::Organization), "{ns:?}");
}

#[test]
fn a_word_written_as_a_brand_makes_no_person() {
    // ../shared/corpus/gum/bio_marbles.txt
    let ns = names("Marbles also hosts a weekly pop countdown on SiriusXM Hits 1 called \"YouTube 15\".");
    assert!(!ns.iter().any(|(t, ty)| t.contains("SiriusXM") && *ty == NameType::Entity(EntityKind::Person)), "{ns:?}");
    // ../shared/corpus/gum/bio_byron.txt: a given name first keeps the person
    let ns = names("The most enduring of those was with John FitzGibbon, 2nd Earl of Clare — four years Byron's junior — whom he was to meet unexpectedly many years later in Italy (1821).");
    assert!(typed(&ns, "John FitzGibbon", EntityKind::Person), "{ns:?}");
}

#[test]
fn a_name_ending_in_an_acronym_is_no_person() {
    // ../shared/corpus/gum/news_expo.txt
    let ns = names("Ubisoft, Microsoft, and PlayStation VR all had large areas set up for attendees to try their latest games. In the 20-minute PlayStation VR demonstration of Batman: Arkham VR, players are dropped down a secret elevator in Bruce Wayne's manor.");
    assert!(!ns.iter().any(|(t, ty)| t.ends_with(" VR") && *ty == NameType::Entity(EntityKind::Person)), "{ns:?}");
    assert!(typed(&ns, "Bruce Wayne", EntityKind::Person), "{ns:?}");
    // ../shared/corpus/gum/bio_enfant.txt: a regnal number is no acronym
    let ns = names("He served under Louis XV in the war.");
    assert!(typed(&ns, "Louis XV", EntityKind::Person), "{ns:?}");
}

#[test]
fn the_arabic_article_joins_a_name() {
    // ../shared/corpus/gum/bio_hadid.txt: six names and a particle are one person
    let ns = names("Her father Mohammed Hadid Muhammad al-Hajj Husayn Hadid was a wealthy industrialist from Mosul.");
    assert!(typed(&ns, "Mohammed Hadid Muhammad al-Hajj Husayn Hadid", EntityKind::Person), "{ns:?}");
    // ../shared/corpus/gum/news_crane.txt
    let ns = names("Suleiman al-Amr said the crane fell in a storm.");
    assert!(ns.iter().any(|(t, _)| t == "Suleiman al-Amr"), "{ns:?}");
}

#[test]
fn post_nominal_letters_are_no_part_of_a_name() {
    // ../shared/corpus/gum/bio_hadid.txt, bio_bernoulli.txt
    let ns = names("Dame Zaha Mohammad Hadid DBE RA (31 October 1950 – 31 March 2016) was an Iraqi-British architect.");
    assert!(typed(&ns, "Zaha Mohammad Hadid", EntityKind::Person), "{ns:?}");
    let ns = names("Daniel Bernoulli FRS was a Swiss mathematician and physicist.");
    assert!(typed(&ns, "Daniel Bernoulli", EntityKind::Person), "{ns:?}");
    // a regnal number and a place's letters stay (../shared/corpus/gum/bio_moreau.txt, news_iodine.txt)
    let ns = names("During World War II she lived in Paris. Mu Li works at the University of NSW.");
    assert!(ns.iter().any(|(t, _)| t == "World War II"), "{ns:?}");
    assert!(ns.iter().any(|(t, _)| t == "University of NSW"), "{ns:?}");
}

#[test]
fn a_sentence_that_owes_its_capitals_to_names_is_no_headline() {
    let res = Resources::get();
    let sentence = |text: &str| crate::pipeline::extract("t", text.to_string(), res, crate::pipeline::Options::default()).doc.sentences[0].clone();
    // written for the test: seven of eight longer words are capitalised, all of them names
    let s = sentence("Barack Obama praised Alex Padilla, Jon Ossoff and Raphael Warnock.");
    assert!(!super::title_case_sentence(&s, &res.lexicon));
    let ns = names("Barack Obama praised Alex Padilla, Jon Ossoff and Raphael Warnock.");
    for name in ["Barack Obama", "Alex Padilla", "Jon Ossoff", "Raphael Warnock"] {
        assert!(typed(&ns, name, EntityKind::Person), "{name}: {ns:?}");
    }
    // headlines: title case without a final stop, or capitalised dictionary words
    assert!(super::title_case_sentence(&sentence("Kanye West Praises John Legend After Grammys Party"), &res.lexicon));
    assert!(super::title_case_sentence(&sentence("Senate Passes Landmark Climate Bill After Long Debate."), &res.lexicon));
}

#[test]
fn a_title_right_after_a_noun_for_a_show_or_a_film_is_an_event() {
    // ../shared/corpus/gum/bio_padalecki.txt: "Supernatural" was taken for a person
    let ns = names("He is best known for playing the role of Sam Winchester in the TV series Supernatural.");
    assert!(typed(&ns, "Supernatural", EntityKind::Event), "{ns:?}");
    let ns = names("That same year, Padalecki was cast as Sam Winchester on the WB series, Supernatural.");
    assert!(typed(&ns, "Supernatural", EntityKind::Event), "{ns:?}");
    // ../shared/corpus/gum/news_warhol.txt
    let ns = names("Portrait shot of Dennis Hopper, famous for his role in the 1969 film Easy Rider.");
    assert!(typed(&ns, "Easy Rider", EntityKind::Event) && typed(&ns, "Dennis Hopper", EntityKind::Person), "{ns:?}");
    // no determiner before the noun: no title ("Series Editor Jane Smith")
    let ns = names("Series editor Jane Smith praised the book.");
    assert!(typed(&ns, "Jane Smith", EntityKind::Person), "{ns:?}");
}

#[test]
fn a_title_dated_by_a_year_in_parentheses_is_a_work() {
    // ../shared/corpus/gum/bio_byron.txt and bio_moreau.txt
    let ns = names("His nostalgic poems about his Harrow friendships, Childish Recollections (1806), express a prescient consciousness.");
    assert!(typed(&ns, "Childish Recollections", EntityKind::Event), "{ns:?}");
    let ns = names("Elevator to the Gallows with Louis Malle was followed by Malle's The Lovers (Les Amants, 1959).");
    assert!(typed(&ns, "Les Amants", EntityKind::Event), "{ns:?}");
    // a credit and a citation are people's names; a line of a name and a year a career list
    let ns = names("St. Jerome in the Desert, painted by Giovanni Bellini (1505), hangs in London.");
    assert!(typed(&ns, "Giovanni Bellini", EntityKind::Person), "{ns:?}");
    let ns = names("Pittsburgh Pirates (2012)");
    assert!(!typed(&ns, "Pittsburgh Pirates", EntityKind::Event), "{ns:?}");
}

#[test]
fn a_caucus_is_a_group_unless_a_place_or_a_year_names_it() {
    // ../shared/corpus/gum/speech_floyd.txt
    let ns = names("Thank you to the Congressional Black Caucus and its Chair, Joyce Beatty.");
    assert!(typed(&ns, "Congressional Black Caucus", EntityKind::Organization), "{ns:?}");
    // written for the test
    let ns = names("Barack Obama won the 2008 Iowa Caucus.");
    assert!(typed(&ns, "2008 Iowa Caucus", EntityKind::Event) || typed(&ns, "Iowa Caucus", EntityKind::Event), "{ns:?}");
}

#[test]
fn a_name_in_apposition_with_a_film_is_a_work() {
    // ../shared/corpus/gum/bio_marbles.txt
    let ns = names("In 2016, Marbles became an executive producer for Maximum Ride, a film based on the series of novels of the same name by James Patterson.");
    assert!(typed(&ns, "Maximum Ride", EntityKind::Event), "{ns:?}");
    // written for the test: the noun must head the apposition
    let ns = names("He met Martin Scorsese, a film director, in New York.");
    assert!(typed(&ns, "Martin Scorsese", EntityKind::Person), "{ns:?}");
}

#[test]
fn a_title_with_a_subtitle_after_in_is_a_work() {
    // ../shared/corpus/gum/bio_marbles.txt (`subtitles.rs`)
    let ns = names("Marbles appeared as herself in Smosh: The Movie.");
    assert!(typed(&ns, "Smosh: The Movie", EntityKind::Event), "{ns:?}");
    // ../shared/corpus/gum/bio_nida.txt: a book's title is no event
    let ns = names("His textbook Morphology: The Descriptive Analysis of Words was one of the major works of American Structuralism.");
    assert!(!ns.iter().any(|(t, ty)| t.contains(':') && *ty == NameType::Entity(EntityKind::Event)), "{ns:?}");
}

#[test]
fn a_name_with_a_year_where_something_happens_is_an_edition_of_an_event() {
    // ../shared/corpus/gum/interview_herrick.txt (a photo caption) and bio_padalecki.txt
    let ns = names("Jack Herrick founded wikiHow. Herrick at RecentChangesCamp 2008 Image: ShakataGaNai.");
    assert!(typed(&ns, "RecentChangesCamp 2008", EntityKind::Event), "{ns:?}");
    let ns = names("Jared Padalecki spoke at San Diego Comic-Con 2015 about his career.");
    assert!(typed(&ns, "San Diego Comic-Con 2015", EntityKind::Event), "{ns:?}");
    // written for the test: a citation, and a span of years, are no editions
    let ns = names("He worked at Google 2008-2010 as an engineer.");
    assert!(!ns.iter().any(|(t, _)| t.contains("2008")), "{ns:?}");
}
