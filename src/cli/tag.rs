//! `spanlight tag`: JSONL of `{"text"}` in, the same lines with `"spans"` out.

use std::io::{BufRead, Write};

use serde_json::{json, Value};

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
        [] => Recognizer::shipped().as_ref().clone(),
        [flag, f] if flag == "--model" => match super::learn::load_model(f) {
            Ok(r) => r,
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
    super::each_line(input, out, err, |l| tag_line(l, &recognizer))
}

/// Tags one JSONL line, keeping every field it had.
pub fn tag_line(line: &str, recognizer: &Recognizer) -> Result<String, String> {
    let mut value: Value = serde_json::from_str(line).map_err(|e| format!("not JSON: {e}"))?;
    let obj = value
        .as_object_mut()
        .ok_or("expected a JSON object like {\"text\": \"...\"}")?;
    let text = match obj.get_mut("text") {
        // Taken, not copied, and put back below: a long line costs its size fewer times.
        Some(Value::String(s)) => std::mem::take(s),
        Some(_) => return Err("\"text\" must be a string".into()),
        None => return Err("missing \"text\" field".into()),
    };
    let found = recognizer.recognize(&text);
    // Only the spans' texts are needed, not a whole document with its tokens.
    let map = OffsetMap::new(&text);
    let spans: Vec<Value> = found
        .iter()
        .map(|s| {
            let t = map.slice(&text, s.start, s.end).unwrap_or("");
            json!({"start": s.start, "end": s.end, "label": s.label, "text": t})
        })
        .collect();
    drop(map);
    obj.insert("text".into(), Value::String(text));
    obj.insert("spans".into(), Value::Array(spans));
    Ok(value.to_string())
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
