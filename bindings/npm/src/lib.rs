//! The npm package's WebAssembly: spanlight's recogniser and formats for JavaScript, without the
//! app. Offsets are JavaScript string (UTF-16) units unless `{units: "codepoints"}` is asked for;
//! every bad input becomes a JS `Error` with the message the CLI would give.

use js_sys::{Array, JsString, Object, Reflect};
use wasm_bindgen::prelude::*;

use spanlight::core::formats::{self, Format};
use spanlight::core::recognizer;
use spanlight::core::text::OffsetMap;

/// How offsets are counted in what [`recognize`] returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Units {
    /// JavaScript string indices, so `text.slice(start, end)` is the span.
    Utf16,
    /// Unicode code points, as the CLI and every export count them.
    CodePoints,
}

impl Units {
    pub fn from_name(name: &str) -> Result<Units, String> {
        match name {
            "utf16" => Ok(Units::Utf16),
            "codepoints" => Ok(Units::CodePoints),
            other => Err(format!(
                "unknown units \"{other}\" (use \"utf16\" or \"codepoints\")"
            )),
        }
    }
}

/// A span found in a text, with offsets in the chosen units.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub label: String,
    pub text: String,
}

/// The recogniser's spans in `text`, counted in `units`.
pub fn find(text: &str, units: Units) -> Vec<Found> {
    let offsets = OffsetMap::new(text);
    let at = |cp: usize| match units {
        Units::CodePoints => cp,
        Units::Utf16 => offsets.cp_to_utf16(cp).unwrap_or(offsets.utf16_len()),
    };
    recognizer::recognize(text)
        .into_iter()
        .map(|s| Found {
            start: at(s.start),
            end: at(s.end),
            text: offsets
                .slice(text, s.start, s.end)
                .unwrap_or("")
                .to_string(),
            label: s.label.to_string(),
        })
        .collect()
}

/// Reads documents in one format and writes them in another; all or nothing, failing with the
/// first problem (its line or document named, as the CLI reports it).
pub fn convert_text(input: &str, from: &str, to: &str) -> Result<String, String> {
    let format = |name: &str| {
        Format::from_name(name).ok_or_else(|| {
            let known: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
            format!("unknown format \"{name}\" (known: {})", known.join(", "))
        })
    };
    let (from, to) = (format(from)?, format(to)?);
    let records = formats::import_records(input, from).map_err(|e| e.to_string())?;
    formats::export_records(&records, to).map_err(|e| e.to_string())
}

fn error(message: impl AsRef<str>) -> JsError {
    JsError::new(message.as_ref())
}

/// `value` as a Rust string, or an error naming `what` when it is not a string or holds an
/// unpaired surrogate (which no export format could write).
fn text_of(value: &JsValue, what: &str) -> Result<String, JsError> {
    let Some(js) = value.dyn_ref::<JsString>() else {
        let kind = value.js_typeof().as_string().unwrap_or_default();
        return Err(error(format!("{what} must be a string, not {kind}")));
    };
    if !js.is_valid_utf16() {
        let units: Vec<u16> = js.iter().collect();
        let mut at = 0;
        for c in char::decode_utf16(units.iter().copied()) {
            match c {
                Ok(c) => at += c.len_utf16(),
                Err(_) => break,
            }
        }
        return Err(error(format!(
            "{what} is not valid Unicode text: unpaired surrogate at index {at}"
        )));
    }
    Ok(String::from(js))
}

/// `options[key]` as a string; `None` when `options` or the key is missing.
fn option(options: &JsValue, key: &str) -> Result<Option<String>, JsError> {
    if options.is_undefined() || options.is_null() {
        return Ok(None);
    }
    if !options.is_object() {
        return Err(error("options must be an object"));
    }
    let value = Reflect::get(options, &JsValue::from_str(key))
        .map_err(|_| error(format!("cannot read options.{key}")))?;
    if value.is_undefined() {
        return Ok(None);
    }
    value
        .as_string()
        .map(Some)
        .ok_or_else(|| error(format!("options.{key} must be a string")))
}

