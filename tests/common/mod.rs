//! Test data shared by the integration tests.

/// Eight short reports, each with an acronym and a firm as ORG, a person and a place: enough
/// for learning to keep the person's span labeler for ORG. Each report's text and its names
/// with their labels (every occurrence of a name is that label).
pub fn org_reports() -> Vec<(String, [(&'static str, &'static str); 4])> {
    [
        ("NCAA", "Acme Corp", "Maria Lopez", "Leeds"),
        ("NBC", "Brill Corp", "Tom Hale", "York"),
        ("FIFA", "Zant Corp", "Ana Ruiz", "Lima"),
        ("UEFA", "Kolt Corp", "Ben Ford", "Oslo"),
        ("ACLU", "Pell Corp", "Li Wei", "Perth"),
        ("IOC", "Dorn Corp", "Sara Kim", "Cork"),
        ("RFL", "Voss Corp", "Omar Said", "Turin"),
        ("ICC", "Marl Corp", "Eva Berg", "Graz"),
    ]
    .into_iter()
    .map(|(a, firm, person, place)| {
        let text = format!(
            "Yesterday the {a} fined {firm} in {place}. Later {person} of the {a} said {firm} \
             agreed. However, the {a} left."
        );
        let names = [
            (a, "ORG"),
            (firm, "ORG"),
            (person, "PERSON"),
            (place, "PLACE"),
        ];
        (text, names)
    })
    .collect()
}
