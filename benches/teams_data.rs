//! Two annotators' versions of 1,000 news-style documents of 1,000 words, for the agreement
//! benchmarks (native and in the browser): the first annotator has the recogniser's spans, the
//! second the same with every 7th dropped, every 11th relabelled and every 13th cut short.

use spanlight::core::agreement::Annotator;
use spanlight::core::document::{Document, Span, NUMBER, PERSON, PLACE};
use spanlight::core::formats::Record;
use spanlight::core::recognizer::recognize;
use spanlight::core::sample::ARTICLE;

/// `words` words of the sample article, starting `shift` words in, numbered so that every
/// document's text differs.
pub fn text(n: usize, words: usize, shift: usize) -> String {
    let all: Vec<&str> = ARTICLE.split_inclusive(char::is_whitespace).collect();
    let mut out = format!("Document {n}. ");
    for i in 0..words {
        out.push_str(all[(shift + i) % all.len()]);
    }
    out
}

pub fn annotators(docs: usize, words: usize) -> Vec<Annotator> {
    let (mut a, mut b) = (Vec::with_capacity(docs), Vec::with_capacity(docs));
    for n in 0..docs {
        let text = text(n, words, n * 37);
        let spans: Vec<Span> = recognize(&text)
            .into_iter()
            .map(|s| Span::new(s.start, s.end, s.label))
            .collect();
        let mut da = Document::new(&text);
        let _ = da.set_spans(spans.clone());
        let other: Vec<Span> = spans
            .into_iter()
            .enumerate()
            .filter(|(i, _)| i % 7 != 3)
            .map(|(i, mut s)| {
                if i % 11 == 5 {
                    s.label = match s.label.as_str() {
                        PERSON => PLACE.into(),
                        PLACE => NUMBER.into(),
                        _ => PERSON.into(),
                    };
                }
                if i % 13 == 2 {
                    // The first word only (not valid on every span: then kept whole).
                    if let Some(cut) = da.tokens().iter().find(|t| t.start == s.start) {
                        s.end = cut.end;
                    }
                }
                s
            })
            .collect();
        let mut db = Document::new(&text);
        let _ = db.set_spans(other);
        a.push(Record::new(da));
        b.push(Record::new(db));
    }
    // The second file lists the documents in reverse: matching is by text.
    b.reverse();
    vec![Annotator::new("a", a), Annotator::new("b", b)]
}