/// `recognize(text, {units})`: `[{start, end, label, text}]`, sorted and non-overlapping.
#[wasm_bindgen(js_name = recognize)]
pub fn recognize_js(text: JsValue, options: JsValue) -> Result<Array, JsError> {
    let text = text_of(&text, "text")?;
    let units = match option(&options, "units")? {
        Some(name) => Units::from_name(&name).map_err(error)?,
        None => Units::Utf16,
    };
    let out = Array::new();
    for f in find(&text, units) {
        let o = Object::new();
        for (key, value) in [
            ("start", JsValue::from(f.start as f64)),
            ("end", JsValue::from(f.end as f64)),
            ("label", JsValue::from_str(&f.label)),
            ("text", JsValue::from_str(&f.text)),
        ] {
            Reflect::set(&o, &JsValue::from_str(key), &value)
                .map_err(|_| error("cannot build the result"))?;
        }
        out.push(&o);
    }
    Ok(out)
}

/// `convert(input, {from, to})`: the documents of `input` written in another format.
#[wasm_bindgen(js_name = convert)]
pub fn convert_js(input: JsValue, options: JsValue) -> Result<String, JsError> {
    let input = text_of(&input, "input")?;
    let from = option(&options, "from")?.ok_or_else(|| error("options.from is required"))?;
    let to = option(&options, "to")?.ok_or_else(|| error("options.to is required"))?;
    convert_text(&input, &from, &to).map_err(error)
}

/// The package version (the Rust crate's, which the build writes into package.json too).
#[wasm_bindgen(js_name = version)]
pub fn version_js() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_offsets_count_an_emoji_as_two_units() {
        let text = "👩‍🔬 Angela Merkel visited Paris.";
        let cps = find(text, Units::CodePoints);
        let u16s = find(text, Units::Utf16);
        assert!(!cps.is_empty());
        let units: Vec<u16> = text.encode_utf16().collect();
        for (c, u) in cps.iter().zip(&u16s) {
            assert_eq!(c.text, u.text);
            assert_eq!(u.end - u.start, u.text.encode_utf16().count());
            assert_eq!(String::from_utf16(&units[u.start..u.end]).unwrap(), u.text);
            let chars: String = text.chars().skip(c.start).take(c.end - c.start).collect();
            assert_eq!(chars, c.text);
        }
        // The emoji is three code points and five UTF-16 units before the first name.
        assert_eq!(u16s[0].start - cps[0].start, 2);
    }

    #[test]
    fn bad_formats_and_units_are_named() {
        let e = convert_text("{}", "nope", "spacy").unwrap_err();
        assert!(e.contains("unknown format \"nope\""), "{e}");
        assert!(e.contains("label-studio"), "{e}");
        let e = convert_text("not json\n", "spanlight", "spacy").unwrap_err();
        assert!(e.starts_with("line 1:"), "{e}");
        assert!(Units::from_name("bytes").unwrap_err().contains("\"bytes\""));
    }

    #[test]
    fn convert_round_trips_through_another_format() {
        let doc = r#"{"text":"Kerry flew to Paris.","spans":[{"start":0,"end":5,"label":"PERSON","text":"Kerry"}]}"#;
        let spacy = convert_text(doc, "spanlight", "spacy").unwrap();
        let back = convert_text(&spacy, "spacy", "spanlight").unwrap();
        assert!(back.contains("\"Kerry\""), "{back}");
        assert!(back.contains("PERSON"), "{back}");
    }

    proptest::proptest! {
        /// Whatever the text (emoji, accents, CJK, line ends, names), both units point at the
        /// span's own text, and nothing panics.
        #[test]
        fn both_units_slice_to_the_span_text(
            text in r"([A-Z][a-z]{1,8}|[0-9]{1,4}|👩‍🔬|🇺🇸|é|e\u{301}|東京|\r\n| |, |\. ){0,40}"
        ) {
            let cps = find(&text, Units::CodePoints);
            let u16s = find(&text, Units::Utf16);
            proptest::prop_assert_eq!(cps.len(), u16s.len());
            let chars: Vec<char> = text.chars().collect();
            let units: Vec<u16> = text.encode_utf16().collect();
            for (c, u) in cps.iter().zip(&u16s) {
                proptest::prop_assert_eq!(&c.text, &u.text);
                proptest::prop_assert_eq!(chars[c.start..c.end].iter().collect::<String>(), c.text.clone());
                proptest::prop_assert_eq!(String::from_utf16(&units[u.start..u.end]).unwrap(), u.text.clone());
            }
        }
    }
}
