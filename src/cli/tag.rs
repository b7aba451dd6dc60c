//! `spanlight tag`: JSONL of `{"text"}` in, the same lines with `"spans"` out.

use std::io::{self, BufRead, BufWriter, Write};
use std::sync::Arc;

use serde::Serialize;
use serde_json::Value;

use crate::core::recognizer::Recognizer;
use crate::core::text::OffsetMap;

/// Args: `[--model FILE]`.
pub fn run_args(
    args: &[String],
    input: impl BufRead,
    out: &mut impl Write,
    err: &mut impl Write,
) -> i32 {
    let recognizer = match args {
        [] => Recognizer::shipped(),
        [flag, f] if flag == "--model" => match super::learn::load_model(f) {
            Ok(r) => Arc::new(r),
            Err(e) => {
                let _ = writeln!(err, "tag: {e}");
                return 1;
            }
        },
        _ => {
            let _ = writeln!(
                err,
                "usage: spanlight tag [--model FILE] < in.jsonl > out.jsonl"
            );
            return 2;
        }
    };
    let mut out = BufWriter::with_capacity(1 << 16, out);
    super::each_line(input, &mut out, err, |l, out| tag_line(l, &recognizer, out))
}

/// A span as the output writes it (the keys in the order of a JSON object's, as before).
#[derive(Serialize)]
struct SpanOut<'a> {
    end: usize,
    label: &'a str,
    start: usize,
    text: &'a str,
}

/// Tags one JSONL line, keeping every field it had, and writes the result to `out` as it
/// goes: on a long text, neither the line, the result nor the spans as JSON values are held
/// whole. A line that is not a JSON object with a `"text"` string is refused before anything
/// is written.
pub fn tag_line(
    line: String,
    recognizer: &Recognizer,
    out: &mut impl Write,
) -> io::Result<Result<(), String>> {
    let value: Value = match serde_json::from_str(&line) {
        Ok(v) => v,
        Err(e) => return Ok(Err(format!("not JSON: {e}"))),
    };
    drop(line);
    let Value::Object(mut obj) = value else {
        return Ok(Err("expected a JSON object like {\"text\": \"...\"}".into()));
    };
    let text = match obj.get_mut("text") {
        // Taken, not copied: the object keeps its place, and it is written from here.
        Some(Value::String(s)) => std::mem::take(s),
        Some(_) => return Ok(Err("\"text\" must be a string".into())),
        None => return Ok(Err("missing \"text\" field".into())),
    };
    let found = recognizer.recognize(&text);
    // Only the spans' texts are needed, not a whole document with its tokens.
    let map = OffsetMap::new(&text);
    // The object's keys in its own order, with `spans` where the object puts a new key.
    obj.insert("spans".into(), Value::Null);
    out.write_all(b"{")?;
    for (k, (key, value)) in obj.iter().enumerate() {
        if k > 0 {
            out.write_all(b",")?;
        }
        serde_json::to_writer(&mut *out, key)?;
        out.write_all(b":")?;
        match key.as_str() {
            "text" => serde_json::to_writer(&mut *out, &text)?,
            "spans" => {
                out.write_all(b"[")?;
                for (n, s) in found.iter().enumerate() {
                    if n > 0 {
                        out.write_all(b",")?;
                    }
                    let span = SpanOut {
                        end: s.end,
                        label: &s.label,
                        start: s.start,
                        text: map.slice(&text, s.start, s.end).unwrap_or(""),
                    };
                    serde_json::to_writer(&mut *out, &span)?;
                }
                out.write_all(b"]")?;
            }
            _ => serde_json::to_writer(&mut *out, value)?,
        }
    }
    out.write_all(b"}")?;
    Ok(Ok(()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_lines_are_named_and_the_rest_go_through() {
        let input = "{\"id\": 1, \"text\": \"a\"}\nnot json\n\n[1]\n{\"id\": 2, \"text\": \"b\", \"x\": true}\n";
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let status = run_args(&[], input.as_bytes(), &mut out, &mut err);
        let out = String::from_utf8(out).unwrap();
        let err = String::from_utf8(err).unwrap();
        assert_eq!(status, 1);
        let lines: Vec<Value> = out
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0]["id"], 1);
        assert_eq!(lines[1]["x"], true, "other fields are kept");
        assert!(lines[1]["spans"].is_array());
        assert!(err.contains("line 2: not JSON"), "{err}");
        assert!(err.contains("line 4: expected a JSON object"), "{err}");
    }
}
